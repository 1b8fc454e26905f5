import { describe, expect, it } from 'vitest';
import { createRng, randomInt, randomSeed, shuffle } from './rng';

describe('createRng', () => {
	it('gives the same sequence for the same seed, on any device', () => {
		const r = createRng('quire');
		// Pinned values: a change here would change every shared quiz.
		expect([r(), r(), r()]).toEqual([0.43323431722819805, 0.14444853458553553, 0.4549323853570968]);
		expect(createRng(42)()).toBe(0.611545278923586);
		expect(createRng('42')()).toBe(0.611545278923586);
	});

	it('gives unrelated sequences for neighbouring seeds', () => {
		const a = createRng('seed-1');
		const b = createRng('seed-2');
		const xs = Array.from({ length: 5 }, () => a());
		const ys = Array.from({ length: 5 }, () => b());
		expect(xs).not.toEqual(ys);
		for (const x of xs) expect(x).not.toBe(ys[0]);
	});

	it('stays in [0, 1) and spreads evenly', () => {
		const r = createRng('spread');
		const buckets = new Array<number>(10).fill(0);
		let outside = 0;
		for (let i = 0; i < 20_000; i++) {
			const x = r();
			if (!(x >= 0 && x < 1)) outside++;
			buckets[randomInt(() => x, 10)] = (buckets[randomInt(() => x, 10)] ?? 0) + 1;
		}
		expect(outside).toBe(0);
		for (const n of buckets) expect(Math.abs(n - 2000)).toBeLessThan(200);
	});
});

describe('shuffle', () => {
	it('returns a new permutation and leaves the input alone', () => {
		const input = Object.freeze([1, 2, 3, 4, 5, 6, 7, 8]);
		const out = shuffle(input, createRng('deck'));
		expect(out).toEqual([1, 7, 5, 8, 3, 6, 2, 4]);
		expect(out).not.toBe(input);
		expect(input).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
		expect(shuffle([], createRng('x'))).toEqual([]);
		expect(shuffle(['only'], createRng('x'))).toEqual(['only']);
	});

	it('reaches every arrangement of three', () => {
		const r = createRng('perms');
		const seen = new Set<string>();
		for (let i = 0; i < 200; i++) seen.add(shuffle(['a', 'b', 'c'], r).join(''));
		expect(seen.size).toBe(6);
	});
});

describe('randomSeed', () => {
	it('builds a seed from an injected source', () => {
		const seq = [0, 0.5, 0.999, 0.1];
		let i = 0;
		expect(randomSeed(() => seq[i++ % 4] as number)).toBe('as9das9das');
		expect(randomSeed(() => 0, 4)).toBe('aaaa');
		// A source returning exactly 1 must not index past the alphabet.
		expect(randomSeed(() => 1, 3)).toBe('aaa');
	});
});
