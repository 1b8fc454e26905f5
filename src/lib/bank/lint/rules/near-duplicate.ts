import { diceCoefficient } from 'dice-coefficient';
import { readNumberRun } from '../../answer-forms.ts';
import { foldText } from '../../highlight.ts';
import { containsWhole, keysOf, stemOf } from '../../validate.ts';
import type { FlashcardT, QuizItem } from '../../schema.ts';
import { haladyna, standard } from '../references.ts';
import { contentWords, isItem, sameRoot, stemText, words } from '../text.ts';
import type { Hit, LintEntry, SetRule } from '../types.ts';

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
 * Judges every pair of entries of one kind (items with items, cards with cards); cards against
 * quiz items, and explanations against every item, are `giveaways` below. Two stems can
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
		'Two items on the same fact the same way count it twice; an item whose stem or options state another’s key answers that one; a card that copies a quiz item, or a card front or explanation that prints an item’s answer about its question, hands the item over before it is asked.',
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
				// A card beside a quiz item is judged by `giveaways` below, which knows its back.
				if (b.card !== a.card) continue;
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
		out.push(...giveaways(entries, prepared));
		return out;
	}
};

/** A card's front this alike an item's stem (Dice over content words) asks the item's question… */
export const CARD_COPY = 0.4;
/** …or, when the card's answer is the item's whole key, this alike (the words of a question differ: "Author of the article" / "Who wrote the article?"). */
export const CARD_COPY_SAME_KEY = 0.3;

/** Stem words in more than this share of the entries (and more than `COMMON_MIN`) are the set's subject. */
export const COMMON_SHARE = 0.05;
export const COMMON_MIN = 8;
/** A one-word key found in more shown texts than this is the set's vocabulary, not a give-away. */
export const SUBJECT_TEXTS = 3;

/** A key of this many content words or more counts as stated in other words… */
export const PARAPHRASE_WORDS = 4;
/** …when a text has this share of them (by root: "contrasts" is "contrast"). */
export const PARAPHRASE_SHARE = 0.8;

/** First letters of a word: words sharing a root (`sameRoot`) share these. */
function root(word: string): string {
	return word.length >= 4 ? word.slice(0, 4) : word;
}

/** The numbers a text gives, in digits ("5,500") or in words ("thirty years" → 30). */
function numbersOf(text: string): number[] {
	const out = (text.match(/\d[\d,]*(?:\.\d+)?/g) ?? []).map((d) => Number(d.replace(/,/g, '')));
	const tokens = words(text);
	for (let i = 0; i < tokens.length; i++) {
		const run = readNumberRun(tokens, i);
		if (run) {
			out.push(run.value);
			i = run.end - 1;
		}
	}
	return out;
}

/** Where a student reads an entry's words before answering something else in the same set. */
interface Shown {
	index: number;
	field: 'front' | 'back' | 'explanation';
	text: string;
	/** Its content words, for the topic test. */
	words: string[];
}

/** Texts of an entry that a student reads while another item is still unanswered. */
function shownTexts(entry: LintEntry, index: number): Shown[] {
	const out: Shown[] = [];
	const add = (field: Shown['field'], text: string | undefined) => {
		if (text && text.trim() !== '') out.push({ index, field, text, words: contentWords(text) });
	};
	if (!isItem(entry)) {
		add('front', entry.front);
		if (entry.reverse) add('back', entry.back);
	}
	add('explanation', entry.explanation);
	return out;
}

/** An item's keys that are worth looking for elsewhere: single phrases, one per accepted answer. */
function phraseKeys(entry: LintEntry): string[] {
	if (!isItem(entry)) return [];
	switch (entry.type) {
		case 'single':
			return [entry.answer];
		case 'multi':
			return [...entry.answers];
		case 'short':
			return [entry.answer, ...entry.accept];
		case 'numeric':
			return [String(entry.answer)];
		case 'cloze':
			return keysOf(entry as QuizItem);
		default:
			// True/false, order and match keys are not one phrase a text can state.
			return [];
	}
}

/** A key specific enough that finding it in a text is finding the answer: a number, two content words or more, or one long word. */
function specific(key: string): boolean {
	if (/^\d[\d,.]*$/.test(key.trim())) return key.replace(/\D/g, '').length >= 2;
	const cw = contentWords(key);
	return cw.length >= 2 || (cw.length === 1 && (cw[0]?.length ?? 0) >= 6);
}

function sharesRoot(word: string, list: readonly string[]): boolean {
	return list.some((w) => sameRoot(w, word));
}

