import { describe, expect, it } from 'vitest';
import { Rating } from '$lib/srs';
import { ratingHaptic, type HapticHost } from './haptics';

function host(reduce: boolean, vibrate = true) {
	const calls: (number | number[])[] = [];
	const h: HapticHost = {
		navigator: vibrate ? { vibrate: (p) => (calls.push(p), true) } : {},
		matchMedia: (q) => ({ matches: reduce && q === '(prefers-reduced-motion: reduce)' })
	};
	return { h, calls };
}

describe('ratingHaptic', () => {
	it('ticks once for Good and twice for Again', () => {
		const { h, calls } = host(false);
		expect(ratingHaptic(h, Rating.Good)).toBe(true);
		expect(ratingHaptic(h, Rating.Again)).toBe(true);
		expect(calls).toEqual([12, [12, 60, 12]]);
	});

	it('stays still with reduced motion, or with no vibration', () => {
		const reduced = host(true);
		expect(ratingHaptic(reduced.h, Rating.Good)).toBe(false);
		expect(reduced.calls).toEqual([]);
		expect(ratingHaptic(host(false, false).h, Rating.Good)).toBe(false);
	});
});
