import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { checkDrafts, settleDrafts } from './check.ts';
import { startDraft, type WorkerLike } from './client.ts';
import { handleDraftRequest, type DraftResponse } from './protocol.ts';
import type { DraftArticleT, DraftItem } from './types.ts';

// A news report of 418 words from the drafter's corpus (its README gives the licence).
const TEXT = readFileSync(new URL('./corpus/news-channel-tunnel.txt', import.meta.url), 'utf8');
const TEXTBOOK = readFileSync(new URL('./corpus/textbook-water-cycle.md', import.meta.url), 'utf8');

const SLOW = 60_000;

function run(data: unknown): DraftResponse[] {
	const out: DraftResponse[] = [];
	handleDraftRequest(data, (m) => out.push(m));
	return out;
}

describe('handleDraftRequest', () => {
	it(
		'posts progress, then the split article, drafts and their problems',
		() => {
			const out = run({ id: 7, seed: 's', text: TEXT, topic: 'tunnel', idPrefix: 'set-1' });
			const progress = out.filter((m) => m.type === 'progress');
			const last = out.at(-1);
			expect(progress.length).toBeGreaterThan(1);
			expect(progress.map((m) => (m.type === 'progress' ? m.done : -1))).toEqual(
				progress.map((_, i) => i + 1)
			);
			expect(out.every((m) => m.id === 7)).toBe(true);
			if (last?.type !== 'result') throw new Error(`expected a result, got ${last?.type}`);
			expect(last.article.meta.title).toBe('Queen and Mitterrand Open the Channel Tunnel');
			expect(last.article.meta.author).toBe('Helen Marsh');
			expect(last.genre).toBe('news');
			expect(last.notice).toBeNull();
			expect(last.items.length).toBeGreaterThan(3);
			expect(last.items.every((i) => i.topic === 'tunnel' && i.id.startsWith('set-1-'))).toBe(true);
			expect(last.problems).toEqual({});
		},
		SLOW
	);

	it(
		'drafts from an article already split, keeping its ids',
		() => {
			const body = TEXTBOOK.split(/\n\s*\n/).filter(
				(b) => !/^#|^-|^\d\./.test(b.trim()) && b.trim().length > 80
			);
			const article: DraftArticleT = {
				meta: { title: 'T', outlet: '', author: '', date: '' },
				paragraphs: body.map((text, i) => ({
					id: `part-${i + 1}`,
					kind: 'body' as const,
					text: text.trim()
				}))
			};
			const last = run({ id: 1, seed: 's', article }).at(-1);
			if (last?.type !== 'result') throw new Error('expected a result');
			expect(last.article).toEqual(article);
			expect(last.items.length).toBeGreaterThan(5);
			expect(last.items.every((i) => i.paragraph.startsWith('part-'))).toBe(true);
		},
		SLOW
	);

	it('names what is wrong with a bad request and drafts nothing', () => {
		expect(run({ id: 3, text: 'x' })).toEqual([
			{
				id: 3,
				type: 'error',
				message: expect.stringMatching(/invalid drafting request.*seed/) as unknown
			}
		]);
		expect(run('hello')).toEqual([
			{
				id: -1,
				type: 'error',
				message: expect.stringContaining('invalid drafting request') as unknown
			}
		]);
		const both = run({ id: 6, seed: 's', text: 'x', article: { meta: {}, paragraphs: [] } });
		expect(both[0]).toMatchObject({ type: 'error' });
		const neither = run({ id: 6, seed: 's' });
		expect(neither[0]).toMatchObject({
			type: 'error',
			message: expect.stringMatching(/give either the text or the article/) as unknown
		});
		const tooLong = run({ id: 4, seed: 's', text: 'a'.repeat(1_000_001) });
		expect(tooLong[0]).toMatchObject({
			type: 'error',
			message: expect.stringMatching(/too long/) as unknown
		});
	});

	it('refuses empty, short, repeated and non-English text with a message that says why', () => {
		const refused = (text: string) => {
			const out = run({ id: 5, seed: 's', text });
			expect(out).toHaveLength(1);
			return out[0] as Extract<DraftResponse, { type: 'error' }>;
		};
		expect(refused('   \n\n  ')).toMatchObject({
			type: 'error',
			code: 'empty',
			message: expect.stringMatching(/^The text is empty/) as unknown
		});
		expect(refused('Machines changed everything in the end.')).toMatchObject({
			code: 'short',
			message:
				'The text has 6 words: too short to draft a set from. Paste at least 150 words (a few paragraphs).'
		});
		const lines = Array.from(
			{ length: 40 },
			() => 'The keepers trimmed the wicks at dusk every day.'
		).join(' ');
		expect(refused(lines)).toMatchObject({ code: 'repeated' });
		const french = Array.from(
			{ length: 12 },
			(_, i) =>
				`Le conseil municipal a voté mardi la fermeture du pont numéro ${i} pour des travaux, une décision qui a irrité de nombreux usagers de la ville.`
		).join('\n\n');
		expect(refused(french)).toMatchObject({
			code: 'language',
			message: expect.stringMatching(/looks like French/) as unknown
		});
		const german = Array.from(
			{ length: 12 },
			(_, i) =>
				`Am 15. Mai verschwanden drei Wärter vom Leuchtturm Nummer ${i}, und das Rätsel wurde nie gelöst, sagte der Bürgermeister der Stadt.`
		).join('\n\n');
		expect(refused(german)).toMatchObject({
			code: 'language',
			message: expect.stringMatching(/looks like German/) as unknown
		});
	});

	it(
		'drafts only the first 3,000 words of a very long text and says so',
		() => {
			const chapters = Array.from({ length: 9 }, (_, i) =>
				TEXT.split('\n\n')
					.slice(4)
					.map((p) => p.replace(/Channel Tunnel|tunnel/g, `tunnel ${i + 1}`))
					.join('\n\n')
			).join('\n\n');
			const last = run({ id: 8, seed: 's', text: chapters }).at(-1);
			if (last?.type !== 'result') throw new Error(`expected a result, got ${last?.type}`);
			expect(last.notice).toMatch(
				/^The text has [\d,]+ words; drafts were made from its first [\d,]+ \(\d+ paragraphs\)/
			);
			const kept = new Set(last.items.map((i) => i.paragraph));
			const lastParagraph = last.article.paragraphs.at(-1)?.id ?? '';
			expect(kept.has(lastParagraph)).toBe(false);
		},
		SLOW
	);
});