/**
 * Card ↔ item and explanation ↔ item give-aways (issue 23 review, round 3).
 *
 * What is a give-away here, and what is not. In a set that has both flashcards and quiz items a
 * card that teaches the fact an item tests is the point of studying: a card "CFAU → China Foreign
 * Affairs University" beside an item asking where the author works is a study aid, not a fault.
 * Two things are faults, and both are errors:
 *
 * 1. **A card that is a near-copy of an item**: its back holds the item's key (every content word
 *    of it, in the back or the front and back together) and its front asks what the item's stem
 *    asks (Sørensen–Dice over content words ≥ `CARD_COPY`, or ≥ `CARD_COPY_SAME_KEY` when the
 *    back is the item's whole key). Studying the card is then taking the quiz item, so the
 *    item measures nothing the card did not already drill and the set counts one fact twice.
 *    A reversed card is judged both ways round.
 * 2. **An answer printed where a student reads it before answering**: a card's front (and a
 *    reversed card's back, which is then a front), or any entry's explanation (shown as feedback
 *    after its own item, so before the items that follow), that holds another item's key
 *    verbatim, a specific one (a number, two content words or more, or one long word), *and*
 *    is about that item's question (it shares two of the stem's content words besides the key's
 *    own, one for a number). A key found in passing, on another topic, is not a give-away; a
 *    key stated in the sentence about the very fact the item asks is.
 *
 * A card's back is not searched for other items' keys on its own: the back is the card's answer,
 * and an answer that states a fact an item tests is what a study card is for (1 catches it when
 * the card also asks the item's question). Source quotes are the article's words, which the
 * student can open at any time, so they are not searched either.
 */
