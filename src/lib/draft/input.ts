/**
 * What the drafter refuses, and what it drafts only in part: an empty text, one too short to make
 * a set from, one that repeats itself, one not in English (the tagger reads English only), and a
 * text longer than a set can cover, of which the first part is drafted. Plain TypeScript; the
 * language is passed in, so the page can use the other checks without the language model.
 */
import { groupDigits } from '../bank/digits.ts';
import type { DraftArticleT } from './types.ts';

/** Fewest words of body text worth drafting from. */
export const MIN_WORDS = 150;
/** Most words drafted: past this, the first paragraphs up to it are drafted and the rest left. */
export const MAX_WORDS = 3000;

export type InputProblem =
	| { code: 'empty'; message: string }
	| { code: 'short'; message: string; words: number }
	| { code: 'repeated'; message: string }
	| { code: 'language'; message: string; language: string };

const words = (text: string) => text.split(/\s+/).filter((w) => /[\p{L}\d]/u.test(w)).length;

/** Words in the article's body paragraphs (not its header, captions or notes). */
export function articleWords(article: DraftArticleT): number {
	return article.paragraphs.filter((p) => p.kind === 'body').reduce((n, p) => n + words(p.text), 0);
}

/** Whether most of the text is the same sentences over and over. */
export function isRepeated(article: DraftArticleT): boolean {
	const sentences = article.paragraphs
		.filter((p) => p.kind !== 'header')
		.flatMap((p) => p.text.split(/(?<=[.!?])\s+/))
		.map((s) =>
			s
				.toLowerCase()
				.replace(/[^\p{L}\d]+/gu, ' ')
				.trim()
		)
		.filter((s) => s.split(' ').length >= 3);
	if (sentences.length < 4) return false;
	return new Set(sentences).size / sentences.length < 0.5;
}

/**
 * Why the article cannot be drafted from, or null when it can. `language` is the detected
 * language's code and name, when known.
 */
export function inputProblem(
	article: DraftArticleT,
	language?: { code: string; name: string }
): InputProblem | null {
	const n = articleWords(article);
	if (n === 0)
		return {
			code: 'empty',
			message: 'The text is empty: paste an article or open a file with some prose in it.'
		};
	// A text that repeats itself misleads the language model too: say what is wrong first.
	if (isRepeated(article))
		return {
			code: 'repeated',
			message: 'The text repeats the same sentences over and over; paste the article itself.'
		};
	if (n < MIN_WORDS)
		return {
			code: 'short',
			words: n,
			message: `The text has ${n} word${n === 1 ? '' : 's'}: too short to draft a set from. Paste at least ${MIN_WORDS} words (a few paragraphs).`
		};
	// Judged on 150 words or more: on a line or two the language model guesses.
	if (language && language.code && language.code !== 'en')
		return {
			code: 'language',
			language: language.code,
			message: `This text looks like ${language.name}. The drafter reads English only, so its questions would make no sense; paste an English text.`
		};
	return null;
}

/**
 * The article cut to its first MAX_WORDS words of body (whole paragraphs, the header and notes
 * kept), and a notice saying so; the article unchanged and no notice when it is short enough.
 */
export function capArticle(article: DraftArticleT): {
	article: DraftArticleT;
	notice: string | null;
} {
	const total = articleWords(article);
	if (total <= MAX_WORDS) return { article, notice: null };
	let n = 0;
	const kept = article.paragraphs.filter((p) => {
		if (p.kind !== 'body') return n < MAX_WORDS;
		if (n >= MAX_WORDS) return false;
		n += words(p.text);
		return true;
	});
	const body = kept.filter((p) => p.kind === 'body').length;
	return {
		article: { ...article, paragraphs: kept },
		notice: `The text has ${groupDigits(total)} words; drafts were made from its first ${groupDigits(n)} (${body} paragraph${body === 1 ? '' : 's'}). To draft from the rest, paste it as a new set.`
	};
}
