import { describe, expect, it } from 'vitest';
import { newCard, State, type CardRecord } from './index';
import {
	accuracyByType,
	dayKey,
	forecast,
	hardestItems,
	heatmap,
	streak,
	topicMastery
} from './progress';

const NY = 'America/New_York';
const TOKYO = 'Asia/Tokyo';
const t = (iso: string) => Date.parse(iso);

describe('dayKey', () => {
	it('puts the same instant on different days in Tokyo and New York', () => {
		const instant = t('2025-01-01T20:00:00Z');
		expect(dayKey(instant, NY)).toBe('2025-01-01');
		expect(dayKey(instant, TOKYO)).toBe('2025-01-02');
		expect(dayKey(instant, 'UTC')).toBe('2025-01-01');
	});

	it('splits days at local midnight, including half- and quarter-hour zones', () => {
		expect(dayKey(t('2025-03-01T23:59:59.999-05:00'), NY)).toBe('2025-03-01');
		expect(dayKey(t('2025-03-02T00:00:00-05:00'), NY)).toBe('2025-03-02');
		expect(dayKey(t('2025-01-01T23:59:00+05:30'), 'Asia/Kolkata')).toBe('2025-01-01');
		expect(dayKey(t('2025-01-02T00:01:00+05:30'), 'Asia/Kolkata')).toBe('2025-01-02');
		expect(dayKey(t('2025-01-01T23:59:00+05:45'), 'Asia/Kathmandu')).toBe('2025-01-01');
		expect(dayKey(t('2025-01-02T00:00:00+05:45'), 'Asia/Kathmandu')).toBe('2025-01-02');
	});

	it('handles the DST change days in New York', () => {
		// Spring forward on 2025-03-09 (a 23-hour day) and fall back on 2025-11-02 (25 hours).
		expect(dayKey(t('2025-03-09T00:30:00-05:00'), NY)).toBe('2025-03-09');
		expect(dayKey(t('2025-03-09T01:59:00-05:00'), NY)).toBe('2025-03-09');
		expect(dayKey(t('2025-03-09T03:00:00-04:00'), NY)).toBe('2025-03-09');
		expect(dayKey(t('2025-03-09T23:59:00-04:00'), NY)).toBe('2025-03-09');
		expect(dayKey(t('2025-03-10T00:00:00-04:00'), NY)).toBe('2025-03-10');
		expect(dayKey(t('2025-11-02T00:30:00-04:00'), NY)).toBe('2025-11-02');
		expect(dayKey(t('2025-11-02T01:30:00-05:00'), NY)).toBe('2025-11-02');
		expect(dayKey(t('2025-11-02T23:59:00-05:00'), NY)).toBe('2025-11-02');
		expect(dayKey(t('2025-11-03T00:00:00-05:00'), NY)).toBe('2025-11-03');
	});

	it('handles a DST change at midnight (Santiago skips 00:00–01:00 on 2024-09-08)', () => {
		const Santiago = 'America/Santiago';
		expect(dayKey(t('2024-09-07T23:59:00-04:00'), Santiago)).toBe('2024-09-07');
		expect(dayKey(t('2024-09-08T01:00:00-03:00'), Santiago)).toBe('2024-09-08');
		expect(dayKey(t('2024-09-08T23:59:00-03:00'), Santiago)).toBe('2024-09-08');
	});

	it('handles a DST change that repeats the hour before midnight (Santiago, 2025-04-06)', () => {
		// At 00:00 -03 clocks fall back to 23:00 -04, so 23:00–23:59 on 04-05 happens twice.
		const Santiago = 'America/Santiago';
		expect(dayKey(t('2025-04-05T23:30:00-03:00'), Santiago)).toBe('2025-04-05');
		expect(dayKey(t('2025-04-05T23:30:00-04:00'), Santiago)).toBe('2025-04-05');
		expect(dayKey(t('2025-04-05T23:59:59.999-04:00'), Santiago)).toBe('2025-04-05');
		expect(dayKey(t('2025-04-06T00:00:00-04:00'), Santiago)).toBe('2025-04-06');
		expect(
			streak(
				[t('2025-04-05T23:30:00-03:00'), t('2025-04-05T23:30:00-04:00')],
				t('2025-04-06T12:00:00-04:00'),
				Santiago
			)
		).toEqual({ current: 1, longest: 1, studiedToday: false });
	});

	it('defaults to the runtime zone', () => {
		const instant = t('2025-06-15T12:00:00Z');
		const local = new Intl.DateTimeFormat().resolvedOptions().timeZone;
		expect(dayKey(instant)).toBe(dayKey(instant, local));
	});
});

