/** The set-level figures: key positions, longest and shortest keys, true/false balance, recall share. */
import { diceCoefficient } from 'dice-coefficient';
import { parseCloze } from '../cloze.ts';
import { isChoice, isItem, keyIndices, visibleLength, words } from './text.ts';
import type { LintEntry } from './types.ts';

export interface SetFigures {
	/** Single- and multiple-choice items. */
	choiceItems: number;
	/** Choice items whose first stored option is a key. */
	keyFirst: number;
	/** Single-choice items. */
	single: number;
	/** Single-choice keys at each stored position (A, B, …), before any shuffle. */
	keyPositions: number[];
	/** Single-choice items whose key is strictly the longest option. */
	longestKey: number;
	/** Single-choice items whose key is strictly the shortest option. */
	shortestKey: number;
	trueFalse: { true: number; false: number };
	/** Items carrying a level, and those labelled recall. */
	labelled: number;
	recall: number;
	/** Items that read as recall by their form, whatever their label. */
	readsAsRecall: number;
}

/** Whether a single-choice item's key is strictly the longest of its options. */
export function keyIsLongest(item: Extract<LintEntry, { type: 'single' }>): boolean {
	const [key] = keyIndices(item);
	if (key === undefined) return false;
	const length = visibleLength(item.answer);
	return item.choices.every((c, i) => i === key || visibleLength(c) < length);
}

/**
 * Whether a single-choice item's key is strictly the shortest of its options: the mirror of
 * `keyIsLongest`, for a set that cured "pick the longest" by trimming its keys too far.
 */
export function keyIsShortest(item: Extract<LintEntry, { type: 'single' }>): boolean {
	const [key] = keyIndices(item);
	if (key === undefined) return false;
	const length = visibleLength(item.answer);
	return item.choices.every((c, i) => i === key || visibleLength(c) > length);
}

const DETAIL_QUESTION =
	/^(?:when|who|whom|where|in (?:which|what) (?:year|month|city|country)|what (?:year|date|day|month)|which (?:year|date|month)|how (?:many|much|long|far)|what (?:is|was) the name|name the)\b/i;
const THINKING =
	/\b(?:why|what follows|implies?|suggests?|infer|evidence|rests? on|stance|tone|wording|leaves? out|fact or|claim|tension|contradict|best (?:describes|explains|sums)|purpose|because)\b/i;

/**
 * Whether an item asks only to recall a detail, judged by its form: a number, a quoted
 * sentence with a word blanked, a "when/who/how many" question with a short answer, or a
 * true/false statement that restates its quote. A heuristic for a second look, not a verdict.
 */
export function readsAsRecall(entry: LintEntry): boolean {
	if (!isItem(entry)) return false;
	if (THINKING.test(entry.prompt)) return false;
	const source = entry.source ?? '';
	switch (entry.type) {
		case 'numeric':
			return true;
		case 'cloze': {
			const filled = parseCloze(entry.text)
				.parts.map((p) => (p.kind === 'text' ? p.text : (p.answers[0] ?? '')))
				.join('');
			return source !== '' && diceCoefficient(words(filled), words(source)) >= 0.7;
		}
		case 'truefalse':
			return source !== '' && diceCoefficient(words(entry.prompt), words(source)) >= 0.7;
		case 'short':
			return (
				words(entry.answer).length <= 4 &&
				DETAIL_QUESTION.test(entry.prompt.replace(/^[^,]*, /, ''))
			);
		case 'single':
		case 'multi':
			return DETAIL_QUESTION.test(entry.prompt.replace(/^According to [^,]*, /i, ''));
		case 'order':
			return true;
		case 'match':
			return entry.pairs.every(
				(p) => /^\s*[\d,.\s]+\s*$/.test(p.right) || /^\s*[\d,.\s]+\s*$/.test(p.left)
			);
	}
}

/** Counts the set's figures in one pass. */
export function setFigures(entries: readonly LintEntry[]): SetFigures {
	const f: SetFigures = {
		choiceItems: 0,
		keyFirst: 0,
		single: 0,
		keyPositions: [],
		longestKey: 0,
		shortestKey: 0,
		trueFalse: { true: 0, false: 0 },
		labelled: 0,
		recall: 0,
		readsAsRecall: 0
	};
	for (const e of entries) {
		if (!isItem(e)) continue;
		if (e.level !== undefined) {
			f.labelled++;
			if (e.level === 'recall') f.recall++;
		}
		if (readsAsRecall(e)) f.readsAsRecall++;
		if (isChoice(e)) {
			f.choiceItems++;
			const keys = keyIndices(e);
			if (keys.includes(0)) f.keyFirst++;
			if (e.type === 'single' && keys[0] !== undefined) {
				f.single++;
				while (f.keyPositions.length < e.choices.length) f.keyPositions.push(0);
				f.keyPositions[keys[0]] = (f.keyPositions[keys[0]] ?? 0) + 1;
				if (keyIsLongest(e)) f.longestKey++;
				if (keyIsShortest(e)) f.shortestKey++;
			}
		}
		if (e.type === 'truefalse') f.trueFalse[e.answer ? 'true' : 'false']++;
	}
	return f;
}
