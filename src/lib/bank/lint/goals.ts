import type { LintContext, SetGoals } from './types.ts';

/** The limits every set is measured against; past them the set rules warn. */
export const DEFAULT_GOALS: SetGoals = {
	maxLongestKey: 0.3,
	maxShortestKey: 0.3,
	maxKeyPosition: 0.4,
	maxTrueFalse: 0.6,
	maxRecall: 0.4,
	options: [3, 5],
	minSample: 5
};

/**
 * The built-in bank's context (issue 23 §2): the same limits, and those the bank must meet made
 * errors: 3–5 options everywhere, keys spread over stored positions, the longest- and
 * shortest-key shares and the recall share. The true/false balance stays advice.
 */
export const BANK_CONTEXT: LintContext = {
	goals: DEFAULT_GOALS,
	escalate: [
		'option-count',
		'key-position',
		'longest-key-share',
		'shortest-key-share',
		'recall-share'
	]
};

export function goalsOf(context: LintContext): SetGoals {
	return { ...DEFAULT_GOALS, ...context.goals };
}
