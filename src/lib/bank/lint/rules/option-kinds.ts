import { haladyna, standard } from '../references.ts';
import { isChoice, keyIndices, words } from '../text.ts';
import type { Hit, ItemRule } from '../types.ts';

const NUMBER = /^[\s\d.,%–—-]+(?:km|kilometres|kilometers|years?|%)?\s*$/i;

export const optionKinds: ItemRule = {
	id: 'option-kinds',
	scope: 'entry',
	title: 'Options of different kinds; the key the odd one out',
	severity: 'warning',
	rationale:
		'Options should be of one kind (all years, all names, all claims). When the distractors share a form the key lacks, the odd one out is the answer.',
	reference: `${haladyna('Keep choices homogeneous in content and grammatical structure')}; ${standard('Options: of the same kind')}`,
	check(entry) {
		if (!isChoice(entry) || entry.choices.length < 3) return [];
		const hits: Hit[] = [];
		const numeric = entry.choices.map((c) => NUMBER.test(c));
		const n = numeric.filter(Boolean).length;
		if (n > 0 && n < entry.choices.length) {
			hits.push({
				field: 'choices',
				message: `${n} of ${entry.choices.length} options are numbers, the others words`,
				hint: 'make every option the same kind of thing'
			});
		}
		const keys = keyIndices(entry);
		if (keys.length !== 1) return hits;
		const key = keys[0] ?? 0;
		const distractors = entry.choices.filter((_, i) => i !== key).map((c) => words(c));
		const keyWords = words(entry.choices[key] ?? '');
		// The distractors all open with the same two words, and the key does not.
		const opening = (ws: string[]) => ws.slice(0, 2).join(' ');
		const first = opening(distractors[0] ?? []);
		if (
			distractors.length >= 2 &&
			(distractors[0]?.length ?? 0) >= 2 &&
			distractors.every((ws) => opening(ws) === first) &&
			opening(keyWords) !== first
		) {
			hits.push({
				field: `choices.${key}`,
				message: `every distractor opens “${first} …” and the key does not: it is the odd one out`,
				hint: 'write the key in the same form, or vary the distractors’ openings'
			});
		}
		return hits;
	}
};