/** A worker that runs the real handler on the next tick, as a browser worker would. */
function fakeWorker(): WorkerLike & { terminated: boolean } {
	const worker = {
		onmessage: null as WorkerLike['onmessage'],
		onerror: null as WorkerLike['onerror'],
		terminated: false,
		postMessage(message: unknown) {
			setTimeout(() =>
				handleDraftRequest(structuredClone(message), (m) => {
					if (!worker.terminated) worker.onmessage?.({ data: structuredClone(m) });
				})
			);
		},
		terminate() {
			worker.terminated = true;
		}
	};
	return worker;
}

describe('startDraft', () => {
	it(
		'resolves with the drafts, reports progress and ends the worker',
		async () => {
			const worker = fakeWorker();
			const onProgress = vi.fn();
			const result = await startDraft(
				{ text: TEXT },
				{ seed: 'x', onProgress, createWorker: () => worker }
			);
			expect(result.items.length).toBeGreaterThan(3);
			expect(result.article.paragraphs[0]?.kind).toBe('header');
			expect(onProgress).toHaveBeenCalled();
			const lastCall = onProgress.mock.calls.at(-1)?.[0] as { done: number; total: number };
			expect(lastCall.done).toBe(lastCall.total);
			expect(worker.terminated).toBe(true);
		},
		SLOW
	);

	it('rejects with the worker’s message', async () => {
		const worker = fakeWorker();
		await expect(
			startDraft({ text: '' }, { seed: 'x', createWorker: () => worker })
		).rejects.toThrow('The text is empty');
		expect(worker.terminated).toBe(true);
	});

	it('rejects when the worker itself fails', async () => {
		const worker = fakeWorker();
		worker.postMessage = () => setTimeout(() => worker.onerror?.({ message: 'boom' }));
		await expect(
			startDraft({ text: TEXT }, { seed: 'x', createWorker: () => worker })
		).rejects.toThrow('The drafting worker failed: boom');
	});

	it('stops the worker and rejects with an AbortError when aborted', async () => {
		const worker = fakeWorker();
		const controller = new AbortController();
		const promise = startDraft(
			{ text: TEXT },
			{ seed: 'x', signal: controller.signal, createWorker: () => worker }
		);
		controller.abort();
		await expect(promise).rejects.toMatchObject({ name: 'AbortError' });
		expect(worker.terminated).toBe(true);
	});
});

