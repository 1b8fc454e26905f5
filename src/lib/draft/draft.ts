import { sentenceRanges } from '../bank/highlight.ts';
import { shuffle, type Rng } from '../engine/rng.ts';
import { aliasGroup, analyse, type Entity, type EntityKind, type Sentence } from './nlp.ts';
import { findCards } from './cards.ts';
import { clip, fold, mentions, mentionsNumber, occurrences, replaceSpans } from './text.ts';
import type {
	DraftArticleT,
	DraftCard,
	DraftItem,
	DraftOptions,
	DraftProgress,
	Drafts,
	Voice
} from './types.ts';
import {
	asStatement,
	attribute,
	classifyVoice,
	explainLead,
	sentenceName,
	upperFirst
} from './voice.ts';

/** A sentence with where it sits and how it speaks. */
export interface Located extends Sentence {
	paragraph: string;
	kind: string;
	voice: Voice;
}

const GAP = '____';
/** A name met more often than this ("the US" in an article about the US) teaches nothing. */
const FREQUENT = 8;
const TAGS: Record<EntityKind, string> = {
	person: 'names',
	place: 'places',
	org: 'organisations',
	name: 'names',
	date: 'dates',
	year: 'dates',
	number: 'numbers'
};
/** Kinds a single-choice stem can ask about, with its question word. */
const ASK: Partial<Record<EntityKind, string>> = {
	person: 'Who fills the gap in',
	place: 'Which place fills the gap in',
	org: 'Which organisation fills the gap in',
	name: 'What fills the gap in',
	year: 'Which year fills the gap in'
};

/** Word pairs whose swap turns a claim or prediction into its opposite. */
const ANTONYMS: [string, string][] = [
	['intensify', 'reduce'],
	['increase', 'decrease'],
	['increased', 'reduced'],
	['strengthen', 'weaken'],
	['superior', 'inferior'],
	['positive', 'negative'],
	['lowers', 'raises'],
	['accelerated', 'slowed'],
	['expanded', 'shrank'],
	['easing', 'worsening'],
	['aggravate', 'ease'],
	['deteriorate', 'improve'],
	['more difficult', 'easier'],
	['decline', 'growth'],
	['eager', 'reluctant'],
	['important', 'minor'],
	['devastating', 'beneficial'],
	['bad', 'good'],
	['confidence', 'doubt'],
	['favorable', 'unfavorable'],
	['unilaterally', 'jointly'],
	['bilateral', 'multilateral'],
	['cannot', 'can'],
	['before', 'after'],
	['earlier', 'later']
];

interface Context {
	rng: Rng;
	topic: string;
	prefix: string;
	sentences: Located[];
	/** Distinct entities of each kind across the article, first mention first. */
	pool: Map<EntityKind, Entity[]>;
	/** How many times each entity (folded) occurs in the article. */
	counts: Map<string, number>;
	fullText: string;
	ids: Set<string>;
}

/**
 * Drafts quiz items and flashcards from an article. Every draft cites its paragraph and a quote
 * found verbatim in it, carries its voice (fact, claim or prediction) and never has its key in its
 * own stem. The same article, options and seed give the same drafts.
 */
