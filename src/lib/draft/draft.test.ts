import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBank } from '../bank/load.ts';
import { Flashcard, Item, type Bank } from '../bank/schema.ts';
import { attributionCue } from '../bank/voice.ts';
import { createRng } from '../engine/rng.ts';
import { checkDrafts, settleDrafts } from './check.ts';
import { KINDS } from './context.ts';
import {
	draftItems,
	kindOf,
	MAX_ONE_ANSWER,
	MAX_RECALL,
	MAX_TRUE_FALSE,
	type DraftOutcome
} from './draft.ts';
import { siblingLeaks } from './leaks.ts';
import { screenDrafts } from './check.ts';
import { lintItem } from '../bank/lint/index.ts';
import { acceptsTyped } from '../engine/score.ts';
import { splitArticle } from './split.ts';
import { mentions, mentionsNumber } from './text.ts';
import { VOICES, type DraftArticleT, type Drafts } from './types.ts';

// The tuning texts only: the held-out texts in corpus/heldout are never drafted by a test, so no
// failing test can make anyone tune the drafter on them.
const TEXTS = [
	'corpus/news-channel-tunnel.txt',
	'corpus/opinion-dim-the-streetlights.txt',
	'corpus/encyclopedia-great-chicago-fire.txt',
	'corpus/textbook-water-cycle.md',
	'corpus/speech-fdr-day-of-infamy.txt',
	'fixtures/gettysburg-address.txt',
	'fixtures/panama-canal.md',
	'fixtures/apollo-11.html',
	'fixtures/coastal-wetlands.txt'
];
const SEEDS = ['alpha', 'omega'];
// Drafting runs the tagger over every paragraph; a loaded 2-core machine needs room.
const SLOW = 180_000;

function read(name: string): string {
	return readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
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
	raw: DraftOutcome;
	drafts: Drafts;
}

const cases: Case[] = [];

beforeAll(async () => {
	const loaded = await loadBank('questions');
	if (!loaded.bank) throw new Error('the bank in questions/ does not load');
	const texts: [string, DraftArticleT][] = [
		['questions/article.yaml', fromBank(loaded.bank)],
		...TEXTS.map((f): [string, DraftArticleT] => [f, splitArticle(read(f))])
	];
	for (const [name, article] of texts) {
		for (const seed of SEEDS) {
			const raw = draftItems(article, { rng: createRng(seed) });
			const { drafts } = settleDrafts(article, raw);
			cases.push({ name, article, seed, raw, drafts });
		}
	}
}, SLOW);

const all = (d: Drafts) => [...d.items, ...d.flashcards];