describe('checkDrafts', () => {
	const article: DraftArticleT = {
		meta: { title: 'T', outlet: '', author: '', date: '' },
		paragraphs: [{ id: 'p1', kind: 'body', text: 'The treaty was signed in 1987 by Reagan.' }]
	};
	const good: DraftItem = {
		id: 'd-1',
		type: 'numeric',
		prompt: 'In which year was the treaty signed?',
		answer: 1987,
		tolerance: 0,
		explanation: 'The article says so.',
		source: 'The treaty was signed in 1987',
		paragraph: 'p1',
		topic: 'article',
		difficulty: 2,
		tags: [],
		voice: 'fact',
		level: 'recall'
	};

	it('passes a sound draft and reports each problem of a bad one by id', () => {
		// Different answers, so neither is also a near-duplicate of the sound one.
		const leaky: DraftItem = { ...good, id: 'd-2', answer: 1988, prompt: 'Was it 1988?' };
		const misquoted: DraftItem = { ...good, id: 'd-3', answer: 1986, source: 'signed in 1988' };
		const problems = checkDrafts(article, { items: [good, leaky, misquoted], flashcards: [] });
		expect(problems['d-1']).toBeUndefined();
		expect(problems['d-2']).toEqual(['prompt gives away the answer 1988']);
		expect(problems['d-3']).toEqual(['source not found verbatim in p1: "signed in 1988"']);
	});

	it('reports a duplicate id and an unknown topic', () => {
		const problems = checkDrafts(
			article,
			{
				items: [good, { ...good, topic: 'elsewhere' }],
				flashcards: []
			},
			['article']
		);
		expect(problems['d-1']?.some((m) => m.startsWith('duplicate id "d-1"'))).toBe(true);
		expect(problems['d-1']?.some((m) => m.startsWith('topic "elsewhere" is not defined'))).toBe(
			true
		);
	});

	it('drops a near-duplicate of a kept draft, keeps a draft whose twin was dropped, and reports the rest', () => {
		// d-2 repeats d-1 (same quote, answer 1987); d-3 repeats only d-2 (answer Reagan), so it
		// stays once d-2 is gone.
		const shared = {
			explanation: good.explanation,
			source: good.source,
			paragraph: good.paragraph,
			topic: good.topic,
			difficulty: good.difficulty,
			tags: [],
			voice: good.voice,
			level: good.level
		};
		const twin = {
			...shared,
			id: 'd-2',
			type: 'cloze',
			prompt: 'Fill in the blanks.',
			text: 'The treaty was signed in {{1987}} by {{Reagan}}.'
		} satisfies DraftItem;
		const other = {
			...shared,
			id: 'd-3',
			type: 'single',
			prompt: 'Who signed the treaty?',
			choices: ['Reagan', 'Gorbachev'],
			answer: 'Reagan'
		} satisfies DraftItem;
		const leaky: DraftItem = { ...good, id: 'd-4', answer: 1988, prompt: 'Was it 1988?' };
		const raw = checkDrafts(article, { items: [good, twin, other, leaky], flashcards: [] });
		expect(raw['d-2']?.[0]).toMatch(/^near-duplicate of "d-1"/);
		const settled = settleDrafts(article, { items: [good, twin, other, leaky], flashcards: [] });
		expect(raw['d-3']?.[0]).toMatch(/^near-duplicate of "d-2"/);
		expect(settled.dropped).toEqual(['d-2']);
		expect(settled.drafts.items.map((i) => i.id)).toEqual(['d-1', 'd-3', 'd-4']);
		expect(checkDrafts(article, settled.drafts)).toEqual(settled.problems);
		expect(settled.problems).toEqual({ 'd-4': ['prompt gives away the answer 1988'] });
	});
});