export function draftItems(
	article: DraftArticleT,
	options: DraftOptions,
	onProgress?: (p: DraftProgress) => void
): Drafts {
	const paragraphs = article.paragraphs.filter((p) => p.kind !== 'header');
	const total = paragraphs.length + 1;
	const sentences: Located[] = [];
	paragraphs.forEach((p, i) => {
		for (const s of asTheBankReads(p.text, analyse(p.text))) {
			// Headings and fragments ("The American Canal") make no items.
			if (s.text.split(/\s+/).length < 5 || !/[\p{L}]{2}/u.test(s.text)) continue;
			sentences.push({ ...s, paragraph: p.id, kind: p.kind, voice: classifyVoice(s.text, p.kind) });
		}
		onProgress?.({ done: i + 1, total });
	});

	const ctx: Context = {
		rng: options.rng,
		topic: options.topic ?? 'article',
		prefix: options.idPrefix ?? 'draft',
		sentences,
		pool: buildPool(sentences),
		counts: countEntities(sentences),
		fullText: article.paragraphs.map((p) => p.text).join('\n'),
		ids: new Set()
	};
	const cap = options.perSentence ?? 3;

	const items: DraftItem[] = [...headerItems(article, ctx)];
	for (const s of sentences) {
		// One sentence tests each name, date or number once: two items keying the same answer on
		// the same quote are near-duplicates to the bank. The choice needs distractors, so it goes
		// first; the cloze, which can blank anything, last.
		const used: Entity[] = [];
		const single = singleFor(s, ctx, used);
		const numeric = numericFor(s, ctx, used);
		const cloze = clozeFor(s, ctx, used);
		const made = [cloze, numeric, single, trueFalseFor(s, ctx)].filter(
			(x): x is DraftItem => x !== null
		);
		// Keep the kinds apart when there are too many: a fixed order, then a seeded pick.
		items.push(...(made.length > cap ? shuffle(made, ctx.rng).slice(0, cap) : made));
	}
	items.push(...timelineItems(ctx));

	const flashcards: DraftCard[] = [];
	for (const p of paragraphs) {
		for (const card of findCards(p.text)) {
			const sentence = sentences.find(
				(s) => s.paragraph === p.id && card.start >= s.start && card.start < s.end
			);
			const voice = card.voice ?? sentence?.voice ?? 'fact';
			const front =
				voice === 'fact'
					? card.front
					: `${voice === 'claim' ? 'According to the author' : 'In the article’s prediction'}, ${card.front.charAt(0).toLowerCase()}${card.front.slice(1)}`;
			flashcards.push({
				id: newId(ctx, `${p.id}-card`),
				front,
				back: card.back,
				reverse: card.reverse,
				explanation: card.explanation,
				source: card.source,
				paragraph: p.id,
				topic: ctx.topic,
				difficulty: card.reverse ? 1 : 2,
				tags: card.tags,
				voice,
				level: 'recall'
			});
		}
	}
	onProgress?.({ done: total, total });
	return { items, flashcards: dedupeCards(flashcards) };
}

/**
 * The tagger's sentences cut where the bank's validator cuts ("Section. 2. The House …", "William
 * C. Gorgas"), so every quote drafted from one lies in a single sentence of the bank's. A name or
 * a date across a cut is left out of both pieces.
 */
function asTheBankReads(text: string, sentences: readonly Sentence[]): Sentence[] {
	const ranges = sentenceRanges(text);
	return sentences.flatMap((s) => {
		const inside = ranges.filter((r) => r.start < s.end && s.start < r.end);
		if (inside.length <= 1) return [s];
		return inside.map((r) => {
			const start = Math.max(s.start, r.start);
			const end = Math.min(s.end, r.end);
			const within = <T extends { start: number; end: number }>(x: T) =>
				x.start >= start && x.end <= end;
			return {
				start,
				end,
				text: text.slice(start, end),
				terms: s.terms.filter(within),
				entities: s.entities.filter(within)
			};
		});
	});
}

// ---------------------------------------------------------------- pools

function buildPool(sentences: readonly Located[]): Map<EntityKind, Entity[]> {
	const pool = new Map<EntityKind, Entity[]>();
	for (const s of sentences) {
		for (const e of s.entities) {
			// Years inside full dates also count as years for "when" distractors.
			const entries: Entity[] =
				e.kind === 'date' ? [e, { ...e, kind: 'year', text: String(e.value) }] : [e];
			for (const entry of entries) {
				const list = pool.get(entry.kind) ?? [];
				if (!list.some((x) => sameReferent(x, entry))) list.push(entry);
				pool.set(entry.kind, list);
			}
		}
	}
	return pool;
}

function countEntities(sentences: readonly Located[]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const s of sentences)
		for (const e of s.entities) counts.set(fold(e.text), (counts.get(fold(e.text)) ?? 0) + 1);
	return counts;
}

/** Whether two entities may name the same thing: equal, aliases, or one a part of the other. */
export function sameReferent(a: Entity, b: Entity): boolean {
	if (a.kind === 'number' || b.kind === 'number') return a.value === b.value;
	if ((a.kind === 'year' || a.kind === 'date') && (b.kind === 'year' || b.kind === 'date'))
		return a.value === b.value;
	const x = fold(a.text);
	const y = fold(b.text);
	if (x === y) return true;
	const ga = aliasGroup(x);
	if (ga !== null && ga === aliasGroup(y)) return true;
	if (mentions(x, y) || mentions(y, x)) return true;
	return abbreviates(a.text, b.text) || abbreviates(b.text, a.text);
}

