/**
 * The parts of the compiled bank a page can load without the rest (vite-plugin.ts serves each as
 * its own module). The whole bank is about 24 KB of gzipped JavaScript; the library's list needs
 * only its title and counts, the card list only the flashcards, the progress page only each
 * question's prompt, type and topic.
 */
import type { Bank, ItemType } from './schema.ts';

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

/** A quiz item as a list of questions names it. */
export type ItemIndexEntry = Pick<Bank['items'][number], 'id' | 'type' | 'topic' | 'prompt'>;

/** `virtual:quire-bank/index`: the topics, and each quiz item by id, type, topic and prompt. */
export interface BankIndex {
	topics: Bank['topics'];
	items: ItemIndexEntry[];
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
		topics: bank.topics,
		items: bank.items.map(({ id, type, topic, prompt }) => ({ id, type, topic, prompt }))
	};
}
