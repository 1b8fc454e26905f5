import { haladyna, standard } from '../references.ts';
import { isChoice, keyIndices, words } from '../text.ts';
import type { Hit, ItemRule } from '../types.ts';

/** Words that mark an option out: absolutes, and the modal of a prediction. */
const ABSOLUTE = new Set(['only', 'always', 'never', 'all', 'none', 'every', 'completely']);
/** Modal words that mark a prediction or a hedge: a cue when only the key has one. */
const MODAL = new Set(['will', 'may', 'might', 'could', 'would']);
export const GIVEAWAY = [...ABSOLUTE, ...MODAL];

export const giveawayWord: ItemRule = {
	id: 'giveaway-word',
	scope: 'entry',
	title: 'Options marked by a giveaway word',
	severity: 'warning',
	rationale:
		'“Only”, “always”, “will”: when only the key (or every option, or every distractor) carries such a word, the word answers the item.',
	reference: `${haladyna('Avoid giving clues to the right answer, such as specific determiners including always, never, completely, and absolutely')}; ${standard('Options: no options that all share a giveaway word')}`,
	check(entry) {
		if (!isChoice(entry) || entry.choices.length < 3) return [];
		const keys = keyIndices(entry);
		// "will" after "its", "his", "free"… is a noun ("against its will"), not a prediction.
		const has = entry.choices.map(
			(c) =>
				new Set(
					words(
						c.replace(
							/\b(?:its|his|her|their|our|my|your|the|own|free|good|ill|political)\s+will\b/gi,
							''
						)
					)
				)
		);
		const asksFuture = /\b(?:predicts?|prediction|will|future|expects?|forecasts?)\b/i.test(
			entry.prompt
		);
		const hits: Hit[] = [];
		for (const w of GIVEAWAY) {
			const holders = has.map((s, i) => (s.has(w) ? i : -1)).filter((i) => i >= 0);
			if (holders.length === 0) continue;
			if (holders.length === entry.choices.length && ABSOLUTE.has(w)) {
				hits.push({
					field: 'choices',
					message: `every option holds “${w}”`,
					hint: `move “${w}” into the stem or drop it from the options`
				});
			} else if (
				MODAL.has(w) &&
				holders.length === 1 &&
				keys.includes(holders[0] ?? -1) &&
				keys.length === 1
			) {
				hits.push({
					field: `choices.${holders[0]}`,
					message: `the key is the only option with “${w}”`,
					hint: `give “${w}” to some distractors too, or reword the key`,
					// Asked what the author predicts, the only option in the future tense is the answer.
					...(w === 'will' && asksFuture ? { severity: 'error' as const } : {})
				});
			}
		}
		const distractors = entry.choices.map((_, i) => i).filter((i) => !keys.includes(i));
		const absolute = (i: number) => [...(has[i] ?? [])].some((w) => ABSOLUTE.has(w));
		if (distractors.length >= 2 && distractors.every(absolute) && !keys.some(absolute)) {
			hits.push({
				field: 'choices',
				message:
					'every distractor holds an absolute word (only, always, never, all…) and the key none',
				hint: 'qualify the distractors as the key is qualified'
			});
		}
		return hits;
	}
};
