/**
 * The parts of the compiled bank a page can load without the rest (vite-plugin.ts serves each as
 * its own module). The whole bank is about 24 KB of gzipped JavaScript; the library's list needs
 * only its title and counts, the card list only the flashcards, the progress page and the
 * teacher's question picker only each question's label and what the filters read.
 */
import type { Bank, ItemType } from './schema.ts';
import { voiceMarks, type VoiceMark } from './voice.ts';

/** `virtual:quire-bank/summary`: what a list of sets shows of the built-in one. */
export interface BankSummary {
	meta: Bank['meta'];
	topics: Bank['topics'];
	/** The type of each quiz item, in bank order. */
	itemTypes: ItemType[];
	flashcards: number;
}

/** `virtual:quire-bank/flashcards`: the card list's part. */
export type BankFlashcards = Pick<Bank, 'topics' | 'flashcards'>;

/**
 * A quiz item as a list of questions names and filters it (the study home counts with it): a
 * cloze also keeps its text, which its label shows with the blanks hidden.
 */
export type ItemIndexEntry = Pick<
	Bank['items'][number],
	'id' | 'type' | 'topic' | 'difficulty' | 'paragraph' | 'prompt'
> & { text?: string };

/**
 * `virtual:quire-bank/index`: the bank's version, its topics, and each quiz item as a list of
 * questions names and filters it.
 */
export interface BankIndex {
	version: Bank['version'];
	topics: Bank['topics'];
	items: ItemIndexEntry[];
}

/**
 * `virtual:quire-bank/article`: what the reading page shows of the built-in article: its header
 * and paragraphs, how many questions and cards quote each paragraph, and the sentences the claim
 * and prediction entries quote (found at build time, not on the phone).
 */
export interface BankArticle {
	meta: Bank['meta'];
	paragraphs: Bank['paragraphs'];
	/** Quiz items and flashcards per paragraph id. */
	counts: Record<string, number>;
	/** Quiz items per paragraph id. */
	quizCounts: Record<string, number>;
	/** The marked sentences per paragraph id, in text order. */
	marks: Record<string, VoiceMark[]>;
}

function countBy(entries: readonly { paragraph: string }[]): Record<string, number> {
	const out: Record<string, number> = {};
	for (const e of entries) out[e.paragraph] = (out[e.paragraph] ?? 0) + 1;
	return out;
}

export function bankArticle(bank: Bank): BankArticle {
	return {
		meta: bank.meta,
		paragraphs: bank.paragraphs,
		counts: countBy([...bank.items, ...bank.flashcards]),
		quizCounts: countBy(bank.items),
		marks: Object.fromEntries(voiceMarks(bank))
	};
}

export function bankSummary(bank: Bank): BankSummary {
	return {
		meta: bank.meta,
		topics: bank.topics,
		itemTypes: bank.items.map((i) => i.type),
		flashcards: bank.flashcards.length
	};
}

export function bankFlashcards(bank: Bank): BankFlashcards {
	return { topics: bank.topics, flashcards: bank.flashcards };
}

export function bankIndex(bank: Bank): BankIndex {
	return {
		version: bank.version,
		topics: bank.topics,
		items: bank.items.map((item) => {
			const { id, type, topic, difficulty, paragraph, prompt } = item;
			const entry: ItemIndexEntry = { id, type, topic, difficulty, paragraph, prompt };
			if (item.type === 'cloze') entry.text = item.text;
			return entry;
		})
	};
}
