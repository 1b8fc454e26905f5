import { parseCloze } from '../../cloze.ts';
import { standard, WOZNIAK } from '../references.ts';
import { contentWords, sameRoot } from '../text.ts';
import type { Hit, ItemRule } from '../types.ts';

const REFERENCE_WORD =
	/\b(?:figure|fig\.|table|paragraph|para\.|chapter|section|page|p\.|article|step|item|no\.)\s*$/i;
const NUMBER_ANSWER = /^[\d.,\s]+$/;
const UNIT_AFTER =
	/^\s*(?:km|kilometres?|kilometers?|miles?|m|kg|lb|°[CF]|per ?cent|%)?\s*\(\s*(?:about |some |c\. )?[\d.,]+\s*(?:km|kilometres?|kilometers?|miles?|m|ft|feet|kg|lb|°[CF])\s*\)/i;
const UNIT_BEFORE =
	/\(\s*(?:about |some )?[\d.,]+\s*(?:km|kilometres?|kilometers?|miles?|m|ft|feet|kg|lb|°[CF])\s*\)\s*$/i;

export const trivialBlank: ItemRule = {
	id: 'trivial-blank',
	scope: 'entry',
	title: 'Trivial cloze blank',
	severity: 'warning',
	rationale:
		'A blank a student fills from the sentence itself (a unit conversion beside it, a figure number, a word repeated nearby) tests nothing of the article.',
	reference: `${WOZNIAK}; ${standard('Stems: no clue to the key')}`,
	check(entry) {
		if (!('type' in entry) || entry.type !== 'cloze') return [];
		const { parts } = parseCloze(entry.text);
		const hits: Hit[] = [];
		let n = 0;
		parts.forEach((part, i) => {
			if (part.kind !== 'blank') return;
			n++;
			const prev = parts[i - 1];
			const next = parts[i + 1];
			const before = prev?.kind === 'text' ? prev.text : '';
			const after = next?.kind === 'text' ? next.text : '';
			const answer = part.answers[0] ?? '';
			if (NUMBER_ANSWER.test(answer) && REFERENCE_WORD.test(before)) {
				hits.push({
					field: 'text',
					message: `blank ${n} is a reference number (“${before.trim().split(/\s+/).pop()} ${answer}”)`,
					hint: 'blank a fact of the article, not where it stands'
				});
			} else if (
				NUMBER_ANSWER.test(answer) &&
				(UNIT_AFTER.test(after) || UNIT_BEFORE.test(before))
			) {
				hits.push({
					field: 'text',
					message: `blank ${n} can be worked out from the conversion beside it`,
					hint: 'leave the other unit out of the sentence'
				});
			}
			const around = contentWords(
				parts
					.filter((p, j) => j !== i && p.kind === 'text')
					.map((p) => (p.kind === 'text' ? p.text : ''))
					.join(' ')
			);
			const echoed = contentWords(answer).filter((w) =>
				around.some((a) => a !== w && sameRoot(a, w))
			);
			if (echoed.length > 0) {
				hits.push({
					field: 'text',
					message: `blank ${n}: the sentence repeats a form of “${echoed[0]}” from the answer`,
					hint: 'blank another word, or reword the repeat'
				});
			}
		});
		return hits;
	}
};
