/**
 * Every rule of the item-quality checker, in the order findings are listed: cues, form, typed
 * answers, then the set as a whole. A new rule (for a new item type, say) is one file under
 * rules/ and one line here; a rule looks only at the fields it knows and ignores other entries.
 */
import { absoluteTrueFalse } from './rules/absolute-truefalse.ts';
import { allNoneAbove } from './rules/all-none-above.ts';
import { giveawayWord } from './rules/giveaway-word.ts';
import { grammarCue } from './rules/grammar-cue.ts';
import { keyInStem } from './rules/key-in-stem.ts';
import { keyPosition } from './rules/key-position.ts';
import { longestKey } from './rules/longest-key.ts';
import { longestKeyShare } from './rules/longest-key-share.ts';
import { multiWeights } from './rules/multi-weights.ts';
import { nearDuplicate } from './rules/near-duplicate.ts';
import { negativeStem } from './rules/negative-stem.ts';
import { optionCount } from './rules/option-count.ts';
import { optionKinds } from './rules/option-kinds.ts';
import { optionLengths } from './rules/option-lengths.ts';
import { shortestKeyShare } from './rules/shortest-key-share.ts';
import { recallShare } from './rules/recall-share.ts';
import { spelledOrder } from './rules/spelled-order.ts';
import { stemOverlap } from './rules/stem-overlap.ts';
import { trivialBlank } from './rules/trivial-blank.ts';
import { trueFalseBalance } from './rules/truefalse-balance.ts';
import { typedForms } from './rules/typed-forms.ts';
import type { ItemRule, Rule, SetRule } from './types.ts';

export const ENTRY_RULES: readonly ItemRule[] = [
	// cues
	longestKey,
	stemOverlap,
	grammarCue,
	keyInStem,
	spelledOrder,
	giveawayWord,
	absoluteTrueFalse,
	// form
	optionCount,
	allNoneAbove,
	negativeStem,
	optionLengths,
	optionKinds,
	trivialBlank,
	multiWeights,
	// typed answers
	typedForms
];

export const SET_RULES: readonly SetRule[] = [
	keyPosition,
	longestKeyShare,
	shortestKeyShare,
	trueFalseBalance,
	nearDuplicate,
	recallShare
];

/** Every rule, entry rules first. */
export const RULES: readonly Rule[] = [...ENTRY_RULES, ...SET_RULES];

/** A rule by its id. */
export function ruleById(id: string): Rule | undefined {
	return RULES.find((r) => r.id === id);
}
