import { haladyna } from '../references.ts';
import { words } from '../text.ts';
import type { ItemRule } from '../types.ts';

const ABSOLUTES = [
	'always',
	'never',
	'only',
	'all',
	'none',
	'every',
	'completely',
	'entirely',
	'absolutely',
	'no one',
	'nothing'
];

export const absoluteTrueFalse: ItemRule = {
	id: 'absolute-truefalse',
	scope: 'entry',
	title: 'Absolute word in a true/false statement',
	severity: 'warning',
	rationale:
		'Statements with “always”, “never” or “only” are nearly always false; test-wise students know it.',
	reference: haladyna(
		'Avoid giving clues to the right answer, such as specific determiners including always, never, completely, and absolutely'
	),
	check(entry) {
		if (!('type' in entry) || entry.type !== 'truefalse') return [];
		const text = ` ${words(entry.prompt).join(' ')} `;
		const found = ABSOLUTES.filter((w) => text.includes(` ${w} `));
		if (found.length === 0) return [];
		return [
			{
				field: 'prompt',
				message: `the statement holds ${found.map((w) => `“${w}”`).join(', ')}${entry.answer ? '' : ', and it is false: the word gives it away'}`,
				hint: 'state the claim without an absolute, or make the absolute the true part'
			}
		];
	}
};
