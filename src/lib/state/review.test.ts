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

describe('two tabs rating the same cards', () => {
	const day = Date.UTC(2026, 0, 5, 12);
	const limits = { newPerDay: 20, reviewsPerDay: 200, retention: 0.9 };

	async function tab() {
		const review = new ReviewState();
		await review.load(day);
		return review;
	}

	it('schedules from the card as stored, not from the stale copy of the other tab', async () => {
		await new ReviewState().saveSettings(limits, day);
		const a = await tab();
		const b = await tab();
		const id = a.currentId!;
		expect(b.currentId).toBe(id);
		expect(await a.rate(3, day)).toBe(true);
		// B still shows the card as new; its rating is the card's second, not a second introduction.
		expect(await b.rate(3, day + 1_000)).toBe(true);
		const cards = await db.cards.toArray();
		expect(cards.map((c) => c.id)).toEqual([id]);
		expect(cards[0]).toMatchObject({ reps: 2, last_review: day + 1_000 });
		const logs = await db.reviewLogs.toArray();
		expect(logs.map((l) => [l.cardId, l.state])).toEqual([
			[id, 0],
			[id, 1]
		]);
		expect(b.newToday).toBe(0);
		// A's undo would restore the card over B's later rating: it is refused, and nothing changes.
		expect(await a.undo(day + 2_000)).toBe(false);
		expect(a.lastUndo).toBeNull();
		expect(await db.reviewLogs.count()).toBe(2);
		expect(await db.cards.get(id)).toMatchObject({ reps: 2 });
	});

	it('follows the other tab: a card rated there leaves this queue, and the counts follow', async () => {
		await new ReviewState().saveSettings(limits, day);
		const a = await tab();
		const b = await tab();
		const stop = b.follow(() => day + 5_000);
		const id = a.currentId!;
		expect(await a.rate(3, day)).toBe(true);
		await vi.waitFor(() => expect(b.stored.get(id)?.reps).toBe(1));
		expect(b.queue).not.toContain(id);
		expect(b.newToday).toBe(1);
		// An undo there brings the card back here as new.
		expect(await a.undo(day + 1_000)).toBe(true);
		await vi.waitFor(() => expect(b.stored.has(id)).toBe(false));
		// B's screen keeps the card it shows now; the card comes back behind it.
		expect(b.queue.slice(0, 2)).toEqual([a.queue[1], id]);
		expect(b.newToday).toBe(0);
		stop();
	});
});
