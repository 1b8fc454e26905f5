// The routes of a production build, read from its prerendered pages (no dependencies).
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Every prerendered page's HTML file under `dir`, except the SPA fallback.
 * @param {string} dir
 * @returns {string[]}
 */
export function htmlFiles(dir) {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return name === '_app' ? [] : htmlFiles(path);
		return name.endsWith('.html') && name !== '200.html' ? [path] : [];
	});
}

/**
 * The route a prerendered HTML file serves: build/study/session.html → /study/session.
 * @param {string} build
 * @param {string} file
 */
export function routeOf(build, file) {
	const rel = relative(build, file)
		.replace(/\\/g, '/')
		.replace(/\.html$/, '');
	return rel === 'index' ? '/' : '/' + rel.replace(/\/index$/, '');
}

/**
 * The build's routes, sorted.
 * @param {string} build
 */
export function prerenderedRoutes(build) {
	return htmlFiles(build)
		.map((f) => routeOf(build, f))
		.sort((a, b) => a.localeCompare(b));
}
