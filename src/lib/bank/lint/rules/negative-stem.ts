import { haladyna } from '../references.ts';
import type { ItemRule } from '../types.ts';

/** A negative word in lower case: written in capitals ("NOT", "EXCEPT") it is emphasised. */
const NEGATIVE =
	/\b(not|except|never|least|cannot|isn[’']t|doesn[’']t|didn[’']t|false|incorrect)\b/;

export const negativeStem: ItemRule = {
	id: 'negative-stem',
	scope: 'entry',
	title: 'Negative stem without emphasis',
	severity: 'warning',
	rationale: 'A “not” read past turns the item around; students who know the answer get it wrong.',
	reference: haladyna(
		'Word the stem positively, avoid negatives such as NOT or EXCEPT. If negative words are used, use the word cautiously and always ensure that the word appears capitalized and boldface'
	),
	check(entry) {
		if (!('type' in entry) || entry.type === 'truefalse' || entry.type === 'cloze') return [];
		const m = NEGATIVE.exec(entry.prompt);
		if (!m) return [];
		return [
			{
				field: 'prompt',
				message: `the stem asks a negative question (“${m[1]}”) in plain type`,
				hint: `ask positively, or write it in capitals: “${(m[1] ?? '').toUpperCase()}”`
			}
		];
	}
};
