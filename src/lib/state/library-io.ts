/**
 * The one seam between the library screens and file formats: the import preview and the export
 * buttons call `readSetFile` and `writeSetFile` here and nothing else. Quire's own set file
 * (`.quire.json`) is read and written here; Moodle GIFT, Aiken, Quizlet, Anki and CSV come from
 * `$lib/bank/formats`, loaded only when such a file is read or written.
 */
import * as v from 'valibot';
import { jsonErrorOffset } from '$lib/bank/json-offset';
import { groupDigits } from '$lib/bank/digits';
import { Id } from '$lib/bank/schema';
import {
	checkSetEntry,
	countEntries,
	MAX_SET_ENTRIES,
	MAX_TITLE,
	utf8Bytes,
	type AnyCard,
	type AnyItem,
	type SetCard,
	type SetCounts,
	type SetQuizItem
} from '$lib/bank/set';

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
	title?: string;
	description?: string;
	topics: { id: string; title: string }[];
	items: SetQuizItem[];
	flashcards: SetCard[];
	problems: Problem[];
	counts: SetCounts;
}

/** A set as the exporters take it. */
export interface SetForExport {
	title: string;
	description?: string;
	topics: readonly { id: string; title: string }[];
	items: readonly AnyItem[];
	flashcards: readonly AnyCard[];
}

/** A format the library can write. */
export interface ExportFormat {
	id: string;
	name: string;
	extension: string;
	mime: string;
}

/** Largest file the import reads, in bytes. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

export const SET_FILE_FORMAT = 'quire-set';
export const SET_FILE_VERSION = 1;

/** Every format exportSet writes. */
export const EXPORT_FORMATS: readonly ExportFormat[] = [
	{ id: 'quire-set', name: 'Quire set file', extension: '.quire.json', mime: 'application/json' },
	{ id: 'gift', name: 'Moodle GIFT', extension: '.gift', mime: 'text/plain' },
	{ id: 'anki', name: 'Anki (notes in plain text)', extension: '.txt', mime: 'text/plain' },
	{ id: 'csv', name: 'CSV', extension: '.csv', mime: 'text/csv' }
];

/** Formats readSetFile reads, for the file picker's `accept`. */
export const IMPORT_ACCEPT =
	'.json,.quire.json,application/json,.gift,.txt,.tsv,.csv,text/plain,text/csv,text/tab-separated-values';

/** True when a file is Quire's own set file, read by parseAny here. */
function isSetFile(text: string, fileName: string): boolean {
	return (
		/\.json$/i.test(fileName) ||
		text
			.replace(/^\uFEFF/, '')
			.trimStart()
			.startsWith('{')
	);
}

/**
 * Reads a file of any supported format for the preview; never throws on bad input. Moodle GIFT,
 * Aiken, Quizlet, Anki and CSV are read by `$lib/bank/formats`, loaded on the first such file.
 */
export async function readSetFile(text: string, fileName: string): Promise<ParsedSet> {
	if (isSetFile(text, fileName)) return parseAny(text, fileName);
	if (utf8Bytes(text) > MAX_FILE_BYTES)
		return {
			format: null,
			topics: [],
			items: [],
			flashcards: [],
			problems: [
				{
					line: 1,
					message: 'the file is larger than 50 MB, the most Quire reads',
					severity: 'error'
				}
			],
			counts: countEntries([], 0)
		};
	const formats = await import('$lib/bank/formats');
	const read = formats.parseAny(text, { fileName });
	const out: ParsedSet = {
		format: read.format ? formats.FORMATS[read.format].name : null,
		topics: read.topics.map((t) => ({ id: t.id, title: t.title })),
		items: [],
		flashcards: [],
		problems: [...read.problems],
		counts: countEntries([], 0)
	};
	if (read.title) out.title = read.title;
	// Imported entries have the shape of an own set's (bank/formats/item.ts); the rules every
	// entry of a set keeps (the editor's and the build's) are checked here, as for a set file.
	const starts = lineStarts(text);
	const refuse = (what: string, id: string, shown: string, problem: string | undefined) =>
		out.problems.push({
			line: lineOfText(text, starts, shown),
			message: `${what} "${id}": ${problem ?? 'invalid'}; skipped`,
			severity: 'error'
		});
	for (const item of read.items) {
		const checked = checkSetEntry('item', item, null);
		if (checked.entry && 'type' in checked.entry) out.items.push(checked.entry);
		else
			refuse(
				'question',
				item.id,
				item.type === 'cloze' ? item.text : item.prompt,
				checked.problems[0]?.message
			);
	}
	for (const card of read.flashcards) {
		const checked = checkSetEntry('flashcard', card, null);
		if (checked.entry && !('type' in checked.entry)) out.flashcards.push(checked.entry);
		else refuse('flashcard', card.id, card.front, checked.problems[0]?.message);
	}
	out.problems.sort((a, b) => a.line - b.line);
	out.counts = countEntries(out.items, out.flashcards.length);
	return out;
}

