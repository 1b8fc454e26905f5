import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from './database';
import {
	allEntries,
	copiesOfBuiltIn,
	createSet,
	createSetWithDrafts,
	deleteDrafts,
	deleteEntry,
	deleteSet,
	draftsOf,
	emptyCounts,
	getDraft,
	getSet,
	importSet,
	listEntries,
	listEntriesAfter,
	listSets,
	putEntries,
	saveDraft,
	updateSet,
	type NewEntry,
	type SetRow
} from './sets';

const set = (id: string, now = 1000): SetRow => ({
	id,
	title: `Set ${id}`,
	description: '',
	article: false,
	topics: [{ id: 'general', title: 'General' }],
	counts: emptyCounts(),
	createdAt: now,
	updatedAt: now
});

const item = (id: string, prompt = 'Which year?'): NewEntry => ({
	kind: 'item',
	entry: {
		id,
		type: 'numeric',
		prompt,
		answer: 1987,
		tolerance: 0,
		topic: 'general',
		difficulty: 2,
		voice: 'fact',
		tags: []
	}
});

const card = (id: string): NewEntry => ({
	kind: 'flashcard',
	entry: {
		id,
		front: 'INF',
		back: 'Intermediate-Range Nuclear Forces',
		reverse: false,
		topic: 'general',
		difficulty: 1,
		voice: 'fact',
		tags: []
	}
});

beforeEach(async () => {
	await db.open();
	await Promise.all(db.tables.map((t) => t.clear()));
});

describe('sets repository', () => {
	it('stores entries in order and keeps the counts by type with every write', async () => {
		await createSet(set('set-aaaaaa'));
		await putEntries('set-aaaaaa', [item('own-1'), card('own-2'), item('own-3')], [], 2000);
		const stored = await getSet('set-aaaaaa');
		expect(stored?.counts).toMatchObject({ numeric: 2, flashcard: 1, single: 0 });
		expect(stored?.updatedAt).toBe(2000);
		expect((await listEntries('set-aaaaaa')).rows.map((r) => r.id)).toEqual([
			'own-1',
			'own-2',
			'own-3'
		]);

		// Replacing keeps the place; a new topic joins the set's topics.
		await putEntries(
			'set-aaaaaa',
			[{ ...item('own-1', 'When was it signed?'), copyOf: 'treaty-signing-year' }],
			[{ id: 'dates', title: 'Dates' }],
			3000
		);
		const rows = (await listEntries('set-aaaaaa')).rows;
		expect(rows[0]).toMatchObject({ id: 'own-1', position: 0, copyOf: 'treaty-signing-year' });
		expect(rows[0]?.kind === 'item' && rows[0].entry.prompt).toBe('When was it signed?');
		expect((await getSet('set-aaaaaa'))?.counts.numeric).toBe(2);
		expect((await getSet('set-aaaaaa'))?.topics.map((t) => t.id)).toEqual(['general', 'dates']);
		expect([...(await copiesOfBuiltIn()).keys()]).toEqual(['treaty-signing-year']);

		await deleteEntry('own-3', 4000);
		expect((await getSet('set-aaaaaa'))?.counts).toMatchObject({ numeric: 1, flashcard: 1 });
	});

	it('refuses an invalid entry and an entry of another set, changing nothing', async () => {
		await createSet(set('set-aaaaaa'));
		await createSet(set('set-bbbbbb'));
		await putEntries('set-aaaaaa', [item('own-1')], [], 2000);
		const bad = item('own-2');
		(bad.entry as { prompt: string }).prompt = '   ';
		await expect(putEntries('set-aaaaaa', [card('own-3'), bad], [], 3000)).rejects.toThrow();
		await expect(putEntries('set-bbbbbb', [item('own-1')], [], 3000)).rejects.toThrow(
			'belongs to another set'
		);
		expect((await listEntries('set-aaaaaa')).rows.map((r) => r.id)).toEqual(['own-1']);
		expect((await getSet('set-aaaaaa'))?.counts.flashcard).toBe(0);
	});

	it('skips a damaged row on read and counts it, without deleting it', async () => {
		await createSet(set('set-aaaaaa'));
		await putEntries('set-aaaaaa', [item('own-1'), item('own-2')], [], 2000);
		await db.table('setItems').update('own-2', { 'entry.answer': 'not a number' });
		const listed = await listEntries('set-aaaaaa');
		expect(listed.rows.map((r) => r.id)).toEqual(['own-1']);
		expect(listed.damaged).toBe(1);
		expect(await db.table('setItems').count()).toBe(2);
		expect((await allEntries()).damaged).toBe(1);
	});

	it('deletes a set with its entries and drafts, and nothing else', async () => {
		await createSet(set('set-aaaaaa', 1000));
		await createSet(set('set-bbbbbb', 1500));
		await putEntries('set-aaaaaa', [item('own-1')], [], 2000);
		await putEntries('set-bbbbbb', [item('own-9')], [], 2000);
		await saveDraft({
			id: 'set-aaaaaa/own-5',
			setId: 'set-aaaaaa',
			entryId: 'own-5',
			form: { prompt: 'half' },
			savedAt: 2500
		});
		await db.table('attempts').add({ sessionId: 's', itemId: 'own-1', at: 1, score: 1 });
		expect((await draftsOf('set-aaaaaa')).map((d) => d.entryId)).toEqual(['own-5']);

		expect(await deleteSet('set-aaaaaa')).toBe(1);
		expect(await getSet('set-aaaaaa')).toBeUndefined();
		expect(await getDraft('set-aaaaaa', 'own-5')).toBeUndefined();
		expect((await listSets()).rows.map((s) => s.id)).toEqual(['set-bbbbbb']);
		expect((await allEntries()).rows.map((r) => r.id)).toEqual(['own-9']);
		expect(await db.table('attempts').count()).toBe(1);
	});

	it('renames a set and validates the change', async () => {
		await createSet(set('set-aaaaaa'));
		expect((await updateSet('set-aaaaaa', { title: ' Year 9 ' }, 5000)).title).toBe('Year 9');
		await expect(updateSet('set-aaaaaa', { title: '' }, 6000)).rejects.toThrow();
		expect((await listSets()).rows[0]).toMatchObject({ title: 'Year 9', updatedAt: 5000 });
	});

	it('saving an entry drops its draft', async () => {
		await createSet(set('set-aaaaaa'));
		await saveDraft({
			id: 'set-aaaaaa/own-1',
			setId: 'set-aaaaaa',
			entryId: 'own-1',
			form: {},
			savedAt: 1
		});
		await putEntries('set-aaaaaa', [item('own-1')], [], 2000);
		expect(await getDraft('set-aaaaaa', 'own-1')).toBeUndefined();
	});
});

