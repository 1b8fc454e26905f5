// Fails when modules under src/ import each other in a cycle. Reads every .ts, .js and .svelte
// file, follows static, dynamic and type imports of $lib/… and relative paths, and prints each
// cycle found as a chain of files.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const LIB = join(src, 'lib');

/** Every source file below `dir`, skipping lint fixtures that are broken on purpose. */
function walk(dir: string, out: string[] = []): string[] {
	for (const name of readdirSync(dir)) {
		if (name === '__lint_fixtures__') continue;
		const path = join(dir, name);
		if (statSync(path).isDirectory()) walk(path, out);
		else if (/\.(ts|js|svelte)$/.test(name) && !/\.d\.ts$/.test(name)) out.push(path);
	}
	return out;
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;

/** The file an import specifier names, or null for packages and virtual modules. */
function resolveSpecifier(from: string, spec: string): string | null {
	let base: string;
	if (spec === '$lib' || spec.startsWith('$lib/')) base = join(LIB, spec.slice(5));
	else if (spec.startsWith('.')) base = resolve(dirname(from), spec);
	else return null;
	const stem = base.replace(/\.js$/, '');
	for (const candidate of [base, `${stem}.ts`, `${stem}.js`, join(base, 'index.ts')]) {
		if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
	}
	throw new Error(`${relative(root, from)}: cannot resolve "${spec}"`);
}

/** Import graph: file → files it imports. */
export function importGraph(files: readonly string[]): Map<string, string[]> {
	const graph = new Map<string, string[]>();
	for (const file of files) {
		const text = readFileSync(file, 'utf8');
		const deps = new Set<string>();
		for (const m of text.matchAll(IMPORT)) {
			const target = resolveSpecifier(file, m[1]!);
			if (target) deps.add(target);
		}
		graph.set(file, [...deps]);
	}
	return graph;
}

/** Each cycle once, as the list of files around it (Tarjan's strongly connected components). */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
	let index = 0;
	const stack: string[] = [];
	const on = new Set<string>();
	const idx = new Map<string, number>();
	const low = new Map<string, number>();
	const cycles: string[][] = [];
	const visit = (v: string) => {
		idx.set(v, index);
		low.set(v, index++);
		stack.push(v);
		on.add(v);
		for (const w of graph.get(v) ?? []) {
			if (!idx.has(w)) {
				visit(w);
				low.set(v, Math.min(low.get(v)!, low.get(w)!));
			} else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
		}
		if (low.get(v) === idx.get(v)) {
			const comp = [];
			let w: string;
			do {
				w = stack.pop()!;
				on.delete(w);
				comp.push(w);
			} while (w !== v);
			if (comp.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(comp.reverse());
		}
	};
	for (const v of graph.keys()) if (!idx.has(v)) visit(v);
	return cycles;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const files = walk(src);
	const cycles = findCycles(importGraph(files));
	if (cycles.length) {
		for (const c of cycles)
			console.error(`Import cycle: ${c.map((f) => relative(root, f)).join(' → ')}`);
		process.exit(1);
	}
	console.log(`No import cycle among ${files.length} files in src/.`);
}