/** Whether the acronym leading `short` ("INF", "INF Treaty") spells the initials of `long`. */
function abbreviates(short: string, long: string): boolean {
	const acr = /^\p{Lu}[\p{Lu}.]+(?=\s|$)/u.exec(short)?.[0].replace(/\./g, '').toLowerCase();
	if (!acr || acr.length < 2) return false;
	const init = initials(long);
	if (init === acr) return true;
	let i = 0;
	for (const ch of init) if (ch === acr[i]) i++;
	return init[0] === acr[0] && i === acr.length;
}

function initials(s: string): string {
	return s
		.split(/[\s-]+/)
		.filter((w) => /^\p{Lu}/u.test(w))
		.map((w) => w[0])
		.join('')
		.toLowerCase();
}

// ---------------------------------------------------------------- shared pieces

function newId(ctx: Context, stem: string): string {
	let n = 1;
	while (ctx.ids.has(`${ctx.prefix}-${stem}-${n}`)) n++;
	const id = `${ctx.prefix}-${stem}-${n}`;
	ctx.ids.add(id);
	return id;
}

function base(ctx: Context, s: Located, type: string, tags: string[], difficulty: 1 | 2 | 3) {
	const voiceTag =
		s.voice === 'claim' ? ['claims'] : s.voice === 'prediction' ? ['predictions'] : [];
	return {
		id: newId(ctx, `${s.paragraph}-${type}`),
		source: s.text,
		paragraph: s.paragraph,
		topic: ctx.topic,
		difficulty,
		tags: [...new Set([...tags, ...voiceTag])],
		voice: s.voice,
		level: 'recall' as const
	};
}

function explain(s: Located, extra = ''): string {
	return `${explainLead(s.voice)} “${s.text}”${extra}`;
}

/** The entity relative to its sentence. */
function local(s: Located, e: Entity): [number, number] {
	return [e.start - s.start, e.end - s.start];
}

/** Spans of every occurrence of the entity's text in the sentence (case as written). */
function spansOf(s: Located, e: Entity): [number, number][] {
	const spans = occurrences(s.text, e.text);
	return spans.length > 0 ? spans : [local(s, e)];
}

/** Entities sorted rarest first (a rarer name teaches more), ties broken by the seeded RNG. */
function byInterest(
	s: Located,
	ctx: Context,
	kinds: readonly EntityKind[],
	used: readonly Entity[] = []
): Entity[] {
	const list = shuffle(
		s.entities.filter(
			(e) =>
				kinds.includes(e.kind) &&
				(ctx.counts.get(fold(e.text)) ?? 0) <= FREQUENT &&
				!used.some((u) => sameReferent(u, e))
		),
		ctx.rng
	);
	return list.sort(
		(a, b) => (ctx.counts.get(fold(a.text)) ?? 0) - (ctx.counts.get(fold(b.text)) ?? 0)
	);
}

/** Whether another entity in the sentence is an alias of e, which would give e away. */
function aliasNearby(s: Located, e: Entity): boolean {
	return s.entities.some(
		(o) => o !== e && o.kind === e.kind && fold(o.text) !== fold(e.text) && sameReferent(o, e)
	);
}

/**
 * Entities of the key's kind from elsewhere in the text, shuffled, none naming the key or
 * mentioned in the sentence. Places of the key's own sort (country, region, site) come first;
 * `strict` keeps only those, so a swapped statement stays a sensible sentence.
 */
function candidates(ctx: Context, key: Entity, s: Located, strict: boolean): Entity[] {
	const all = shuffle(ctx.pool.get(key.kind) ?? [], ctx.rng).filter(
		(d) =>
			!sameReferent(d, key) &&
			!mentions(s.text, d.text) &&
			(ctx.counts.get(fold(d.text)) ?? 0) <= FREQUENT
	);
	if (key.kind !== 'place') return all;
	const same = all.filter((d) => d.sub === key.sub);
	return strict ? same : [...same, ...all.filter((d) => d.sub !== key.sub)];
}

