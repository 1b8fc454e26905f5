import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import bank from 'virtual:quire-bank';
import { db } from '$lib/db';
import { BUILTIN_SET_ID } from '$lib/bank/set';
import { LibraryState, SetView, titleProblem } from './library.svelte';

beforeEach(async () => {
	await db.open();
	await Promise.all(db.tables.map((t) => t.clear()));
});

describe('titleProblem', () => {
	it('asks for a title and refuses a long one', () => {
		expect(titleProblem('  ')).toBe('Give the set a title.');
		expect(titleProblem('x'.repeat(500))).toMatch(/Keep the title under/);
		expect(titleProblem(' Dates ')).toBe('');
	});
});

describe('LibraryState', () => {
	it('creates a set that the next visit lists, and deletes it', async () => {
		const library = new LibraryState();
		await library.load();
		expect(library.sets).toEqual([]);
		const made = await library.create(
			{ title: ' Capitals ', description: '', article: false },
			10,
			() => 0.3
		);
		if (!made.ok) throw new Error(made.reason);
		const again = new LibraryState();
		await again.load();
		expect(again.sets.map((s) => [s.id, s.title])).toEqual([[made.id, 'Capitals']]);
		expect(await again.remove(made.id)).toBe(true);
		expect(again.sets).toEqual([]);
	});

	it('refuses a set without a title and stores nothing', async () => {
		const library = new LibraryState();
		const made = await library.create(
			{ title: '', description: '', article: true },
			1,
			Math.random
		);
		expect(made).toEqual({ ok: false, reason: 'Give the set a title.' });
		expect(await db.sets.count()).toBe(0);
	});
});

describe('SetView', () => {
	it('shows the built-in set and filters it by type and text', async () => {
		const view = new SetView();
		await view.load(BUILTIN_SET_ID);
		expect(view.status).toBe('ready');
		expect(view.entries).toHaveLength(bank.items.length + bank.flashcards.length);
		view.type = 'flashcard';
		expect(view.shown).toHaveLength(bank.flashcards.length);
		view.query = 'no such words anywhere';
		expect(view.shown).toEqual([]);
	});

	it('says a set is missing from this device', async () => {
		const view = new SetView();
		await view.load('set-nothere');
		expect(view.status).toBe('missing');
	});
});
