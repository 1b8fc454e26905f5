import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCloze } from '../bank/cloze.ts';
import { loadBank } from '../bank/load.ts';
import { Flashcard, Item, type Bank } from '../bank/schema.ts';
import { createRng } from '../engine/rng.ts';
import { attributionCue } from '../bank/voice.ts';
import { checkDrafts, screenDrafts, settleDrafts } from './check.ts';
import { lintItem } from '../bank/lint/index.ts';
import { acceptsTyped } from '../engine/score.ts';
import { draftItems } from './draft.ts';
import { coverage, validShare } from './measure.ts';
import { splitArticle } from './split.ts';
import { fold, mentions, mentionsNumber } from './text.ts';
import { VOICES, type DraftArticleT, type Drafts } from './types.ts';

const FIXTURES = [
	'gettysburg-address.txt',
	'us-constitution-excerpt.txt',
	'panama-canal.md',
	'apollo-11.html',
	'coastal-wetlands.txt'
];
const SEEDS = ['alpha', 'omega'];
// Drafting runs the tagger over every paragraph; a loaded 2-core machine needs room.
const SLOW = 120_000;

function fixture(name: string): string {
	return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

function fromBank(bank: Bank): DraftArticleT {
	return {
		meta: { title: bank.meta.title, outlet: bank.meta.outlet, author: bank.meta.author, date: '' },
		paragraphs: bank.paragraphs.map(({ id, kind, text }) => ({ id, kind, text }))
	};
}

interface Case {
	name: string;
	article: DraftArticleT;
	seed: string;
	/** What the drafter made, before near-duplicates were dropped. */
	raw: Drafts;
	/** What the worker hands the teacher: near-duplicates dropped. */
	drafts: Drafts;
	dropped: string[];
}

const cases: Case[] = [];
let bank: Bank;

beforeAll(async () => {
	const loaded = await loadBank('questions');
	if (!loaded.bank) throw new Error('the bank in questions/ does not load');
	bank = loaded.bank;
	const texts: [string, DraftArticleT][] = [
		['questions/article.yaml', fromBank(bank)],
		...FIXTURES.map((f): [string, DraftArticleT] => [f, splitArticle(fixture(f))])
	];
	for (const [name, article] of texts) {
		for (const seed of SEEDS) {
			const raw = draftItems(article, { rng: createRng(seed) });
			const { drafts, dropped } = settleDrafts(article, raw);
			cases.push({ name, article, seed, raw, drafts, dropped });
		}
	}
}, SLOW);

describe('draftItems over the bank article and every fixture', () => {
	it('drafts something from every text', () => {
		for (const c of cases) {
			expect(c.drafts.items.length, c.name).toBeGreaterThan(5);
		}
	});

	it('makes every draft valid against the bank schema, with a known voice', () => {
		for (const c of cases) {
			for (const item of c.drafts.items) {
				const parsed = v.safeParse(Item, item);
				expect(parsed.issues, `${c.name} ${item.id}`).toBeUndefined();
				expect(VOICES).toContain(item.voice);
			}
			for (const card of c.drafts.flashcards) {
				const parsed = v.safeParse(Flashcard, card);
				expect(parsed.issues, `${c.name} ${card.id}`).toBeUndefined();
				expect(VOICES).toContain(card.voice);
			}
		}
	});

	it('quotes every source verbatim from the paragraph it cites', () => {
		for (const c of cases) {
			const text = new Map(c.article.paragraphs.map((p) => [p.id, p.text]));
			for (const d of [...c.drafts.items, ...c.drafts.flashcards]) {
				expect(text.get(d.paragraph), `${c.name} ${d.id}`).toContain(d.source);
			}
		}
	});

	it(
		'passes the bank validator unchanged (ids, references, quotes, give-aways, voice, order sources, near-duplicates)',
		() => {
			for (const c of cases) {
				expect(checkDrafts(c.article, c.drafts), `${c.name} seed ${c.seed}`).toEqual({});
			}
		},
		SLOW
	);

	it('drops only near-duplicates, and only a few of them', () => {
		for (const c of cases) {
			const all = [...c.raw.items, ...c.raw.flashcards];
			const kept = new Set([...c.drafts.items, ...c.drafts.flashcards].map((d) => d.id));
			expect(all.filter((d) => !kept.has(d.id)).map((d) => d.id)).toEqual(c.dropped);
			// Every other rule holds before dropping: the drafter only over-produces twins.
			const problems = Object.values(checkDrafts(c.article, c.raw)).flat();
			expect(
				problems.filter((m) => !m.startsWith('near-duplicate of')),
				c.name
			).toEqual([]);
			expect(c.dropped.length, c.name).toBeLessThanOrEqual(Math.ceil(all.length / 10));
		}
	});

	it('screens drafts with the item-quality checker: no error reaches the teacher, warnings last', () => {
		let dropped = 0;
		let kept = 0;
		for (const c of cases) {
			const screened = screenDrafts(c.article, c.drafts);
			const context = { paragraphs: c.article.paragraphs, accepts: acceptsTyped };
			const count = (d: Parameters<typeof lintItem>[0]) => lintItem(d, context).length;
			for (const list of [screened.drafts.items, screened.drafts.flashcards]) {
				for (const d of list)
					expect(
						lintItem(d, context).filter((f) => f.severity === 'error'),
						`${c.name} ${d.id}`
					).toEqual([]);
				const warnings = list.map(count);
				expect(warnings, c.name).toEqual([...warnings].sort((a, b) => a - b));
			}
			dropped += screened.dropped.length;
			kept += screened.drafts.items.length + screened.drafts.flashcards.length;
		}
		console.log(`drafts screened by the checker: ${kept} kept, ${dropped} dropped for an error`);
	});

	it('drops a draft with a checker error and ranks one with warnings after a clean one', () => {
		const article: DraftArticleT = {
			meta: { title: 'T', outlet: '', author: '', date: '' },
			paragraphs: [{ id: 'p1', kind: 'body', text: 'The treaty was signed in 1987 in Washington.' }]
		};
		const base = {
			topic: 'article',
			difficulty: 2 as const,
			voice: 'fact' as const,
			level: 'recall' as const,
			tags: [],
			paragraph: 'p1',
			source: 'The treaty was signed in 1987 in Washington.',
			explanation: 'The article says so.'
		};
		const clean = {
			...base,
			id: 'clean',
			type: 'single' as const,
			prompt: 'Where was the treaty signed?',
			choices: ['Washington', 'Moscow', 'Geneva'],
			answer: 'Washington'
		};
		const cue = {
			...clean,
			id: 'cue',
			choices: ['Washington, the capital of the United States', 'Moscow', 'Geneva'],
			answer: 'Washington, the capital of the United States'
		};
		const broken = {
			...clean,
			id: 'broken',
			choices: ['Washington', 'Moscow', 'All of the above'],
			answer: 'Washington'
		};
		const screened = screenDrafts(article, { items: [cue, broken, clean], flashcards: [] });
		expect(screened.drafts.items.map((d) => d.id)).toEqual(['clean', 'cue']);
		expect(screened.dropped).toEqual([{ id: 'broken', rule: 'all-none-above' }]);
		expect(screened.warnings.cue).toBeGreaterThan(0);
	});

	it('never puts the key in its own stem', () => {
		for (const c of cases) {
			for (const item of c.drafts.items) {
				const where = `${c.name} ${item.id}`;
				if (item.type === 'single' || item.type === 'short')
					expect(mentions(item.prompt, item.answer), where).toBe(false);
				if (item.type === 'numeric')
					expect(mentionsNumber(item.prompt, item.answer), where).toBe(false);
				if (item.type === 'cloze') {
					const parts = parseCloze(item.text).parts;
					const outside = parts.map((p) => (p.kind === 'text' ? p.text : '\u0000')).join('');
					for (const part of parts) {
						if (part.kind !== 'blank') continue;
						for (const answer of part.answers) {
							expect(mentions(outside, answer), `${where} ${answer}`).toBe(false);
							expect(mentions(item.prompt, answer), `${where} ${answer}`).toBe(false);
						}
					}
				}
			}
		}
	});

	it('offers distractors distinct from the key and from each other', () => {
		let singles = 0;
		for (const c of cases) {
			for (const item of c.drafts.items) {
				if (item.type !== 'single') continue;
				singles++;
				const keys = item.choices.map(fold);
				expect(new Set(keys).size, `${c.name} ${item.id}`).toBe(keys.length);
				expect(keys.filter((k) => k === fold(item.answer))).toHaveLength(1);
				expect(item.choices.length).toBeGreaterThanOrEqual(3);
			}
		}
		expect(singles).toBeGreaterThan(10);
	});

	it('attributes claims and predictions to the author and never states them as fact', () => {
		let voiced = 0;
		for (const c of cases) {
			for (const item of c.drafts.items) {
				if (item.voice === 'fact') continue;
				voiced++;
				expect(item.explanation, item.id).toMatch(/not an established fact/);
				expect(attributionCue(item.explanation), item.id).not.toBeNull();
				const read = item.type === 'cloze' ? `${item.prompt} ${item.text}` : item.prompt;
				expect(attributionCue(read), `${item.id}: ${read}`).not.toBeNull();
				if (item.type === 'truefalse') {
					const lead =
						item.voice === 'claim' ? 'According to the author, ' : 'The article predicts that ';
					expect(item.prompt.startsWith(lead), `${item.id}: ${item.prompt}`).toBe(true);
				}
			}
			for (const card of c.drafts.flashcards) {
				if (card.voice === 'fact') continue;
				expect(attributionCue(card.front), `${card.id}: ${card.front}`).not.toBeNull();
				expect(attributionCue(card.explanation), card.id).not.toBeNull();
			}
		}
		expect(voiced).toBeGreaterThan(20);
	});

	it('never asks for the same dated event in both an order and a match', () => {
		for (const c of cases) {
			const steps = c.drafts.items.flatMap((i) => (i.type === 'order' ? i.items : []));
			const lefts = c.drafts.items.flatMap((i) => (i.type === 'match' ? i.pairs : []));
			for (const p of lefts) expect(steps, c.name).not.toContain(p.left);
		}
	});

	it('keeps ids unique within a text', () => {
		for (const c of cases) {
			const ids = [...c.drafts.items, ...c.drafts.flashcards].map((d) => d.id);
			expect(new Set(ids).size, c.name).toBe(ids.length);
		}
	});

	it(
		'gives the same drafts for the same seed and different ones for another',
		() => {
			const [a, b] = cases.filter((c) => c.name === 'questions/article.yaml');
			if (!a || !b) throw new Error('missing bank cases');
			const again = draftItems(a.article, { rng: createRng(a.seed) });
			expect(again).toEqual(a.raw);
			expect(b.raw).not.toEqual(a.raw);
		},
		SLOW
	);
});

describe('draftItems on the INF Treaty article', () => {
	const bankCase = () => {
		const c = cases.find((x) => x.name === 'questions/article.yaml');
		if (!c) throw new Error('missing bank case');
		return c;
	};

	it('drafts every item type it promises, and flashcards for the acronyms', () => {
		const { drafts } = bankCase();
		const types = new Set(drafts.items.map((i) => i.type));
		for (const t of ['cloze', 'numeric', 'single', 'truefalse', 'order'] as const)
			expect(types).toContain(t);
		const fronts = drafts.flashcards.map((c) => `${c.front} = ${c.back}`);
		expect(fronts).toContain('INF Treaty = Intermediate-Range Nuclear Forces Treaty');
		expect(fronts).toContain(
			'ABM Treaty = Treaty on the Limitation of Anti-Ballistic Missile Systems'
		);
		expect(fronts).toContain('DoD = Department of Defense');
		expect(fronts).toContain('USSR = Union of Soviet Socialist Republics');
	});

	it('asks for years with no tolerance', () => {
		const years = bankCase().drafts.items.filter(
			(i) => i.type === 'numeric' && i.prompt.startsWith('Which year')
		);
		expect(years.length).toBeGreaterThan(0);
		for (const y of years) if (y.type === 'numeric') expect(y.tolerance).toBe(0);
	});

	it('backs each step of the order with its own dated quote, in the order of the steps', () => {
		const order = bankCase().drafts.items.find((i) => i.type === 'order');
		if (order?.type !== 'order') throw new Error('no order item');
		const quotes = [order.source, ...(order.sources ?? []).map((c) => c.quote)];
		expect(quotes).toHaveLength(order.items.length);
		expect(new Set(quotes).size).toBe(quotes.length);
		const years = quotes.map((q) => Number(/\b(?:19|20)\d\d\b/.exec(q)?.[0]));
		expect(years).toEqual([...years].sort((x, y) => x - y));
	});

	it('orders dated events earliest first, without the years in the entries', () => {
		const order = bankCase().drafts.items.find((i) => i.type === 'order');
		if (order?.type !== 'order') throw new Error('no order item');
		expect(order.items[0]).toMatch(/ABM Treaty was signed/);
		for (const entry of order.items) expect(entry).not.toMatch(/\b(1[0-9]|20)\d\d\b/);
	});

	it(
		'covers at least 60% of the bank quotes and 90% of drafts pass validation',
		() => {
			const c = bankCase();
			const cov = coverage(bank, c.article, c.drafts);
			expect(cov.covered / cov.total).toBeGreaterThanOrEqual(0.6);
			const { valid, total } = validShare(c.drafts, checkDrafts(c.article, c.drafts));
			expect(valid / total).toBeGreaterThanOrEqual(0.9);
		},
		SLOW
	);

	it(
		'reports progress paragraph by paragraph up to the total',
		() => {
			const c = bankCase();
			// One step per paragraph of text (the header is not tagged), and one for the cards.
			const total = c.article.paragraphs.filter((p) => p.kind !== 'header').length + 1;
			const seen: number[] = [];
			draftItems(c.article, { rng: createRng('p') }, (p) => {
				expect(p.total).toBe(total);
				seen.push(p.done);
			});
			expect(seen).toEqual(Array.from({ length: total }, (_, i) => i + 1));
		},
		SLOW
	);
});
