/**
 * What the player tells a SCORM 1.2 LMS, as values of the data model: interaction records, the
 * lesson status, session time. Plain functions; the player makes the API calls.
 */
import type { AnyItem } from '../../bank/set';
import type { Answer } from '../../engine/score';

/** SCORM 1.2 interaction types Quire's item types map to. */
export type InteractionType =
	'choice' | 'true-false' | 'fill-in' | 'numeric' | 'sequencing' | 'matching';

/** One cmi.interactions.n record. */
export interface Interaction {
	id: string;
	type: InteractionType;
	student_response: string;
	result: 'correct' | 'wrong';
}

const TYPES: Record<AnyItem['type'], InteractionType> = {
	single: 'choice',
	multi: 'choice',
	truefalse: 'true-false',
	cloze: 'fill-in',
	short: 'fill-in',
	numeric: 'numeric',
	order: 'sequencing',
	match: 'matching'
};

/** The longest CMIString255 / CMIFeedback value of SCORM 1.2. */
export const MAX_CMI_STRING = 255;

/** a, b, c … for the n-th entry (items hold at most 8 choices, entries or pairs). */
export function letter(n: number): string {
	return n >= 0 && n < 26 ? String.fromCharCode(97 + n) : String(n);
}

/** A CMIIdentifier: no spaces, at most 255 characters. */
export function interactionId(itemId: string): string {
	return itemId.replace(/[^A-Za-z0-9_.:-]/g, '_').slice(0, MAX_CMI_STRING) || 'item';
}

function clip(text: string): string {
	// CMIFeedback holds 255 characters; a comma separates parts, so commas in text become spaces.
	return text.replace(/\s+/g, ' ').trim().slice(0, MAX_CMI_STRING);
}

/**
 * The student_response for an answer in SCORM 1.2's format for the type: choices, entries and
 * match sides as letters of their place in the item as written (a = first), typed text as typed.
 */
export function studentResponse(item: AnyItem, answer: Answer | null): string {
	if (!answer || answer.type !== item.type) return '';
	switch (answer.type) {
		case 'single':
			return item.type === 'single' ? letter(item.choices.indexOf(answer.choice)) : '';
		case 'multi':
			return item.type === 'multi'
				? answer.choices
						.map((c) => item.choices.indexOf(c))
						.filter((i) => i >= 0)
						.sort((x, y) => x - y)
						.map(letter)
						.join(',')
				: '';
		case 'truefalse':
			return answer.value ? 't' : 'f';
		case 'short':
			return clip(answer.text.replace(/,/g, ' '));
		case 'cloze':
			return clip(answer.blanks.map((b) => b.replace(/,/g, ' ').trim()).join(','));
		case 'numeric':
			return clip(String(answer.value));
		case 'order':
			return item.type === 'order'
				? answer.order
						.map((e) => item.items.indexOf(e))
						.map(letter)
						.join(',')
				: '';
		case 'match': {
			if (item.type !== 'match') return '';
			const rights = item.pairs.map((p) => p.right);
			return item.pairs
				.map((p, i) => {
					const right = answer.pairs[p.left];
					return right === undefined ? '' : `${letter(i)}.${letter(rights.indexOf(right))}`;
				})
				.filter(Boolean)
				.join(',');
		}
	}
}

/** The interaction record of one item, as scored. */
export function interactionOf(item: AnyItem, answer: Answer | null, correct: boolean): Interaction {
	return {
		id: interactionId(item.id),
		type: TYPES[item.type],
		student_response: studentResponse(item, answer),
		result: correct ? 'correct' : 'wrong'
	};
}

/** cmi.core.lesson_status at submission: passed or failed with a pass mark, else completed. */
export function lessonStatus(
	percent: number,
	passMark: number | null
): 'passed' | 'failed' | 'completed' {
	if (passMark === null) return 'completed';
	return percent >= passMark ? 'passed' : 'failed';
}

/** A CMITimespan: HHHH:MM:SS.SS (hours 2 to 4 digits), capped at 9999 hours. */
export function cmiTimespan(ms: number): string {
	const cs = Math.min(Math.max(0, Math.round(ms / 10)), 9999 * 360_000 + 359_999);
	const h = Math.floor(cs / 360_000);
	const m = Math.floor((cs % 360_000) / 6000);
	const s = Math.floor((cs % 6000) / 100);
	const c = cs % 100;
	const two = (n: number) => String(n).padStart(2, '0');
	return `${two(h)}:${two(m)}:${two(s)}.${two(c)}`;
}
