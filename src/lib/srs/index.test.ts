import { describe, expect, it } from 'vitest';
import { createEmptyCard, fsrs, generatorParameters } from 'ts-fsrs';
import {
	dueQueue,
	formatInterval,
	fromFsrsCard,
	makeScheduler,
	newCard,
	preview,
	Rating,
	rate,
	ratingForQuizAnswer,
	retrievability,
	reverseId,
	reviewQuizAnswers,
	State,
	stateName,
	toFsrsCard,
	type CardRecord
} from './index';
import { CARD_STATE } from './records';

const T0 = Date.UTC(2025, 0, 1, 12);
const MIN = 60_000;
const DAY = 86_400_000;

/** new → Good (10 min step) → Good at due: a Review card scheduled 2 days out. */
function reviewCard(scheduler = makeScheduler()): CardRecord {
	const first = rate(newCard('q-1', 'item', T0), Rating.Good, T0, scheduler, 'review').card;
	return rate(first, Rating.Good, first.due, scheduler, 'review').card;
}

describe('newCard and converters', () => {
	it('makes a JSON-safe new card due now', () => {
		const card = newCard('q-1', 'item', new Date(T0));
		expect(card).toEqual({
			id: 'q-1',
			kind: 'item',
			due: T0,
			stability: 0,
			difficulty: 0,
			elapsed_days: 0,
			scheduled_days: 0,
			learning_steps: 0,
			reps: 0,
			lapses: 0,
			state: State.New,
			last_review: null
		});
		expect(stateName(card)).toBe('new');
	});

	it('round-trips through ts-fsrs Card and JSON without changing the schedule', () => {
		const scheduler = makeScheduler();
		const card = reviewCard(scheduler);
		expect(fromFsrsCard(card.id, card.kind, toFsrsCard(card))).toEqual(card);
		const restored = JSON.parse(JSON.stringify(card)) as CardRecord;
		expect(restored).toEqual(card);
		const at = card.due + DAY;
		expect(preview(restored, at, scheduler)).toEqual(preview(card, at, scheduler));
		expect(rate(restored, Rating.Hard, at, scheduler, 'review')).toEqual(
			rate(card, Rating.Hard, at, scheduler, 'review')
		);
	});

	it('names a reversed flashcard side', () => {
		expect(reverseId('fc-atp')).toBe('fc-atp:reverse');
	});
});

describe('rate', () => {
	it('schedules a new card rated Good exactly as ts-fsrs repeat does', () => {
		const { card, log } = rate(
			newCard('q-1', 'item', T0),
			Rating.Good,
			T0,
			makeScheduler(),
			'quiz'
		);
		const f = fsrs(generatorParameters({ request_retention: 0.9, enable_fuzz: false }));
		const expected = f.repeat(createEmptyCard(new Date(T0)), new Date(T0))[Rating.Good].card;
		expect(card.due).toBe(expected.due.getTime());
		// The default learning steps are 1m and 10m; Good on a new card moves to the 10m step.
		expect(card.due).toBe(T0 + 10 * MIN);
		expect(card.due).toBeGreaterThan(T0);
		expect(card.state).toBe(State.Learning);
		expect(card.reps).toBe(1);
		expect(card.last_review).toBe(T0);
		expect(log).toMatchObject({ cardId: 'q-1', rating: 3, state: State.New, review: T0 });
		expect(log.source).toBe('quiz');
	});

	it('graduates to Review after a second Good, two days out', () => {
		const card = reviewCard();
		expect(card.state).toBe(State.Review);
		expect(stateName(card)).toBe('review');
		expect(card.scheduled_days).toBe(2);
		expect(card.due).toBe(T0 + 10 * MIN + 2 * DAY);
	});

	it('moves a review card rated Again into Relearning and counts a lapse', () => {
		const card = reviewCard();
		expect(card.lapses).toBe(0);
		const { card: after, log } = rate(card, Rating.Again, card.due, makeScheduler(), 'review');
		expect(after.state).toBe(State.Relearning);
		expect(stateName(after)).toBe('relearning');
		expect(after.lapses).toBe(1);
		expect(after.due).toBe(card.due + 10 * MIN);
		expect(log.state).toBe(State.Review);
		expect(log.rating).toBe(Rating.Again);
	});

	it('keeps the card id and kind', () => {
		const card = newCard('fc-atp:reverse', 'flashcard', T0);
		const { card: after, log } = rate(card, Rating.Easy, T0, makeScheduler(), 'review');
		expect(after.id).toBe('fc-atp:reverse');
		expect(after.kind).toBe('flashcard');
		expect(log.cardId).toBe('fc-atp:reverse');
	});

	it('maps quiz answers to Good and Again', () => {
		expect(ratingForQuizAnswer(true)).toBe(Rating.Good);
		expect(ratingForQuizAnswer(false)).toBe(Rating.Again);
	});
});

