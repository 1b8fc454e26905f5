import { haladyna, standard } from '../references.ts';
import { keyIndices, visibleLength } from '../text.ts';
import type { ItemRule } from '../types.ts';

/** The key is "clearly" longest when it is this many times the next longest option… */
export const CLEAR_RATIO = 1.25;
/** …and at least this many characters longer. */
export const CLEAR_CHARS = 8;

export const longestKey: ItemRule = {
	id: 'longest-key',
	scope: 'entry',
	title: 'Key is the longest option by a clear margin',
	severity: 'warning',
	rationale:
		'A test-wise student picks the longest, most qualified option; when the key is always it, the item measures test-wiseness.',
	reference: `${haladyna('Keep the length of choices about equal')}; ${standard('Stems')}`,
	check(entry) {
		if (!('type' in entry) || entry.type !== 'single') return [];
		const [key] = keyIndices(entry);
		if (key === undefined || entry.choices.length < 2) return [];
		const keyLength = visibleLength(entry.answer);
		const other = Math.max(
			...entry.choices.filter((_, i) => i !== key).map((c) => visibleLength(c))
		);
		if (keyLength < other * CLEAR_RATIO || keyLength - other < CLEAR_CHARS) return [];
		return [
			{
				field: `choices.${key}`,
				message: `the key is the longest option by far (${keyLength} characters, ${(keyLength / other).toFixed(1)}× the next longest)`,
				hint: 'shorten the key or give two distractors the same detail and length'
			}
		];
	}
};
