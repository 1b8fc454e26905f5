/**
 * What every import shows, whatever its format: the entries a reader returned, each checked with
 * the rules every entry of a set keeps, and each problem on its line. Shared by the library's
 * reader of other apps' files (`library-io.ts`) and of Quire's own set files (`set-file.ts`).
 */
import {
	checkSetEntry,
	countEntries,
	type AnyCard,
	type AnyItem,
	type SetCard,
	type SetCounts,
	type SetQuizItem
} from '$lib/bank/set';
import type { ParseResult } from '$lib/bank/formats/types';

/** Largest file the import reads, in bytes. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

/** One thing wrong with a file, pinned to a 1-based line. */
export interface Problem {
	line: number;
	message: string;
	/** error: the entry (or the file) was skipped; warning: kept, with what changed named. */
	severity: 'error' | 'warning';
}

/** What a file holds, as read: nothing is stored until the teacher confirms. */
export interface ParsedSet {
	/** The format read, as its name for people; null when it could not be told. */
	format: string | null;
	/** The format read, as its id; null when it could not be told. */
	formatId: FormatId | null;
	title?: string;
	description?: string;
	/** The set's language, when the file says (a set file's `lang`). */
	lang?: string;
	topics: { id: string; title: string }[];
	items: SetQuizItem[];
	flashcards: SetCard[];
	/** The 1-based line each item and each flashcard starts on, in the same order. */
	lines: { items: number[]; flashcards: number[] };
	problems: Problem[];
	counts: SetCounts;
}

/** The formats a file can be read as; `quire-set` is Quire's own `.quire.json`. */
export type FormatId =
	'gift' | 'moodle-xml' | 'aiken' | 'quizlet' | 'anki' | 'apkg' | 'csv' | 'quire-set';

/** A set as the exporters take it. */
export interface SetForExport {
	title: string;
	description?: string;
	lang?: string;
	topics: readonly { id: string; title: string }[];
	items: readonly AnyItem[];
	flashcards: readonly AnyCard[];
}

/**
 * What a format's reader returned, as the preview shows it: each entry checked with the rules
 * every entry of a set keeps, each problem on the line it was read from.
 */
export function checkRead(name: string | null, read: ParseResult): ParsedSet {
	const out: ParsedSet = {
		...emptyParsed(),
		format: read.format ? name : null,
		formatId: read.format,
		topics: read.topics.map((t) => ({ id: t.id, title: t.title })),
		problems: [...read.problems]
	};
	if (read.title) out.title = read.title;
	// Imported entries have the shape of an own set's (bank/formats/item.ts); the rules every
	// entry of a set keeps (the editor's and the build's) are checked here, as for a set file.
	// Editorial advice (a prompt that gives the answer away) is the teacher's to weigh: the entry
	// is kept and the advice shown beside it. Each problem is put on the line the parser read the
	// entry from.
	const check = (kind: 'item' | 'flashcard', entry: unknown, id: string, line: number) => {
		const checked = checkSetEntry(kind, entry, null, false, true);
		const what = kind === 'item' ? 'question' : 'flashcard';
		for (const p of checked.problems) {
			if (checked.entry && p.editorial)
				out.problems.push({
					line,
					message: `${what} "${id}": ${p.message} (advice; imported as written)`,
					severity: 'warning'
				});
		}
		if (!checked.entry)
			out.problems.push({
				line,
				message: `${what} "${id}": ${checked.problems.find((p) => !p.editorial)?.message ?? 'invalid'}; skipped`,
				severity: 'error'
			});
		return checked.entry;
	};
	read.items.forEach((item, i) => {
		const line = read.lines.items[i] ?? 1;
		const entry = check('item', item, item.id, line);
		if (entry && 'type' in entry) {
			out.items.push(entry);
			out.lines.items.push(line);
		}
	});
	read.flashcards.forEach((card, i) => {
		const line = read.lines.flashcards[i] ?? 1;
		const entry = check('flashcard', card, card.id, line);
		if (entry && !('type' in entry)) {
			out.flashcards.push(entry);
			out.lines.flashcards.push(line);
		}
	});
	out.problems.sort((a, b) => a.line - b.line);
	out.counts = countEntries(out.items, out.flashcards.length);
	return out;
}

export function emptyParsed(): ParsedSet {
	return {
		format: null,
		formatId: null,
		topics: [],
		items: [],
		flashcards: [],
		lines: { items: [], flashcards: [] },
		problems: [],
		counts: countEntries([], 0)
	};
}