describe('preview', () => {
	it('gives increasing intervals Again < Hard < Good < Easy for a review card', () => {
		const card = reviewCard();
		const options = preview(card, card.due, makeScheduler());
		expect(options.map((o) => o.rating)).toEqual([
			Rating.Again,
			Rating.Hard,
			Rating.Good,
			Rating.Easy
		]);
		const dues = options.map((o) => o.due);
		expect(dues[0]).toBeLessThan(dues[1]!);
		expect(dues[1]).toBeLessThan(dues[2]!);
		expect(dues[2]).toBeLessThan(dues[3]!);
		expect(options.map((o) => o.intervalText)).toEqual(['10 min', '8 days', '11 days', '19 days']);
	});

	it('labels a new card with the learning steps', () => {
		const options = preview(newCard('q-1', 'item', T0), T0, makeScheduler());
		expect(options.map((o) => o.intervalText)).toEqual(['1 min', '6 min', '10 min', '8 days']);
	});

	it('does not change the card it previews', () => {
		const card = reviewCard();
		const copy = structuredClone(card);
		preview(card, card.due, makeScheduler());
		expect(card).toEqual(copy);
	});
});

describe('formatInterval', () => {
	it.each([
		[0, '<1 min'],
		[29_000, '<1 min'],
		[10 * MIN, '10 min'],
		[59.7 * MIN, '1 h'],
		[5 * 60 * MIN, '5 h'],
		[23.7 * 60 * MIN, '1 day'],
		[DAY, '1 day'],
		[3 * DAY, '3 days'],
		[29.6 * DAY, '1 mo'],
		[61 * DAY, '2 mo'],
		[360 * DAY, '1 yr'],
		[548 * DAY, '1.5 yr']
	])('%d ms reads %s', (ms, text) => {
		expect(formatInterval(ms)).toBe(text);
	});
});

describe('retention', () => {
	it('gives a shorter Good interval at 0.95 than at 0.8 for the same card', () => {
		const card = reviewCard();
		const high = rate(card, Rating.Good, card.due, makeScheduler({ retention: 0.95 }), 'review');
		const low = rate(card, Rating.Good, card.due, makeScheduler({ retention: 0.8 }), 'review');
		expect(high.card.scheduled_days).toBeLessThan(low.card.scheduled_days);
		expect(high.card.due).toBeLessThan(low.card.due);
		// FSRS-6 default weights: 11 days at the default 0.9, per the preview test above.
		expect(high.card.scheduled_days).toBe(4);
		expect(low.card.scheduled_days).toBe(36);
	});
});

describe('retrievability', () => {
	it('is 0 for a new card and falls from about 0.9 at due as time passes', () => {
		const scheduler = makeScheduler();
		expect(retrievability(newCard('q-1', 'item', T0), T0, scheduler)).toBe(0);
		const card = reviewCard(scheduler);
		const atDue = retrievability(card, card.due, scheduler);
		const later = retrievability(card, card.due + 30 * DAY, scheduler);
		expect(atDue).toBeCloseTo(0.9, 1);
		expect(later).toBeLessThan(atDue);
		expect(later).toBeGreaterThan(0);
		expect(retrievability(card, card.last_review!, scheduler)).toBe(1);
	});
});

