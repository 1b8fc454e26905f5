/** Multiple select: several correct answers among the choices. */
import * as v from 'valibot';
import { result, strings } from '../result';
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
		const right = new Set(item.answers);
		let score = 0;
		for (const p of picks) score += right.has(p) ? 1 : -1;
		return result(score / right.size, expected);
	},
	unanswered: (_item, expected) => result(0, expected)
};
