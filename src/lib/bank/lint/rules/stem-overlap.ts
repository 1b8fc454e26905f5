import { haladyna } from '../references.ts';
import { contentWords, isChoice, keyIndices, sameRoot } from '../text.ts';
import type { ItemRule } from '../types.ts';

/** Stem words every option of the item shares say nothing; only words some options lack count. */
function sharedWithStem(option: string, stem: readonly string[]): string[] {
	return [...new Set(contentWords(option).filter((w) => stem.some((s) => sameRoot(w, s))))];
}

export const stemOverlap: ItemRule = {
	id: 'stem-overlap',
	scope: 'entry',
	title: 'Key is the only option sharing words with the stem',
	severity: 'warning',
	rationale:
		'A “clang association”: when only the key echoes the stem’s words, a student matches words instead of knowing the answer.',
	reference: haladyna(
		'Avoid giving clues to the right answer, such as clang associations, choices identical to or resembling words in the stem'
	),
	check(entry) {
		if (!isChoice(entry)) return [];
		const stem = contentWords(entry.prompt);
		const keys = keyIndices(entry);
		const shared = entry.choices.map((c) => sharedWithStem(c, stem));
		const most = Math.max(0, ...shared.filter((_, i) => !keys.includes(i)).map((s) => s.length));
		if (most > 0) {
			// Distractors echo the stem too, but the key echoes far more of it.
			return keys.flatMap((k) => {
				const hit = shared[k] ?? [];
				if (hit.length < 3 || hit.length < most + 2) return [];
				return [
					{
						field: `choices.${k}`,
						message: `the key echoes ${hit.length} of the stem’s words (${hit.map((w) => `“${w}”`).join(', ')}), the distractors at most ${most}`,
						hint: 'reword the key in its own words, or let distractors echo the stem as much'
					}
				];
			});
		}
		return keys.flatMap((k) => {
			const hit = shared[k] ?? [];
			if (hit.length === 0) return [];
			// Two or more of the stem's words in the key alone spell the answer out.
			const outright = hit.length >= 2;
			return [
				{
					field: `choices.${k}`,
					message: `only the key shares the stem’s word${hit.length > 1 ? 's' : ''} ${hit.map((w) => `“${w}”`).join(', ')}`,
					hint: 'reword the key, or let distractors echo the stem too',
					...(outright ? { severity: 'error' as const } : {})
				}
			];
		});
	}
};
