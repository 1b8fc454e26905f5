import { parseCloze } from '../../cloze.ts';
import { containsWhole } from '../../validate.ts';
import { haladyna, standard } from '../references.ts';
import { contentWords, isItem, sameRoot } from '../text.ts';
import type { Hit, ItemRule } from '../types.ts';

/** The key's words the stem already holds, and the share of the key's content words they are. */
export function keyWordsInStem(key: string, stem: string): { words: string[]; share: number } {
	const keyWords = [...new Set(contentWords(key))];
	const stemWords = contentWords(stem);
	const found = keyWords.filter((w) => stemWords.some((s) => sameRoot(w, s)));
	return { words: found, share: keyWords.length ? found.length / keyWords.length : 0 };
}

export const keyInStem: ItemRule = {
	id: 'key-in-stem',
	scope: 'entry',
	title: 'The key’s words are in the stem',
	severity: 'warning',
	rationale:
		'A stem that already holds the key, or most of its words, answers itself: the item tests reading the stem, not the article.',
	reference: `${haladyna('Avoid giving clues to the right answer')}; ${standard('Stems')}`,
	check(entry) {
		if (!isItem(entry)) return [];
		const keys: { key: string; field: string }[] = [];
		let stem = entry.prompt;
		switch (entry.type) {
			case 'single':
				keys.push({ key: entry.answer, field: 'answer' });
				break;
			case 'multi':
				entry.answers.forEach((a, i) => keys.push({ key: a, field: `answers.${i}` }));
				break;
			case 'short':
				keys.push({ key: entry.answer, field: 'answer' });
				break;
			case 'cloze': {
				const parts = parseCloze(entry.text).parts;
				stem += ` ${parts.map((p) => (p.kind === 'text' ? p.text : ' ')).join('')}`;
				for (const p of parts)
					if (p.kind === 'blank' && p.answers[0]) keys.push({ key: p.answers[0], field: 'text' });
				break;
			}
			default:
				return [];
		}
		const hits: Hit[] = [];
		for (const { key, field } of keys) {
			const bare = key.trim().replace(/^(?:the|an?)\s+/i, '');
			const whole = bare.length >= 3 && containsWhole(stem, bare);
			const { words, share } = keyWordsInStem(key, stem);
			if (whole || (words.length >= 2 && share === 1)) {
				hits.push({
					field,
					message: `the stem spells out the key “${key}”`,
					hint: 'ask without naming the answer, or test another detail',
					severity: 'error'
				});
			} else if (words.length >= 2 && share >= 0.6) {
				hits.push({
					field,
					message: `the stem holds most of the key’s words (${words.map((w) => `“${w}”`).join(', ')})`,
					hint: 'reword the stem or the key so the answer must come from the article'
				});
			}
		}
		return hits;
	}
};
