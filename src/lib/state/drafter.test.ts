import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '$lib/db';
import { draftsOf, getSet, listEntries, saveDraft } from '$lib/db/sets';
import { startDraft, type WorkerLike } from '$lib/draft/client';
import { handleDraftRequest } from '$lib/draft/protocol';
import { formFrom } from './entry-form';
import { answerText, draftedEntry, toSetArticle } from './draft-review';
import { ArticleDrafter, DraftReview, type DrafterDeps } from './drafter.svelte';
import { loadOwnArticle } from './own-article';

const TEXT = readFileSync('e2e/fixtures/articles/lighthouse-keepers.txt', 'utf8');

/** A worker that runs the real handler on the next tick, as a browser worker would. */
function fakeWorker(): WorkerLike {
	const worker: WorkerLike = {
		onmessage: null,
		onerror: null,
		postMessage(message: unknown) {
			setTimeout(() =>
				handleDraftRequest(structuredClone(message), (m) =>
					worker.onmessage?.({ data: structuredClone(m) })
				)
			);
		},
		terminate() {}
	};
	return worker;
}

function deps(): DrafterDeps {
	let r = 0;
	return {
		now: () => 1_700_000_000_000,
		random: () => (r++ % 36) / 36,
		draft: (input, options) => startDraft(input, { ...options, createWorker: fakeWorker })
	};
}

beforeEach(async () => {
	await Promise.all(db.tables.map((t) => t.clear()));
});

describe('ArticleDrafter', () => {
	it('prefills the details from the heading and byline, and keeps what the teacher typed', async () => {
		const drafter = new ArticleDrafter(deps());
		drafter.setMeta('date', 'Spring 2026');
		drafter.text = TEXT;
		await drafter.prefill();
		expect(drafter.meta).toEqual({
			title: 'The Last Keepers of the Northern Lights',
			outlet: 'Shoreline Quarterly',
			author: 'Tomas Lindqvist',
			date: 'Spring 2026'
		});
		expect(drafter.paragraphs).toBe(8);
		drafter.setMeta('title', 'Keepers');
		await drafter.prefill();
		expect(drafter.meta.title).toBe('Keepers');
	});

	it('refuses a file of another kind or too large, with its name', async () => {
		const drafter = new ArticleDrafter(deps());
		await drafter.readFile({ name: 'notes.pdf', size: 10, text: () => Promise.resolve('') });
		expect(drafter.error).toBe('notes.pdf is not a .txt, .md or .html file.');
		await drafter.readFile({
			name: 'big.txt',
			size: 3 * 1024 * 1024,
			text: () => Promise.resolve('')
		});
		expect(drafter.error).toMatch(/^big\.txt is 3\.0 MB; an article file may be up to 2 MB\.$/);
		expect(drafter.text).toBe('');
	});

	it('reduces an opened HTML file to its text, never keeping its markup', async () => {
		const drafter = new ArticleDrafter(deps());
		// A whole article (the drafter refuses a text under 150 words), with markup and a script.
		const body = TEXT.split(/\n\s*\n/)
			.slice(1)
			.map((p) => `<p>${p}</p>`)
			.join('');
		const html = `<html><head><title>T</title><script>alert(1)</script></head><body><h1>The Pier</h1><p>The pier opened in 1899 at Brighton, and <b>Eugenius Birch</b> designed it for 27,000 pounds.</p>${body}</body></html>`;
		await drafter.readFile({
			name: 'pier.html',
			size: html.length,
			text: () => Promise.resolve(html)
		});
		expect(drafter.meta.title).toBe('The Pier');
		const id = await drafter.draft();
		expect(id).not.toBeNull();
		const set = await getSet(id!);
		const text = set!.ownArticle!.paragraphs.map((p) => p.text).join('\n');
		expect(text).toContain('Eugenius Birch designed it');
		expect(text).not.toMatch(/<|alert/);
	});

	it('drafts, then stores the set with its article and every draft waiting for review', async () => {
		const drafter = new ArticleDrafter(deps());
		drafter.text = TEXT;
		await drafter.prefill();
		const id = await drafter.draft();
		expect(drafter.error).toBe('');
		const set = await getSet(id!);
		expect(set?.article).toBe(true);
		expect(set?.ownArticle?.meta.title).toBe('The Last Keepers of the Northern Lights');
		// Verbatim: every paragraph's text is in the pasted text as it was.
		for (const p of set!.ownArticle!.paragraphs.filter((p) => p.kind === 'body'))
			expect(TEXT).toContain(p.text);
		const drafts = await draftsOf(id!);
		// A set sized to the text: about one draft per 40–60 words (383 words here), and some.
		expect(drafts.length).toBeGreaterThan(5);
		expect(drafts.every((d) => draftedEntry(d.form) !== null)).toBe(true);
		expect((await listEntries(id!)).rows).toEqual([]);
	}, 30_000);

	it('asks for a title and a text before drafting, and stores nothing', async () => {
		const drafter = new ArticleDrafter(deps());
		expect(await drafter.draft()).toBeNull();
		expect(drafter.error).toBe('Paste the article or open a file first.');
		drafter.text = 'Just some words without a heading at all, in one paragraph of text.';
		drafter.setMeta('title', '  ');
		expect(await drafter.draft()).toBeNull();
		expect(drafter.error).toBe('Give the article a title.');
		expect(await db.sets.count()).toBe(0);
	});
});

