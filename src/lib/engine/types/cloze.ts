/** Fill in the blanks: text with blanks written as {{answer|variant}}, each blank typed. */
import * as v from 'valibot';
import { parseCloze } from '../../bank/cloze';
import { judgeText, uniqueForms } from '../match';
import { result } from '../result';
import type { AnswerCaps, ItemKind, ItemOf } from './kind';

export type ClozeAnswer = { type: 'cloze'; blanks: string[] };

export const clozeAnswer = (c: AnswerCaps) =>
	v.object({ type: v.literal('cloze'), blanks: c.texts });

interface PreparedCloze {
	blanks: string[][];
	expected: string;
}

// Items are immutable bank data, so parsing and normalising once per item object is safe.
const cache = new WeakMap<object, PreparedCloze>();

function prepare(item: ItemOf<'cloze'>): PreparedCloze {
	let prepared = cache.get(item);
	if (!prepared) {
		const { parts } = parseCloze(item.text);
		const blanks: string[][] = [];
		let expected = '';
		for (const part of parts) {
			if (part.kind === 'blank') {
				blanks.push(uniqueForms(part.answers, item.anyOrder));
				expected += part.answers[0] ?? '';
			} else {
				expected += part.text;
			}
		}
		prepared = { blanks, expected: expected.replace(/\s+/g, ' ').trim() };
		cache.set(item, prepared);
	}
	return prepared;
}

export const cloze: ItemKind<'cloze', ClozeAnswer> = {
	type: 'cloze',
	field: 'blanks',
	expected: (item) => prepare(item).expected,
	score(item, a, expected) {
		const { blanks } = prepare(item);
		const given = a.blanks;
		const verdicts = blanks.map((accepted, i) =>
			judgeText(Array.isArray(given) ? given[i] : undefined, accepted)
		);
		const detail = verdicts.map((v) => v === 'right');
		const right = detail.filter(Boolean).length;
		const close = verdicts.includes('close');
		return result(blanks.length ? right / blanks.length : 0, expected, {
			detail,
			...(close ? { hint: 'close' as const } : {})
		});
	},
	unanswered: (item, expected) =>
		result(0, expected, { detail: prepare(item).blanks.map(() => false) }),
	accepted: (item) =>
		parseCloze(item.text).parts.flatMap((p) =>
			p.kind === 'blank' ? [[...new Set(p.answers.filter((a) => a.trim() !== ''))]] : []
		),
	acceptsTyped: (item, typed) =>
		cloze.score(item, { type: 'cloze', blanks: [typed] }, '').detail?.[0] === true
};
