/**
 * Numbers and years: a number, exact or within a tolerance, and other numbers each with its
 * tolerance, credit and feedback (`responses`, as Moodle's numerical questions have several).
 */
import * as v from 'valibot';
import { formatNumber, parseNumber } from '../match';
import { feedbackOf, result } from '../result';
import type { AnswerCaps, ItemKind } from './kind';

export type NumericAnswer = { type: 'numeric'; value: number | string };

export const numericAnswer = (c: AnswerCaps) =>
	v.object({
		type: v.literal('numeric'),
		value: v.union([v.pipe(v.number(), v.finite()), c.text])
	});

export const numeric: ItemKind<'numeric', NumericAnswer> = {
	type: 'numeric',
	field: 'value',
	expected(item) {
		const unit = item.unit ? ` ${item.unit}` : '';
		const tol = item.tolerance ? ` (± ${formatNumber(item.tolerance)})` : '';
		return `${formatNumber(item.answer)}${unit}${tol}`;
	},
	score(item, a, expected) {
		const value = parseNumber(a.value);
		if (value === null) return result(0, expected);
		// Absorbs float noise such as 0.1 + 0.2 so a tolerance boundary is inclusive.
		const within = (answer: number, tolerance: number) =>
			Math.abs(value - answer) <= tolerance + 1e-9 * Math.max(1, Math.abs(answer));
		const response = item.responses?.find((r) => within(r.answer, r.tolerance ?? 0));
		const feedback = feedbackOf([response?.feedback]);
		if (within(item.answer, item.tolerance ?? 0)) return result(1, expected, feedback);
		return result((response?.weight ?? 0) / 100, expected, feedback);
	},
	unanswered: (_item, expected) => result(0, expected)
};
