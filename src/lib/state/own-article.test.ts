import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SetQuizItem } from '$lib/bank/set';
import { db, saveReceived } from '$lib/db';
import { createSet, emptyCounts } from '$lib/db/sets';
import type { Assignment } from '$lib/teach/link';
import { loadOwnArticle } from './own-article';

const article = {
	meta: { title: 'The pier', outlet: 'Coast', author: 'R. Hale', date: '' },
	paragraphs: [
		{ id: 'p0', kind: 'header' as const, text: 'The pier\nCoast' },
		{ id: 'p1', kind: 'body' as const, text: 'The pier opened in 1899. It is 524 meters long.' }
	]
};
const item: SetQuizItem = {
	id: 'set-pier0001-p1-numeric-1',
	topic: 'article',
	difficulty: 1,
	voice: 'fact',
	tags: [],
	type: 'numeric',
	prompt: 'In which year did the pier open?',
	answer: 1899,
	tolerance: 0,
	paragraph: 'p1',
	source: 'The pier opened in 1899.'
};

function assignment(withArticle: boolean): Assignment {
	return {
		v: 1,
		id: withArticle ? 'with-article' : 'without-article',
		bank: 'abc',
		title: 'Pier check',
		className: '',
		itemIds: [item.id],
		mode: 'practice',
		timeLimitMin: null,
		due: null,
		maxAttempts: null,
		shuffle: false,
		passMark: 50,
		seed: 's',
		teacherKey: { kty: 'EC', crv: 'P-256', x: 'A'.repeat(43), y: 'B'.repeat(43) },
		createdAt: 1,
		items: [item],
		...(withArticle ? { article } : {})
	};
}

beforeEach(async () => {
	await Promise.all(db.tables.map((t) => t.clear()));
});

describe('loadOwnArticle', () => {
	it('finds the article an assignment carried, by the assignment or by the entry alone', async () => {
		const a = assignment(true);
		await saveReceived({ id: a.id, openedAt: 1, student: 'Ada', payload: a, attempts: [] });
		for (const query of [{ assignment: a.id }, { item: item.id }]) {
			const found = await loadOwnArticle(query);
			expect(found.ok && found.view).toMatchObject({
				from: 'Pier check',
				meta: article.meta,
				quotes: [{ id: item.id, paragraph: 'p1', source: 'The pier opened in 1899.' }]
			});
			expect(found.ok && found.view.paragraphs.map((p) => p.n)).toEqual([0, 1]);
		}
	});

	it('says so when the assignment brought no article, or the set has none', async () => {
		const a = assignment(false);
		await saveReceived({ id: a.id, openedAt: 1, student: 'Ada', payload: a, attempts: [] });
		const found = await loadOwnArticle({ item: item.id });
		expect(found.ok === false && found.reason).toMatch(/did not bring its article/);
		await createSet({
			id: 'set-plain001',
			title: 'Plain',
			description: '',
			article: false,
			topics: [],
			counts: emptyCounts(),
			createdAt: 1,
			updatedAt: 1
		});
		const plain = await loadOwnArticle({ set: 'set-plain001' });
		expect(plain.ok === false && plain.reason).toMatch(/no article of its own/);
	});

	it('leaves the built-in article to the page for an entry found nowhere', async () => {
		expect(await loadOwnArticle({ item: 'nowhere-1' })).toEqual({ ok: null });
		expect(await loadOwnArticle({})).toEqual({ ok: null });
	});
});