// ---------------------------------------------------------------- cloze

function clozeFor(s: Located, ctx: Context, used: Entity[]): DraftItem | null {
	if (/[{}|]/.test(s.text)) return null;
	const chosen: Entity[] = [];
	const kinds: EntityKind[] = ['date', 'year', 'number', 'person', 'place', 'org', 'name'];
	for (const e of byInterest(s, ctx, kinds, used)) {
		if (chosen.length >= 2) break;
		if (chosen.some((c) => sameReferent(c, e) || (c.start < e.end && e.start < c.end))) continue;
		if (aliasNearby(s, e)) continue;
		chosen.push(e);
	}
	if (chosen.length === 0) return null;
	const spans = chosen.flatMap((e) => spansOf(s, e));
	const answers = new Map(chosen.map((e) => [fold(e.text), e]));
	const text = replaceSpans(s.text, spans, (original) => {
		const e = answers.get(fold(original));
		const variants = e ? variantsOf(e).filter((v) => !mentions(s.text, v)) : [];
		return `{{${[original, ...variants].join('|')}}}`;
	});
	// Every blank's answer must be gone from the text around the blanks.
	const outside = text.replace(/\{\{[^{}]*\}\}/g, '\u0000');
	if (chosen.some((e) => mentions(outside, e.text))) return null;
	used.push(...chosen);
	const prompt =
		s.voice === 'fact' ? 'Fill in the blanks.' : `Fill in the blanks in ${sentenceName(s.voice)}.`;
	return {
		...base(
			ctx,
			s,
			'cloze',
			chosen.map((e) => TAGS[e.kind]),
			2
		),
		type: 'cloze',
		prompt,
		text,
		explanation: explain(s)
	};
}

/** Other answers a student who knows the fact would type: a surname for a full name. */
function variantsOf(e: Entity): string[] {
	if (e.kind === 'person') {
		const parts = e.text.split(/\s+/);
		if (parts.length > 1) return [parts[parts.length - 1] as string];
	}
	return [];
}

// ---------------------------------------------------------------- numeric

function numericFor(s: Located, ctx: Context, used: Entity[]): DraftItem | null {
	for (const e of byInterest(s, ctx, ['date', 'year', 'number'], used)) {
		const value = e.value;
		if (value === undefined) continue;
		let span: [number, number] = local(s, e);
		const isYear = e.kind === 'year' || e.kind === 'date';
		if (e.kind === 'date') {
			// Ask for the year of a full date: "Dec. 8, ____".
			const at = e.text.lastIndexOf(String(value));
			if (at < 0) continue;
			span = [span[0] + at, span[0] + at + 4];
		}
		if (!isYear && (value < 2 || e.text.length > 12)) continue;
		const gapped = replaceSpans(s.text, [span], () => GAP);
		if (mentionsNumber(gapped, value)) continue;
		const what = isYear ? 'Which year' : 'What number';
		const prompt = `${what} fills the gap in ${sentenceName(s.voice)}? “${gapped}”`;
		const unit = !isYear && e.unit && e.unit !== '%' ? e.unit : undefined;
		const item: DraftItem = {
			...base(ctx, s, 'numeric', [isYear ? 'dates' : 'numbers'], 2),
			type: 'numeric',
			prompt,
			answer: value,
			tolerance: !isYear && e.approx ? Math.max(1, Math.round(value * 0.1)) : 0,
			explanation: explain(s)
		};
		used.push(e);
		if (unit) return { ...item, unit };
		return item;
	}
	return null;
}

// ---------------------------------------------------------------- single choice

