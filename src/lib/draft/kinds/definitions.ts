/**
 * Key terms and definitions: "X is the process by which …", "X is a layer of …", "X refers to …",
 * "X, a Y that …" (apposition), "tiny openings called stomata", acronyms defined in the text.
 * Each term becomes a flashcard (term → meaning) or a "Which term means …?" item, never both, so
 * no draft shows another's answer.
 */
import { findCards } from '../cards.ts';
import {
	attribution,
	base,
	choicesWith,
	explain,
	isTopic,
	newId,
	type Candidate,
	type Context
} from '../context.ts';
import { fixArticles } from '../grammar.ts';
import type { Located } from '../sentences.ts';
import { clip, fold, mentions } from '../text.ts';
import type { DraftCard } from '../types.ts';

/** A term the text defines, with its meaning in the text's own words. */
export interface Definition {
	term: string;
	/** The meaning, as a phrase: "the change of liquid water into water vapor". */
	meaning: string;
	s: Located;
}

/** General nouns a definition's meaning starts with: "the process by which …", "a layer of …". */
const GENUS =
	'process|change|movement|release|transfer|layer|theory|place|form|study|part|kind|type|set|group|branch|region|water|amount|measure|method|way|idea|system|force|material|substance|rock|gas|liquid|boundary|cloud|body|line|point|name|term|word|shift|loss|gain|rise|fall|state|condition|period|event|law|rule|practice|policy|organi[sz]ation|agency|device|structure|zone|area|unit|science|art|person|animal|plant|tissue|cell|molecule|particle|pigment|chemical|element|compound|energy|reaction|mixture|network|tool|machine|document|agreement|treaty|conflagration|disaster|fire|flood|speech|address|belief|feeling|skill|habit|ability|right|duty|tax|fee|payment|sum|share|ratio|rate|number|quantity|list|series|sequence|cycle|pattern|model|map|chart|fluid|wave|current|opening|openings'.split(
		'|'
	);

const COPULA =
	/^(?:(?:an?|the)\s+)?([\p{L}][\p{L}-]*(?:\s+[\p{L}][\p{L}-]*){0,3}?)\s+(?:is|are|refers to|refer to|means|is defined as|are defined as|is known as)\s+((?:an?|the|any|one)\s+.+?)[.;]?$/iu;
const CALLED =
	/(?:^|\b(?:through|of|in|on|by|with|into|from|and|or|the|a|an)\s+)((?:[\p{Ll}][\p{L}-]*\s+){0,2}[\p{Ll}][\p{L}-]*)\s+(?:called|known as|termed)\s+([\p{Ll}][\p{L}-]+(?:\s+[\p{Ll}][\p{L}-]+)?)\b/u;
const THIS_IS_CALLED =
	/^(?:this|that|such a|the) (?:process|change|movement|layer|idea|theory|effect) is (?:called|known as) ([\p{L}][\p{L}\s-]{2,40}?)[.;]?$/iu;

const NOT_TERMS =
	/^(?:it|this|that|these|those|they|there|here|he|she|we|you|one|each|all|most|some|many|much|which|who|what|today|there|the result|the reason|the answer|the problem|the question|the aim|the goal|the point|the fact|the truth|the idea)$/i;

/** The term and meaning a sentence defines, or null. */
/**
 * The process a sentence relates, as the meaning of "This process is called …": what someone
 * proposed, showed or found, the clause after "that"; a sentence that names a person or starts with
 * a pronoun otherwise gives none.
 */
export function processOf(sentence: string): string | null {
	const reported =
		/^[^,]*?(?:,[^,]*,)?\s*(?:proposed|suggested|showed|found|discovered|argued|explained|observed|noticed) that\s+(.{12,})$/i.exec(
			sentence
		);
	const clause = reported ? (reported[1] ?? '') : sentence;
	if (/^(?:it|this|that|these|those|they|he|she|there)\b/i.test(clause)) return null;
	if (!reported && /\b(?:proposed|suggested|said|wrote|argued)\b/i.test(clause)) return null;
	return clause;
}

export function definitionIn(s: Located, previous?: Located): Definition | null {
	if (s.skip) return null;
	const plain = s.plain.replace(/^(?:however|moreover|thus|so|in (?:short|other words)),?\s+/i, '');
	const m = COPULA.exec(plain);
	if (m) {
		const term = (m[1] ?? '').trim();
		let meaning = (m[2] ?? '').trim();
		const head = /^(?:an?|the|any|one)\s+(?:[\p{L}-]+\s+){0,3}?([\p{L}-]+)\b/iu.exec(meaning);
		const genus = head?.[1]?.toLowerCase() ?? '';
		// "Fog is a cloud that forms near the ground" defines; "The tunnel is about 50 kilometres long" does not.
		const defines =
			GENUS.includes(genus.replace(/s$/, '')) ||
			GENUS.includes(genus) ||
			/\b(?:that|which|who|by which|in which|of)\b/.test(meaning);
		// A name ("The Mid-Atlantic Ridge is …") classifies a place; a term is written in lower case
		// wherever it is not the first word.
		const bare = term.replace(/^(?:the|an?)\s+/i, '');
		const name = /\s\p{Lu}/u.test(bare) || /^\p{Lu}{2}/u.test(bare);
		if (!NOT_TERMS.test(term) && !name && defines && /\s/.test(meaning)) {
			meaning = meaning.replace(/,\s+(?:such as|for example|like)\b.*$/i, '');
			if (meaning.split(/\s+/).length <= 30 && meaning.split(/\s+/).length >= 3)
				return { term: term.replace(/^(?:the|an?)\s+/i, ''), meaning, s };
		}
	}
	// "Scientists call this process seafloor spreading." / "This process is called seafloor spreading."
	const t = THIS_IS_CALLED.exec(plain);
	if (t && previous && !previous.skip) {
		// "Harry Hess, an American geologist, proposed that new ocean floor forms …. This process is
		// called seafloor spreading.": the process is what was proposed, not the proposing.
		const meaning = processOf(previous.plain.replace(/\.$/, ''));
		if (!meaning) return null;
		return { term: (t[1] ?? '').trim(), meaning: lowerFirst(meaning), s };
	}
	return calledIn(s);
}

