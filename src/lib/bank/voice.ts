import { findQuote, sentenceRanges } from './highlight.ts';
import type { Bank, CitationT, FlashcardT, QuizItem, Voice } from './schema.ts';

/** The tag shown beside an entry that is not a plain fact; null for a fact. */
export const VOICE_TAGS: Record<Voice, string | null> = {
	fact: null,
	claim: 'Author’s claim',
	prediction: 'Prediction'
};

const WHO = String.raw`(?:author|article|writer|speaker|speech|text|Ling\s+Shengli)`;
const SAYS = [
	'argues?',
	'argued',
	'claims?',
	'claimed',
	'predicts?',
	'predicted',
	'forecasts?',
	'says',
	'said',
	'asserts?',
	'asserted',
	'contends?',
	'expects?',
	'expected',
	'warns?',
	'warned',
	'believes?',
	'suggests?',
	'suggested',
	'calls?',
	'called',
	'writes?',
	'wrote',
	'sees?',
	'saw',
	'presents?',
	'presented',
	'describes?',
	'described',
	'attributes?',
	'attributed',
	'concludes?',
	'concluded',
	'credits?',
	'credited',
	'reads?',
	'puts?',
	'frames?',
	'framed',
	'links?',
	'ties',
	'traces?',
	'blames?',
	'explains?',
	'explained',
	'gives?',
	'lists?',
	'insists?',
	'holds?',
	'maintains?',
	'judges?',
	'portrays?',
	'pictures?',
	'interprets?',
	'treats?',
	'stresses',
	'accuses?',
	'reasons?',
	'means?',
	'states?',
	'stated',
	'cites?',
	'cited',
	'spells?',
	'backs?',
	'notes?',
	'noted',
	'impl(?:y|ies|ied)',
	'defines?',
	'uses?',
	'chooses',
	'mentions?',
	// Nouns after a possessive: "the author’s view", "in the article’s account".
	'views?',
	'reading',
	'account',
	'arguments?',
	'predictions?',
	'verdict',
	'framing',
	'explanation',
	'opinions?',
	'words',
	'interpretation',
	'logic',
	'thesis',
	'stance',
	'choice',
	'judge?ments?',
	'evaluations?',
	'wording',
	'metaphor',
	'assessment',
	'assertions?',
	'conclusions?',
	'firstly',
	'secondly',
	'thirdly'
].join('|');

const CUES = [
	new RegExp(String.raw`\baccording to (?:the )?${WHO}`, 'i'),
	// The speaker, maybe possessive, then up to two words, then a verb of saying or a noun of opinion.
	new RegExp(String.raw`\b${WHO}(?:’s|'s)?(?:\s+[\w’'-]+){0,2}?\s+(?:${SAYS})\b`, 'i')
];

/**
 * The attribution cue in a text ("According to the author", "The article predicts", "in the
 * author’s view"), or null when it has none: what a claim or a prediction needs wherever a
 * student reads it, and in its explanation.
 */
export function attributionCue(text: string): string | null {
	for (const cue of CUES) {
		const m = cue.exec(text);
		if (m) return m[0];
	}
	return null;
}

/** Every quotation an entry rests on: `source` in `paragraph` first, then `sources`. */
export function citations(entry: {
	source: string;
	paragraph: string;
	sources?: readonly CitationT[];
}): CitationT[] {
	return [{ paragraph: entry.paragraph, quote: entry.source }, ...(entry.sources ?? [])];
}

/** A sentence the bank treats as the author's claim or prediction, for the reading view. */
export interface VoiceMark {
	start: number;
	end: number;
	voices: Exclude<Voice, 'fact'>[];
}

/**
 * Per paragraph, the sentences a claim or prediction item or card quotes as its `source`, in
 * text order; a sentence quoted as both lists both voices, claim first. Further quotes under
 * `sources` are not marked: they back the entry (a fact set against a claim, say) without being
 * the claim itself.
 */
export function voiceMarks(
	bank: Pick<Bank, 'paragraphs'> & {
		items: readonly QuizItem[];
		flashcards: readonly FlashcardT[];
	}
): Map<string, VoiceMark[]> {
	const text = new Map(bank.paragraphs.map((p) => [p.id, p.text]));
	const found = new Map<string, Map<number, Set<Voice>>>();
	for (const entry of [...bank.items, ...bank.flashcards]) {
		if (entry.voice === 'fact') continue;
		const t = text.get(entry.paragraph);
		const at = t === undefined ? null : findQuote(t, entry.source);
		if (t === undefined || !at) continue;
		const starts = found.get(entry.paragraph) ?? new Map<number, Set<Voice>>();
		for (const s of sentenceRanges(t)) {
			if (s.start < at.end && at.start < s.end) {
				starts.set(s.start, (starts.get(s.start) ?? new Set()).add(entry.voice));
			}
		}
		found.set(entry.paragraph, starts);
	}
	const out = new Map<string, VoiceMark[]>();
	for (const [paragraph, starts] of found) {
		const ranges = sentenceRanges(text.get(paragraph) ?? '');
		out.set(
			paragraph,
			ranges
				.filter((r) => starts.has(r.start))
				.map((r) => {
					const v = starts.get(r.start) ?? new Set();
					const voices = (['claim', 'prediction'] as const).filter((x) => v.has(x));
					return { start: r.start, end: r.end, voices };
				})
		);
	}
	return out;
}
