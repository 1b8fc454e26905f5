import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ fallback: '200.html', precompress: true, strict: true }),
		serviceWorker: { register: false },
		// Small enough to inline: saves a render-blocking request on a slow phone connection.
		inlineStyleThreshold: 12 * 1024,
		typescript: {
			// Type-check and lint the e2e specs and scripts with the app's strict settings.
			config(tsconfig) {
				tsconfig.include.push(
					'../e2e/**/*.ts',
					'../e2e-engines/**/*.ts',
					'../playwright.config.ts',
					'../scripts/**/*.ts'
				);
			}
		},
		prerender: { handleHttpError: 'fail', handleMissingId: 'fail' }
	}
};

export default config;
