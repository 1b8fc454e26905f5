import { sentenceRanges } from '../bank/highlight.ts';
import { numberParagraphs } from '../bank/paragraphs.ts';
import { entitiesIn, tag, type Entity, type Sentence, type Term } from './nlp.ts';
import type { DraftArticleT, DraftParagraphT, Voice } from './types.ts';

/** A sentence of the article with where it sits, how it speaks and whether it may be asked about. */
export interface Located extends Sentence {
	/** Paragraph id (`p3`). */
	paragraph: string;
	kind: DraftParagraphT['kind'];
	/** Index of its paragraph among the paragraphs after the header, from 0. */
	para: number;
	/** Its paragraph's number as a reader counts it (body paragraphs from 1; src/lib/bank/paragraphs.ts). */
	n: number;
	/** Index of the sentence in its paragraph, from 0. */
	index: number;
	/** Index among all the article's sentences, from 0: the text's order. */
	order: number;
	voice: Voice;
	/** Why nothing is drafted from the sentence (a heading, a question, a fragment), or null. */
	skip: string | null;
	/**
	 * The sentence as a question or a statement may use it: citations ("[4]"), figure and table
	 * references, unit conversions and other asides in brackets removed. The quote stays `text`.
	 */
	plain: string;
	/** The tagger's words outside the asides: what a question is rebuilt from. */
	words: Term[];
}

/**
 * Abbreviations after which a full stop does not end a sentence, looked at before the stop: the
 * tagger may cut after them, the bank's sentences (src/lib/bank/highlight.ts) do not.
 */
const NO_END =
	/(?:^|[\s(])(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Mr|Mrs|Ms|Mme|Dr|Prof|St|Mt|Ft|No|Nos|Gen|Lt|Col|Capt|Cmdr|Cdr|Maj|Sgt|Adm|Gov|Sen|Rep|Rev|Hon|Pres|Jr|Sr|Fig|Figs|Vol|approx|ca|cf|vs|e\.g|i\.e|\p{Lu})\.\s*$/u;

/** Brackets whose content is never a source of a blank: citations, conversions, references. */
const ASIDE = /\s*(?:\[[^\]]*\]|\([^()]*\))/g;

/**
 * The sentences of one paragraph: cut wherever the bank's validator cuts (so every quote lies in
 * one of its sentences) and wherever the tagger cuts, except after an abbreviation or an initial
 * ("Lieutenant Commander H. Smith", "Dec. 8"), which neither treats as an end.
 */
export function sentencesOf(text: string): Sentence[] {
	const { terms, starts } = tag(text);
	const cuts = new Set<number>();
	for (const r of sentenceRanges(text)) cuts.add(r.start);
	for (const at of starts) {
		if (at === 0) continue;
		if (NO_END.test(text.slice(Math.max(0, at - 12), at))) continue;
		// The tagger cuts inside a word only when the text has no space; keep whole words.
		if (/\S/.test(text[at - 1] ?? ' ') && /\S/.test(text[at] ?? ' ')) continue;
		cuts.add(at);
	}
	// A citation after the full stop ends the sentence too: "… homeless.[1] It was …".
	for (const m of text.matchAll(/[.!?](?:\[[^\]]{1,12}\])+\s+(?=[\p{Lu}“"])/gu))
		cuts.add(m.index + m[0].length);
	const points = [...cuts].filter((c) => c > 0 && c < text.length).sort((a, b) => a - b);
	const out: Sentence[] = [];
	let from = 0;
	for (const to of [...points, text.length]) {
		let a = from;
		let b = to;
		while (a < b && /\s/.test(text[a] ?? '')) a++;
		while (b > a && /\s/.test(text[b - 1] ?? '')) b--;
		if (b > a) out.push(entitiesIn(text, a, b, terms));
		from = to;
	}
	return out;
}

/** Spans of a sentence (offsets in the sentence) that are asides: brackets and what they hold. */
function asides(text: string): [number, number][] {
	return [...text.matchAll(ASIDE)].map((m) => [m.index, m.index + m[0].length]);
}

/**
 * The entities a draft may ask about: none inside brackets (citations, conversions such as
 * "(9 km2)", inflation notes, figure references), no year of a price index ("in 2023 dollars"),
 * and no number that only repeats another in a conversion.
 */
export function askable(s: Sentence): Entity[] {
	const spans = asides(s.text).map(([a, b]) => [a + s.start, b + s.start] as const);
	return s.entities.filter((e) => {
		if (spans.some(([a, b]) => e.start >= a && e.end <= b)) return false;
		const after = s.text.slice(e.end - s.start, e.end - s.start + 20);
		if (
			(e.kind === 'year' || e.kind === 'date') &&
			/^\s+(?:dollars|prices|terms|money)\b/i.test(after)
		)
			return false;
		// "equivalent to about $5.6 billion in 2023": the year of a conversion dates nothing.
		const before = s.text.slice(Math.max(0, e.start - s.start - 50), e.start - s.start);
		if (/\b(?:equivalent|adjusted|inflation)\b[^.;]*$/i.test(before)) return false;
		return true;
	});
}

/** The sentence without its asides, spaced and punctuated as a sentence. */
export function plainText(text: string): string {
	return text
		.replace(ASIDE, '')
		.replace(/\s+([,.;:!?])/g, '$1')
		.replace(/\s{2,}/g, ' ')
		.trim();
}

/** Why a sentence makes no draft, or null when it may. */
export function skipReason(s: Sentence, kind: DraftParagraphT['kind']): string | null {
	if (kind !== 'body') return kind;
	// A citation after the full stop ("… in 2023).[4]") is no part of the sentence's end.
	const t = s.text.trim().replace(/(?:\[[^\]]*\])+$/, '');
	if (/\?["”’)]*$/.test(t)) return 'question';
	if (/:$/.test(t)) return 'introduces a list';
	if (!/[.!"”’)]$/.test(t)) return 'heading';
	const words = t.split(/\s+/).filter((w) => /\p{L}/u.test(w));
	if (words.length < 4) return 'fragment';
	if (/^[\p{Ll}\d]/u.test(t) && !/^\d{4}\b/.test(t)) return 'fragment';
	if (/^(?:see also|see|for more|further reading|references?|source|sources|notes?)\b/i.test(t))
		return 'reference';
	if (/^\d+\.\s/.test(t)) return 'list item';
	return null;
}

/**
 * Every sentence of the article's body paragraphs, in order, each with its voice (`voiceOf`) and
 * whether it may be drafted from. Progress is reported per paragraph.
 */
export function readArticle(
	article: DraftArticleT,
	voiceOf: (text: string, kind: DraftParagraphT['kind']) => Voice,
	onParagraph?: (done: number, total: number) => void
): Located[] {
	const out: Located[] = [];
	const paragraphs = numberParagraphs(article.paragraphs).filter((p) => p.kind !== 'header');
	paragraphs.forEach((p, para) => {
		const list = p.kind === 'body' ? sentencesOf(p.text) : [];
		list.forEach((s, index) => {
			const entities = askable(s);
			const spans = asides(s.text).map(([a, b]) => [a + s.start, b + s.start] as const);
			const words = s.terms.filter((t) => !spans.some(([a, b]) => t.start >= a && t.end <= b));
			const skip = skipReason(s, p.kind);
			out.push({
				...s,
				entities,
				paragraph: p.id,
				kind: p.kind,
				para,
				n: p.n,
				index,
				order: out.length,
				voice: skip ? 'fact' : voiceOf(s.text, p.kind),
				skip,
				plain: plainText(s.text),
				words
			});
		});
		onParagraph?.(para + 1, paragraphs.length);
	});
	return out;
}
