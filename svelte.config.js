import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** A CSP hash source for `text`. */
function sha256(text) {
	const digest = createHash('sha256').update(text).digest('base64');
	return /** @type {`sha256-${string}`} */ (`sha256-${digest}`);
}

/**
 * SHA-256 sources for the inline scripts of src/app.html (the theme bootstrap). Kit hashes the
 * scripts and styles it writes itself, not the template's, so they are hashed here from the file:
 * editing the script changes its hash with it.
 */
const templateScripts = [
	...readFileSync(new URL('./src/app.html', import.meta.url), 'utf8').matchAll(
		/<script>([\s\S]*?)<\/script>/g
	)
].map(([, body]) => sha256(body));

/**
 * Kit's route announcer (`#svelte-announcer`, added after hydration) carries a style attribute
 * (sveltejs/kit#11993). Its one value is allowed by hash with 'unsafe-hashes'; every other style
 * attribute stays refused. Read from kit's source, so an upgrade that changes or drops it follows.
 */
const announcerStyles = [
	...readFileSync(
		new URL('./node_modules/@sveltejs/kit/src/core/sync/write_root.js', import.meta.url),
		'utf8'
	).matchAll(/id="svelte-announcer"[^>]*?\sstyle="([^"]*)"/g)
].map(([, value]) => sha256(value));
const styleAttributes = [...new Set(announcerStyles)];

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ fallback: '200.html', precompress: true, strict: true }),
		serviceWorker: { register: false },
		// Small enough to inline: saves a render-blocking request on a slow phone connection.
		inlineStyleThreshold: 12 * 1024,
		// Prerendered pages carry the policy as <meta http-equiv>, ahead of every script in the page.
		// Kit adds the hashes of its boot script and of the inlined stylesheet. Nothing else inline
		// runs or applies: no eval, no inline event handlers, no style attribute but the announcer's
		// (Svelte's style: directives set styles through the CSSOM, which style-src does not govern).
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', ...templateScripts],
				'style-src': ['self'],
				...(styleAttributes.length
					? { 'style-src-attr': /** @type {const} */ (['unsafe-hashes', ...styleAttributes]) }
					: {}),
				'img-src': ['self'],
				'connect-src': ['self'],
				'font-src': ['self'],
				'manifest-src': ['self'],
				'worker-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		},
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
