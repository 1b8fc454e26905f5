/**
 * Cause and effect: "because", "so", "so that", "as a result", "therefore", "for this reason",
 * "led to", "due to". Each relation becomes "Why …?" (the cause is the answer) or "What followed
 * …?" (the effect is), with the article's other causes or effects as the options.
 */
import {
	attribution,
	base,
	choicesWith,
	explain,
	type Candidate,
	type Context
} from '../context.ts';
import { fixArticles, invert } from '../grammar.ts';
import type { Term } from '../nlp.ts';
import { plainText, type Located } from '../sentences.ts';
import { fold } from '../text.ts';

/** A cause and its effect, each a clause in the text's words; `s` holds the effect. */
export interface Relation {
	cause: string;
	effect: string;
	s: Located;
	/** The sentence that states the cause, when it is the one before ("As a result, …"). */
	causeIn?: Located;
	/** The effect clause's words, to turn it into a question. */
	effectTerms: Term[];
	/** How the text links them: "because" (effect because cause) or a verb ("led to"). */
	link: string;
}

const clean = (t: string) =>
	plainText(t)
		.replace(/^[\s,;:]+|[\s,;:.!?]+$/g, '')
		.replace(
			/^(?:and|but|then|however|moreover|therefore|thus|first(?:ly)?|second(?:ly)?|third(?:ly)?|finally),?\s+/i,
			''
		);

/** A clause or noun as an option reads it: capitalised, without the "of" of "because of". */
function upper(s: string): string {
	const t = s.replace(/^of\s+/i, '');
	return t.charAt(0).toUpperCase() + t.slice(1);
}

function termsIn(s: Located, a: number, b: number): Term[] {
	return s.words.filter((t) => t.start >= s.start + a && t.end <= s.start + b);
}

/** The relation a sentence states, if any. */
export function relationIn(s: Located, previous?: Located): Relation | null {
	if (s.skip) return null;
	const text = s.text;
	let m = /^(Because|Since|As)\s+([^,]{8,}),\s+(.+)$/.exec(text);
	if (m && m[1] !== 'As' && m[1] !== 'Since') {
		const at = text.length - (m[3] ?? '').length;
		return {
			cause: clean(m[2] ?? ''),
			effect: clean(m[3] ?? ''),
			s,
			effectTerms: termsIn(s, at, text.length),
			link: 'because'
		};
	}
	m = /^(.{12,}?),?\s+because\s+((?:of\s+)?.{8,})$/.exec(text);
	if (m) {
		// "because of delays" keeps its "of": the cause is a noun, not a clause.
		return {
			cause: clean(m[2] ?? ''),
			effect: clean(m[1] ?? ''),
			s,
			effectTerms: termsIn(s, 0, (m[1] ?? '').length),
			link: 'because'
		};
	}
	m = /^(.{12,}?),\s+so\s+(?!that\b|far\b|much\b|many\b)(.{8,})$/.exec(text);
	if (m) {
		const at = text.length - (m[2] ?? '').length;
		return {
			cause: clean(m[1] ?? ''),
			effect: clean(m[2] ?? ''),
			s,
			effectTerms: termsIn(s, at, text.length),
			link: 'because'
		};
	}
	m =
		/^(.{12,}?)(?:,\s+which)?\s+(led to|leads to|resulted in|results in|caused|causes|can lead to)\s+(.{6,})$/.exec(
			text
		);
	if (m && !/^(?:it|this|that)$/i.test((m[1] ?? '').trim())) {
		const at = text.length - (m[3] ?? '').length;
		return {
			cause: clean(m[1] ?? ''),
			effect: clean(m[3] ?? ''),
			s,
			effectTerms: termsIn(s, at, text.length),
			link: m[2] ?? 'led to'
		};
	}
	m =
		/^(?:As a result|Therefore|For this reason|Consequently|Thus|Because of this),\s+(.{8,})$/.exec(
			text
		);
	if (m && previous && !previous.skip && previous.paragraph === s.paragraph) {
		const at = text.length - (m[1] ?? '').length;
		return {
			cause: clean(previous.text),
			effect: clean(m[1] ?? ''),
			s,
			causeIn: previous,
			effectTerms: termsIn(s, at, text.length),
			link: 'because'
		};
	}
	return null;
}

