import type { ItemType } from '../schema.ts';
import type { ImportedFlashcard, ImportedItem, TopicRef } from './item.ts';

export type { TopicRef } from './item.ts';

/** The file formats Quire reads; `quire-set` is Quire's own `.quire.json`. */
export type FormatId =
	'gift' | 'aiken' | 'quizlet' | 'anki' | 'csv' | 'quire-set' | 'moodle-xml' | 'apkg';

/** The formats Quire writes. */
export type ExportFormatId = 'gift' | 'aiken' | 'quizlet' | 'anki' | 'csv' | 'quire-set';

/**
 * `error`: the input is malformed or breaks a rule; the entry (or the whole file) was skipped.
 * `warning`: the input is valid but Quire cannot keep all of it; what was skipped or changed is named.
 */
export type Severity = 'error' | 'warning';

/** One thing wrong with an input, pinned to a 1-based line of the file. */
export interface Problem {
	line: number;
	message: string;
	severity: Severity;
}

/** How many entries of each kind were read. */
export type Counts = Record<ItemType | 'flashcard', number>;

/** What a parser returns; it never throws on bad input. */
export interface ParseResult {
	/** The format read; null when it could not be told. */
	format: FormatId | null;
	items: ImportedItem[];
	flashcards: ImportedFlashcard[];
	topics: TopicRef[];
	problems: Problem[];
	counts: Counts;
	/** The 1-based line each item and each flashcard starts on, in the order of `items`, `flashcards`. */
	lines: { items: number[]; flashcards: number[] };
	/** A title the file itself gives (a set file's title), if any. */
	title?: string;
}

/** Size limits; every parser checks them and says which was passed. */
export interface Limits {
	/** Largest file, in bytes of UTF-8. */
	fileBytes: number;
	/** Most quiz items plus flashcards in one file. */
	entries: number;
	/** Largest single text field, in bytes of UTF-8. */
	fieldBytes: number;
}

export const LIMITS: Limits = {
	fileBytes: 50 * 1024 * 1024,
	entries: 200_000,
	fieldBytes: 1024 * 1024
};

/** Options every parser accepts. */
export interface ParseOptions {
	limits?: Limits;
}

/** What an exporter writes, and what the format could not carry (one line per entry affected). */
export interface ExportResult {
	text: string;
	warnings: string[];
}