describe('dueQueue', () => {
	function at(id: string, state: State, due: number): CardRecord {
		return { ...newCard(id, 'item', due), state };
	}
	const now = T0 + 10 * DAY;
	const cards: CardRecord[] = [
		at('n-b', State.New, T0),
		at('r-late', State.Review, now - DAY),
		at('l-soon', State.Learning, now + 5 * MIN),
		at('n-a', State.New, T0),
		at('r-early', State.Review, now - 3 * DAY),
		at('l-due', State.Relearning, now - MIN),
		at('r-future', State.Review, now + DAY),
		at('n-old', State.New, T0 - DAY)
	];

	it('orders learning, then most overdue reviews, then new cards oldest first', () => {
		const q = dueQueue(cards, now, {
			newLimit: 20,
			reviewLimit: 200,
			newToday: 0,
			reviewedToday: 0
		});
		expect(q.ids).toEqual(['l-due', 'r-early', 'r-late', 'n-old', 'n-b', 'n-a']);
		expect(q.counts).toEqual({ learning: 1, review: 2, new: 3, total: 6 });
		expect(q.held).toEqual({ review: 0, new: 0 });
		expect(q.nextLearningDue).toBe(now + 5 * MIN);
	});

	it('respects the daily limits, minus what was studied today', () => {
		const q = dueQueue(cards, now, { newLimit: 3, reviewLimit: 5, newToday: 1, reviewedToday: 4 });
		expect(q.ids).toEqual(['l-due', 'r-early', 'n-old', 'n-b']);
		expect(q.counts).toEqual({ learning: 1, review: 1, new: 2, total: 4 });
		expect(q.held).toEqual({ review: 1, new: 1 });
	});

	it('shows only learning cards once both limits are used up', () => {
		const q = dueQueue(cards, now, { newLimit: 2, reviewLimit: 2, newToday: 5, reviewedToday: 2 });
		expect(q.ids).toEqual(['l-due']);
		expect(q.held).toEqual({ review: 2, new: 3 });
	});

	it('introduces the same new cards whatever order they arrive in', () => {
		const limits = { newLimit: 2, reviewLimit: 0, newToday: 0, reviewedToday: 0 };
		const news = [
			at('n-1', State.New, T0),
			at('n-2', State.New, T0 + 1),
			at('n-3', State.New, T0 + 2)
		];
		const reversed = [...news].reverse();
		expect(dueQueue(news, now, limits).ids).toEqual(['n-1', 'n-2']);
		expect(dueQueue(reversed, now, limits).ids).toEqual(['n-1', 'n-2']);
	});
});

describe('reviewQuizAnswers', () => {
	it('rates right answers Good and wrong ones Again, from the stored card or a new one', () => {
		const s = makeScheduler();
		const stored = reviewCard(s);
		const out = reviewQuizAnswers(
			new Map([[stored.id, stored]]),
			[
				{ itemId: stored.id, correct: false, at: T0 + 3 * DAY },
				{ itemId: 'q-new', correct: true, at: T0 + 3 * DAY }
			],
			s
		);
		expect(out.logs.map((l) => [l.cardId, l.rating, l.source])).toEqual([
			[stored.id, Rating.Again, 'quiz'],
			['q-new', Rating.Good, 'quiz']
		]);
		expect(out.cards.map((c) => c.id)).toEqual([stored.id, 'q-new']);
		expect(out.cards[0]).toEqual(rate(stored, Rating.Again, T0 + 3 * DAY, s, 'quiz').card);
		expect(out.cards[1]!.kind).toBe('item');
	});

	it('rates an item answered twice in one batch from its first rating', () => {
		const s = makeScheduler();
		const out = reviewQuizAnswers(
			new Map(),
			[
				{ itemId: 'q-1', correct: true, at: T0 },
				{ itemId: 'q-1', correct: true, at: T0 + 20 * MIN }
			],
			s
		);
		const first = rate(newCard('q-1', 'item', T0), Rating.Good, T0, s, 'quiz').card;
		expect(out.logs).toHaveLength(2);
		expect(out.cards).toEqual([rate(first, Rating.Good, T0 + 20 * MIN, s, 'quiz').card]);
	});
});

describe('CARD_STATE', () => {
	it('numbers the states as ts-fsrs does', () => {
		expect(CARD_STATE).toEqual({
			New: State.New,
			Learning: State.Learning,
			Review: State.Review,
			Relearning: State.Relearning
		});
	});
});
