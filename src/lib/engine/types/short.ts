/** Short answer: a typed answer with accepted variants. */
import * as v from 'valibot';
import { judgeText, uniqueForms } from '../match';
import { result } from '../result';
import type { AnswerCaps, ItemKind, ItemOf } from './kind';

export type ShortAnswer = { type: 'short'; text: string };

export const shortAnswer = (c: AnswerCaps) => v.object({ type: v.literal('short'), text: c.text });

// Items are immutable bank data, so normalising once per item object is safe.
const cache = new WeakMap<object, string[]>();

function acceptedForms(item: ItemOf<'short'>): string[] {
	let accepted = cache.get(item);
	if (!accepted) {
		accepted = uniqueForms([item.answer, ...(item.accept ?? [])], item.anyOrder);
		cache.set(item, accepted);
	}
	return accepted;
}

export const short: ItemKind<'short', ShortAnswer> = {
	type: 'short',
	field: 'text',
	expected: (item) => item.answer,
	score(item, a, expected) {
		const verdict = judgeText(a.text, acceptedForms(item));
		return result(
			verdict === 'right' ? 1 : 0,
			expected,
			verdict === 'close' ? { hint: 'close' } : undefined
		);
	},
	unanswered: (_item, expected) => result(0, expected),
	accepted: (item) => [[...new Set([item.answer, ...(item.accept ?? [])])]],
	acceptsTyped: (item, typed) => short.score(item, { type: 'short', text: typed }, '').correct
};
