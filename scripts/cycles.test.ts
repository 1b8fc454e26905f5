import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCycles, importGraph } from './cycles';

const dir = join(import.meta.dirname, '__cycle_fixtures__');
const files = readdirSync(dir).map((f) => join(dir, f));

describe('the import cycle check', () => {
	it('finds a cycle closed by a type-only import, and not the file that only enters it', () => {
		const cycles = findCycles(importGraph(files));
		expect(cycles.map((c) => c.map((f) => f.slice(dir.length + 1)).sort())).toEqual([
			['a.ts', 'b.ts']
		]);
	});
	it('finds none once the cycle is cut', () => {
		const graph = importGraph(files);
		graph.set(join(dir, 'b.ts'), []);
		expect(findCycles(graph)).toEqual([]);
	});
});