describe('streak', () => {
	it('counts 23:59 and 00:01 as consecutive days', () => {
		const activity = [t('2025-03-01T23:59:00-05:00'), t('2025-03-02T00:01:00-05:00')];
		expect(streak(activity, t('2025-03-02T09:00:00-05:00'), NY)).toEqual({
			current: 2,
			longest: 2,
			studiedToday: true
		});
	});

	it('depends on the time zone: the same two instants are one day in New York, two in Tokyo', () => {
		// 23:00 and 01:00 in Tokyo; 09:00 and 11:00 on one day in New York.
		const activity = [t('2025-01-01T14:00:00Z'), t('2025-01-01T16:00:00Z')];
		const now = t('2025-01-01T17:00:00Z');
		expect(streak(activity, now, TOKYO)).toEqual({ current: 2, longest: 2, studiedToday: true });
		expect(streak(activity, now, NY)).toEqual({ current: 1, longest: 1, studiedToday: true });
	});

	it('keeps the streak alive when today has no activity yet but yesterday does', () => {
		const activity = [t('2025-05-01T10:00:00+09:00'), t('2025-05-02T22:00:00+09:00')];
		const now = t('2025-05-03T08:00:00+09:00');
		expect(streak(activity, now, TOKYO)).toEqual({ current: 2, longest: 2, studiedToday: false });
	});

	it('breaks the streak after a whole day without activity', () => {
		const activity = [t('2025-05-01T10:00:00+09:00'), t('2025-05-02T22:00:00+09:00')];
		const now = t('2025-05-04T00:00:00+09:00');
		expect(streak(activity, now, TOKYO)).toEqual({ current: 0, longest: 2, studiedToday: false });
	});

	it('counts across DST change days and finds the longest run', () => {
		const activity = [
			t('2025-03-01T12:00:00-05:00'),
			t('2025-03-02T12:00:00-05:00'),
			t('2025-03-03T12:00:00-05:00'),
			t('2025-03-04T12:00:00-05:00'),
			// gap on 03-05
			t('2025-03-08T23:30:00-05:00'),
			t('2025-03-09T00:30:00-05:00'),
			t('2025-03-09T23:30:00-04:00'),
			t('2025-03-10T00:30:00-04:00'),
			t('2025-03-10T00:40:00-04:00')
		];
		expect(streak(activity, t('2025-03-10T18:00:00-04:00'), NY)).toEqual({
			current: 3,
			longest: 4,
			studiedToday: true
		});
		// Fall back: 2025-11-02 has 25 hours; the days either side still chain.
		const autumn = [
			t('2025-11-01T23:00:00-04:00'),
			t('2025-11-02T01:30:00-05:00'),
			t('2025-11-03T00:05:00-05:00')
		];
		expect(streak(autumn, t('2025-11-03T20:00:00-05:00'), NY).current).toBe(3);
	});

	it('ignores future-dated rows and handles no activity', () => {
		const now = t('2025-05-03T08:00:00Z');
		expect(streak([], now, 'UTC')).toEqual({ current: 0, longest: 0, studiedToday: false });
		expect(streak([t('2025-05-04T08:00:00Z')], now, 'UTC')).toEqual({
			current: 0,
			longest: 0,
			studiedToday: false
		});
	});
});

describe('heatmap', () => {
	it('buckets by local day at the window boundaries, oldest first', () => {
		const now = t('2025-01-07T12:00:00-05:00');
		const activity = [
			t('2024-12-31T23:59:59.999-05:00'), // the day before the window
			t('2025-01-01T00:00:00-05:00'), // first instant of the oldest day
			t('2025-01-01T08:00:00-05:00'),
			t('2025-01-04T00:30:00-05:00'),
			t('2025-01-07T23:59:59.999-05:00'), // last instant of today
			t('2025-01-08T00:00:00-05:00') // tomorrow
		];
		const map = heatmap(activity, now, 7, NY);
		expect(map.days.map((d) => [d.day, d.count])).toEqual([
			['2025-01-01', 2],
			['2025-01-02', 0],
			['2025-01-03', 0],
			['2025-01-04', 1],
			['2025-01-05', 0],
			['2025-01-06', 0],
			['2025-01-07', 1]
		]);
		expect(map.max).toBe(2);
		expect(map.total).toBe(4);
		// 2025-01-01 was a Wednesday.
		expect(map.days[0]!.weekday).toBe(3);
	});

	it('is 365 days ending today by default', () => {
		const map = heatmap([], t('2025-12-31T12:00:00Z'), undefined, 'UTC');
		expect(map.days).toHaveLength(365);
		expect(map.days[0]!.day).toBe('2025-01-01');
		expect(map.days.at(-1)!.day).toBe('2025-12-31');
		expect(map.max).toBe(0);
	});
});