function singleFor(s: Located, ctx: Context, used: Entity[]): DraftItem | null {
	for (const e of byInterest(s, ctx, ['person', 'place', 'org', 'name', 'date', 'year'], used)) {
		const kind: EntityKind = e.kind === 'date' ? 'year' : e.kind;
		const question = ASK[kind];
		if (!question || aliasNearby(s, e)) continue;
		const key = kind === 'year' ? String(e.value) : e.text;
		const keyEntity: Entity = { ...e, kind, text: key };
		let spans: [number, number][];
		if (e.kind === 'date') {
			const [a] = local(s, e);
			const at = e.text.lastIndexOf(key);
			spans = [[a + at, a + at + key.length]];
		} else spans = spansOf(s, e);
		const gapped = replaceSpans(s.text, spans, () => GAP);
		if (mentions(gapped, key)) continue;
		const distractors: string[] = [];
		const taken: Entity[] = [];
		for (const d of candidates(ctx, keyEntity, s, false)) {
			if (distractors.length >= 3) break;
			if (taken.some((x) => sameReferent(x, d))) continue;
			taken.push(d);
			distractors.push(kind === 'year' ? String(d.value) : d.text);
		}
		if (distractors.length < 2) continue;
		const prompt = `${question} ${sentenceName(s.voice)}? “${gapped}”`;
		used.push(e);
		return {
			...base(ctx, s, 'single', [TAGS[kind]], 2),
			type: 'single',
			prompt,
			choices: shuffle([key, ...distractors], ctx.rng),
			answer: key,
			explanation: explain(s)
		};
	}
	return null;
}

// ---------------------------------------------------------------- true or false

/** Words that open sentences and are never names. */
const STARTERS =
	/^(?:the|a|an|this|that|these|those|it|its|in|on|at|as|for|from|with|by|during|after|before|when|while|since|many|some|most|all|both|each|every|there|here|we|they|he|she|i|our|their|his|her|no|not|if|once|although|though|because|four|two|three|one)$/i;

