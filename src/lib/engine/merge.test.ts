import { describe, expect, it } from 'vitest';
import { oneOfEach } from './fixtures';
import { mergeSessions } from './merge';
import { createSession, reduce, type Mode, type SessionState } from './session';

const T = 1_750_000_000_000;
const ids = oneOfEach.map((i) => i.id);

function started(mode: Mode): SessionState {
	const s = createSession({
		id: 's-1',
		mode,
		quiz: { seed: 'x', itemIds: ids, presentation: {} },
		items: oneOfEach
	});
	return reduce(s, { type: 'start', now: T });
}

const single = { type: 'single', choice: 'Paris' } as const;
const wrong = { type: 'single', choice: 'Lyon' } as const;
const tf = { type: 'truefalse', value: true } as const;

describe('mergeSessions', () => {
	it('keeps the answers of both tabs in practice mode', () => {
		const base = started('practice');
		const a = reduce(base, { type: 'answer', itemId: 'capital', answer: single, now: T + 1 });
		const b = reduce(base, { type: 'answer', itemId: 'earth-round', answer: tf, now: T + 2 });
		const merged = mergeSessions(a, b);
		expect(Object.keys(merged.answers).sort()).toEqual(['capital', 'earth-round']);
		// Where this tab is stays its own.
		expect(merged.position).toBe(a.position);
		expect(merged.lastEvents).toEqual([]);
	});

	it('keeps the first answer to a practice question and the latest to a test question', () => {
		for (const [mode, winner] of [
			['practice', 'Lyon'],
			['test', 'Paris']
		] as const) {
			const base = started(mode);
			const first = reduce(base, { type: 'answer', itemId: 'capital', answer: wrong, now: T + 1 });
			const later = reduce(base, { type: 'answer', itemId: 'capital', answer: single, now: T + 9 });
			for (const merged of [mergeSessions(first, later), mergeSessions(later, first)])
				expect(merged.answers.capital!.answer, mode).toEqual({ type: 'single', choice: winner });
		}
	});

	it('treats a submitted session as final, from either side', () => {
		const base = started('test');
		const submitted = reduce(base, { type: 'submit', now: T + 5 });
		const other = reduce(base, { type: 'answer', itemId: 'capital', answer: single, now: T + 9 });
		expect(mergeSessions(other, submitted)).toBe(submitted);
		expect(mergeSessions(submitted, other)).toBe(submitted);
	});

	it('lets the stored learn-mode session win, since two queues cannot be combined', () => {
		const base = started('learn');
		const a = reduce(base, { type: 'answer', itemId: base.queue[0]!, answer: single, now: T + 1 });
		const b = reduce(base, { type: 'skip', now: T + 2 });
		expect(mergeSessions(a, b)).toBe(b);
	});
});