/** The line where a text read from a file (a prompt, a card's front) first appears; else 1. */
function lineOfText(text: string, starts: readonly number[], shown: string): number {
	const probe = shown.split(/[\n{]/)[0]!.trim().slice(0, 40);
	const at = probe ? text.indexOf(probe) : -1;
	return at < 0 ? 1 : lineOf(starts, at);
}

/** Writes a set in one of EXPORT_FORMATS; `now` dates a set file. */
export async function writeSetFile(
	set: SetForExport,
	format: string,
	now: number
): Promise<{ text: string; warnings: string[] }> {
	if (format === 'quire-set') return exportSet(set, format, now);
	const formats = await import('$lib/bank/formats');
	if (format !== 'gift' && format !== 'anki' && format !== 'csv')
		throw new Error(`Quire cannot write the format "${format}".`);
	return formats.exportSet(
		{ title: set.title, topics: set.topics, items: set.items, flashcards: set.flashcards },
		format
	);
}

/** Writes a set in one of EXPORT_FORMATS; `now` dates the file. */
export function exportSet(
	set: SetForExport,
	format: string,
	now: number
): { text: string; warnings: string[] } {
	if (format !== 'quire-set') throw new Error(`Quire cannot write the format "${format}".`);
	// One entry per line: a problem reported "on line n" of this file points at one entry.
	const list = (entries: readonly object[]) =>
		entries.length ? `[\n\t\t${entries.map((e) => JSON.stringify(e)).join(',\n\t\t')}\n\t]` : '[]';
	const head = {
		format: SET_FILE_FORMAT,
		version: SET_FILE_VERSION,
		title: set.title,
		...(set.description ? { description: set.description } : {}),
		exportedAt: new Date(now).toISOString(),
		topics: set.topics
	};
	const fields = Object.entries(head).map(
		([k, val]) => `\t${JSON.stringify(k)}: ${JSON.stringify(val)}`
	);
	fields.push(`\t"items": ${list(set.items)}`, `\t"flashcards": ${list(set.flashcards)}`);
	return { text: `{\n${fields.join(',\n')}\n}\n`, warnings: [] };
}

const Topic = v.strictObject({
	id: Id,
	title: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(MAX_TITLE))
});

const Envelope = v.strictObject({
	format: v.literal(SET_FILE_FORMAT),
	version: v.number(),
	title: v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(MAX_TITLE)),
	description: v.optional(v.pipe(v.string(), v.maxLength(2000))),
	exportedAt: v.optional(v.string()),
	topics: v.optional(v.array(Topic), []),
	items: v.array(v.unknown()),
	flashcards: v.array(v.unknown())
});

