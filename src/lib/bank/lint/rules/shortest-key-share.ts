import { goalsOf } from '../goals.ts';
import { setFigures } from '../figures.ts';
import { haladyna } from '../references.ts';
import { pct } from '../text.ts';
import type { SetRule } from '../types.ts';

/**
 * The mirror of `longest-key-share`. A set whose writers learnt not to make the key the longest
 * option often overshoots: keys trimmed to the bare answer while distractors keep their
 * qualifications, so "pick the shortest" pays instead. Counted like the longest-key share, the
 * key strictly shorter than every other option: a margin would hide the cue, since it comes from
 * many small differences all leaning one way (a third review found 24 of 49 keys shortest, only
 * 5 of them by the longest-key rule's margin).
 */
export const shortestKeyShare: SetRule = {
	id: 'shortest-key-share',
	scope: 'set',
	title: 'Share of single-choice items whose key is the shortest',
	severity: 'warning',
	rationale:
		'By chance the key is the shortest option in about a quarter of four-option items; far more, and “pick the shortest” beats the set as surely as “pick the longest”.',
	reference: haladyna('Keep the length of choices about equal'),
	check(entries, context) {
		const goals = goalsOf(context);
		const f = setFigures(entries);
		if (f.single < goals.minSample) return [];
		const share = f.shortestKey / f.single;
		if (share <= goals.maxShortestKey) return [];
		return [
			{
				index: null,
				field: '',
				message: `the key is the shortest option in ${f.shortestKey} of ${f.single} single-choice items (${pct(share)}; at most ${pct(goals.maxShortestKey)})`,
				hint: 'give keys the detail their distractors have, or trim distractors, until “pick the shortest” stops paying'
			}
		];
	}
};
