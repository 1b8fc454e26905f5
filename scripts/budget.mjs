// npm run budget: the gzip size of every JS file a first visit to each route loads, read from the
// Vite manifest (scripts/first-visit.mjs): the entry scripts, the route's nodes, all they import,
// and the chunks loaded with import() after first paint (the database, the service worker).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { firstVisits } from './first-visit.mjs';

const BUILD = 'build';
const KB = 1024;
/**
 * Route → gzip JS budget in KB for a whole first visit, chunks imported after mount included;
 * every other route gets DEFAULT.
 */
const BUDGETS = { '/': 75 };
const DEFAULT = 120;

let visits;
try {
	visits = firstVisits(BUILD);
} catch (error) {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
}

const gzCache = new Map();
function gzipKB(file) {
	if (!gzCache.has(file))
		gzCache.set(file, gzipSync(readFileSync(join(BUILD, file)), { level: 9 }).length / KB);
	return gzCache.get(file);
}
const sum = (files) => files.reduce((total, f) => total + gzipKB(f), 0);

const pad = (s, n) => String(s).padEnd(n);
const num = (n, w = 8) => n.toFixed(1).padStart(w);
console.log(
	'gzip KB of the JS a first visit loads: preloaded by the page + imported after mount = total'
);
console.log(
	`${pad('route', 16)}files  ${'page'.padStart(8)} ${'+ after'.padStart(8)} ${'= total'.padStart(8)}  ${'CSS'.padStart(5)}  budget  status`
);
let failed = 0;
for (const v of visits) {
	const now = v.files.filter((f) => !f.afterPaint).map((f) => f.file);
	const later = v.files.filter((f) => f.afterPaint).map((f) => f.file);
	const total = sum(now) + sum(later);
	const budget = BUDGETS[v.route] ?? DEFAULT;
	const ok = total <= budget;
	if (!ok) failed++;
	console.log(
		`${pad(v.route, 16)}${String(v.files.length).padStart(5)}  ${num(sum(now))} ${num(sum(later))} ${num(total)}  ${num(sum(v.css), 5)}  ${num(budget, 6)}  ${ok ? 'ok' : 'OVER'}`
	);
}

// Where the bytes go: the largest chunks any first visit loads, by the manifest's chunk name.
const chunks = new Map();
for (const v of visits) for (const f of v.files) chunks.set(f.file, f.name);
const largest = [...chunks]
	.map(([file, name]) => ({ name, kb: gzipKB(file) }))
	.sort((a, b) => b.kb - a.kb)
	.slice(0, 8);
console.log(`\nLargest chunks: ${largest.map((c) => `${c.name} ${c.kb.toFixed(1)}`).join(', ')}`);
console.log('CSS inlined into the HTML by SvelteKit is not fetched and is not counted.');
if (failed) {
	console.error(`\n${failed} route(s) over their JS budget.`);
	process.exit(1);
}
console.log(`All ${visits.length} routes within budget.`);
