// npm run budget: gzip size of the JS and CSS each prerendered route loads on a first visit.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUILD = 'build';
const KB = 1024;
/** Route → gzip JS budget in KB; every other route gets DEFAULT. */
const BUDGETS = { '/': 90 };
const DEFAULT = 120;

if (!existsSync(join(BUILD, 'index.html'))) {
	console.error('No build/ found: run `npm run build` first.');
	process.exit(1);
}

const gzCache = new Map();
function gzipSize(file) {
	if (!gzCache.has(file)) gzCache.set(file, gzipSync(readFileSync(file), { level: 9 }).length);
	return gzCache.get(file);
}

/** Static imports only: dynamic import() chunks load later, on demand. */
function staticImports(file) {
	const code = readFileSync(file, 'utf8');
	const found = new Set();
	const re = /(?:\bimport|\bexport)\s*(?:[\w*{}\s,$]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+)["']/g;
	for (const m of code.matchAll(re)) found.add(posix.join(posix.dirname(file), m[1]));
	return found;
}

function collect(entries) {
	const seen = new Set();
	const stack = [...entries];
	while (stack.length) {
		const file = stack.pop();
		if (seen.has(file) || !existsSync(file)) continue;
		seen.add(file);
		for (const dep of staticImports(file)) stack.push(dep);
	}
	return seen;
}

function htmlFiles(dir) {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return name === '_app' ? [] : htmlFiles(path);
		return name.endsWith('.html') && name !== '200.html' ? [path] : [];
	});
}

function routeOf(file) {
	const rel = relative(BUILD, file)
		.replace(/\\/g, '/')
		.replace(/\.html$/, '');
	return rel === 'index' ? '/' : '/' + rel.replace(/\/index$/, '');
}

const rows = [];
for (const file of htmlFiles(BUILD)) {
	const html = readFileSync(file, 'utf8');
	const base = dirname(file);
	const resolve = (href) => posix.join(base.replace(/\\/g, '/'), href);
	const links = [...html.matchAll(/<link\b[^>]*>/g)].map((m) => ({
		rel: /\brel="([^"]+)"/.exec(m[0])?.[1],
		href: /\bhref="([^"]+)"/.exec(m[0])?.[1],
		// Kit leaves inlined stylesheets as disabled links: they are not fetched.
		disabled: /\sdisabled\b/.test(m[0])
	}));
	const entries = [
		...links.filter((l) => l.rel === 'modulepreload' && l.href).map((l) => l.href),
		...[...html.matchAll(/import\(\s*"([^"]+\.js)"\s*\)/g)].map((m) => m[1])
	].map(resolve);
	const css = links
		.filter((l) => l.rel === 'stylesheet' && l.href && !l.disabled)
		.map((l) => resolve(l.href));
	const js = collect(entries);
	const jsBytes = [...js].reduce((sum, f) => sum + gzipSize(f), 0);
	const cssBytes = [...new Set(css)].reduce((sum, f) => sum + gzipSize(f), 0);
	const route = routeOf(file);
	const budget = BUDGETS[route] ?? DEFAULT;
	rows.push({ route, files: js.size, js: jsBytes / KB, css: cssBytes / KB, budget });
}

rows.sort((a, b) => a.route.localeCompare(b.route));
const pad = (s, n) => String(s).padEnd(n);
const num = (n) => n.toFixed(1).padStart(8);
console.log(
	`${pad('route', 22)}${pad('js files', 10)}  JS gzip KB  CSS gzip KB  budget KB  status`
);
let failed = 0;
for (const r of rows) {
	const ok = r.js <= r.budget;
	if (!ok) failed++;
	console.log(
		`${pad(r.route, 22)}${pad(r.files, 10)}${num(r.js)}    ${num(r.css)}     ${num(r.budget)}  ${ok ? 'ok' : 'OVER'}`
	);
}
if (failed) {
	console.error(`\n${failed} route(s) over their JS budget.`);
	process.exit(1);
}
console.log(`\nAll ${rows.length} routes within budget. CSS inlined into the HTML is not counted.`);
