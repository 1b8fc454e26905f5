import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import bank from 'virtual:quire-bank';
import { db } from '$lib/db';
import { plainSetRow } from '$lib/db/fixtures';
import { createSet, putEntries } from '$lib/db/sets';
import { newCard } from '$lib/srs';
import { entryFor, ReviewState } from './review.svelte';

beforeEach(async () => {
	await db.open();
	await Promise.all(db.tables.map((t) => t.clear()));
});

describe('review of own sets', () => {
	it('queues the flashcards of own sets after the built-in ones, both sides when reversed', async () => {
		await createSet(plainSetRow('set-review1'));
		const card = {
			id: 'own-card01',
			front: 'ABM',
			back: 'Anti-Ballistic Missile',
			reverse: true,
			topic: 'general',
			difficulty: 1 as const,
			voice: 'fact' as const,
			tags: []
		};
		await putEntries('set-review1', [{ kind: 'flashcard', entry: card }], [], 2);
		const review = new ReviewState();
		await review.saveSettings({ newPerDay: 1000, reviewsPerDay: 1000, retention: 0.9 }, 10);
		await review.load(10);
		expect(review.entry('own-card01:reverse')).toMatchObject({ kind: 'flashcard', reverse: true });
		expect(entryFor('own-card01')).toBeNull();
		const sides = bank.flashcards.reduce((n, f) => n + (f.reverse ? 2 : 1), 0);
		expect(review.queue.slice(sides)).toEqual(['own-card01', 'own-card01:reverse']);
	});
});

describe('built-in quiz items', () => {
	it('load with the first stored card that studies one, not with the page', async () => {
		vi.resetModules();
		const fresh = await import('./review.svelte');
		const item = bank.items[0]!;
		const review = new fresh.ReviewState();
		await review.load(10);
		expect(fresh.entryFor(item.id)).toBeNull();
		expect(review.queue.length).toBeGreaterThan(0);

		await db.cards.put(newCard(item.id, 'item', 5));
		await review.load(10);
		expect(review.entry(item.id)).toMatchObject({ kind: 'item', item: { id: item.id } });
		expect(review.stored.has(item.id)).toBe(true);
	});
});
