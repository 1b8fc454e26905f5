import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import bank from 'virtual:quire-bank';
import { db } from '$lib/db';
import { plainSetRow } from '$lib/db/fixtures';
import { createSet, putEntries } from '$lib/db/sets';
import { newCard } from '$lib/srs';
import { app } from './app.svelte';
import { entryFor, ReviewState } from './review.svelte';

/** localStorage as a page has it (node has none): the review journal writes here. */
const local = new Map<string, string>();
vi.stubGlobal('localStorage', {
	get length() {
		return local.size;
	},
	key: (i: number) => [...local.keys()][i] ?? null,
	getItem: (k: string) => local.get(k) ?? null,
	setItem: (k: string, value: string) => void local.set(k, String(value)),
	removeItem: (k: string) => void local.delete(k)
});
const ratingJournals = () => [...local.keys()].filter((k) => k.startsWith('quire-ratings:'));

beforeEach(async () => {
	local.clear();
	await db.open();
	await Promise.all(db.tables.map((t) => t.clear()));
	app.storageError = null;
	app.storageKind = null;
});

afterEach(() => vi.restoreAllMocks());

/**
 * Chromium on a full disk: every write fails, with the error it gives. The database is the one
 * the state loads (an earlier test reset the module registry).
 */
async function fillDisk() {
	const { db: live } = await import('$lib/db');
	return vi
		.spyOn(live, 'transaction')
		.mockImplementation((() =>
			Promise.reject(
				new DOMException(
					'IO error: …/000012.log: FILE_ERROR_NO_SPACE (ChromeMethodBFE: 3::WritableFileAppend::8)',
					'UnknownError'
				)
			)) as unknown as typeof db.transaction);
}

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

describe('ratings on a full disk', () => {
	const day = Date.UTC(2026, 0, 6, 12);
	const limits = { newPerDay: 20, reviewsPerDay: 200, retention: 0.9 };

	it('keeps each rating on the page, in order, and stores it from the card as stored once space returns', async () => {
		await new ReviewState().saveSettings(limits, day);
		const a = new ReviewState();
		await a.load(day);
		const b = new ReviewState();
		await b.load(day);
		const [first, second] = a.queue;
		const disk = await fillDisk();
		expect(await a.rate(3, day)).toBe(true);
		expect(await a.rate(1, day + 1_000)).toBe(true);
		// Taken on the page: the cards left its queue, the counts moved, the banner says so.
		expect(a.queue).not.toContain(first);
		expect(a.queue.slice(0, 1)).not.toEqual([second]);
		expect(a.newToday).toBe(2);
		expect(a.kept).toBe(2);
		expect(app.storageKind).toBe('full');
		expect(app.kept).toMatch(/waiting to be saved: 2 flashcard ratings\./);
		expect(ratingJournals()).toHaveLength(1);
		disk.mockRestore();
		expect(await db.reviewLogs.count()).toBe(0);
		// Meanwhile another tab (whose writes go through) rates the first card too.
		expect(await b.rate(3, day + 2_000)).toBe(true);

		// B's write went through: storage works, and app retries what A kept (or this call does).
		await app.retryKept();
		await vi.waitFor(() => expect(a.kept).toBe(0));
		expect(app.kept).toBe('');
		expect(app.storageError).toBeNull();
		// Both ratings of the first card count, on one card introduced once.
		// In the order stored: B's, then A's two, the first built on B's (the card's second rating).
		const logs = await db.reviewLogs.orderBy('id').toArray();
		expect(logs.map((l) => [l.cardId, l.state, l.review])).toEqual([
			[first, 0, day + 2_000],
			[first, 1, day],
			[second, 0, day + 1_000]
		]);
		expect(await db.cards.get(first!)).toMatchObject({ reps: 2 });
		expect(await db.cards.get(second!)).toMatchObject({ reps: 1 });
		expect(ratingJournals()).toEqual([]);
	});

	it('an undo of a rating still waiting takes it off the list: nothing is stored', async () => {
		await new ReviewState().saveSettings(limits, day);
		const a = new ReviewState();
		await a.load(day);
		const first = a.currentId!;
		const disk = await fillDisk();
		expect(await a.rate(3, day)).toBe(true);
		expect(await a.undo(day + 500)).toBe(true);
		expect(a.currentId).toBe(first);
		expect(a.kept).toBe(0);
		expect(a.newToday).toBe(0);
		disk.mockRestore();
		await app.retryKept();
		expect(await db.reviewLogs.count()).toBe(0);
		expect(ratingJournals()).toEqual([]);
	});

	it('stores once, on the next review page, the ratings a closed page kept', async () => {
		await new ReviewState().saveSettings(limits, day);
		const probe = new ReviewState();
		await probe.load(day);
		const id = probe.currentId!;
		const entry = { seq: 1, id, kind: 'flashcard', grade: 3, now: day };
		local.set('quire-ratings:gone-tab', JSON.stringify({ v: 1, entries: [entry] }));
		const next = new ReviewState();
		await next.load(day + 5_000);
		expect((await db.reviewLogs.toArray()).map((l) => [l.cardId, l.review])).toEqual([[id, day]]);
		expect(next.stored.get(id)?.reps).toBe(1);
		expect(ratingJournals()).toEqual([]);
		// Left behind again (its removal failed): the stored rating is not applied twice.
		local.set('quire-ratings:gone-tab', JSON.stringify({ v: 1, entries: [entry] }));
		await new ReviewState().load(day + 6_000);
		expect(await db.reviewLogs.count()).toBe(1);
	});
});
