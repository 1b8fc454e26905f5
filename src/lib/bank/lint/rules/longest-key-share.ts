import { goalsOf } from '../goals.ts';
import { setFigures } from '../figures.ts';
import { haladyna } from '../references.ts';
import { pct } from '../text.ts';
import type { SetRule } from '../types.ts';

export const longestKeyShare: SetRule = {
	id: 'longest-key-share',
	scope: 'set',
	title: 'Share of single-choice items whose key is the longest',
	severity: 'warning',
	rationale:
		'By chance the key is the longest option in about a quarter of four-option items; far more, and “pick the longest” beats the set.',
	reference: haladyna('Keep the length of choices about equal'),
	check(entries, context) {
		const goals = goalsOf(context);
		const f = setFigures(entries);
		if (f.single < goals.minSample) return [];
		const share = f.longestKey / f.single;
		if (share <= goals.maxLongestKey) return [];
		return [
			{
				index: null,
				field: '',
				message: `the key is the longest option in ${f.longestKey} of ${f.single} single-choice items (${pct(share)}; at most ${pct(goals.maxLongestKey)})`,
				hint: 'lengthen distractors or shorten keys until “pick the longest” stops paying'
			}
		];
	}
};
