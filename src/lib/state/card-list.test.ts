import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import bank from 'virtual:quire-bank/flashcards';
import full from 'virtual:quire-bank';
import { db, setSetting } from '$lib/db';
import { DEFAULT_SETTINGS } from '$lib/db/defaults';
import { databaseExists } from '$lib/db/exists';
import { newCard, reverseId } from '$lib/srs';
import { DEFAULT_PARAMETERS } from '$lib/srs/fit';
import { CardListState } from './card-list.svelte';

beforeEach(async () => {
	db.close();
	await db.delete();
});

afterEach(() => {
	vi.restoreAllMocks();
});

describe('CardListState', () => {
	it('on a first visit reads nothing, keeps the default retention and creates no database', async () => {
		const list = new CardListState();
		await list.load();
		expect(list.loaded).toBe(true);
		expect(list.stored.size).toBe(0);
		expect(list.retention).toBe(DEFAULT_SETTINGS.retention);
		expect(list.error).toBe('');
		expect(await databaseExists()).toBe(false);
	});

	it('reads every stored side and the retention, leaving a damaged row out', async () => {
		const card = bank.flashcards.find((f) => f.reverse)!;
		await db.open();
		await db.cards.bulkPut([
			newCard(card.id, 'flashcard', 0),
			newCard(reverseId(card.id), 'flashcard', 1)
		]);
		await db.cards.put({ id: 'damaged', due: 'soon' } as never);
		await setSetting('retention', 0.85);
		const w = [...DEFAULT_PARAMETERS.slice(0, 20), 0.3];
		await setSetting('fsrsParameters', {
			w,
			appliedAt: 1,
			reviews: 500,
			logLoss: { defaults: 0.4, fitted: 0.3 }
		});
		const list = new CardListState();
		await list.load();
		expect([...list.stored.keys()].sort()).toEqual([card.id, reverseId(card.id)].sort());
		expect(list.retention).toBe(0.85);
		// Recall estimates on /cards use the student's fitted parameters.
		expect(list.weights).toEqual(w);
		expect(list.error).toBe('');
	});

	it('says why when storage cannot be read, and still lists the cards as new', async () => {
		await db.open();
		vi.spyOn(db.cards, 'toArray').mockRejectedValue(
			new DOMException('The disk is unreadable.', 'UnknownError')
		);
		const list = new CardListState();
		await list.load();
		expect(list.loaded).toBe(true);
		expect(list.stored.size).toBe(0);
		expect(list.error).not.toBe('');
	});
});

describe('virtual:quire-bank/flashcards', () => {
	it('is the whole bank’s flashcards and topics', () => {
		expect(bank.flashcards).toEqual(full.flashcards);
		expect(bank.topics).toEqual(full.topics);
	});
});