/** Whether the statement's first word is a name, which keeps its capital after "According to". */
function startsWithName(statement: string, ctx: Context): boolean {
	const first = /^[\p{L}.'’-]+/u.exec(statement)?.[0] ?? '';
	if (!first || !/^\p{Lu}/u.test(first) || STARTERS.test(first)) return false;
	if (/^\p{Lu}[\p{Lu}.]+$/u.test(first)) return true;
	// A word written with a capital after a lower-case word or a comma is a name.
	for (const [i] of occurrences(ctx.fullText, first)) {
		if (/[\p{Ll},;] +$/u.test(ctx.fullText.slice(Math.max(0, i - 3), i))) return true;
	}
	return false;
}

function trueFalseFor(s: Located, ctx: Context): DraftItem | null {
	const tell = (text: string) => {
		const statement = asStatement(text);
		return attribute(s.voice, statement, startsWithName(statement, ctx));
	};
	const swapped = swapEntity(s, ctx) ?? swapWord(s);
	const makeFalse = swapped !== null && (ctx.rng() < 0.6 || s.voice !== 'fact');
	const tags = s.voice === 'fact' ? [] : [s.voice === 'claim' ? 'claims' : 'predictions'];
	if (makeFalse && swapped) {
		const prompt = tell(swapped.text);
		const truth = tell(s.text);
		if (fold(prompt) === fold(truth)) return null;
		return {
			...base(ctx, s, 'truefalse', [...tags, ...swapped.tags], 2),
			type: 'truefalse',
			prompt,
			answer: false,
			explanation: `${explainLead(s.voice)} “${s.text}” The statement has “${swapped.to}” where the article has “${swapped.from}”.`
		};
	}
	if (s.voice === 'fact' && s.entities.length === 0 && s.kind !== 'body') return null;
	return {
		...base(ctx, s, 'truefalse', tags, s.voice === 'fact' ? 1 : 2),
		type: 'truefalse',
		prompt: tell(s.text),
		answer: true,
		explanation: explain(s)
	};
}

interface Swap {
	text: string;
	from: string;
	to: string;
	tags: string[];
}

function swapEntity(s: Located, ctx: Context): Swap | null {
	for (const e of byInterest(s, ctx, ['person', 'place', 'org', 'name', 'year', 'date'])) {
		const kind: EntityKind = e.kind === 'date' ? 'year' : e.kind;
		if (aliasNearby(s, e)) continue;
		const from = kind === 'year' ? String(e.value) : e.text;
		const pick = candidates(ctx, { ...e, kind, text: from }, s, true)[0];
		if (!pick) continue;
		const to = kind === 'year' ? String(pick.value) : pick.text;
		const [a] = local(s, e);
		const at = e.text.lastIndexOf(from);
		const spans: [number, number][] =
			e.kind === 'date' ? [[a + at, a + at + from.length]] : spansOf(s, e);
		return { text: replaceSpans(s.text, spans, () => to), from, to, tags: [TAGS[kind]] };
	}
	return null;
}

function swapWord(s: Located): Swap | null {
	for (const [x, y] of ANTONYMS) {
		for (const [from, to] of [
			[x, y],
			[y, x]
		] as const) {
			if (!from) continue;
			const spans = occurrences(s.text, from);
			if (spans.length !== 1) continue;
			const text = replaceSpans(s.text, spans, () => to).replace(/\s{2,}/g, ' ');
			return { text, from, to: to || `(without “${from}”)`, tags: ['claims'] };
		}
	}
	return null;
}

// ---------------------------------------------------------------- timeline: order and match

interface Event {
	s: Located;
	label: string;
	/** The clause that states the event and its date, verbatim: the step's own quote. */
	quote: string;
	year: number;
	month: number;
	day: number;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * A time the bank accepts as dating a step of a chronological order: a year from 1800 to 2099 or
 * a month (`TIME_WORDS` in src/lib/bank/validate.ts accepts these and more).
 */
const STATED_TIME =
	/\b(?:1[89]\d\d|20\d\d|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b/;

/** Words that introduce a date and go with it when the date is cut out of an event. */
const DATE_LEAD = /(?:\b(?:on|in|since|by|from|during|as early as|as late as|until|of)\s*)$/i;

/** Turns a clause into an event label: the date cut out, linking words dropped, kept short. */
function eventLabel(s: Located, clause: string, offset: number, date: Entity): string {
	const a = date.start - s.start - offset;
	const b = date.end - s.start - offset;
	let text = (clause.slice(0, a).replace(DATE_LEAD, '') + ' ' + clause.slice(b))
		.replace(/^(?:file\s+)?(?:photo|picture|image)\s+(?:taken\s+)?(?:shows\s+)?/i, '')
		.replace(/\s+(?:taken\s+)?shows\s+/i, ' ')
		.replace(/\s+,/g, ',')
		.replace(/\s{2,}/g, ' ')
		.replace(/^[\s,;:]+|[\s,;:.]+$/g, '')
		.replace(/^(?:however|moreover|therefore|finally|and|but)\b,?\s*/i, '');
	// "…, which was signed in 1972" stands for the name just before it.
	const rel = /^(?:which|that)\s+/i.exec(text);
	if (rel) {
		const before = s.entities.filter((e) =>
			e.kind === 'name' || e.kind === 'org' ? e.end - s.start <= offset : false
		);
		const antecedent = before[before.length - 1];
		if (!antecedent) return '';
		const name = /^the\s/i.test(antecedent.text) ? antecedent.text : `The ${antecedent.text}`;
		text = `${name} ${text.slice(rel[0].length)}`;
	}
	return clip(upperFirst(text), 14);
}

function eventsOf(s: Located): Event[] {
	const dated = s.entities.filter((e) => e.kind === 'date' || e.kind === 'year');
	if (dated.length === 0 || dated.length > 3) return [];
	// A sentence with several dates splits into its clauses, one date each.
	const cuts = [0];
	if (dated.length > 1) {
		for (const m of s.text.matchAll(/,\s+|;\s+|\s+(?=which\b|while\b|whereas\b)/g))
			cuts.push(m.index + m[0].length);
	}
	cuts.push(s.text.length);
	const events: Event[] = [];
	for (let i = 0; i + 1 < cuts.length; i++) {
		const a = cuts[i] as number;
		let b = cuts[i + 1] as number;
		const inside = dated.filter((e) => e.start - s.start >= a && e.end - s.start <= b);
		if (inside.length !== 1) continue;
		const e = inside[0] as Entity;
		// "As early as 2002, the United States withdrew …": the date's clause continues after it.
		const next = cuts[i + 2];
		if (next !== undefined && b - (e.end - s.start) < 3) {
			if (!dated.some((d) => d.start - s.start >= b && d.end - s.start <= next)) b = next;
		}
		const label = eventLabel(s, s.text.slice(a, b), a, e);
		if (label.split(/\s+/).length < 3 || /\b1\d{3}\b|\b20\d{2}\b/.test(label)) continue;
		const quote = s.text.slice(a, b).replace(/^[\s,;:]+|[\s,;:]+$/g, '');
		if (!STATED_TIME.test(quote)) continue;
		const m = /^([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2})?/.exec(e.text);
		const monthIdx = m ? MONTHS.indexOf((m[1] ?? '').toLowerCase()) : -1;
		events.push({
			s,
			label,
			quote,
			year: e.value ?? 0,
			month: monthIdx + 1,
			day: m?.[2] ? Number(m[2]) : 0
		});
	}
	return events;
}

/** Longest order or match drafted; both are read and rearranged on a phone. */
const MAX_STEPS = 5;

/**
 * A chronological order of dated events, each step backed by the clause that dates it (the bank
 * wants one quote per step, each with a date in it). With six events or more, the rest become a
 * match of events to years; the same events in both would ask the same thing twice.
 */
function timelineItems(ctx: Context): DraftItem[] {
	const byYear = new Map<number, Event>();
	for (const s of ctx.sentences)
		for (const ev of eventsOf(s)) if (!byYear.has(ev.year)) byYear.set(ev.year, ev);
	const events = shuffle([...byYear.values()], ctx.rng);
	if (events.length < 3) return [];
	const split = events.length >= 6 ? Math.ceil(events.length / 2) : events.length;
	const chrono = (list: Event[]) =>
		list.slice(0, MAX_STEPS).sort((a, b) => a.year - b.year || a.month - b.month || a.day - b.day);
	const ordered = chrono(events.slice(0, split));
	const matched = chrono(events.slice(split));
	const items: DraftItem[] = [];
	const distinct = (list: Event[]) => new Set(list.map((e) => fold(e.label))).size === list.length;
	const common = (list: Event[], type: string) => {
		const [first, ...rest] = list as [Event, ...Event[]];
		return {
			...base(ctx, { ...first.s, voice: 'fact' }, type, ['dates'], 3),
			source: first.quote,
			sources: rest.map((e) => ({ paragraph: e.s.paragraph, quote: e.quote })),
			explanation: `The article dates these events to ${list.map((e) => e.year).join(', ')}, in that order.`
		};
	};
	if (distinct(ordered)) {
		items.push({
			...common(ordered, 'order'),
			type: 'order',
			prompt: 'Put these events from the article in chronological order, earliest first.',
			items: ordered.map((e) => e.label)
		});
	}
	if (matched.length >= 3 && distinct(matched)) {
		items.push({
			...common(matched, 'match'),
			type: 'match',
			prompt: 'Match each event in the article to its year.',
			pairs: matched.map((e) => ({ left: e.label, right: String(e.year) }))
		});
	}
	return items;
}

// ---------------------------------------------------------------- header

function headerItems(article: DraftArticleT, ctx: Context): DraftItem[] {
	const header = article.paragraphs.find((p) => p.kind === 'header');
	if (!header) return [];
	const items: DraftItem[] = [];
	const lines = header.text.split('\n').map((l) => l.trim());
	const byline = lines.find((l) => article.meta.author && l.includes(article.meta.author));
	const common = {
		paragraph: header.id,
		topic: ctx.topic,
		difficulty: 1 as const,
		voice: 'fact' as const,
		level: 'recall' as const
	};
	if (byline && article.meta.author) {
		const surname = article.meta.author.split(/\s+/).pop() ?? '';
		items.push({
			...common,
			id: newId(ctx, `${header.id}-short`),
			type: 'short',
			prompt: 'Who wrote the article?',
			answer: article.meta.author,
			accept: surname && surname !== article.meta.author ? [surname] : [],
			explanation: `The byline names the author: “${byline}”.`,
			source: byline,
			tags: ['names']
		});
	}
	const outlet = article.meta.outlet;
	if (outlet && lines.includes(outlet)) {
		items.push({
			...common,
			id: newId(ctx, `${header.id}-short`),
			type: 'short',
			prompt: 'Which outlet published the article?',
			answer: outlet,
			accept: [],
			explanation: `The header names the outlet: “${outlet}”.`,
			source: outlet,
			tags: ['organisations']
		});
	}
	return items;
}

function dedupeCards(cards: DraftCard[]): DraftCard[] {
	const seen = new Set<string>();
	return cards.filter((c) => {
		const key = fold(c.front);
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}
