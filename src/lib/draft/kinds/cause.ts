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
		/^(.{12,}?)(?:,\s+which)?\s+(led to|leads to|resulted in|results in|caused(?!\s+by\b)|causes|can lead to)\s+(.{6,})$/.exec(
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
		// "The flood killed 2,209 people and caused …": half of a pair of verbs is no cause.
		if (/\b(?:and|or|but|nor)$/i.test(r.cause.trim())) return;
		// "X sent a man to warn the towns, but the warnings were ignored because …": the reason
		// belongs to the last clause.
		const but = r.link === 'because' ? /,\s+but\s+/i.exec(r.effect) : null;
		if (but) {
			r.effect = r.effect.slice(but.index + but[0].length);
			const k = r.effectTerms.findIndex((t) => /^but$/i.test(t.text));
			r.effectTerms = r.effectTerms.slice(k + 1);
		}
		if (fold(r.cause).includes(fold(r.effect)) || fold(r.effect).includes(fold(r.cause))) return;
		// "… he opened the gate": he is the one person the sentence before names (Harald Jäger).
		const he = /^(?:he|she)\b/i.exec(r.effect);
		const before = sentences[i - 1];
		if (he && before && before.paragraph === s.paragraph) {
			const people = before.entities.filter(
				(e) =>
					e.kind === 'person' ||
					(e.kind === 'name' &&
						/^\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)+$/u.test(e.text) &&
						!/s$/.test(e.text))
			);
			const name = people[0]?.text;
			if (people.length === 1 && name && r.effectTerms[0]) {
				r.effect = name + r.effect.slice(he[0].length);
				r.effectTerms = [
					{ ...r.effectTerms[0], text: name, tags: new Set(['ProperNoun', 'Person', 'Noun']) },
					...r.effectTerms.slice(1)
				];
			}
		}
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
	const rest = inv.rest
		.replace(/\[[^\]]*\]?/g, '')
		.replace(/[\s,;:.!?]+$/, '')
		.replace(/\b([ap])\.m$/i, '$1.m.');
	// "Why can the plates slide over it?": a pronoun whose noun the stem does not show.
	if (/\b(?:it|them|they|this|these|those)\b/i.test(rest)) return null;
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

const LEADS =
	/^(?:it|its|they|their|this|these|that|those|he|she|his|her|there|here|but|and|so|yet|also|however|then|when|while|if|as)\b/i;

/**
 * Statements of other paragraphs that a careless reader could take for the reason: short facts
 * of the text that share words with the effect, none in the effect's own paragraph (which could
 * hold a second reason). Used where the text gives too few causes of its own.
 */
