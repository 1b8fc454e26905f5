import { MOODLE_MULTI_GRADES } from '../references.ts';
import type { ItemRule } from '../types.ts';

/** 33.333% three times is full credit: sums are compared to a hundredth of a percent. */
const SLACK = 0.01;

export const multiWeights: ItemRule = {
	id: 'multi-weights',
	scope: 'entry',
	title: 'Multiple select whose weights cannot reach 100%',
	severity: 'error',
	rationale:
		'A student who picks every right choice and nothing else must be able to earn full credit; when the right choices’ weights add up to less than 100%, no answer is ever fully right.',
	reference: MOODLE_MULTI_GRADES,
	check(entry) {
		if (!('type' in entry) || entry.type !== 'multi') return [];
		const weights = 'weights' in entry ? entry.weights : undefined;
		if (!weights || weights.length !== entry.choices.length) return [];
		const best = weights.reduce((sum, w) => sum + Math.max(0, w), 0);
		if (best >= 100 - SLACK) return [];
		const shown = Math.round(best * 1000) / 1000;
		return [
			{
				field: 'weights',
				message: `the right choices' weights add up to ${shown}%, so the best answer scores ${shown}%`,
				hint: 'raise the right choices’ weights so they add up to 100%'
			}
		];
	}
};