/** "… through tiny openings called stomata": the openings are the meaning. */
export function calledIn(s: Located): Definition | null {
	if (s.skip) return null;
	const c = CALLED.exec(s.plain);
	if (c) {
		const meaning = (c[1] ?? '').trim();
		const term = (c[2] ?? '').trim();
		if (meaning.split(/\s+/).length >= 2 && !NOT_TERMS.test(term))
			return { term, meaning: /^an?\s/i.test(meaning) ? meaning : meaning, s };
	}
	return null;
}

function lowerFirst(s: string): string {
	return /^\p{Lu}\p{Ll}/u.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

/** Every term the article defines, first definition first, each term once. */
export function findDefinitions(sentences: readonly Located[]): Definition[] {
	const out: Definition[] = [];
	sentences.forEach((s, i) => {
		const prev = sentences[i - 1];
		const found = [
			definitionIn(s, prev && prev.paragraph === s.paragraph ? prev : undefined),
			calledIn(s)
		];
		for (const d of found) if (d && !out.some((x) => fold(x.term) === fold(d.term))) out.push(d);
	});
	return out;
}

/** Cards and "which term means" items for the article's key terms, and its acronyms. */
export function definitionDrafts(ctx: Context): Candidate[] {
	const defs = findDefinitions(ctx.sentences);
	const out: Candidate[] = [];
	// Terms asked as items: every other one while there are enough terms to serve as options.
	const asItem = (i: number) => defs.length >= 4 && i % 2 === 1;
	defs.forEach((d, i) => {
		const s = d.s;
		const meaning = clip(d.meaning, 22);
		if (asItem(i) && !isTopic(ctx, d.term)) {
			const others = defs
				.filter((x) => x !== d && !mentions(d.meaning, x.term) && !mentions(x.term, d.term))
				.map((x) => x.term);
			const picked = choicesWith(ctx, d.term, others)
				.filter((x) => x !== d.term)
				.slice(0, 3);
			if (picked.length >= 2 && !mentions(meaning, d.term)) {
				out.push({
					kind: 'definition',
					score: 0.8,
					sentences: [s.order],
					entry: {
						...base(ctx, s, 'definition', 'single', 'recall', ['definitions']),
						type: 'single',
						prompt: `Which term does the ${ctx.genre === 'speech' ? 'speech' : 'text'} define as “${meaning}”?`,
						choices: choicesWith(ctx, d.term, picked),
						answer: d.term,
						explanation: explain(ctx, s)
					}
				});
				return;
			}
		}
		const card: DraftCard = {
			...base(ctx, s, 'definition', 'card', 'recall', ['definitions']),
			id: newId(ctx, `${s.paragraph}-card`),
			front: `${attribution(ctx, s.voice) ? `${attribution(ctx, s.voice)}what` : 'What'} does the text mean by “${/^\p{Lu}\p{Ll}+$/u.test(d.term) ? d.term.toLowerCase() : d.term}”?`,
			back: fixArticles(upperFirst(meaning)),
			reverse: false,
			explanation: explain(ctx, s)
		};
		out.push({ kind: 'definition', entry: card, score: 0.9 - i * 0.01, sentences: [s.order] });
	});
	// Acronyms the text spells out, and "X, which is a …" definitions: cards studied both ways.
	const defined = new Set(defs.map((d) => fold(d.term)));
	for (const p of new Set(ctx.usable.map((s) => s.paragraph))) {
		const paragraph = ctx.paragraphText.get(p) ?? '';
		for (const card of findCards(paragraph)) {
			if (!card.tags.includes('definitions')) continue;
			const s = ctx.usable.find(
				(x) => x.paragraph === p && card.start >= x.start && card.start < x.end
			);
			if (!s || defined.has(fold(card.front))) continue;
			defined.add(fold(card.front));
			const voice = card.voice ?? s.voice;
			const lead = attribution(ctx, voice);
			const front = lead
				? `${lead}${card.front.charAt(0).toLowerCase()}${card.front.slice(1)}`
				: card.front;
			out.push({
				kind: 'definition',
				score: card.reverse ? 0.85 : 0.6,
				sentences: [s.order],
				entry: {
					...base(ctx, s, 'definition', 'card', 'recall', card.tags, voice),
					id: newId(ctx, `${s.paragraph}-card`),
					front,
					back: card.back,
					reverse: card.reverse,
					source: card.source,
					explanation: card.explanation
				}
			});
		}
	}
	return out;
}

function upperFirst(s: string): string {
	return s.charAt(0).toUpperCase() + s.slice(1);
}