describe('DraftReview', () => {
	async function drafted() {
		const drafter = new ArticleDrafter(deps());
		drafter.text = TEXT;
		await drafter.prefill();
		const id = (await drafter.draft())!;
		const review = new DraftReview({ now: () => 1_700_000_100_000 });
		await review.load(id);
		return { id, review };
	}

	it('lists the drafts in order with the quote found in its paragraph; accepts and rejects in bulk', async () => {
		const { id, review } = await drafted();
		expect(review.status).toBe('ready');
		const n = review.drafts.length;
		for (const d of review.drafts) {
			expect(d.problems).toEqual([]);
			expect(d.at).not.toBeNull();
			expect(d.paragraph!.text.slice(d.at!.start, d.at!.end).length).toBeGreaterThan(5);
		}
		expect(review.drafts.map((d) => d.position)).toEqual([...Array(n).keys()]);
		const chosen = review.drafts.slice(0, 5).map((d) => d.id);
		for (const x of chosen) review.toggle(x, true);
		expect(await review.accept([...review.selected])).toBe(true);
		expect(review.message).toMatch(/^Accepted 5 drafts into/);
		expect(review.saved).toBe(5);
		expect(review.selected.size).toBe(0);
		const rows = (await listEntries(id)).rows;
		expect(rows.map((r) => r.id)).toEqual(chosen);
		expect(await review.reject([review.drafts[0]!.id])).toBe(true);
		await review.load(id);
		expect(review.drafts.length).toBe(n - 6);
		// Stored entries cite the set's own article, checked word for word.
		const view = await loadOwnArticle({ item: chosen[0] });
		expect(view.ok && view.view.quotes.map((q) => q.id)).toEqual(chosen);
	}, 30_000);

	it('accepts an edited draft from its form, and keeps a broken one back with its problem', async () => {
		const { id, review } = await drafted();
		const [a, b] = review.drafts;
		const form = formFrom(a!.entry!, 'The article');
		form.explanation = 'Edited by the teacher.';
		await saveDraft({
			id: `${id}/${a!.id}`,
			setId: id,
			entryId: a!.id,
			form: { ...form },
			savedAt: 5
		});
		const broken = formFrom(b!.entry!, 'The article');
		broken.source = 'A sentence the article does not have.';
		await saveDraft({
			id: `${id}/${b!.id}`,
			setId: id,
			entryId: b!.id,
			form: { ...broken },
			savedAt: 5
		});
		await review.load(id);
		const editedA = review.drafts.find((d) => d.id === a!.id)!;
		const brokenB = review.drafts.find((d) => d.id === b!.id)!;
		expect(editedA.edited).toBe(true);
		expect(brokenB.entry).toBeNull();
		expect(brokenB.problems.join(' ')).toMatch(/^source: /);
		expect(await review.accept([a!.id, b!.id])).toBe(true);
		expect(review.message).toMatch(/Accepted 1 draft .* 1 with problems stayed/);
		const rows = (await listEntries(id)).rows;
		expect(rows.map((r) => r.entry.explanation)).toEqual(['Edited by the teacher.']);
	}, 30_000);

	it('says so when the set is not there or was not drafted', async () => {
		const review = new DraftReview({ now: () => 1 });
		await review.load('set-missing1');
		expect(review.status).toBe('missing');
		expect(review.problem).toMatch(/not on this device/);
	});
});

describe('toSetArticle', () => {
	it('keeps the paragraphs as split and names what is wrong', () => {
		const split = {
			meta: { title: 'x', outlet: '', author: '', date: '' },
			paragraphs: [{ id: 'p1', kind: 'body' as const, text: 'One.' }]
		};
		const ok = toSetArticle(split, { title: ' T ', outlet: '', author: '', date: '' });
		expect(ok.ok && ok.article).toEqual({
			meta: { title: 'T', outlet: '', author: '', date: '' },
			paragraphs: split.paragraphs
		});
		const long = toSetArticle(
			{ ...split, paragraphs: [{ id: 'p1', kind: 'body', text: 'a'.repeat(200_001) }] },
			{ title: 'T', outlet: '', author: '', date: '' }
		);
		expect(long.ok || long.reason).toMatch(
			/200,001 characters long; a set keeps articles up to 200,000/
		);
		const bad = toSetArticle(split, { title: 'T', outlet: 'o'.repeat(301), author: '', date: '' });
		expect(bad.ok || bad.reason).toMatch(/meta\.outlet must be at most 300 characters/);
	});
});

describe('answerText', () => {
	it('says the answer of every drafted type in words', () => {
		const base = {
			id: 'x-1',
			topic: 'a',
			difficulty: 1 as const,
			voice: 'fact' as const,
			tags: []
		};
		expect(
			answerText({ ...base, type: 'single', prompt: 'Who?', choices: ['A', 'B', 'C'], answer: 'B' })
		).toBe('B (other choices: A, C)');
		expect(
			answerText({
				...base,
				type: 'cloze',
				prompt: 'Fill.',
				text: 'In {{1851|1851 AD}} and {{oil}}.'
			})
		).toBe('1851 or 1851 AD; oil');
		expect(
			answerText({
				...base,
				type: 'numeric',
				prompt: 'How long?',
				answer: 524,
				tolerance: 0,
				unit: 'meters'
			})
		).toBe('524 meters');
		expect(answerText({ ...base, type: 'truefalse', prompt: 'True?', answer: false })).toBe(
			'False'
		);
		expect(
			answerText({ ...base, front: 'NLB', back: 'Northern Lighthouse Board', reverse: true })
		).toBe('Northern Lighthouse Board');
	});
});
