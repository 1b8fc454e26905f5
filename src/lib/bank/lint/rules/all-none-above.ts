import { haladyna, MOODLE_SHUFFLE, standard } from '../references.ts';
import { isChoice } from '../text.ts';
import type { Hit, ItemRule } from '../types.ts';

const ABOVE =
	/\b(?:all|none|both|neither|any) of (?:the )?(?:above|below|following|these|those|others|options|answers)\b|\bboth [a-e] and [a-e]\b/i;

export const allNoneAbove: ItemRule = {
	id: 'all-none-above',
	scope: 'entry',
	title: '“All of the above” / “none of the above”',
	severity: 'error',
	rationale:
		'Quire shuffles options, so “above” may be at the top; and such options test elimination, not knowledge.',
	reference: `${haladyna('Avoid All-of-the-above')}; ${haladyna('None-of-the-above should be used carefully')}; ${MOODLE_SHUFFLE}; ${standard('Options')}`,
	check(entry) {
		if (!isChoice(entry)) return [];
		const hits: Hit[] = [];
		entry.choices.forEach((c, i) => {
			if (ABOVE.test(c))
				hits.push({
					field: `choices.${i}`,
					message: `“${c}” refers to the other options`,
					hint: 'use a multiple-select item, or a fourth option that stands on its own'
				});
		});
		return hits;
	}
};
