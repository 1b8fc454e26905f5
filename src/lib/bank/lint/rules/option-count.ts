import { haladyna, standard } from '../references.ts';
import { isChoice } from '../text.ts';
import { goalsOf } from '../goals.ts';
import type { ItemRule } from '../types.ts';

export const optionCount: ItemRule = {
	id: 'option-count',
	scope: 'entry',
	title: 'Number of options outside 3–5',
	severity: 'warning',
	rationale:
		'Three good options measure as well as more; past five the extra options are rarely plausible, and two make guessing pay.',
	reference: `${haladyna('Develop as many effective choices as you can, but research suggests three is adequate')}; ${standard('Options: 3–5 options')}`,
	check(entry, context) {
		if (!isChoice(entry)) return [];
		const [min, max] = goalsOf(context).options;
		const n = entry.choices.length;
		if (n >= min && n <= max) return [];
		return [
			{
				field: 'choices',
				message: `${n} options (the standard is ${min}–${max})`,
				hint:
					n > max
						? 'drop the least plausible distractors'
						: 'add a plausible distractor from the article'
			}
		];
	}
};
