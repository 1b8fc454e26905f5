import { LEVELS, VOICES, type Bank, type Level, type QuizItem, type Voice } from './schema.ts';
import { citations } from './voice.ts';

/** The editorial goals `bank:stats` checks: weight follows the text, and recall stays a minority. */
export const GOALS = {
	/** No paragraph's share of the items may exceed this multiple of its share of the words. */
	maxOverweight: 2,
	/** Recall items as a share of all items, at most. */
	maxRecall: 0.4,
	/** Single-choice items whose key is the longest option, as a share of them, at most. */
	maxLongestKey: 0.3,
	/** Choice-item keys stored in any one position, as a share of all keys, at most. */
	maxKeyPosition: 0.4,
	/** True (or false) as a share of true/false items, at most. */
	maxTrueFalse: 0.6,
	/** Options a single or multiple choice item offers. */
	minOptions: 3,
	maxOptions: 5
} as const;

/** The cues a test-wise student could use across the choice items, as they are stored. */
export interface ChoiceStats {
	/** Single-choice items, and those whose key is longer than every other option. */
	singles: number;
	longestKey: number;
	/** Keys of single and multiple choice items by stored position (1-based), before shuffling. */
	keyPositions: Record<number, number>;
	keys: number;
	/** True/false items by answer. */
	trueFalse: { true: number; false: number };
	/** Single and multiple choice items by number of options. */
	options: Record<number, number>;
	/** Each goal in GOALS it covers, met or not. */
	longestKeyOk: boolean;
	keyPositionOk: boolean;
	trueFalseOk: boolean;
	optionsOk: boolean;
}

/** Key position, longest-key share, true/false balance and options per choice item. */
export function choiceStats(items: readonly QuizItem[]): ChoiceStats {
	const bump = (rec: Record<number, number>, k: number) => (rec[k] = (rec[k] ?? 0) + 1);
	const keyPositions: Record<number, number> = {};
	const options: Record<number, number> = {};
	let singles = 0;
	let longestKey = 0;
	let keys = 0;
	const trueFalse = { true: 0, false: 0 };
	for (const item of items) {
		if (item.type === 'truefalse') trueFalse[item.answer ? 'true' : 'false']++;
		if (item.type !== 'single' && item.type !== 'multi') continue;
		bump(options, item.choices.length);
		const answers: readonly string[] = item.type === 'single' ? [item.answer] : item.answers;
		for (const a of answers) {
			bump(keyPositions, item.choices.indexOf(a) + 1);
			keys++;
		}
		if (item.type === 'single') {
			singles++;
			const length = (t: string) => Array.from(t).length;
			const others = item.choices.filter((c) => c !== item.answer).map(length);
			if (length(item.answer) > Math.max(...others)) longestKey++;
		}
	}
	const tf = trueFalse.true + trueFalse.false;
	return {
		singles,
		longestKey,
		keyPositions,
		keys,
		trueFalse,
		options,
		longestKeyOk: longestKey <= GOALS.maxLongestKey * singles,
		keyPositionOk: Object.values(keyPositions).every((n) => n <= GOALS.maxKeyPosition * keys),
		trueFalseOk: Math.max(trueFalse.true, trueFalse.false) <= GOALS.maxTrueFalse * tf,
		optionsOk: Object.keys(options).every(
			(n) => Number(n) >= GOALS.minOptions && Number(n) <= GOALS.maxOptions
		)
	};
}

/** One paragraph's weight in the text against its weight in the bank. */
export interface ParagraphWeight {
	id: string;
	kind: string;
	words: number;
	/** Share of the article's words, 0..1. */
	share: number;
	/** Items citing it; an item citing k quotes counts 1/k for each. */
	items: number;
	/** Share of all items, 0..1. */
	itemShare: number;
	/** itemShare / share: 1 is weighted like the text, above GOALS.maxOverweight is too much. */
	ratio: number;
	cards: number;
}

/** The figures `bank:stats` prints and the goals it checks. */
export interface BankStats {
	items: number;
	cards: number;
	voice: Record<Voice, { items: number; cards: number }>;
	level: Record<Level, { items: number; cards: number }>;
	/** Recall items as a share of all items, 0..1. */
	recallShare: number;
	paragraphs: ParagraphWeight[];
	/** Paragraphs over GOALS.maxOverweight, and whether recall is within GOALS.maxRecall. */
	overweight: ParagraphWeight[];
	recallOk: boolean;
}

function words(text: string): number {
	return text.split(/\s+/).filter(Boolean).length;
}

/** Each entry's weight per paragraph: 1/k for each of its k citations. */
function weigh(entries: readonly Parameters<typeof citations>[0][]): Map<string, number> {
	const out = new Map<string, number>();
	for (const e of entries) {
		const cites = citations(e);
		for (const c of cites) out.set(c.paragraph, (out.get(c.paragraph) ?? 0) + 1 / cites.length);
	}
	return out;
}

/** Counts by voice and level, and each paragraph's weight in the bank against its share of words. */
export function bankStats(bank: Pick<Bank, 'items' | 'flashcards' | 'paragraphs'>): BankStats {
	const { items, flashcards } = bank;
	const tally = <K extends string>(
		keys: readonly K[],
		key: (e: { voice: Voice; level: Level }) => K
	) =>
		Object.fromEntries(
			keys.map((k) => [
				k,
				{
					items: items.filter((i) => key(i) === k).length,
					cards: flashcards.filter((c) => key(c) === k).length
				}
			])
		) as Record<K, { items: number; cards: number }>;
	const voice = tally(VOICES, (e) => e.voice);
	const level = tally(LEVELS, (e) => e.level);

	const total = bank.paragraphs.reduce((n, p) => n + words(p.text), 0);
	const itemWeight = weigh(items);
	const cardWeight = weigh(flashcards);
	const paragraphs = bank.paragraphs.map((p) => {
		const w = words(p.text);
		const share = total === 0 ? 0 : w / total;
		const n = itemWeight.get(p.id) ?? 0;
		const itemShare = items.length === 0 ? 0 : n / items.length;
		return {
			id: p.id,
			kind: p.kind,
			words: w,
			share,
			items: n,
			itemShare,
			ratio: share === 0 ? 0 : itemShare / share,
			cards: cardWeight.get(p.id) ?? 0
		};
	});
	const recallShare = items.length === 0 ? 0 : level.recall.items / items.length;
	return {
		items: items.length,
		cards: flashcards.length,
		voice,
		level,
		recallShare,
		paragraphs,
		overweight: paragraphs.filter((p) => p.ratio > GOALS.maxOverweight),
		recallOk: recallShare <= GOALS.maxRecall
	};
}
