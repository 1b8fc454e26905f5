import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';
import { compileHints } from './scripts/compile-hints.ts';
import { quirePlayer } from './scripts/player.ts';
import { SW_ADDON, serviceWorkerAddon } from './scripts/sw-addon.ts';
import { SHARE_ACTION, SHARE_FILE_TYPES } from './src/lib/pwa/shared.ts';
import { questionBank } from './src/lib/bank/vite-plugin.ts';

export default defineConfig(({ command, isSsrBuild }) => ({
	// A quiet build: warnings and errors only, not a line per output file (npm run budget prints
	// the sizes that matter) nor the bundler's plugin timings (nothing in them to act on).
	logLevel: command === 'build' ? 'warn' : 'info',
	build: {
		reportCompressedSize: false,
		rolldownOptions: {
			checks: { bundlerTimings: false },
			// The YAML parser has no side effects on import; declaring it lets the bundler drop it from
			// pages that only use the entry rules of bank/validate.ts (the parser serves the bank build
			// and the drafter worker, not the pages).
			treeshake: { moduleSideEffects: (id: string) => !/node_modules[\\/]yaml[\\/]/.test(id) },
			output: isSsrBuild
				? {}
				: {
						codeSplitting: {
							groups: [
								{
									// What every page loads: Svelte and kit's runtime, the bundler's helpers and
									// the shell's state (src/routes/+layout.svelte). One request instead of six.
									name: 'framework',
									test: /node_modules[\\/](svelte|@sveltejs[\\/]kit|esm-env|devalue|clsx)[\\/]|rolldown[\\/]runtime|vite[\\/]preload-helper|src[\\/]lib[\\/](state[\\/]((app|update|install|due)\.svelte|keyboard)|db[\\/]exists|srs[\\/](due|days)|pwa[\\/]badge)\.ts$/,
									priority: 3
								},
								{
									// Small modules most routes past the home page share: the schemas, the
									// dialogs, voice tags, problem reports, the built-in set's summary, the text
									// renderer with its stored maths (here, or it is pulled into the quiz chunk and
									// /cards loads all the inputs). Sixteen files of 0.1–4 KB each were
									// sixteen requests on a phone's connection.
									name: 'common',
									test: /node_modules[\\/]valibot[\\/]|virtual:quire-bank\/summary|src[\\/]lib[\\/](bank[\\/](schema|digits|validate|set|cloze|voice|highlight|math|formats[\\/]text)\.ts|components[\\/](Dialog|ConfirmDialog|VoiceTag|ReportProblem|RichText)\.svelte|engine[\\/]report\.ts|state[\\/]reports\.svelte\.ts|teach[\\/](csv|limits)\.ts|state[\\/]stepped\.svelte\.ts|db[\\/]defaults\.ts|srs[\\/]card-state\.ts)/,
									priority: 2
								},
								{
									// The quiz engine the study, review, teach and editor routes share: choosing
									// items, sessions, scoring.
									name: 'engine',
									test: /src[\\/]lib[\\/]engine[\\/](rng|generate|session|index|score|merge)\.ts/,
									priority: 2
								},
								{
									// The question inputs, for the routes that show a question (review, a quiz
									// session, the editor's preview); the study home and the teacher's page choose
									// questions without showing them.
									name: 'quiz',
									test: /src[\\/]lib[\\/]components[\\/]quiz[\\/]/,
									priority: 2
								},
								{
									// The teacher's tools: links, sealed result codes and the item analysis.
									name: 'teach',
									test: /src[\\/]lib[\\/](teach[\\/](link|codec|crypto|analysis)|engine[\\/]bounds)\.ts/,
									priority: 2
								},
								{
									// Sharing a link or a result: the panel, the assignment's facts, file saving.
									name: 'share',
									test: /src[\\/]lib[\\/](components[\\/]teach[\\/](SharePanel|QrCode|AssignmentFacts|share|labels)|download\.ts)/,
									priority: 2
								}
							]
						}
					}
		}
	},
	// Workers as ES modules (both are started with type: 'module'), so the import worker's
	// readers split into chunks it loads when a file needs them: the Anki package reader (sql.js,
	// fflate, fzstd) and the Moodle XML reader are fetched only when such a file is read.
	worker: { format: 'es' as const },
	plugins: [
		questionBank(),
		// The SCORM player, built apart (scripts/player.ts) for "Download for your LMS".
		quirePlayer(),
		sveltekit(),
		compileHints(),
		serviceWorkerAddon(),
		SvelteKitPWA({
			registerType: 'prompt',
			strategies: 'generateSW',
			injectRegister: false,
			// Kit builds with relative paths; the worker must still be /sw.js with scope / from every
			// route, or a first visit to /study/session asks for /study/sw.js.
			base: '/',
			buildBase: '/',
			scope: '/',
			manifest: {
				id: '/',
				name: 'Quire — study offline',
				short_name: 'Quire',
				description: 'Quizzes and flashcards that work offline.',
				lang: 'en',
				start_url: '/',
				scope: '/',
				display: 'standalone',
				theme_color: '#33358f',
				background_color: '#f7f7fb',
				icons: [
					{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
					{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
					{
						src: '/icons/maskable-512.png',
						sizes: '512x512',
						type: 'image/png',
						purpose: 'maskable'
					},
					{ src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml' }
				],
				// Share to Quire from any app: the service worker answers the POST (src/lib/pwa/worker.ts),
				// online or not, and opens New set from an article (text) or the import preview (a file).
				share_target: {
					action: SHARE_ACTION,
					method: 'POST',
					enctype: 'multipart/form-data',
					params: {
						title: 'title',
						text: 'text',
						url: 'url',
						files: Object.entries(SHARE_FILE_TYPES).map(([type, exts]) => ({
							name: 'file',
							accept: [type, ...exts]
						}))
					}
				},
				// Open with Quire (desktop Chromium): the library's import preview, through launchQueue.
				file_handlers: [{ action: '/library', accept: SHARE_FILE_TYPES }]
			},
			workbox: {
				globPatterns: [
					// wasm: sql.js's SQLite, fetched by the import worker only when an Anki package is read.
					'client/**/*.{js,css,ico,png,svg,webp,webmanifest,json,wasm}',
					'prerendered/**/*.{html,json}'
				],
				cleanupOutdatedCaches: true,
				// The share target and the app badge (scripts/sw-addon.ts builds it from src/sw).
				importScripts: [`/${SW_ADDON}`],
				// First install controls the open page at once; updates still wait for the prompt.
				clientsClaim: true
			},
			kit: { adapterFallback: '200.html', spa: true, includeVersionFile: true }
		})
	],
	test: {
		include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
		environment: 'node',
		// When a test gives up, not a speed goal: the 200,000-entry and QR tests take several
		// seconds on a shared 2-core machine under load. Speed lives in the bench scripts.
		testTimeout: 30_000
	}
}));