/** Reads a file; never throws on bad input: every problem comes back with its line. */
export function parseAny(text: string, fileName: string): ParsedSet {
	const out: ParsedSet = {
		format: null,
		topics: [],
		items: [],
		flashcards: [],
		problems: [],
		counts: countEntries([], 0)
	};
	const fail = (line: number, message: string) => {
		out.problems.push({ line, message, severity: 'error' });
		return out;
	};
	if (utf8Bytes(text) > MAX_FILE_BYTES)
		return fail(1, 'the file is larger than 50 MB, the most Quire reads');
	const body = text.replace(/^\uFEFF/, '');
	const looksLikeSet = /\.json$/i.test(fileName) || body.trimStart().startsWith('{');
	if (!looksLikeSet)
		return fail(1, 'Quire cannot tell this file’s format: choose a Quire set file (.quire.json)');
	out.format = 'Quire set file';
	const lines = lineStarts(body);
	let data: unknown;
	try {
		data = JSON.parse(body);
	} catch {
		const at = jsonErrorOffset(body);
		return fail(lineOf(lines, at), `not valid JSON: ${describeJsonError(body, at)}`);
	}
	const rec = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
	if (rec.format !== SET_FILE_FORMAT)
		return fail(1, `not a Quire set file: "format" must be "${SET_FILE_FORMAT}"`);
	if (typeof rec.version === 'number' && rec.version > SET_FILE_VERSION)
		return fail(
			1,
			`this set file is version ${rec.version}, made by a newer Quire: update Quire to read it`
		);
	const envelope = v.safeParse(Envelope, data);
	if (!envelope.success) {
		for (const issue of envelope.issues) {
			const path = (issue.path ?? []).map((p) => String(p.key)).join('.');
			const message =
				issue.type === 'strict_object' && issue.expected === 'never'
					? 'unknown field'
					: issue.input === undefined
						? 'is required'
						: issue.message;
			fail(1, `${path || 'file'}: ${message}`);
		}
		return out;
	}
	const set = envelope.output;
	if (set.version !== SET_FILE_VERSION) return fail(1, `"version" must be ${SET_FILE_VERSION}`);
	out.title = set.title;
	if (set.description) out.description = set.description;
	out.topics = set.topics;
	if (set.items.length + set.flashcards.length > MAX_SET_ENTRIES)
		return fail(
			1,
			`the file holds ${groupDigits(set.items.length + set.flashcards.length)} entries; a set holds at most ${groupDigits(MAX_SET_ENTRIES)}`
		);
	const starts = entryOffsets(body);
	const topicIds = new Set(set.topics.map((t) => t.id));
	const seen = new Set<string>();
	for (const kind of ['items', 'flashcards'] as const) {
		set[kind].forEach((raw, i) => {
			const line = lineOf(lines, starts[kind][i] ?? 0);
			const what = kind === 'items' ? 'item' : 'flashcard';
			const checked = checkSetEntry(what, raw, null);
			if (!checked.entry) {
				const first = checked.problems[0];
				const field = first?.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('');
				fail(line, `${kind}[${i}]${field ?? ''}: ${first?.message ?? 'invalid'}; skipped`);
				return;
			}
			const entry = checked.entry;
			if (seen.has(entry.id)) {
				fail(line, `${kind}[${i}]: id "${entry.id}" appears twice; skipped`);
				return;
			}
			seen.add(entry.id);
			if (!topicIds.has(entry.topic)) {
				topicIds.add(entry.topic);
				out.topics.push({ id: entry.topic, title: entry.topic });
				out.problems.push({
					line,
					message: `${kind}[${i}]: topic "${entry.topic}" is not in the file's topic list; added with its id as title`,
					severity: 'warning'
				});
			}
			if ('type' in entry) out.items.push(entry);
			else out.flashcards.push(entry);
		});
	}
	out.counts = countEntries(out.items, out.flashcards.length);
	return out;
}

function lineStarts(text: string): number[] {
	const starts = [0];
	for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
	return starts;
}

/** The 1-based line holding a character offset. */
function lineOf(starts: readonly number[], offset: number): number {
	let lo = 0;
	let hi = starts.length - 1;
	while (lo < hi) {
		const mid = (lo + hi + 1) >> 1;
		if ((starts[mid] ?? 0) <= offset) lo = mid;
		else hi = mid - 1;
	}
	return lo + 1;
}

/** Where each element of the top-level "items" and "flashcards" arrays starts (valid JSON only). */
function entryOffsets(text: string): { items: number[]; flashcards: number[] } {
	const out = { items: [] as number[], flashcards: [] as number[] };
	let depth = 0;
	let key = '';
	let list: number[] | null = null;
	let expectValue = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (c === '"') {
			const start = i;
			for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
			if (depth === 1) key = text.slice(start + 1, i);
			else if (depth === 2 && list && expectValue) list.push(start);
			expectValue = false;
		} else if (c === '{' || c === '[') {
			if (depth === 2 && list && expectValue) list.push(i);
			depth++;
			if (depth === 2 && c === '[') {
				list = key === 'items' ? out.items : key === 'flashcards' ? out.flashcards : null;
				expectValue = true;
			} else expectValue = false;
		} else if (c === '}' || c === ']') {
			depth--;
			if (depth === 1) list = null;
		} else if (c === ',' && depth === 2) expectValue = true;
		else if (depth === 2 && list && expectValue && c !== undefined && /[^\s]/.test(c)) {
			list.push(i);
			expectValue = false;
		}
	}
	return out;
}

function describeJsonError(text: string, at: number): string {
	if (at >= text.length) return 'the file ends too early (it may have been cut off)';
	const near = text.slice(at, at + 20).split(/\r?\n/)[0] ?? '';
	return `unexpected text at “${near}”`;
}
