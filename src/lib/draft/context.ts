/** What every kind of question shares: the article read once, ids, same-kind distractors, voice. */
import { shuffle, type Rng } from '../engine/rng.ts';
import type { Genre } from './genre.ts';
import { owner } from './genre.ts';
import { aliasGroup, type Entity, type EntityKind } from './nlp.ts';
import type { Located } from './sentences.ts';
import { fold, mentions } from './text.ts';
import type { DraftCard, DraftItem, Voice } from './types.ts';

import { KIND_TAGS, type Kind } from './kind-names.ts';

export { KINDS, KIND_NAMES, KIND_TAGS, type Kind } from './kind-names.ts';

/** A draft one kind proposes; the set is chosen from these. */
export interface Candidate {
	kind: Kind;
	entry: DraftItem | DraftCard;
	/** How good a teacher would find it, 0–1: the set takes the best first. */
	score: number;
	/** Sentence orders (Located.order) the draft asks about; one sentence gives one draft. */
	sentences: number[];
}

export interface Context {
	rng: Rng;
	topic: string;
	prefix: string;
	genre: Genre;
	sentences: Located[];
	/** The sentences drafts may come from. */
	usable: Located[];
	/** Distinct askable entities of each kind, first mention first. */
	pool: Map<EntityKind, Entity[]>;
	/** How many times each entity (folded) occurs in the article. */
	counts: Map<string, number>;
	fullText: string;
	/** Each paragraph's text by id. */
	paragraphText: Map<string, string>;
	title: string;
	ids: Set<string>;
	/** Each body paragraph's section: the heading above it and its place under it (1, 2 …). */
	sections?: Map<string, Section>;
}

/** Where a body paragraph sits for a reader: under which heading, and which one under it. */
export interface Section {
	heading: string;
	/** 1 for the first body paragraph under the heading. */
	ordinal: number;
}

/**
 * The section of every body paragraph that follows a subheading: a short note with no sentence's
 * end ("Background", "Plate boundaries") or a question standing alone ("What moves the plates?").
 * The apparatus (learning objectives, references) ends the headings' reach.
 */
export function sectionsOf(
	paragraphs: readonly { id: string; kind: string; text: string }[]
): Map<string, Section> {
	const out = new Map<string, Section>();
	let heading = '';
	let ordinal = 0;
	for (const p of paragraphs) {
		if (p.kind === 'note') {
			const t = p.text.trim();
			const isHeading = t.split(/\s+/).length <= 10 && !/[.!:;,]["”’)]?$/.test(t);
			heading = isHeading ? t : '';
			ordinal = 0;
		} else if (p.kind === 'body' && heading) out.set(p.id, { heading, ordinal: ++ordinal });
	}
	return out;
}

/** A name met more often than this is the article's subject, and asking for it teaches nothing. */
export const FREQUENT = 6;

export function newId(ctx: Context, stem: string): string {
	let n = 1;
	while (ctx.ids.has(`${ctx.prefix}-${stem}-${n}`)) n++;
	const id = `${ctx.prefix}-${stem}-${n}`;
	ctx.ids.add(id);
	return id;
}

const DIFFICULTY = { recall: 1, understanding: 2, analysis: 3 } as const;

/** The fields every drafted item shares. */
export function base(
	ctx: Context,
	s: Located,
	kind: Kind,
	type: string,
	level: 'recall' | 'understanding' | 'analysis',
	tags: string[] = [],
	voice: Voice = s.voice
) {
	const voiceTag = voice === 'claim' ? ['claims'] : voice === 'prediction' ? ['predictions'] : [];
	return {
		id: newId(ctx, `${s.paragraph}-${type}`),
		source: s.text,
		paragraph: s.paragraph,
		topic: ctx.topic,
		difficulty: DIFFICULTY[level],
		tags: [...new Set([KIND_TAGS[kind], ...tags, ...voiceTag])],
		voice,
		level
	};
}

/** "According to the author, " / "According to the speaker, " for a claim or prediction; else "". */
export function attribution(ctx: Context, voice: Voice): string {
	if (voice === 'fact') return '';
	return `According to the ${owner(ctx.genre)}, `;
}

/** The first words of an explanation; claims and predictions are never restated as fact. */
export function explainLead(ctx: Context, voice: Voice): string {
	const who = owner(ctx.genre);
	const verb = who === 'speaker' ? 'says' : 'writes';
	if (voice === 'claim')
		return `This is the ${who}’s claim, not an established fact; the ${who} ${verb}`;
	if (voice === 'prediction')
		return `This is the ${who}’s prediction, not an established fact; the ${who} ${verb}`;
	return `The ${who === 'speaker' ? 'speech' : 'text'} says`;
}

export function explain(ctx: Context, s: Located, extra = ''): string {
	return `${explainLead(ctx, s.voice)} “${s.text}”${extra}`;
}

/** Whether two entities may name the same thing: equal, aliases, or one a part of the other. */
export function sameReferent(a: Entity, b: Entity): boolean {
	if (a.kind === 'number' || b.kind === 'number') return a.value === b.value;
	if ((a.kind === 'year' || a.kind === 'date') && (b.kind === 'year' || b.kind === 'date'))
		return (
			fold(a.text) === fold(b.text) ||
			(a.value === b.value && a.month === b.month && a.day === b.day)
		);
	const x = fold(a.text);
	const y = fold(b.text);
	if (x === y) return true;
	const ga = aliasGroup(x);
	if (ga !== null && ga === aliasGroup(y)) return true;
	if (mentions(x, y) || mentions(y, x)) return true;
	return abbreviates(a.text, b.text) || abbreviates(b.text, a.text);
}

function abbreviates(short: string, long: string): boolean {
	const acr = /^\p{Lu}[\p{Lu}.]+(?=\s|$)/u.exec(short)?.[0].replace(/\./g, '').toLowerCase();
	if (!acr || acr.length < 2) return false;
	const init = long
		.split(/[\s-]+/)
		.filter((w) => /^\p{Lu}/u.test(w))
		.map((w) => w[0])
		.join('')
		.toLowerCase();
	if (init === acr) return true;
	let i = 0;
	for (const ch of init) if (ch === acr[i]) i++;
	return init[0] === acr[0] && i === acr.length;
}

export function buildPool(sentences: readonly Located[]): Map<EntityKind, Entity[]> {
	const pool = new Map<EntityKind, Entity[]>();
	for (const s of sentences) {
		if (s.skip) continue;
		for (const e of s.entities) {
			const entries: Entity[] = [e];
			// The year of a full date is also a year: "Dec. 8, 1987" offers 1987 to "which year".
			if (e.kind === 'date' && e.value !== undefined)
				entries.push({
					...e,
					kind: 'year',
					text: String(e.value),
					month: undefined,
					day: undefined
				});
			for (const entry of entries) {
				const list = pool.get(entry.kind) ?? [];
				if (!list.some((x) => sameReferent(x, entry))) list.push(entry);
				pool.set(entry.kind, list);
			}
		}
	}
	return pool;
}

export function countEntities(sentences: readonly Located[]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const s of sentences)
		for (const e of s.entities) counts.set(fold(e.text), (counts.get(fold(e.text)) ?? 0) + 1);
	return counts;
}

