/** True or false: a statement judged. */
import * as v from 'valibot';
import { result } from '../result';
import type { ItemKind } from './kind';

export type TrueFalseAnswer = { type: 'truefalse'; value: boolean };

export const trueFalseAnswer = () => v.object({ type: v.literal('truefalse'), value: v.boolean() });

export const truefalse: ItemKind<'truefalse', TrueFalseAnswer> = {
	type: 'truefalse',
	field: 'value',
	expected: (item) => (item.answer ? 'True' : 'False'),
	score: (item, a, expected) => result(a.value === item.answer ? 1 : 0, expected),
	unanswered: (_item, expected) => result(0, expected)
};
