/** Single choice: one correct answer among the choices, other choices possibly worth part. */
import * as v from 'valibot';
import { choiceWeights } from '../../bank/grading';
import { feedbackOf, result } from '../result';
import type { AnswerCaps, ItemKind } from './kind';

export type SingleAnswer = { type: 'single'; choice: string };

export const singleAnswer = (c: AnswerCaps) =>
	v.object({ type: v.literal('single'), choice: c.text });

export const single: ItemKind<'single', SingleAnswer> = {
	type: 'single',
	field: 'choice',
	expected: (item) => item.answer,
	score(item, a, expected) {
		const at = item.choices.indexOf(a.choice);
		if (at < 0) return result(0, expected);
		const weight = a.choice === item.answer ? 100 : Math.max(0, choiceWeights(item)[at] ?? 0);
		return result(weight / 100, expected, feedbackOf([item.feedback?.[at]]));
	},
	unanswered: (_item, expected) => result(0, expected)
};