/** Every relation the article states, in the text's order. */
export function findRelations(sentences: readonly Located[]): Relation[] {
	const out: Relation[] = [];
	sentences.forEach((s, i) => {
		const r = relationIn(s, sentences[i - 1]);
		if (!r) return;
		const words = (t: string) => t.split(/\s+/).length;
		if (words(r.cause) < 3 || words(r.effect) < 3 || words(r.cause) > 30 || words(r.effect) > 30)
			return;
		// A clause that starts with a pronoun means nothing alone: "it cannot soak in".
		if (/^(?:it|they|this|these|he|she|its|their)\b/i.test(r.cause)) return;
		if (fold(r.cause).includes(fold(r.effect)) || fold(r.effect).includes(fold(r.cause))) return;
		if (/^(?:it|they|this|these|he|she|its|their)\b/i.test(r.effect)) r.effect = '';
		out.push(r);
	});
	return out;
}

/** "Why did the flames grow before anyone could stop them?", from the effect's words. */
function whyQuestion(ctx: Context, r: Relation): string | null {
	let terms = r.effectTerms;
	while (terms.length > 0 && /^[,;\s]*$/.test((terms[0] as Term).text)) terms = terms.slice(1);
	if (terms.length < 3) return null;
	const inv = invert(terms, (i) => {
		const t = terms[i];
		return !!t && (t.tags.has('ProperNoun') || /^\p{Lu}{2}/u.test(t.text));
	});
	if (!inv) return null;
	const who = attribution(ctx, r.s.voice) || 'According to the text, ';
	const rest = inv.rest.replace(/[\s,;:.!?]+$/, '');
	return fixArticles(`${who}why ${inv.aux} ${inv.subject}${rest ? ` ${rest}` : ''}?`);
}

/** The options' length should not give the key away: keep those within a factor of the key's. */
function similar(key: string, others: string[], stem = ''): string[] {
	const n = key.length;
	return [...new Set(others)].filter(
		(o) =>
			o.length >= n * 0.45 &&
			o.length <= n * 2.2 &&
			!fold(stem).includes(fold(o)) &&
			!fold(o).includes(fold(key)) &&
			!fold(key).includes(fold(o))
	);
}

/** "Why …?" and "What followed …?" items for the article's causal relations. */
export function causeDrafts(ctx: Context): Candidate[] {
	const relations = findRelations(ctx.usable);
	const out: Candidate[] = [];
	relations.forEach((r, i) => {
		const causes = relations
			.filter((x) => x !== r && fold(x.cause) !== fold(r.cause))
			.map((x) => upper(x.cause));
		const effects = relations
			.filter((x) => x !== r && x.effect && x.link === r.link && fold(x.effect) !== fold(r.effect))
			.map((x) => upper(x.effect));
		const sentences = [r.s.order, ...(r.causeIn ? [r.causeIn.order] : [])];
		const sources = r.causeIn
			? {
					source: r.causeIn.text,
					paragraph: r.causeIn.paragraph,
					sources: [{ paragraph: r.s.paragraph, quote: r.s.text }]
				}
			: {};
		const why = whyQuestion(ctx, r);
		const wantWhy = i % 2 === 0 || !effects.length;
		const causeOptions = similar(r.cause, causes, r.effect);
		if (why && wantWhy && causeOptions.length >= 2) {
			const key = upper(r.cause);
			out.push({
				kind: 'cause',
				score: 0.85,
				sentences,
				entry: {
					...base(ctx, r.s, 'cause', 'single', 'understanding', ['causes']),
					...sources,
					type: 'single',
					prompt: why,
					choices: choicesWith(ctx, key, causeOptions.slice(0, 3)),
					answer: key,
					explanation: explain(
						ctx,
						r.s,
						r.causeIn ? ` The sentence before gives the reason: “${r.causeIn.text}”` : ''
					)
				}
			});
			return;
		}
		const effectOptions = similar(r.effect, effects, r.cause);
		if (r.effect && effectOptions.length >= 2) {
			const key = upper(r.effect);
			const who = attribution(ctx, r.s.voice) || 'According to the text, ';
			out.push({
				kind: 'cause',
				score: 0.8,
				sentences,
				entry: {
					...base(ctx, r.s, 'cause', 'single', 'understanding', ['causes']),
					...sources,
					type: 'single',
					prompt: fixArticles(`${who}what follows from this: “${upper(r.cause)}”?`),
					choices: choicesWith(ctx, key, effectOptions.slice(0, 3)),
					answer: key,
					explanation: explain(ctx, r.s)
				}
			});
		}
	});
	return out;
}
