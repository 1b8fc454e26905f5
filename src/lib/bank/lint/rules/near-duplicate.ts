import { diceCoefficient } from 'dice-coefficient';
import { foldText } from '../../highlight.ts';
import { containsWhole, keysOf, stemOf } from '../../validate.ts';
import type { FlashcardT, QuizItem } from '../../schema.ts';
import { haladyna, standard } from '../references.ts';
import { contentWords, words } from '../text.ts';
import type { LintEntry, SetRule } from '../types.ts';

/** Most near-duplicates named for one entry: past a few, the list says nothing more. */
export const MAX_PER_ENTRY = 3;
/** Stems this alike (Sørensen–Dice over their content words, 0..1) ask the same thing… */
export const SAME_STEM = 0.5;
/** …and stems this alike are worth a look whatever they key. */
export const ALIKE_STEM = 0.75;

interface Prepared {
	index: number;
	card: boolean;
	stem: string[];
	stemText: string;
	/** The stem folded and in lower case, for a quick look before a whole-word match. */
	folded: string;
	keys: string[];
	keyText: string[];
}

/** Words too common to tell two stems apart; question words stay ("who" is not "when"). */
const FILLER = new Set(
	'a an the of to in on at by for and or is are was were be it its this that'.split(' ')
);

function prepare(entry: LintEntry, index: number): Prepared {
	const e = entry as QuizItem | FlashcardT;
	const stemText = stemOf(e);
	// A multiple-select item keys each of its answers.
	const keys =
		'type' in entry && entry.type === 'multi'
			? [
					...new Set([
						...keysOf(e),
						...entry.answers.flatMap((a) =>
							keysOf({ ...(e as QuizItem), type: 'single', answer: a } as QuizItem)
						)
					])
				]
			: keysOf(e);
	return {
		index,
		card: !('type' in entry),
		// A set of words: the measure compares which words two stems use, not how often.
		stem: [...new Set(words(stemText).filter((w) => !FILLER.has(w)))],
		folded: foldText(stemText).toLowerCase(),
		stemText,
		keys,
		keyText: keys.filter((k) => contentWords(k).length >= 2)
	};
}

/**
 * Judges every pair of entries of one kind (items with items, cards with cards), and each card
 * against the quiz items (a card repeating an item is a warning on the card). Two stems can
 * reach a Dice of `SAME_STEM` only if they share a word among the rarest few of each (prefix
 * filtering: Dice ≥ d needs a Jaccard overlap ≥ d / (2 − d)), so only pairs that meet there are
 * measured; the rest provably fall short. A 10,000-entry import stays fast.
 */
export const nearDuplicate: SetRule = {
	id: 'near-duplicate',
	scope: 'set',
	title: 'Near-duplicates and items that give each other away',
	severity: 'warning',
	rationale:
		'Two items on the same fact the same way count it twice; an item whose stem or options state another’s key answers that one.',
	reference: `${haladyna('Keep the content of each item independent from content of other items on the test')}; ${standard('The set as a whole: no two items test the same fact the same way')}`,
	check(entries) {
		const prepared = entries.map(prepare);
		const df = new Map<string, number>();
		for (const p of prepared) for (const w of p.stem) df.set(w, (df.get(w) ?? 0) + 1);
		const rarest = (a: string, b: string) =>
			(df.get(a) ?? 0) - (df.get(b) ?? 0) || (a < b ? -1 : 1);
		const overlap = SAME_STEM / (2 - SAME_STEM);
		const prefixes = prepared.map((p) => {
			const sorted = [...p.stem].sort(rarest);
			return sorted.slice(0, sorted.length - Math.ceil(overlap * sorted.length) + 1);
		});
		const byPrefix = new Map<string, number[]>();
		const byWord = new Map<string, number[]>();
		for (const p of prepared) {
			for (const w of p.stem) {
				const list = byWord.get(w);
				if (list) list.push(p.index);
				else byWord.set(w, [p.index]);
			}
		}
		const out: ReturnType<SetRule['check']> = [];
		for (const a of prepared) {
			const partners = new Set<number>();
			for (const w of prefixes[a.index] ?? []) {
				const list = byPrefix.get(w);
				if (list) {
					for (const j of list) partners.add(j);
					list.push(a.index);
				} else byPrefix.set(w, [a.index]);
			}
			let named = 0;
			for (const j of [...partners].sort((x, y) => x - y)) {
				const b = prepared[j];
				if (!b) continue;
				if (named >= MAX_PER_ENTRY) break;
				const alike = diceCoefficient(a.stem, b.stem);
				const shared = a.keys.find((k) => b.keys.includes(k));
				const other = entries[j]?.id ?? '';
				if (b.card !== a.card) {
					// A card that asks a quiz item's question for its answer hands the item over (or
					// turns it into recall); named once, on the card.
					if (a.card && shared !== undefined && alike >= SAME_STEM) {
						out.push({
							index: a.index,
							field: '',
							message: `repeats the quiz item “${other}”: the same answer “${shared}” to a similar question (${Math.round(alike * 100)}% alike)`,
							hint: 'turn the card round, make it teach a neighbouring fact or the evidence, or drop it'
						});
						named++;
					}
					continue;
				}
				if (shared !== undefined && alike >= SAME_STEM) {
					out.push({
						index: a.index,
						field: '',
						message: `near-duplicate of “${other}”: the same answer “${shared}” to a similar question (stems ${Math.round(alike * 100)}% alike)`,
						hint: 'keep the better of the two, or make one ask why or what follows',
						severity: 'error'
					});
					named++;
				} else if (alike >= ALIKE_STEM) {
					out.push({
						index: a.index,
						field: '',
						message: `asks nearly what “${other}” asks (stems ${Math.round(alike * 100)}% alike)`,
						hint: 'make sure the two test different things'
					});
					named++;
				}
			}
		}
		// One entry's stem stating another's key (a whole answer of two words or more).
		for (const b of prepared) {
			for (const key of b.keyText) {
				const first = words(key).find((w) => !FILLER.has(w));
				const holders = first === undefined ? [] : (byWord.get(first) ?? []);
				const folded = foldText(key).toLowerCase();
				const stating = holders.filter(
					(i) =>
						i !== b.index &&
						(prepared[i]?.folded.includes(folded) ?? false) &&
						containsWhole(prepared[i]?.stemText ?? '', key)
				);
				// A key found in many stems is the set's subject ("the United States"), not a giveaway.
				if (stating.length === 0 || stating.length > 2) continue;
				const a = stating
					.map((i) => prepared[i])
					.find((x) => x && x !== b && x.card === b.card && containsWhole(x.stemText, key));
				if (!a) continue;
				const given = key;
				out.push({
					index: b.index,
					field: '',
					message: `the stem of “${entries[a.index]?.id ?? ''}” states this item’s answer “${given}”`,
					hint: 'reword one of the two so neither answers the other'
				});
				break;
			}
		}
		return out;
	}
};
