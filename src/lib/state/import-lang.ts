/**
 * The language of an imported file that does not say (only a set file has `lang`): told from its
 * entries' text by the drafter's detector (tinyld, loaded in the import worker only), so Listen
 * reads a French deck in French. A deck with two languages (a vocabulary deck) gets the one most
 * of its words are in; the set's page changes it.
 */
import { splitMath } from '$lib/bank/math';
import { detectLanguage } from '$lib/draft/language';
import type { ParsedSet } from './library-io';

/** Entries read for the guess; the detector reads about 2,000 words at most anyway. */
const SAMPLE = 400;
/** Words per passage the detector judges (it skips passages under 4 words). */
const PASSAGE = 40;

const plain = (text: string) =>
	splitMath(text)
		.map((s) => (s.kind === 'text' ? s.text : ' '))
		.join('')
		.replace(/\{\{([^{}|]*)[^{}]*\}\}/g, '$1');

/** The set with its language guessed, when the file gave none and the text tells one. */
export function withImportedLang(parsed: ParsedSet): ParsedSet {
	if (parsed.lang) return parsed;
	const words: string[] = [];
	for (const item of parsed.items.slice(0, SAMPLE))
		words.push(...plain(item.type === 'cloze' ? item.text : item.prompt).split(/\s+/));
	for (const card of parsed.flashcards.slice(0, SAMPLE))
		words.push(...plain(`${card.front} ${card.back}`).split(/\s+/));
	const passages: string[] = [];
	const kept = words.filter((w) => w !== '');
	for (let i = 0; i < kept.length; i += PASSAGE)
		passages.push(kept.slice(i, i + PASSAGE).join(' '));
	const lang = detectLanguage(passages);
	return lang ? { ...parsed, lang } : parsed;
}
