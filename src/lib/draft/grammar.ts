/**
 * Small grammar for drafted sentences: "a"/"an" before the word that follows, and turning a
 * statement into a question ("The board was founded in 1786" → "was the board founded").
 */
import nlp from 'compromise/two';
import type { Term } from './nlp.ts';

/** Words starting with a vowel letter that sound like a consonant: "a unit", "a one-off". */
const CONSONANT_SOUND =
	/^(?:uni(?!nt|mp|n)|use|usu|uti|ura|ure|euro?|eu|one\b|once|ubi|uga|uk|ewe)/i;
/** Words starting with a consonant letter that sound like a vowel: "an hour", "an honest". */
const VOWEL_SOUND = /^(?:hour|honest|honou?r|heir|herb(?!ert))/i;
/** Letters whose names start with a vowel sound, for acronyms read letter by letter: "an NLB". */
const VOWEL_LETTER = /^[AEFHILMNORSX]/;

/** "a" or "an", as the word after it is spoken. */
export function articleFor(word: string): 'a' | 'an' {
	const w = word.replace(/^[“"‘'(]+/, '');
	if (/^\d/.test(w)) return /^(?:8|11|18|80\d?)(?!\d)/.test(w) ? 'an' : 'a';
	// An acronym said letter by letter ("an FBI agent"); one said as a word ("a NATO base") is rarer.
	if (/^\p{Lu}{2,5}\b/u.test(w) && !/^(?:NATO|NASA|UNESCO|UNICEF|OPEC|AIDS|LED)\b/.test(w))
		return VOWEL_LETTER.test(w) ? 'an' : 'a';
	if (VOWEL_SOUND.test(w)) return 'an';
	if (CONSONANT_SOUND.test(w)) return 'a';
	return /^[aeiou]/i.test(w) ? 'an' : 'a';
}

/** Fixes every "a"/"an" in a text to agree with the word after it ("an minor" → "a minor"). */
export function fixArticles(text: string): string {
	return text.replace(
		/\b(a|an|A|An)(\s+)([“"‘'(]*[\p{L}\d][\p{L}\d'’-]*)/gu,
		(all: string, art: string, space: string, word: string) => {
			const want = articleFor(word);
			if (art.toLowerCase() === want) return all;
			const fixed = /^[A-Z]/.test(art) ? want.charAt(0).toUpperCase() + want.slice(1) : want;
			return fixed + space + word;
		}
	);
}

const AUX =
	/^(?:is|are|was|were|has|have|had|will|would|can|could|shall|should|may|might|must|does|do|did)$/i;

interface World {
	methods: {
		two: {
			transform: { verb: { toInfinitive(v: string, model: unknown, tense?: string): string } };
		};
	};
	model: unknown;
}
let world: World | null = null;

/** The infinitive of a verb as the tagger's lexicon conjugates it: "founded" → "found". */
export function infinitive(verb: string, tense: 'PastTense' | 'PresentTense'): string {
	world ??= (nlp as unknown as { world(): World }).world();
	return world.methods.two.transform.verb.toInfinitive(verb.toLowerCase(), world.model, tense);
}

/** A clause split at its verb: the subject, the inverted head ("was", "did"), the rest. */
export interface Inverted {
	subject: string;
	/** The auxiliary that goes before the subject in a question: "was", "did", "does". */
	aux: string;
	/** What follows the subject in the question: "founded in 1786", "start". */
	rest: string;
}

/**
 * Turns a declarative clause (its words, as the tagger saw them) into the parts of a question:
 * "The board was founded in 1786" → { subject: "the board", aux: "was", rest: "founded in 1786" };
 * "The fire started at 9 p.m." → { subject: "the fire", aux: "did", rest: "start at 9 p.m." }.
 * Null when the clause has no finite verb it can find, or a verb phrase it cannot invert.
 */
export function invert(
	terms: readonly Term[],
	keepCase: (index: number) => boolean
): Inverted | null {
	// The first verb after a noun phrase: skip the subject's own words.
	let v = -1;
	for (let i = 1; i < terms.length; i++) {
		const t = terms[i] as Term;
		if (/[,;:—–]/.test(terms[i - 1]?.post ?? '') && v < 0 && i < 3) return null;
		if (/^to$/i.test(terms[i - 1]?.text ?? '')) continue;
		if (/^(?:that|which|who|whom|whose)$/i.test(t.text)) return null;
		if (t.tags.has('Gerund')) continue;
		if (t.tags.has('Verb') || AUX.test(t.text)) {
			v = i;
			break;
		}
	}
	if (v < 1) return null;
	// "The water cycle carries …": a noun the tagger read as a verb, right before the real verb.
	while (
		!AUX.test((terms[v] as Term).text) &&
		/^\s*$/.test((terms[v] as Term).post) &&
		(terms[v + 1]?.tags.has('PresentTense') || terms[v + 1]?.tags.has('PastTense')) &&
		!AUX.test(terms[v + 1]?.text ?? '')
	)
		v++;
	const verb = terms[v] as Term;
	const subjectTerms = terms.slice(0, v);
	// A subject that is a pronoun or a clause ("It", "This", "When …") cannot stand in a question.
	const head = subjectTerms[0] as Term;
	if (
		/^(?:it|its|their|his|her|our|my|your|this|that|they|these|those|he|she|we|i|you|there|here|when|while|if|because|as|after|before|such|both|each|some|many|most|all|one|other|another)$/i.test(
			head.text
		)
	)
		return null;
	if (subjectTerms.some((t) => /[,;:]/.test(t.post))) return null;
	// "By 1900 the board looked after …", "Today a technician can watch …": a fronted phrase with no
	// comma would land inside the question ("How many lights did by 1900 the board look after?").
	if (
		/^(?:by|in|on|at|since|until|during|after|before|today|now|yesterday|then|later|soon)$/i.test(
			head.text
		)
	)
		return null;
	// "The crust crumples and rises": a subject ending in "and" holds a verb the tagger missed.
	if (/^(?:and|or|but)$/i.test(subjectTerms[subjectTerms.length - 1]?.text ?? '')) return null;
	const words = (list: readonly Term[]) =>
		list.map((t, i) => t.text + (i < list.length - 1 ? t.post.replace(/\s+/g, ' ') : '')).join('');
	const title = head.tags.has('Noun') && (subjectTerms[1]?.tags.has('ProperNoun') ?? false);
	const whole = words(subjectTerms);
	const subject =
		keepCase(0) || title || /^\p{Lu}{2}/u.test(head.text)
			? whole
			: whole.charAt(0).toLowerCase() + whole.slice(1);
	const after = terms.slice(v + 1);
	if (AUX.test(verb.text)) {
		return { subject, aux: verb.text.toLowerCase(), rest: words(after) };
	}
	const past = verb.tags.has('PastTense');
	const present = verb.tags.has('PresentTense');
	if (!past && !present) return null;
	let base = infinitive(verb.text, past ? 'PastTense' : 'PresentTense');
	if (present && base === verb.text.toLowerCase() && /s$/.test(base))
		base = base
			.replace(/ies$/, 'y')
			.replace(/(?:ss|sh|ch|x|o)es$/, (m) => m.slice(0, -2))
			.replace(/([^s])s$/, '$1');
	if (!base || (base === verb.text.toLowerCase() && past)) return null;
	const plural = subjectTerms.some((t) => t.tags.has('Plural'));
	const aux = past ? 'did' : plural ? 'do' : 'does';
	// A second verb joined by "and" takes the base form too: "did the club buy the property and
	// turn the reservoir …", not "… and turned …".
	const tense = past ? 'PastTense' : 'PresentTense';
	const joined = after.map((t, k) =>
		k > 0 && /^and$/i.test(after[k - 1]?.text ?? '') && t.tags.has(tense) && !t.tags.has('Noun')
			? { ...t, text: infinitive(t.text, tense) || t.text }
			: t
	);
	return { subject, aux, rest: [base, words(joined)].filter(Boolean).join(' ') };
}

/** A question from its parts: "Why did the fire spread?". */
export function question(lead: string, inv: Inverted): string {
	const rest = inv.rest.replace(/[\s,;:.!?]+$/, '');
	return fixArticles(
		`${lead} ${inv.aux} ${inv.subject}${rest ? ` ${rest}` : ''}?`.replace(/\s{2,}/g, ' ')
	);
}