function giveaways(
	entries: readonly LintEntry[],
	prepared: readonly Prepared[]
): ReturnType<SetRule['check']> {
	const out: ReturnType<SetRule['check']> = [];
	const shown = entries.flatMap((e, i) => shownTexts(e, i));
	// Texts by their words, so a key is looked for only where its first word is.
	const byWord = new Map<string, Shown[]>();
	for (const s of shown) {
		for (const w of new Set(words(s.text))) {
			const list = byWord.get(w);
			if (list) list.push(s);
			else byWord.set(w, [s]);
		}
	}
	const byRoot = new Map<string, Set<Shown>>();
	for (const s of shown) {
		for (const w of s.words) {
			const set = byRoot.get(root(w));
			if (set) set.add(s);
			else byRoot.set(root(w), new Set([s]));
		}
	}
	// Cards by the roots of their answers' words (either way round for a reversed card): a card
	// copies an item only if one word of the item's key shares a root with its back, and two
	// words share a root (`sameRoot`) only if they share their first four letters.
	const cardsByRoot = new Map<string, Set<number>>();
	entries.forEach((e, index) => {
		if (isItem(e)) return;
		const answers = e.reverse ? `${e.back} ${e.front}` : e.back;
		for (const w of contentWords(answers)) {
			const r = root(w);
			const set = cardsByRoot.get(r);
			if (set) set.add(index);
			else cardsByRoot.set(r, new Set([index]));
		}
	});
	// Texts by the numbers they give, in digits or in words.
	const byNumber = new Map<number, Shown[]>();
	for (const s of shown) {
		for (const n of new Set(numbersOf(s.text))) {
			const list = byNumber.get(n);
			if (list) list.push(s);
			else byNumber.set(n, [s]);
		}
	}
	// Words in many stems are the set's subject ("treaty", "nuclear"): sharing them says nothing.
	const stems = entries.map((e) => [...new Set(contentWords(stemText(e)))]);
	const df = new Map<string, number>();
	for (const st of stems) for (const w of st) df.set(w, (df.get(w) ?? 0) + 1);
	const common = Math.max(COMMON_MIN, COMMON_SHARE * entries.length);
	// How many shown texts hold each single-word key: past a few, the word is the set's vocabulary.
	const holding = (key: string) =>
		(byWord.get(words(key)[0] ?? '') ?? []).filter((s) => containsWhole(s.text, key)).length;
	const reported = new Set<string>();
	const report = (index: number, field: string, key: string, hit: Omit<Hit, 'field'>) => {
		const tag = `${index}|${field}|${key}`;
		if (reported.has(tag)) return;
		reported.add(tag);
		out.push({ index, field, ...hit, severity: 'error' });
	};
	entries.forEach((entry, i) => {
		if (!isItem(entry)) return;
		const keys = [
			...new Set(
				phraseKeys(entry)
					.map((k) => k.trim())
					.filter((k) => k !== '')
			)
		];
		if (keys.length === 0) return;
		const stem = stems[i] ?? [];
		const id = entry.id;
		// 1. Cards that copy this item.
		const near = new Set<number>();
		for (const k of keys)
			for (const w of contentWords(k)) for (const c of cardsByRoot.get(root(w)) ?? []) near.add(c);
		for (const c of [...near].sort((x, y) => x - y)) {
			const card = entries[c];
			if (!card || isItem(card)) continue;
			const ways: [string, string][] = [[card.front, card.back]];
			if (card.reverse) ways.push([card.back, card.front]);
			for (const [front, back] of ways) {
				const frontWords = contentWords(front);
				const backWords = contentWords(back);
				const noteWords = contentWords(card.explanation ?? '');
				// Alike as the pairs above measure it: every word but filler ("author" counts here).
				const alike = diceCoefficient(
					[...new Set(words(front).filter((w) => !FILLER.has(w)))],
					prepared[i]?.stem ?? []
				);
				const key = keys.find((k) => {
					const kw = contentWords(k);
					if (kw.length === 0) return false;
					const whole =
						foldText(k).toLowerCase() ===
						foldText(back)
							.toLowerCase()
							.replace(/^(?:the|an?) /, '');
					const inBack = kw.filter((w) => sharesRoot(w, backWords));
					// Every word of the key on the card, or most of a long one (the card's explanation
					// counts: a student studying the card reads it).
					const onCard = kw.filter(
						(w) => sharesRoot(w, backWords) || sharesRoot(w, frontWords) || sharesRoot(w, noteWords)
					).length;
					const covered =
						onCard === kw.length ||
						(kw.length >= PARAPHRASE_WORDS && onCard >= PARAPHRASE_SHARE * kw.length);
					return (
						covered &&
						inBack.length > 0 &&
						(alike >= CARD_COPY ||
							(containsWhole(back, k) && alike >= CARD_COPY_SAME_KEY) ||
							(whole && alike >= CARD_COPY_SAME_KEY))
					);
				});
				if (key === undefined) continue;
				report(c, '', `copy:${id}`, {
					message: `near-copy of the quiz item “${id}”: the card asks what it asks (${Math.round(alike * 100)}% alike) and its back gives its answer “${key}”, so studying the card answers the item`,
					hint: 'drop the card, or make it teach a neighbouring fact, the evidence or the reason instead'
				});
				break;
			}
		}
		// 2. Fronts and explanations stating this item's key about its question.
		for (const key of keys) {
			if (!specific(key)) continue;
			if (containsWhole(stemOf(entry as QuizItem), key)) continue;
			const kw = contentWords(key);
			// "ground-launched" is one word here, not a phrase of two.
			const joined = contentWords(key.replace(/(\p{L})-(\p{L})/gu, '$1$2')).length;
			const first = words(key).find((w) => !FILLER.has(w));
			if (first === undefined) continue;
			const number = /^\d[\d,.]*$/.test(key);
			if (!number && joined === 1 && holding(key) > SUBJECT_TEXTS) continue;
			const value = number ? Number(key.replace(/,/g, '')) : null;
			// Only an option is looked for in other words: a typed answer's accepted forms add
			// words around the answer ("secretary-general at the Center of …"), which a text can
			// hold without the answer.
			const paraphrase =
				!number &&
				kw.length >= PARAPHRASE_WORDS &&
				(entry.type === 'single' || entry.type === 'multi');
			// Look only where the key can be: its number; for a paraphrase, texts holding one of
			// its rarest roots (a text that misses m of them must hold one of the m + 1 rarest);
			// otherwise its first word.
			const roots = [...new Set(kw.map(root))].sort(
				(x, y) => (byRoot.get(x)?.size ?? 0) - (byRoot.get(y)?.size ?? 0)
			);
			const missing = kw.length - Math.ceil(PARAPHRASE_SHARE * kw.length);
			const candidates =
				value !== null
					? (byNumber.get(value) ?? [])
					: paraphrase
						? [...new Set(roots.slice(0, missing + 1).flatMap((r) => [...(byRoot.get(r) ?? [])]))]
						: (byWord.get(first) ?? []);
			for (const s of candidates) {
				if (s.index === i) continue;
				const verbatim = containsWhole(s.text, key);
				const stated =
					verbatim ||
					(value !== null && numbersOf(s.text).includes(value)) ||
					(paraphrase &&
						kw.filter((w) => sharesRoot(w, s.words)).length >= PARAPHRASE_SHARE * kw.length);
				if (!stated) continue;
				const about = stem.filter((w) => !sharesRoot(w, kw) && sharesRoot(w, s.words));
				const rare = about.filter((w) => (df.get(w) ?? 0) <= common);
				// About the item's question: two of its less common words; for a number or a phrase
				// of two words or more, which say much by themselves, one of them or two of any.
				const enough =
					rare.length >= 2 || ((number || joined >= 2) && (rare.length >= 1 || about.length >= 2));
				if (!enough) continue;
				const how = verbatim
					? `states “${key}”`
					: number
						? `states ${key} in words`
						: `states in other words “${key}”`;
				const where =
					s.field === 'explanation'
						? 'explanation'
						: s.field === 'front'
							? 'front'
							: 'back (shown first when reversed)';
				report(s.index, s.field, `key:${id}`, {
					message: `its ${where} ${how}, the answer to the quiz item “${id}”, beside that item’s own words (${about.slice(0, 4).join(', ')}): a student reads it before answering`,
					hint: `reword the ${where} so it no longer answers “${id}”, or drop the detail`
				});
			}
		}
	});
	return out;
}
