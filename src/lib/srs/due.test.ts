import { describe, expect, it } from 'vitest';
import { dueLine, dueToday } from './due';

describe('dueToday', () => {
	it('counts cards due now and later today, not tomorrow', () => {
		const now = 1_000;
		expect(dueToday([0, 1_000, 1_001, 1_999, 2_000, 5_000], now, 2_000)).toEqual({
			now: 2,
			later: 2
		});
		expect(dueToday([], now, 2_000)).toEqual({ now: 0, later: 0 });
	});
});

describe('dueLine', () => {
	it('says what is due in words, singular and plural', () => {
		expect(dueLine(null)).toBe('Nothing due yet: Review brings in new cards each day.');
		expect(dueLine({ now: 0, later: 0 })).toBe('Nothing due today: you are up to date.');
		expect(dueLine({ now: 0, later: 1 })).toBe('1 card due later today.');
		expect(dueLine({ now: 1, later: 0 })).toBe('1 card due now.');
		expect(dueLine({ now: 12, later: 3 })).toBe('12 cards due now, 3 more later today.');
	});
});
