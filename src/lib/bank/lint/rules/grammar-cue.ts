import { parseCloze } from '../../cloze.ts';
import { haladyna, standard } from '../references.ts';
import { isChoice, keyIndices } from '../text.ts';
import type { Hit, ItemRule } from '../types.ts';

/** Whether a word is said with a vowel sound first: "an" goes before it. */
export function vowelSound(word: string): boolean {
	const w = word.replace(/^[^\p{L}\p{N}]+/u, '');
	// An acronym is read letter by letter: "an NPR", "a US…".
	if (/^\p{Lu}{2,}\b/u.test(w)) return /^[AEFHILMNORSX]/.test(w);
	const l = w.toLowerCase();
	if (/^(?:hour|honest|honou?r|heir)/.test(l)) return true;
	if (/^(?:uni|use|usu|ura|eu|ewe|one|once|ubiq)/.test(l)) return false;
	if (/^\d/.test(l)) return /^(?:8|11|18|80)/.test(l);
	return /^[aeiou]/.test(l);
}

/** Whether "a" or "an" fits before the text. */
export function articleFits(article: string, text: string): boolean {
	const vowel = vowelSound(text.trim());
	return article.toLowerCase() === 'an' ? vowel : !vowel;
}

const SINGULAR = /\b(a|an|one|each|every|another)\s*$/i;
/** A plural noun: ends in -s, but not -ss, -us, -is (class, campus, crisis). */
const PLURAL = /[^su']s$/i;

/** The article (or singular determiner) right before a blank or at the end of a stem. */
function before(text: string): string | null {
	return SINGULAR.exec(text.replace(/[\s_…]+$/u, ''))?.[1] ?? null;
}

function lastWord(text: string): string {
	return text.trim().split(/\s+/).pop() ?? '';
}

export const grammarCue: ItemRule = {
	id: 'grammar-cue',
	scope: 'entry',
	title: 'Grammatical cue (a/an, singular/plural)',
	severity: 'warning',
	rationale:
		'When “a” or “an” before a blank or the list fits only some answers, or a singular stem takes only a singular option, grammar points at the key.',
	reference: `${haladyna('Avoid giving clues to the right answer, such as grammatical inconsistencies that cue the test-taker to the correct choice')}; ${standard('Stems')}`,
	check(entry) {
		const hits: Hit[] = [];
		if (isChoice(entry)) {
			const det = before(entry.prompt);
			if (!det) return [];
			const keys = keyIndices(entry);
			const article = det.toLowerCase() === 'a' || det.toLowerCase() === 'an';
			entry.choices.forEach((c, i) => {
				const misfit = article ? !articleFits(det, c) : false;
				const plural = PLURAL.test(lastWord(c));
				if (!misfit && !plural) return;
				const isKey = keys.includes(i);
				hits.push({
					field: `choices.${i}`,
					message: misfit
						? `“${det} …” at the end of the stem does not fit this option (“${c}”)${isKey ? ', the key' : ''}`
						: `the stem asks for one thing (“${det} …”), but this option reads as plural`,
					hint: 'end the stem before the article and put it in each option, or make every option fit',
					...(isKey && misfit ? { severity: 'error' as const } : {})
				});
			});
			return hits;
		}
		if (!('type' in entry) || entry.type !== 'cloze') return [];
		const { parts } = parseCloze(entry.text);
		let n = 0;
		let text = '';
		for (const part of parts) {
			if (part.kind === 'text') {
				text += part.text;
				continue;
			}
			n++;
			const det = before(text);
			text += ' ';
			if (!det) continue;
			const answers = part.answers.filter((a) => a.trim() !== '');
			const isArticle = /^an?$/i.test(det);
			const fit = answers.filter((a) => !isArticle || articleFits(det, a));
			const plural = answers.filter((a) => PLURAL.test(lastWord(a)));
			if (isArticle && fit.length < answers.length) {
				hits.push({
					field: 'text',
					message: `blank ${n}: “${det} ___” fits ${fit.length === 0 ? 'none' : `only ${fit.map((a) => `“${a}”`).join(', ')}`} of its accepted answers`,
					hint: `take “${det}” into the blank: {{${answers.map((a) => `${vowelSound(a) ? 'an' : 'a'} ${a}`).join('|')}}}`,
					severity: 'error'
				});
			} else if (isArticle) {
				hits.push({
					field: 'text',
					message: `blank ${n}: “${det} ___” tells the student the answer starts with a ${det.toLowerCase() === 'an' ? 'vowel' : 'consonant'} sound`,
					hint: `take “${det}” into the blank, with the other article for answers that need it`
				});
			}
			if (plural.length > 0) {
				hits.push({
					field: 'text',
					message: `blank ${n}: “${det} ___” asks for one thing, but ${plural.map((a) => `“${a}”`).join(', ')} reads as plural`,
					hint: 'make the words around the blank fit every accepted answer'
				});
			}
		}
		return hits;
	}
};