describe('sets drafted from an article', () => {
	const article = {
		meta: { title: 'The canal', outlet: '', author: '', date: '' },
		paragraphs: [{ id: 'p1', kind: 'body' as const, text: 'The canal opened in 1914.' }]
	};
	const draft = (setId: string, entryId: string) => ({
		id: `${setId}/${entryId}`,
		setId,
		entryId,
		form: { prompt: 'When?' },
		savedAt: 5
	});

	it('stores the set with its article and its drafts together, and drops drafts in bulk', async () => {
		const row = { ...set('set-canal01'), article: true, ownArticle: article };
		await createSetWithDrafts(row, [
			draft(row.id, 'set-canal01-a-1'),
			draft(row.id, 'set-canal01-b-1')
		]);
		expect((await getSet(row.id))?.ownArticle).toEqual(article);
		expect((await draftsOf(row.id)).map((d) => d.entryId).sort()).toEqual([
			'set-canal01-a-1',
			'set-canal01-b-1'
		]);
		await deleteDrafts(row.id, ['set-canal01-a-1']);
		expect((await draftsOf(row.id)).map((d) => d.entryId)).toEqual(['set-canal01-b-1']);
	});

	it('stores nothing when a draft is not the set’s, and refuses an article with no paragraphs', async () => {
		const row = { ...set('set-canal02'), article: true, ownArticle: article };
		await expect(createSetWithDrafts(row, [draft('set-other1', 'x-1')])).rejects.toThrow(
			/another set/
		);
		expect(await getSet(row.id)).toBeUndefined();
		await expect(
			createSet({ ...row, ownArticle: { ...article, paragraphs: [] } })
		).rejects.toThrow();
	});
});

