import { fileURLToPath } from 'node:url';
import { build, type Plugin, type Rolldown } from 'vite';

/** Where the generated service worker finds Quire's additions (workbox `importScripts`). */
export const SW_ADDON = 'sw-addon.js';

const ENTRY = fileURLToPath(new URL('../src/sw/addon.ts', import.meta.url));

/**
 * Bundles src/sw/addon.ts (the share target's POST handler and the app badge) into one classic
 * script, /sw-addon.js, beside the app's client files: the Workbox worker that vite-plugin-pwa
 * generates loads it with importScripts, so precaching stays Workbox's own.
 */
export function serviceWorkerAddon(): Plugin {
	return {
		name: 'quire-sw-addon',
		apply: 'build',
		applyToEnvironment: (environment) => environment.name === 'client',
		async generateBundle() {
			const out = await build({
				configFile: false,
				logLevel: 'warn',
				build: {
					write: false,
					emptyOutDir: false,
					minify: true,
					reportCompressedSize: false,
					lib: { entry: ENTRY, formats: ['iife'], name: 'quireServiceWorker' }
				}
			});
			const results = (Array.isArray(out) ? out : [out]) as Rolldown.RolldownOutput[];
			const chunk = results.flatMap((r) => r.output).find((o) => o.type === 'chunk');
			if (!chunk || chunk.type !== 'chunk')
				throw new Error('The service worker addon did not build');
			this.emitFile({ type: 'asset', fileName: SW_ADDON, source: chunk.code });
		}
	};
}