describe('forecast', () => {
	function due(id: string, ms: number, state = State.Review): CardRecord {
		return { ...newCard(id, 'item', ms), state };
	}
	it('counts overdue cards today and buckets the rest by local due day', () => {
		const now = t('2025-01-01T12:00:00+09:00');
		const cards = [
			due('overdue', t('2024-12-20T12:00:00+09:00')),
			due('today-late', t('2025-01-01T23:59:00+09:00')),
			due('tomorrow', t('2025-01-02T00:00:00+09:00')),
			due('learning', t('2025-01-02T10:00:00+09:00'), State.Learning),
			due('day-29', t('2025-01-30T08:00:00+09:00')),
			due('day-30', t('2025-01-31T08:00:00+09:00')),
			due('new', t('2024-12-01T00:00:00+09:00'), State.New)
		];
		const days = forecast(cards, now, 30, TOKYO);
		expect(days).toHaveLength(30);
		expect(days[0]).toEqual({ day: '2025-01-01', count: 2 });
		expect(days[1]).toEqual({ day: '2025-01-02', count: 2 });
		expect(days[29]).toEqual({ day: '2025-01-30', count: 1 });
		expect(days.reduce((n, d) => n + d.count, 0)).toBe(5);
	});
});

describe('topicMastery', () => {
	it('needs the last answer right and retrievability at least 0.9', () => {
		const items = [
			{ id: 'a', topic: 'cells' },
			{ id: 'b', topic: 'cells' },
			{ id: 'c', topic: 'cells' },
			{ id: 'd', topic: 'energy' },
			{ id: 'e', topic: 'energy' }
		];
		const latest = new Map([
			['a', true],
			['b', true],
			['c', false],
			['d', true]
		]);
		const r = new Map([
			['a', 0.9],
			['b', 0.89],
			['c', 0.99],
			['d', 0.95],
			['e', 1]
		]);
		expect(topicMastery(items, latest, r)).toEqual([
			{ topic: 'cells', mastered: 1, total: 3, share: 1 / 3 },
			{ topic: 'energy', mastered: 1, total: 2, share: 0.5 }
		]);
	});
});

describe('accuracyByType', () => {
	it('groups attempts by item type and skips items not in the bank', () => {
		const typeOf = new Map([
			['a', 'single'],
			['b', 'cloze'],
			['c', 'single']
		]);
		const attempts = [
			{ itemId: 'a', correct: true },
			{ itemId: 'a', correct: false },
			{ itemId: 'c', correct: true },
			{ itemId: 'b', correct: false },
			{ itemId: 'gone', correct: true }
		];
		expect(accuracyByType(attempts, typeOf)).toEqual([
			{ type: 'cloze', right: 0, total: 1, share: 0 },
			{ type: 'single', right: 2, total: 3, share: 2 / 3 }
		]);
	});
});

describe('hardestItems', () => {
	it('lists items with at least two attempts, lowest accuracy then most wrong first', () => {
		const rows = (itemId: string, pattern: string) =>
			[...pattern].map((c) => ({ itemId, correct: c === 'y' }));
		const attempts = [
			...rows('once-wrong', 'n'),
			...rows('never-wrong', 'yyy'),
			...rows('half', 'yn'),
			...rows('all-wrong', 'nn'),
			...rows('all-wrong-more', 'nnn'),
			...rows('mostly-right', 'yyyyyyynnn')
		];
		expect(hardestItems(attempts)).toEqual([
			{ itemId: 'all-wrong-more', wrong: 3, right: 0, total: 3, accuracy: 0 },
			{ itemId: 'all-wrong', wrong: 2, right: 0, total: 2, accuracy: 0 },
			{ itemId: 'half', wrong: 1, right: 1, total: 2, accuracy: 0.5 },
			{ itemId: 'mostly-right', wrong: 3, right: 7, total: 10, accuracy: 0.7 }
		]);
		expect(hardestItems(attempts, 2).map((h) => h.itemId)).toEqual(['all-wrong-more', 'all-wrong']);
	});
});

describe('at scale', () => {
	it('computes streak, heatmap, forecast and hardest items over 50,000 review-log rows', () => {
		const now = t('2025-12-31T12:00:00Z');
		// Spread over two years with an odd step, so nearly every row is its own 15-minute slot.
		const activity = Array.from({ length: 50_000 }, (_, i) => now - i * 1_261_337);
		const cards = activity.map((ms, i) => ({
			...newCard(`c${i}`, 'item', ms + 40 * 86_400_000),
			state: State.Review
		}));
		const attempts = activity.map((_, i) => ({ itemId: `i${i % 3000}`, correct: i % 3 !== 0 }));
		const s = streak(activity, now, NY);
		const map = heatmap(activity, now, 365, NY);
		const f = forecast(cards, now, 30, NY);
		const hard = hardestItems(attempts);
		expect(s.current).toBeGreaterThan(300);
		expect(map.total).toBeGreaterThan(20_000);
		expect(f).toHaveLength(30);
		expect(hard).toHaveLength(10);
		// Its speed is measured by `npm run bench`, which prints figures instead of asserting them.
	});
});
