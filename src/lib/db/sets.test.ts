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
	listEntries,
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
