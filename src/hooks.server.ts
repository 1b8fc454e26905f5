import { existsSync, readFileSync } from 'node:fs';
import type { Handle } from '@sveltejs/kit';
import { completePreloads, lowPriorityPreloads, type Manifest } from '$lib/server/preloads';

/** The client build's Vite manifest; it exists when pages are prerendered, not under vite dev. */
const MANIFEST = '.svelte-kit/output/client/.vite/manifest.json';

let manifest: Manifest | null | undefined;
function clientManifest(): Manifest | null {
	if (manifest === undefined)
		manifest = existsSync(MANIFEST)
			? (JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest)
			: null;
	return manifest;
}

/**
 * Prerendering: every page preloads all the JavaScript it imports, at low priority (see
 * preloads.ts).
 */
export const handle: Handle = ({ event, resolve }) =>
	resolve(event, {
		transformPageChunk: ({ html }) => {
			const m = clientManifest();
			return lowPriorityPreloads(m ? completePreloads(html, m) : html);
		}
	});
