import { haladyna, standard } from '../references.ts';
import { isChoice, visibleLength } from '../text.ts';
import type { ItemRule } from '../types.ts';

/** Options differ "very much" in length past this ratio of longest to shortest… */
export const LENGTH_RATIO = 2.5;
/** …and this many characters. */
export const LENGTH_CHARS = 20;

export const optionLengths: ItemRule = {
	id: 'option-lengths',
	scope: 'entry',
	title: 'Options of very different lengths',
	severity: 'warning',
	rationale:
		'A one-word option beside a sentence stands out; the odd one is eliminated or picked for its look.',
	reference: `${haladyna('Keep the length of choices about equal')}; ${standard('Options: of the same kind and length')}`,
	check(entry) {
		if (!isChoice(entry)) return [];
		const lengths = entry.choices.map(visibleLength);
		const long = Math.max(...lengths);
		const short = Math.min(...lengths);
		if (long < short * LENGTH_RATIO || long - short < LENGTH_CHARS) return [];
		const i = lengths.indexOf(short);
		const j = lengths.indexOf(long);
		return [
			{
				field: 'choices',
				message: `options run from ${short} to ${long} characters (“${entry.choices[i]}” beside “${entry.choices[j]}”)`,
				hint: 'bring the options to about the same length and detail'
			}
		];
	}
};
