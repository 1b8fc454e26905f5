import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { CARD_STATE } from '../srs/card-state';
import { db } from './database';
import { dueTimes } from './due';

const card = (id: string, due: number, state: number) => ({
	id,
	kind: 'flashcard' as const,
	due,
	stability: 1,
	difficulty: 5,
	elapsed_days: 0,
	scheduled_days: 1,
	learning_steps: 0,
	reps: state === CARD_STATE.New ? 0 : 1,
	lapses: 0,
	state,
	last_review: state === CARD_STATE.New ? null : 1
});

describe('dueTimes', () => {
	beforeEach(async () => {
		await db.cards.clear();
	});

	it('lists studied cards’ due times, soonest first, without new or damaged cards', async () => {
		await db.cards.bulkPut([
			card('a', 5_000, CARD_STATE.Review),
			card('b', 1_000, CARD_STATE.Learning),
			card('c', 3_000, CARD_STATE.Relearning),
			card('new', 10, CARD_STATE.New),
			{ ...card('bad', 2_000, CARD_STATE.Review), difficulty: 'hard' as unknown as number }
		]);
		expect(await dueTimes()).toEqual([1_000, 3_000, 5_000]);
	});
});
