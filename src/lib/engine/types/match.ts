/** Matching: left entries paired with right entries, the right side shown shuffled. */
import * as v from 'valibot';
import { result } from '../result';
import type { AnswerCaps, ItemKind } from './kind';

export type MatchAnswer = { type: 'match'; pairs: Record<string, string> };

export const matchAnswer = (c: AnswerCaps) =>
	v.object({
		type: v.literal('match'),
		pairs: v.pipe(
			v.record(c.text, c.text),
			v.check((p) => Object.keys(p).length <= c.maxParts, 'has too many pairs')
		)
	});

export const match: ItemKind<'match', MatchAnswer> = {
	type: 'match',
	field: 'pairs',
	expected: (item) => item.pairs.map((p) => `${p.left} → ${p.right}`).join('; '),
	score(item, a, expected) {
		const pairs = a.pairs as unknown;
		const given: Record<string, unknown> =
			pairs && typeof pairs === 'object' ? (pairs as Record<string, unknown>) : {};
		const detail = item.pairs.map(
			(p) => Object.prototype.hasOwnProperty.call(given, p.left) && given[p.left] === p.right
		);
		return result(detail.filter(Boolean).length / item.pairs.length, expected, { detail });
	},
	unanswered: (item, expected) => result(0, expected, { detail: item.pairs.map(() => false) })
};
