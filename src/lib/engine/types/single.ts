/** Single choice: one correct answer among the choices. */
import * as v from 'valibot';
import { result } from '../result';
import type { AnswerCaps, ItemKind } from './kind';

export type SingleAnswer = { type: 'single'; choice: string };

export const singleAnswer = (c: AnswerCaps) =>
	v.object({ type: v.literal('single'), choice: c.text });

export const single: ItemKind<'single', SingleAnswer> = {
	type: 'single',
	field: 'choice',
	expected: (item) => item.answer,
	score: (item, a, expected) => result(a.choice === item.answer ? 1 : 0, expected),
	unanswered: (_item, expected) => result(0, expected)
};
