/**
 * Short answer: a typed answer with accepted variants (full credit), and other typed forms each
 * with its credit and feedback (`responses`: "Nazereth" 75%, or a known wrong form at 0%).
 */
import * as v from 'valibot';
import { judgeText, uniqueForms } from '../match';
import { feedbackOf, result } from '../result';
import type { AnswerCaps, ItemKind, ItemOf } from './kind';

export type ShortAnswer = { type: 'short'; text: string };

export const shortAnswer = (c: AnswerCaps) => v.object({ type: v.literal('short'), text: c.text });

// Items are immutable bank data, so normalising once per item object is safe.
const cache = new WeakMap<object, string[]>();
const responseCache = new WeakMap<object, string[][]>();

function responseForms(item: ItemOf<'short'>): string[][] {
	let forms = responseCache.get(item);
	if (!forms) {
		forms = (item.responses ?? []).map((r) => uniqueForms([r.answer], item.anyOrder));
		responseCache.set(item, forms);
	}
	return forms;
}

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
		// The first response the typed text matches: its feedback, and its credit unless the
		// text is a full answer already.
		const forms = responseForms(item);
		const at = forms.findIndex((f) => judgeText(a.text, f) === 'right');
		const response = at >= 0 ? item.responses?.[at] : undefined;
		const feedback = feedbackOf([response?.feedback]);
		if (verdict === 'right') return result(1, expected, feedback);
		if (response) return result(response.weight / 100, expected, feedback);
		return result(0, expected, verdict === 'close' ? { hint: 'close' } : undefined);
	},
	unanswered: (_item, expected) => result(0, expected),
	accepted: (item) => [[...new Set([item.answer, ...(item.accept ?? [])])]],
	acceptsTyped: (item, typed) => short.score(item, { type: 'short', text: typed }, '').correct
};