describe('draftItems over the corpus, the fixtures and the bank article', () => {
	it('drafts a set from every text, sized to it', () => {
		for (const c of cases) {
			const words = c.article.paragraphs
				.filter((p) => p.kind === 'body')
				.reduce((n, p) => n + p.text.split(/\s+/).length, 0);
			expect(c.drafts.items.length, c.name).toBeGreaterThan(0);
			if (words > 500) expect(c.drafts.items.length, c.name).toBeGreaterThanOrEqual(5);
			// About one item per 45 words, never more than one per 30.
			expect(c.drafts.items.length, c.name).toBeLessThanOrEqual(Math.ceil(words / 30));
		}
	});

	it('makes every draft valid against the bank schema, with a known voice and a kind', () => {
		for (const c of cases) {
			for (const item of c.drafts.items) {
				expect(v.safeParse(Item, item).issues, `${c.name} ${item.id}`).toBeUndefined();
				expect(VOICES).toContain(item.voice);
				expect(kindOf(item), `${c.name} ${item.id}`).not.toBeNull();
			}
			for (const card of c.drafts.flashcards) {
				expect(v.safeParse(Flashcard, card).issues, `${c.name} ${card.id}`).toBeUndefined();
				expect(kindOf(card)).toBe('definition');
			}
		}
	});

	it(
		'passes the bank validator unchanged, and quotes every source from a body paragraph',
		() => {
			for (const c of cases) {
				expect(checkDrafts(c.article, c.drafts), `${c.name} seed ${c.seed}`).toEqual({});
				const body = new Map(
					c.article.paragraphs.filter((p) => p.kind === 'body').map((p) => [p.id, p.text])
				);
				for (const d of all(c.drafts)) {
					// Never from a heading, a caption, a reference list or the header.
					expect(body.get(d.paragraph), `${c.name} ${d.id}`).toContain(d.source);
				}
			}
		},
		SLOW
	);

	it('keeps true/false to 30% of the items, neither answer over 60%, and recall to half', () => {
		for (const c of cases) {
			const items = c.drafts.items;
			const tf = items.filter((i) => i.type === 'truefalse');
			const yes = tf.filter((i) => i.type === 'truefalse' && i.answer).length;
			expect(tf.length, c.name).toBeLessThanOrEqual(MAX_TRUE_FALSE * items.length);
			if (tf.length > 0) {
				expect(yes, c.name).toBeLessThanOrEqual(MAX_ONE_ANSWER * tf.length);
				expect(tf.length - yes, c.name).toBeLessThanOrEqual(MAX_ONE_ANSWER * tf.length);
			}
			expect(items.filter((i) => i.level === 'recall').length, c.name).toBeLessThanOrEqual(
				MAX_RECALL * items.length
			);
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

	it('never copies a sentence as a true statement', () => {
		for (const c of cases) {
			const sentences = c.article.paragraphs.flatMap((p) => p.text.split(/(?<=[.!?])\s+/));
			for (const i of c.drafts.items)
				if (i.type === 'truefalse') expect(sentences, `${c.name} ${i.id}`).not.toContain(i.prompt);
		}
	});

	it('has no sibling key leaks and never puts a key in its own stem', () => {
		for (const c of cases) {
			expect(siblingLeaks(all(c.drafts)), `${c.name} ${c.seed}`).toEqual([]);
			for (const item of c.drafts.items) {
				if (item.type === 'single' || item.type === 'short')
					expect(mentions(item.prompt, item.answer), `${c.name} ${item.id}`).toBe(false);
				if (item.type === 'numeric')
					expect(mentionsNumber(item.prompt, item.answer), `${c.name} ${item.id}`).toBe(false);
			}
		}
	});

	it('offers distractors distinct from the key and from each other', () => {
		for (const c of cases)
			for (const i of c.drafts.items) {
				if (i.type !== 'single') continue;
				expect(new Set(i.choices).size, `${c.name} ${i.id}`).toBe(i.choices.length);
				expect(i.choices.filter((x) => x === i.answer)).toHaveLength(1);
				expect(i.choices.length).toBeGreaterThanOrEqual(3);
			}
	});

	it('attributes every claim and prediction wherever the student reads it', () => {
		for (const c of cases)
			for (const d of all(c.drafts)) {
				if (d.voice === 'fact') continue;
				const shown = 'type' in d ? d.prompt : d.front;
				expect(attributionCue(shown), `${c.name} ${d.id}: ${shown}`).not.toBeNull();
			}
	});

	it('never asks for a figure number, a bracketed conversion or a citation', () => {
		for (const c of cases)
			for (const i of c.drafts.items) {
				const shown = JSON.stringify({ ...i, source: '', explanation: '', sources: [] });
				expect(shown, `${c.name} ${i.id}`).not.toMatch(/\(Figure|\[\d+\]\??"|km2\)/);
				if (i.type === 'numeric') expect(i.prompt).not.toMatch(/\(|\)/);
			}
	});

	it('orders events by the text’s own dates, one quote per step', () => {
		for (const c of cases)
			for (const i of c.drafts.items) {
				if (i.type !== 'order') continue;
				expect(i.sources?.length, c.name).toBe(i.items.length - 1);
				for (const label of i.items) expect(label).not.toMatch(/\b1[89]\d\d\b|\b20\d\d\b/);
			}
	});

	it(
		'comes grouped by kind and is the same for the same seed',
		() => {
			for (const c of cases) {
				const order = all(c.raw).map((d) => KINDS.indexOf(kindOf(d) ?? 'truefalse'));
				const items = c.raw.items.map((d) => KINDS.indexOf(kindOf(d) ?? 'truefalse'));
				expect(items, c.name).toEqual([...items].sort((a, b) => a - b));
				expect(order.length).toBe(all(c.raw).length);
				const again = draftItems(c.article, { rng: createRng(c.seed) });
				expect(all(again).map((d) => d.id)).toEqual(all(c.raw).map((d) => d.id));
				expect(new Set(all(c.raw).map((d) => d.id)).size).toBe(all(c.raw).length);
			}
		},
		SLOW
	);

	it('mixes kinds: key terms and causes on the textbook, a sequence on the encyclopedia, claims on the opinion piece', () => {
		const kinds = (name: string) =>
			new Set(cases.filter((c) => c.name === name).flatMap((c) => all(c.drafts).map(kindOf)));
		const textbook = kinds('corpus/textbook-water-cycle.md');
		expect([...textbook].length).toBeGreaterThanOrEqual(4);
		expect(textbook.has('definition')).toBe(true);
		expect(textbook.has('cause')).toBe(true);
		expect(kinds('corpus/encyclopedia-great-chicago-fire.txt').has('sequence')).toBe(true);
		expect(kinds('corpus/opinion-dim-the-streetlights.txt').has('claims')).toBe(true);
		const cards =
			cases.find((c) => c.name === 'corpus/textbook-water-cycle.md')?.drafts.flashcards ?? [];
		expect(cards.length).toBeGreaterThanOrEqual(3);
	});
});