/** Whether a name is the article's subject (its title, or met too often to be worth asking). */
export function isTopic(ctx: Context, text: string): boolean {
	return (
		(ctx.counts.get(fold(text)) ?? 0) > FREQUENT || (ctx.title !== '' && mentions(ctx.title, text))
	);
}

/**
 * Same-kind distractors for a key from elsewhere in the article: people for a person, countries
 * for a country, years for a year; never an alias or part of the key, never a name already in the
 * sentence, never the article's subject. Shuffled with the seeded RNG.
 */
export function distractors(ctx: Context, key: Entity, s: Located, max = 3): Entity[] {
	let all = shuffle(ctx.pool.get(key.kind) ?? [], ctx.rng).filter(
		(d) => !sameReferent(d, key) && !mentions(s.text, d.text) && !isTopic(ctx, d.text)
	);
	// A river for a river, a building for a building, a city for a city.
	if (key.kind === 'place')
		all = all.filter((d) => d.sub === key.sub && siteHead(d.text) === siteHead(key.text));
	if (key.kind === 'date') {
		// A day for a day, a month for a month: "October 9" with "October 11", not with "1871".
		all = all.filter(
			(d) =>
				(d.day === undefined) === (key.day === undefined) &&
				d.month !== undefined &&
				// "May 31, 1889" is the same day as "May 31": never two right answers.
				!(d.month === key.month && d.day === key.day)
		);
		// Options written alike: "May 31" with "May 30", not with "May 30, 1889".
		if (key.value === undefined)
			all = all.map((d) =>
				d.value === undefined ? d : { ...d, text: d.text.replace(/,?\s+\d{3,4}$/, '') }
			);
		else {
			const dated = all.filter((d) => d.value !== undefined);
			if (dated.length >= 2) all = dated;
		}
	}
	if (key.kind === 'number') {
		// Counts of the same thing: "300 people" with "100,000 residents", not with "3.3 square miles".
		all = all.filter(
			(d) => d.unit !== undefined && key.unit !== undefined && sameUnit(d.unit, key.unit)
		);
	}
	const out: Entity[] = [];
	for (const d of all) {
		if (out.length >= max) break;
		if (out.some((x) => sameReferent(x, d) || fold(x.text) === fold(d.text))) continue;
		out.push(d);
	}
	return out;
}

const SITE_WORDS =
	/\b(river|lake|sea|ocean|bay|gulf|island|islands|isles|mountain|mountains|ridge|valley|street|avenue|square|park|bridge|building|tower|dam|tunnel|station|canal|harbou?r|fort|castle|church|cathedral|palace|hall|memorial|fault|trench|desert|forest|strait|coast)$/i;

/** The kind of site a place's last word names ("river", "building"), or '' for a city or state. */
function siteHead(text: string): string {
	const t = text.trim();
	const head =
		SITE_WORDS.exec(t)?.[1] ?? /^(lake|mount|fort|river|isle|cape)\b/i.exec(t)?.[1] ?? '';
	return head
		.toLowerCase()
		.replace(/^mount$/, 'mountain')
		.replace(/s$/, '');
}

const PEOPLE =
	/^(?:people|persons|residents|workers|men|women|children|soldiers|keepers|visitors|passengers|shareholders|students|members|employees)$/i;

function sameUnit(a: string, b: string): boolean {
	if (a.toLowerCase() === b.toLowerCase()) return true;
	return PEOPLE.test(a) && PEOPLE.test(b);
}

/** Draws a seeded shuffle of choices with the key among them. */
export function choicesWith(ctx: Context, key: string, others: string[]): string[] {
	return shuffle([key, ...others], ctx.rng);
}
