/**
 * The SCORM player (src/player) as a separate build: one classic script, one stylesheet and the
 * page, made with Vite's API and handed to whoever packages it. `npm run build` makes it through
 * the `quirePlayer()` plugin below (the app imports `virtual:quire-player` when a teacher
 * downloads a package), and `npm run bank:convert -- … --to scorm12` through `buildPlayer()`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { build, type Plugin, type Rollup } from 'vite';

import type { PlayerFiles } from '../src/lib/teach/scorm/package.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const at = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

/** Builds the player with Vite: minified, one IIFE script (no modules: file: URLs refuse them). */
export async function buildPlayer(): Promise<PlayerFiles> {
	const out = await build({
		configFile: false,
		root,
		logLevel: 'warn',
		mode: 'production',
		plugins: [svelte({ configFile: false, compilerOptions: { runes: true } })],
		resolve: { alias: { $lib: at('src/lib') } },
		build: {
			write: false,
			emptyOutDir: false,
			reportCompressedSize: false,
			cssCodeSplit: false,
			target: 'es2022',
			minify: true,
			// As in vite.config.ts: the YAML parser (bank/validate.ts's import) has no side effects, so
			// the bundler drops it; the player never parses YAML.
			rolldownOptions: {
				checks: { bundlerTimings: false },
				treeshake: { moduleSideEffects: (id: string) => !/node_modules[\\/]yaml[\\/]/.test(id) }
			},
			lib: {
				entry: at('src/player/main.ts'),
				formats: ['iife'],
				name: 'QuirePlayer',
				fileName: () => 'player.js',
				cssFileName: 'player'
			}
		}
	});
	const outputs = (Array.isArray(out) ? out : [out]) as Rollup.RollupOutput[];
	let js = '';
	let css = '';
	for (const o of outputs.flatMap((x) => x.output)) {
		if (o.type === 'chunk' && o.fileName.endsWith('.js')) js += o.code;
		else if (o.type === 'asset' && o.fileName.endsWith('.css')) css += String(o.source);
	}
	if (!js || !css) throw new Error('The player build made no script or no stylesheet.');
	if (/\beval\s*\(|new Function\s*\(/.test(js))
		throw new Error('The player build contains eval or new Function; the package must not.');
	return {
		'index.html': readFileSync(at('src/player/index.html'), 'utf8'),
		'player.js': js,
		'player.css': css
	};
}

const ID = 'virtual:quire-player';
const RESOLVED = '\0' + ID;

/** Serves `virtual:quire-player`: the player's files as strings, built once per process. */
export function quirePlayer(): Plugin {
	let built: Promise<PlayerFiles> | null = null;
	return {
		name: 'quire-player',
		resolveId(id) {
			return id === ID ? RESOLVED : null;
		},
		async load(id) {
			if (id !== RESOLVED) return null;
			built ??= buildPlayer();
			const files = await built;
			for (const file of [
				'src/player',
				'src/lib/components/quiz',
				'src/lib/engine',
				'src/lib/teach/scorm'
			])
				this.addWatchFile(at(file));
			return `export default ${JSON.stringify(files)};`;
		}
	};
}