describe('importing a set', () => {
	const many = (n: number, from = 0) =>
		Array.from({ length: n }, (_, i) =>
			i % 3 ? item(`own-i${from + i}`) : card(`own-c${from + i}`)
		);
	/** Everything stored in the three set tables, to compare before and after. */
	const snapshot = async () => ({
		sets: await db.sets.toArray(),
		entries: await db.setItems.toArray(),
		drafts: await db.setDrafts.toArray()
	});
	const seed = async () => {
		await createSet(set('set-kept01'));
		await putEntries('set-kept01', [item('own-kept1'), card('own-kept2')], [], 1500);
		await saveDraft({
			id: 'set-kept01/own-kept1',
			setId: 'set-kept01',
			entryId: 'own-kept1',
			form: { prompt: 'x' },
			savedAt: 1600
		});
	};

	it('stores the set and every entry in order, with the counts, reporting progress per chunk', async () => {
		const progress: number[] = [];
		const stored = await importSet(set('set-big001', 3000), many(2500), {
			chunk: 1000,
			onProgress: (done, total) => {
				expect(total).toBe(2500);
				progress.push(done);
			}
		});
		expect(progress).toEqual([1000, 2000, 2500]);
		expect(stored.counts).toMatchObject({ numeric: 1666, flashcard: 834 });
		expect(await getSet('set-big001')).toEqual(stored);
		const listed = await listEntries('set-big001');
		expect(listed.rows).toHaveLength(2500);
		expect(listed.rows.map((r) => r.position)).toEqual([...Array(2500).keys()]);
		expect(listed.rows[7]?.id).toBe('own-i7');
	});

	it('a failure in the middle of the import leaves everything stored as it was, no empty or half set', async () => {
		await seed();
		const before = await snapshot();
		// The 2,501st entry does not validate: two chunks of 1,000 are already written by then.
		const list = many(4000);
		list[2500] = item('own-bad', '');
		const progress: number[] = [];
		await expect(
			importSet(set('set-big002'), list, { chunk: 1000, onProgress: (d) => progress.push(d) })
		).rejects.toThrow();
		expect(progress).toEqual([1000, 2000]);
		expect(await snapshot()).toEqual(before);
		expect(await getSet('set-big002')).toBeUndefined();
		expect((await listEntries('set-big002')).rows).toEqual([]);
	});

	it('a storage refusal in the middle (an id already stored) rolls the whole import back', async () => {
		await seed();
		const before = await snapshot();
		const list = many(3000);
		list[1800] = item('own-kept1');
		await expect(importSet(set('set-big003'), list, { chunk: 500 })).rejects.toThrow();
		expect(await snapshot()).toEqual(before);
		// The entry of the other set was not taken over.
		expect((await listEntries('set-kept01')).rows.map((r) => r.id)).toEqual([
			'own-kept1',
			'own-kept2'
		]);
	});

	it('a cancel between chunks stores nothing and rejects with an AbortError', async () => {
		await seed();
		const before = await snapshot();
		const controller = new AbortController();
		const done: number[] = [];
		const run = importSet(set('set-big004'), many(5000), {
			chunk: 1000,
			signal: controller.signal,
			onProgress: (d) => {
				done.push(d);
				if (d === 2000) controller.abort();
			}
		});
		await expect(run).rejects.toMatchObject({ name: 'AbortError' });
		expect(done).toEqual([1000, 2000]);
		expect(await snapshot()).toEqual(before);
	});

	it('refuses a set that already has entries and more entries than a set holds, storing nothing', async () => {
		const counts = { ...emptyCounts(), numeric: 1 };
		await expect(importSet({ ...set('set-big005'), counts }, [item('own-x')])).rejects.toThrow(
			/starts with no entries/
		);
		expect(await getSet('set-big005')).toBeUndefined();
	});
});

describe('reading a long set a part at a time', () => {
	it('gives the entries in order after a position, and the last position read', async () => {
		await importSet(
			set('set-parts1'),
			Array.from({ length: 25 }, (_, i) => item(`own-p${i}`)),
			{ chunk: 10 }
		);
		const ids: string[] = [];
		let after: number | null = null;
		let reads = 0;
		for (;;) {
			const part = await listEntriesAfter('set-parts1', after, 10);
			reads++;
			ids.push(...part.rows.map((r) => r.id));
			if (part.read < 10) break;
			after = part.last;
		}
		expect(reads).toBe(3);
		expect(ids).toEqual(Array.from({ length: 25 }, (_, i) => `own-p${i}`));
		// A damaged row is skipped and counted, and the reading goes on past it.
		await db.table('setItems').update('own-p3', { 'entry.answer': 'not a number' });
		const first = await listEntriesAfter('set-parts1', null, 5);
		expect(first).toMatchObject({ damaged: 1, read: 5, last: 4 });
		expect(first.rows.map((r) => r.id)).toEqual(['own-p0', 'own-p1', 'own-p2', 'own-p4']);
	});
});
