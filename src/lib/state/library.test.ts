import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import bank from 'virtual:quire-bank';
import { db } from '$lib/db';
import { BUILTIN_SET_ID } from '$lib/bank/set';
import { toGift } from '$lib/bank/formats';
import { generateSet } from '$lib/bank/formats/testgen';
import { listSets } from '$lib/db/sets';
import { LibraryState, PAGE_SIZE, READ_PART, SetView, titleProblem } from './library.svelte';

/** A GIFT file of `n` generated questions, as a file chooser gives it. */
function giftFile(n: number, name = 'many.gift') {
	const text = toGift(generateSet(name, n, { flashcards: false })).text;
	return new File([text], name);
}

/** Waits, a task at a time, until `ok` holds. */
async function until(ok: () => boolean) {
	while (!ok()) await new Promise((r) => setTimeout(r));
}

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

describe('LibraryState: reading a file', () => {
	const file = (name: string, bytes: Uint8Array | string) => {
		const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
		return { name, size: data.length, arrayBuffer: () => Promise.resolve(data.slice().buffer) };
	};

	it('refuses a binary file with a sentence saying so, and previews nothing', async () => {
		const library = new LibraryState();
		// The start of a .docx (a zip): PK, then NUL bytes.
		await library.readFile(file('quiz.docx', new Uint8Array([0x50, 0x4b, 3, 4, 20, 0, 6, 0])));
		expect(library.preview).toBeNull();
		expect(library.importError).toBe(
			'quiz.docx: this is not a text question file (it holds binary data): save it as Moodle GIFT or Moodle XML, Aiken, Quizlet or Anki text, CSV, a Quire set file or an Anki package (.apkg).'
		);
		// Bytes that are not UTF-8 (Latin-1 "café") are refused too, not read as "caf�".
		await library.readFile(
			file('latin1.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x09, 0x78]))
		);
		expect(library.importError).toMatch(/^latin1\.txt: this is not a text question file/);
	});

	it('reads Quizlet text with the separators the teacher gives, again as they type', async () => {
		const library = new LibraryState();
		await library.readFile(
			file('cards.txt', 'INF - Intermediate-Range Nuclear Forces\n\nABM - Anti-Ballistic Missile\n')
		);
		// Told as nothing it knows: one row says so, and the format can be chosen.
		expect(library.preview?.entries).toBe(0);
		await library.choose({ format: 'quizlet', termSeparator: ' - ', cardSeparator: '\\n\\n' });
		expect(library.preview?.parsed.format).toBe('Quizlet export');
		expect(
			library.preview?.rows.map((r) =>
				r.kind === 'flashcard' && 'front' in r.entry
					? `${r.line}: ${r.entry.front} = ${r.entry.back}`
					: r.kind
			)
		).toEqual(['1: INF = Intermediate-Range Nuclear Forces', '3: ABM = Anti-Ballistic Missile']);
		await library.choose({ termSeparator: ' = ' });
		expect(library.preview?.entries).toBe(0);
		expect(library.preview?.rows[0]?.problems[0]?.message).toMatch(
			/no " = " between term and definition/
		);
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

describe('importing a long file', () => {
	it('writes the set with its progress, then the set page shows it a page at a time', async () => {
		const library = new LibraryState();
		await library.load();
		await library.readFile(giftFile(1500));
		const entries = library.preview?.entries ?? 0;
		expect(entries).toBeGreaterThan(READ_PART);
		const seen: number[] = [];
		const watch = setInterval(() => library.progress && seen.push(library.progress.done));
		const done = await library.confirmImport('Many', 5, Math.random);
		clearInterval(watch);
		if (!done.ok) throw new Error(done.reason);
		expect(seen.some((n) => n > 0 && n < entries)).toBe(true);
		expect(library.progress).toBeNull();
		expect(library.phase).toBe('idle');

		const view = new SetView();
		await view.load(done.id);
		expect(view.status).toBe('ready');
		expect(view.pageEntries).toHaveLength(PAGE_SIZE);
		await view.complete;
		expect(view.entries).toHaveLength(entries);
		expect(view.pages).toBe(Math.ceil(entries / PAGE_SIZE));
		const firstOfPage2 = view.entries[PAGE_SIZE]?.id;
		view.goTo(1);
		expect(view.pageEntries[0]?.id).toBe(firstOfPage2);
		view.goTo(10_000);
		expect(view.pageIndex).toBe(view.pages - 1);
		expect(view.pageEntries).toHaveLength(entries - (view.pages - 1) * PAGE_SIZE);
		view.goTo(-3);
		expect(view.pageIndex).toBe(0);
		// A search starts at its first page.
		view.goTo(2);
		view.type = 'numeric';
		expect(view.pageIndex).toBe(0);
		expect(view.pageEntries.every((e) => e.type === 'numeric')).toBe(true);
	});

	it('a cancelled import stores nothing and keeps the preview', async () => {
		const library = new LibraryState();
		await library.readFile(giftFile(3000));
		const run = library.confirmImport('Never', 5, Math.random);
		await until(() => (library.progress?.done ?? 0) > 0);
		library.stop();
		expect(await run).toEqual({
			ok: false,
			reason: 'The import was cancelled. Nothing was saved.'
		});
		expect(library.preview).not.toBeNull();
		expect((await listSets()).rows).toEqual([]);
		expect(await db.setItems.count()).toBe(0);
	});
});
