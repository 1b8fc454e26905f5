/** Small text helpers the rules share: options of an entry, words, lengths. */
import { parseCloze } from '../cloze.ts';
import { foldText } from '../highlight.ts';
import { contentWords, STOPWORDS } from '../validate.ts';
import type { AnyItem } from '../set.ts';
import type { LintEntry } from './types.ts';

export { contentWords, STOPWORDS };

/** Whether an entry is a quiz item (not a flashcard). */
export function isItem(entry: LintEntry): entry is AnyItem {
	return 'type' in entry;
}

export type ChoiceItem = Extract<AnyItem, { type: 'single' | 'multi' }>;

/** A single- or multiple-choice item. */
export function isChoice(entry: LintEntry): entry is ChoiceItem {
	return isItem(entry) && (entry.type === 'single' || entry.type === 'multi');
}

/** The keys of a choice item, as indices into its choices. */
export function keyIndices(item: ChoiceItem): number[] {
	const keys = item.type === 'single' ? [item.answer] : item.answers;
	return item.choices.map((c, i) => (keys.includes(c) ? i : -1)).filter((i) => i >= 0);
}

/** Lower-case words (letters and digits), quotes folded. */
export function words(text: string): string[] {
	return (
		foldText(text)
			.toLowerCase()
			.match(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu) ?? []
	);
}

/** Length of an option as a reader sees it: characters, spaces collapsed. */
export function visibleLength(text: string): number {
	return text.trim().replace(/\s+/g, ' ').length;
}

/** Whether two words are forms of one another: "region"/"regional", "withdraw"/"withdrawal". */
export function sameRoot(a: string, b: string): boolean {
	if (a === b) return true;
	if (a.length < 4 || b.length < 4) return false;
	let n = 0;
	while (n < a.length && a[n] === b[n]) n++;
	return n >= Math.max(4, Math.min(a.length, b.length) - 2);
}

/** What the student reads before answering: the prompt, a cloze's text around its blanks, a front. */
export function stemText(entry: LintEntry): string {
	if (!isItem(entry)) return entry.front;
	if (entry.type === 'cloze') {
		const around = parseCloze(entry.text).parts.map((p) => (p.kind === 'text' ? p.text : ' '));
		return `${entry.prompt} ${around.join('')}`;
	}
	return entry.prompt;
}

/** A percentage for messages: 0.714 → "71%". */
export function pct(share: number): string {
	return `${Math.round(share * 100)}%`;
}

/** Letters for stored positions: 0 → "A". */
export function letter(i: number): string {
	return String.fromCharCode(65 + i);
}
