// Which JavaScript files a first visit to each prerendered route loads, read from the Vite
// manifest of the client build (no dependencies: npm run budget and an e2e spec both use it).
//
// A first visit loads: the two entry scripts and the route's nodes named in the page's boot
// script, every chunk they import statically, and the chunks loaded with import() that run without
// any interaction (AFTER_PAINT below), with what those import. The e2e spec `budget.spec.ts`
// visits every route in a fresh browser and fails when the files it fetched differ from this list,
// so AFTER_PAINT cannot fall out of date unnoticed.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { htmlFiles, routeOf } from './routes.mjs';

/** Where SvelteKit's client build writes the Vite manifest (kit turns `build.manifest` on). */
export const MANIFEST = '.svelte-kit/output/client/.vite/manifest.json';

/**
 * Chunks loaded with import() that run on a first visit with no interaction, by the chunk's
 * manifest `name`: kit's root error page (node 1) is loaded at start (the update controller that
 * registers the service worker is part of the layout, not a chunk of its own). `routes` adds a route's own: with
 * nothing stored yet, no page loads the database (Dexie) before the first write
 * (src/lib/db/exists.ts); Settings reads its error log (a database of its own, no Dexie).
 * @type {{ every: string[], routes: Record<string, string[]> }}
 */
export const AFTER_PAINT = {
	every: ['nodes/1'],
	routes: {
		// The error log's panel reads the device's log once the page is shown.
		'/settings': ['error-log-rows']
	}
};

/**
 * @typedef {{ file: string, name?: string, src?: string, isEntry?: boolean,
 *   isDynamicEntry?: boolean, imports?: string[], dynamicImports?: string[], css?: string[] }} Chunk
 * @typedef {{ file: string, name: string, afterPaint: boolean }} Loaded
 * @typedef {{ route: string, files: Loaded[], css: string[] }} Visit
 */

/**
 * The chunk names a first visit to `route` loads with import().
 * @param {string} route
 */
export function afterPaintNames(route) {
	return [...AFTER_PAINT.every, ...(AFTER_PAINT.routes[route] ?? [])];
}

/**
 * Every prerendered route of `build` with the JS files (paths under build/) its first visit loads.
 * Throws with a clear message when the manifest is missing or belongs to another build.
 * @param {string} build
 * @param {string} manifestPath
 * @returns {Visit[]}
 */
export function firstVisits(build = 'build', manifestPath = MANIFEST) {
	if (!existsSync(manifestPath))
		throw new Error(`No Vite manifest at ${manifestPath}: run \`npm run build\` first.`);
	/** @type {Record<string, Chunk>} */
	const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
	const byFile = new Map(Object.entries(manifest).map(([key, c]) => [c.file, key]));
	const byName = new Map(Object.entries(manifest).map(([key, c]) => [c.name ?? key, key]));
	for (const [, c] of Object.entries(manifest))
		if (c.file.endsWith('.js') && !existsSync(join(build, c.file)))
			throw new Error(
				`${c.file} is in ${manifestPath} but not in ${build}/: the two come from different builds; run \`npm run build\`.`
			);
	for (const name of new Set([...AFTER_PAINT.every, ...Object.values(AFTER_PAINT.routes).flat()]))
		if (!byName.has(name))
			throw new Error(
				`No chunk named "${name}" in ${manifestPath}: update AFTER_PAINT in scripts/first-visit.mjs.`
			);

	/** @param {string} key */
	const chunk = (key) => /** @type {Chunk} */ (manifest[key]);
	/**
	 * Adds `key` and its static imports to `out`, marked as loaded after mount or not.
	 * @param {string} key
	 * @param {Map<string, boolean>} out
	 * @param {boolean} late
	 */
	const closure = (key, out, late) => {
		if (out.has(key)) return;
		out.set(key, late);
		for (const dep of chunk(key).imports ?? []) closure(dep, out, late);
	};

	return htmlFiles(build)
		.map((html) => {
			const route = routeOf(build, html);
			const text = readFileSync(html, 'utf8');
			const boot = [
				...text.matchAll(/import\("(?:\.\.?\/)*(_app\/immutable\/entry\/[^"]+\.js)"\)/g)
			];
			const nodeIds = /node_ids:\s*\[([\d,\s]*)\]/.exec(text)?.[1];
			if (!boot.length || nodeIds === undefined)
				throw new Error(`${html} has no SvelteKit boot script: is it a prerendered page?`);
			/** @type {Map<string, boolean>} key → loaded after paint */
			const keys = new Map();
			for (const [, file] of boot) {
				const key = byFile.get(/** @type {string} */ (file));
				if (!key) throw new Error(`${html} loads ${file}, which is not in ${manifestPath}.`);
				closure(key, keys, false);
			}
			for (const id of nodeIds.split(',').map((s) => s.trim())) {
				const key = byName.get(`nodes/${id}`);
				if (!key) throw new Error(`${html} starts node ${id}, which is not in ${manifestPath}.`);
				closure(key, keys, false);
			}
			for (const name of afterPaintNames(route))
				closure(/** @type {string} */ (byName.get(name)), keys, true);
			// Kit inlines small stylesheets and leaves their links disabled: those are not fetched.
			const linked = [...text.matchAll(/<link\b[^>]*>/g)]
				.map((m) => m[0])
				.filter((tag) => /\brel="stylesheet"/.test(tag) && !/\sdisabled\b/.test(tag))
				.map((tag) => /\bhref="(?:\.\.?\/)*([^"]+)"/.exec(tag)?.[1])
				.filter((href) => href !== undefined);
			const lateCss = [...keys].filter(([, late]) => late).flatMap(([k]) => chunk(k).css ?? []);
			const css = [...new Set([...linked, ...lateCss])];
			return {
				route,
				files: [...keys].map(([key, late]) => ({
					file: chunk(key).file,
					name: chunk(key).name ?? key,
					afterPaint: late
				})),
				css
			};
		})
		.sort((a, b) => a.route.localeCompare(b.route));
}
