/**
 * Completes the `<link rel="modulepreload">` list of a prerendered page.
 *
 * SvelteKit lists a page's JavaScript by walking the Vite manifest from the page's nodes, but it
 * marks a chunk as seen when it first meets it under a dynamic import (the database, loaded only
 * after the first write) and then skips it when a static import reaches it later. The browser
 * finds such a chunk only once the module importing it has arrived and been parsed: one more round
 * trip before the page can start, on every route whose code shares a module with a lazy chunk.
 * This adds every chunk the preloaded ones import statically, so all of a page's code is
 * requested at once.
 *
 * It adds the error page's node too: kit imports it as soon as it starts (so an error can always be
 * shown), which was one more request after all the page's code had run.
 */

/** The parts of a Vite manifest entry read here. */
export interface ManifestChunk {
	file: string;
	imports?: string[];
}

export type Manifest = Record<string, ManifestChunk>;

const PRELOAD =
	/<link href="((?:\.\.?\/)*)(_app\/immutable\/[^"]+\.js)" rel="modulepreload"( fetchpriority="low")?>/g;

/** Every file the given files import statically, transitively, in a stable order. */
export function staticClosure(manifest: Manifest, files: readonly string[]): string[] {
	const keyOf = new Map(Object.entries(manifest).map(([key, chunk]) => [chunk.file, key]));
	const seen = new Set<string>();
	const visit = (file: string) => {
		if (seen.has(file)) return;
		seen.add(file);
		const key = keyOf.get(file);
		for (const dep of (key && manifest[key]?.imports) || []) {
			const depFile = manifest[dep]?.file;
			if (depFile) visit(depFile);
		}
	};
	files.forEach(visit);
	return [...seen];
}

/** The manifest key of the error page's node, which kit's client imports when it starts. */
const ERROR_NODE = /(^|\/)nodes\/1\.js$/;

/** The page's HTML with a modulepreload link for every statically imported chunk it lacked. */
export function completePreloads(html: string, manifest: Manifest): string {
	const links = [...html.matchAll(PRELOAD)];
	const last = links.at(-1);
	if (!last) return html;
	const prefix = last[1] ?? '';
	const listed = links.map((m) => m[2] ?? '');
	const errorNode = Object.entries(manifest).find(([key]) => ERROR_NODE.test(key))?.[1].file;
	const wanted = errorNode ? [...listed, errorNode] : listed;
	const missing = staticClosure(manifest, wanted).filter((file) => !listed.includes(file));
	if (missing.length === 0) return html;
	const at = (last.index ?? 0) + last[0].length;
	const priority = last[3] ?? '';
	const added = missing.map(
		(file) => `\n\t\t<link href="${prefix}${file}" rel="modulepreload"${priority}>`
	);
	return html.slice(0, at) + added.join('') + html.slice(at);
}

const PRELOAD_LINK = /(<link href="[^"]+\.js" rel="modulepreload")>/g;

/**
 * The page's HTML with every modulepreload link asking for low fetch priority.
 *
 * A prerendered page paints from its HTML alone: its scripts hydrate what is already on screen, and
 * module scripts never block rendering. Fetched at the default (high) priority they compete with the
 * document and its images for a slow connection, and Lighthouse counts every high-priority script
 * that arrived before the first paint as blocking it (it cannot see when a module runs, only when a
 * classic script does), so each KB of a page's code added to its simulated first paint. They are
 * still requested at once, in parallel, as soon as the head is parsed.
 */
export function lowPriorityPreloads(html: string): string {
	return html.replace(PRELOAD_LINK, '$1 fetchpriority="low">');
}