export function otherFacts(ctx: Context, r: Relation): string[] {
	const topic = new Set(
		fold(r.effect)
			.split(/[^\p{L}\d]+/u)
			.filter((w) => w.length > 3)
	);
	return ctx.usable
		.filter(
			(x) =>
				x.paragraph !== r.s.paragraph &&
				x.voice === 'fact' &&
				!LEADS.test(x.plain) &&
				!/[;:"“]/.test(x.plain) &&
				x.plain.split(/\s+/).length >= 5 &&
				x.plain.split(/\s+/).length <= 18
		)
		.map((x) => ({
			text: x.plain.replace(/[.!]$/, ''),
			shared: fold(x.plain)
				.split(/[^\p{L}\d]+/u)
				.filter((w) => topic.has(w)).length
		}))
		.sort((a, b) => b.shared - a.shared)
		.map((x) => x.text);
}

/** "Why …?" and "What followed …?" items for the article's causal relations. */
export function causeDrafts(ctx: Context): Candidate[] {
	const relations = findRelations(ctx.usable);
	const out: Candidate[] = [];
	relations.forEach((r, i) => {
		const own = relations
			.filter((x) => x !== r && fold(x.cause) !== fold(r.cause))
			.map((x) => upper(x.cause));
		const causes = own.length >= 2 ? own : [...own, ...otherFacts(ctx, r)];
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
		const causeOptions = similar(r.cause, causes, r.effect);
		const whyItem = (): Candidate | null => {
			if (!why || causeOptions.length < 2) return null;
			const key = upper(r.cause);
			return {
				kind: 'cause',
				score: own.length >= 2 ? 0.85 : 0.75,
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
			};
		};
		const effectOptions = similar(r.effect, effects, r.cause);
		const followItem = (): Candidate | null => {
			if (!r.effect || effectOptions.length < 2) return null;
			const key = upper(r.effect);
			const who = attribution(ctx, r.s.voice) || 'According to the text, ';
			return {
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
			};
		};
		// "Why …?" and "What follows …?" take turns; where one cannot be made, the other is.
		const made = i % 2 === 0 ? (whyItem() ?? followItem()) : (followItem() ?? whyItem());
		if (made) out.push(made);
	});
	return [...out, ...purposeDrafts(ctx)];
}

/** Words before "to" that take an infinitive without stating a purpose ("wanted to", "able to"). */
const TAKES_TO =
	/^(?:wants?|wanted|try|tries|tried|begins?|began|start(?:s|ed)?|needs?|needed|able|unable|going|expected|used|forced|allowed|helped|helps?|asked|decided|refused|agreed|continued?|seem(?:s|ed)?|appear(?:s|ed)?|ha(?:s|d|ve)|ought|likely|unlikely|about|due|order|enough|first|last|only|way|right|time|chance|plan(?:s|ned)?|hoped?|promised?|managed?|fail(?:s|ed)?|chose|proposed|struggl(?:e|es|ed|ing)|attempt(?:s|ed)?|strive[sd]?|strove|tend(?:s|ed)?|intend(?:s|ed)?|mean[st]?|meant|wish(?:es|ed)?|vow(?:s|ed)?|pledge[sd]?|threaten(?:s|ed)?|prepare[sd]?|learn(?:s|ed|t)?|afford|dare[sd]?|hesitate[sd]?|prefer(?:s|red)?|like[sd]?|love[sd]?|hate[sd]?|came|come|comes|got|how|what|where|whether|ready|willing|eager|is|are|was|were|am|be|been)$/i;
/** Verbs whose object is told, let or made to do something: "asked everyone to stay calm". */
const MAKES_DO =
	/^(?:ask|asks|asked|told|tells?|forced?|allow(?:s|ed)?|help(?:s|ed)?|want(?:s|ed)?|expect(?:s|ed)?|order(?:s|ed)?|urge[sd]?|persuade[sd]?|enable[sd]?|cause[sd]?|led|leads?|encourage[sd]?|require[sd]?|invite[sd]?|need(?:s|ed)?|get|got|gets|warn(?:s|ed)?|advise[sd]?)$/i;

/** Words of the first or second person. */
const PERSONAL = /\b(?:I|me|my|mine|we|us|our|ours|you|your|yours)\b/;

/** A purpose a sentence states: "The club lowered the top of the dam to make a road …". */
export interface Purpose {
	s: Located;
	/** The action, as the sentence's words up to "to". */
	actionTerms: Term[];
	/** "To make a road wide enough for two carriages". */
	purpose: string;
}

/** The purpose of the main action of a sentence, if it states one with "to" + a verb. */
export function purposeIn(s: Located): Purpose | null {
	return purposesIn(s)[0] ?? null;
}

/** Every purpose a sentence states, its main action's first ("… to make a road …, and it placed screens … to keep its fish from escaping"). */
export function purposesIn(s: Located): Purpose[] {
	if (s.skip || s.voice !== 'fact') return [];
	// "I", "we", "you": a speaker's own aims ("to see that it grows every year that I serve") are
	// the speaker's hopes, not purposes a reader can be asked about or offered as an option.
	if (PERSONAL.test(s.plain)) return [];
	const out: Purpose[] = [];
	const terms = s.words;
	let from = 0;
	for (let k = 0; k < Math.min(terms.length, 6); k++)
		if (/,/.test((terms[k] as Term).post)) from = k + 1;
	for (let i = from + 2; i < terms.length - 1; i++) {
		const t = terms[i] as Term;
		const next = terms[i + 1] as Term;
		const prev = terms[i - 1] as Term;
		if (!/^to$/i.test(t.text)) continue;
		if (!next.tags.has('Infinitive') && !(next.tags.has('Verb') && next.tags.has('PresentTense')))
			continue;
		if (next.tags.has('Gerund') || next.tags.has('PastTense')) continue;
		if (TAKES_TO.test(prev.text) || /^(?:and|or)$/i.test(prev.text) || /[,;:—–]/.test(prev.post))
			continue;
		// "too heavy to lift", "the first woman to win": no purpose of an action.
		if (
			prev.tags.has('Adjective') ||
			/\b(?:first|last|only|next)\b/i.test(
				s.text.slice((terms[from] as Term).start - s.start, t.start - s.start)
			)
		)
			continue;
		const action = terms.slice(from, i);
		if (
			action.some(
				(a) => MAKES_DO.test(a.text) || /^(?:that|which|who|because|when|if)$/i.test(a.text)
			)
		)
			continue;
		if (!action.some((a) => a.tags.has('PastTense') || a.tags.has('PresentTense'))) continue;
		let j = i + 1;
		while (j < terms.length - 1 && !/[,;:.!?—–]/.test((terms[j] as Term).post)) {
			if (/^(?:and|but)$/i.test((terms[j + 1] as Term).text) && terms[j + 2]?.tags.has('PastTense'))
				break;
			j++;
		}
		const last = terms[j] as Term;
		const purpose = plainText(s.text.slice(t.start - s.start, last.end - s.start)).replace(
			/[\s,;:.!?]+$/,
			''
		);
		const words = purpose.split(/\s+/).length;
		if (words >= 3 && words <= 14) out.push({ s, actionTerms: action, purpose: upper(purpose) });
		// The next clause starts after this purpose: "…, and it placed screens … to keep …".
		from = j + 1;
		while (from < terms.length && /^(?:and|but|so)$/i.test((terms[from] as Term).text)) from++;
		i = from + 1;
	}
	return out;
}

/**
 * "Why did the club lower the top of the dam?" keyed by the purpose the text gives ("To make a
 * road wide enough for two carriages"), the text's other purposes as options.
 */
export function purposeDrafts(ctx: Context): Candidate[] {
	const found = ctx.usable.flatMap((s) => purposesIn(s));
	const out: Candidate[] = [];
	const asked = new Set<number>();
	for (const p of found) {
		if (asked.has(p.s.order)) continue;
		const others = similar(
			p.purpose,
			found.filter((o) => o !== p).map((o) => o.purpose)
		);
		if (others.length < 2) continue;
		const inv = invert(p.actionTerms, (i) => {
			const t = p.actionTerms[i];
			return (
				!!t &&
				(t.tags.has('ProperNoun') ||
					/^\p{Lu}{2}/u.test(t.text) ||
					p.s.entities.some((e) => e.start <= t.start && t.end <= e.end))
			);
		});
		if (!inv) continue;
		asked.add(p.s.order);
		const rest = inv.rest.replace(/\[[^\]]*\]?/g, '').replace(/[\s,;:.!?]+$/, '');
		const prompt = fixArticles(
			`According to the text, why ${inv.aux} ${inv.subject}${rest ? ` ${rest}` : ''}?`
		);
		out.push({
			kind: 'cause',
			score: 0.8,
			sentences: [p.s.order],
			entry: {
				...base(ctx, p.s, 'cause', 'single', 'understanding', ['causes', 'purposes']),
				type: 'single',
				prompt,
				choices: choicesWith(ctx, p.purpose, others.slice(0, 3)),
				answer: p.purpose,
				explanation: explain(
					ctx,
					p.s,
					' The other options are purposes of other actions in the text.'
				)
			}
		});
	}
	return out;
}
