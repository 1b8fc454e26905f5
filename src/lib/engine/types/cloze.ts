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

/**
 * The last one and two words before a blank, inside its clause: a student who retypes the word
 * in front of the blank ("nuclear strikes" for "means of nuclear ___") knows the answer, so the
 * blank takes its answers with those words in front as well. Nothing after a punctuation mark or
 * quotation mark counts, so a blank never swallows another clause.
 */
function leadWords(text: string): string[] {
	if (/[^\s]$/u.test(text)) return [];
	const clause = text.split(/[.,;:!?()“”"‘’]/u).pop() ?? '';
	const words = clause
		.trim()
		.split(/\s+/)
		.filter((w) => w !== '');
	const out: string[] = [];
	for (let n = 1; n <= Math.min(2, words.length); n++) out.push(words.slice(-n).join(' '));
	return out;
}

// Items are immutable bank data, so parsing and normalising once per item object is safe.
const cache = new WeakMap<object, PreparedCloze>();

function prepare(item: ItemOf<'cloze'>): PreparedCloze {
	let prepared = cache.get(item);
	if (!prepared) {
		const { parts } = parseCloze(item.text);
		const blanks: string[][] = [];
		let expected = '';
		let before = '';
		for (const part of parts) {
			if (part.kind === 'blank') {
				const lead = leadWords(before);
				const withLead = part.answers.flatMap((a) => [a, ...lead.map((w) => `${w} ${a}`)]);
				blanks.push(uniqueForms(withLead, item.anyOrder));
				before = '';
				expected += part.answers[0] ?? '';
			} else {
				expected += part.text;
				before = part.text;
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
