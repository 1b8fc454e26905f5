/**
 * Multiple select: several correct answers among the choices. Without weights each right pick
 * earns 1/n and each wrong pick takes 1/n away; with weights (Moodle's percentages, negative for
 * a wrong pick) the picks' weights add up. Either way the total is clamped to 0–100%.
 */
import * as v from 'valibot';
import { feedbackOf, result, strings } from '../result';
import type { AnswerCaps, ItemKind } from './kind';

export type MultiAnswer = { type: 'multi'; choices: string[] };

export const multiAnswer = (c: AnswerCaps) =>
	v.object({ type: v.literal('multi'), choices: c.texts });

export const multi: ItemKind<'multi', MultiAnswer> = {
	type: 'multi',
	field: 'choices',
	expected: (item) => item.answers.join('; '),
	score(item, a, expected) {
		const picks = new Set(strings(a.choices));
		const feedback = feedbackOf(
			item.choices.map((c, i) => (picks.has(c) ? item.feedback?.[i] : undefined))
		);
		const weights = item.weights?.length === item.choices.length ? item.weights : null;
		if (weights) {
			let total = 0;
			item.choices.forEach((c, i) => {
				if (picks.has(c)) total += weights[i] ?? 0;
			});
			// Rounded to a hundredth of a percent: 33.333 × 3 is full credit.
			return result(Math.round(total * 100) / 10_000, expected, feedback);
		}
		const right = new Set(item.answers);
		let score = 0;
		for (const p of picks) score += right.has(p) ? 1 : -1;
		return result(score / right.size, expected, feedback);
	},
	unanswered: (_item, expected) => result(0, expected)
};
