/**
 * The one seam between the library screens and file formats: the import preview and the export
 * buttons call `readSetFile` and `writeSetFile` here and nothing else. Quire's own set file
 * (`.quire.json`) is read and written here; Moodle GIFT, Aiken, Quizlet, Anki and CSV come from
 * `$lib/bank/formats`, loaded only when such a file is read or written.
 */
import * as v from 'valibot';
import { jsonErrorOffset } from '$lib/bank/json-offset';
import { groupDigits } from '$lib/bank/digits';
import { Lang } from '$lib/bank/lang';
import { slugify } from '$lib/bank/formats/text';
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

/** Each format the import reads, as the format menu lists it. */
export const IMPORT_FORMATS: readonly { id: FormatId; name: string }[] = [
	{ id: 'gift', name: 'Moodle GIFT' },
	{ id: 'moodle-xml', name: 'Moodle XML' },
	{ id: 'aiken', name: 'Aiken' },
	{ id: 'quizlet', name: 'Quizlet export' },
	{ id: 'anki', name: 'Anki notes in plain text' },
	{ id: 'apkg', name: 'Anki package (.apkg)' },
	{ id: 'csv', name: 'CSV' },
	{ id: 'quire-set', name: 'Quire set file' }
];

/** How to read a file: its name (to tell its format), the format when chosen, Quizlet's separators. */
export interface ReadOptions {
	fileName: string;
	/** The format the teacher chose; told from the name and content when absent. */
	format?: FormatId;
	/** Quizlet: between term and definition, and between cards ('tab', 'newline', `\t`, any text). */
	quizlet?: { termSeparator?: string; cardSeparator?: string };
}
/** A set as the exporters take it. */
export interface SetForExport {
	title: string;
	description?: string;
	lang?: string;
	topics: readonly { id: string; title: string }[];
	items: readonly AnyItem[];
	flashcards: readonly AnyCard[];
}

/** A format the library can write. */
export interface ExportFormat {
	id: 'quire-set' | 'gift' | 'aiken' | 'quizlet' | 'anki' | 'csv';
	name: string;
	/** What the file name ends with after the set's slug. */
	suffix: string;
	mime: string;
}

/** Largest file the import reads, in bytes. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

export const SET_FILE_FORMAT = 'quire-set';
export const SET_FILE_VERSION = 1;

/**
 * Every format the library writes, with the file name ending and MIME type each is saved under:
 * Moodle takes `.gift` (or `.txt`), Aiken, Quizlet and Anki take `.txt`, a CSV starts with a byte
 * order mark for Excel.
 */
export const EXPORT_FORMATS: readonly ExportFormat[] = [
	{ id: 'quire-set', name: 'Quire set file', suffix: '.quire.json', mime: 'application/json' },
	{ id: 'gift', name: 'Moodle GIFT', suffix: '.gift', mime: 'text/plain;charset=utf-8' },
	{ id: 'aiken', name: 'Aiken', suffix: '-aiken.txt', mime: 'text/plain;charset=utf-8' },
	{ id: 'quizlet', name: 'Quizlet', suffix: '-quizlet.txt', mime: 'text/plain;charset=utf-8' },
	{
		id: 'anki',
		name: 'Anki (notes in plain text)',
		suffix: '-anki.txt',
		mime: 'text/plain;charset=utf-8'
	},
	{ id: 'csv', name: 'CSV', suffix: '.csv', mime: 'text/csv;charset=utf-8' }
];

/** A set's file name for a format: its title as a slug, then the format's ending. */
export function exportFileName(title: string, format: ExportFormat): string {
	return `${slugify(title, 'set')}${format.suffix}`;
}

/** Formats readSetFile reads, for the file picker's `accept`. */
export const IMPORT_ACCEPT =
	'.json,.quire.json,application/json,.gift,.xml,application/xml,text/xml,.apkg,.colpkg,.txt,.tsv,.csv,text/plain,text/csv,text/tab-separated-values';

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

type Formats = typeof import('$lib/bank/formats');

/**
 * Reads a file of any supported text format for the preview; never throws on bad input. Moodle
 * GIFT and XML, Aiken, Quizlet, Anki text and CSV are read by `$lib/bank/formats`, loaded on the
 * first such file (the Moodle XML reader on the first XML file).
 */
export async function readSetFile(text: string, options: ReadOptions | string): Promise<ParsedSet> {
	const opts = typeof options === 'string' ? { fileName: options } : options;
	const own = opts.format ? opts.format === 'quire-set' : isSetFile(text, opts.fileName);
	if (own) return parseAny(text, opts.fileName, opts.format === 'quire-set');
	const formats = await import('$lib/bank/formats');
	if (utf8Bytes(text) > MAX_FILE_BYTES) return tooLarge();
	return checkRead(formats, await formats.readText(text, formatOptions(opts)));
}

/**
 * Reads a chosen file's bytes for the preview: an Anki package (told by its name or the chosen
 * format; its reader, with SQLite, zip and zstd code, loads on the first one), else its text as
 * `readSetFile` reads it. A binary file that is no package is refused with a sentence (thrown, as
 * the preview shows it in place of a file). `sqlWasmUrl`: where sql.js's WebAssembly is served.
 */
export async function readSetBytes(
	bytes: Uint8Array,
	options: ReadOptions | string,
	sqlWasmUrl?: string
): Promise<ParsedSet> {
	const opts = typeof options === 'string' ? { fileName: options } : options;
	if (bytes.length > MAX_FILE_BYTES) return tooLarge();
	const { detectFormat, decodeTextFile } = await import('$lib/bank/formats');
	const named = !opts.format && detectFormat('', opts.fileName) === 'apkg';
	if (opts.format === 'apkg' || named) {
		const formats = await import('$lib/bank/formats');
		return checkRead(
			formats,
			await formats.readBytes(bytes, { ...formatOptions(opts), format: 'apkg', sqlWasmUrl })
		);
	}
	const decoded = decodeTextFile(bytes);
	if (!decoded.ok) throw new Error(decoded.reason);
	return readSetFile(decoded.text, opts);
}

function formatOptions(opts: ReadOptions) {
	return {
		fileName: opts.fileName,
		...(opts.format ? { format: opts.format } : {}),
		...(opts.quizlet ? { quizlet: opts.quizlet } : {})
	};
}

function tooLarge(): ParsedSet {
	const out = emptyParsed();
	out.problems.push({
		line: 1,
		message: 'the file is larger than 50 MB, the most Quire reads',
		severity: 'error'
	});
	return out;
}

/**
 * The whole of reading a file that is not a set file, with no I/O: text and options in, entries
 * (each with its line), warnings and errors (each with its line) out. Pure, so it can run in a
 * worker given the formats module.
 */
export function readSetText(formats: Formats, text: string, opts: ReadOptions): ParsedSet {
	if (utf8Bytes(text) > MAX_FILE_BYTES) return tooLarge();
	return checkRead(formats, formats.parseAny(text, formatOptions(opts)));
}

/**
 * What a format's reader returned, as the preview shows it: each entry checked with the rules
 * every entry of a set keeps, each problem on the line it was read from.
 */
function checkRead(formats: Formats, read: import('$lib/bank/formats').ParseResult): ParsedSet {
	const out: ParsedSet = {
		...emptyParsed(),
		format: read.format ? formats.FORMATS[read.format].name : null,
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

function emptyParsed(): ParsedSet {
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

/** One row of the import preview: an entry to import, or something of the file not imported. */
export type PreviewRow =
	| {
			kind: 'item' | 'flashcard';
			line: number;
			entry: SetQuizItem | SetCard;
			problems: Problem[];
	  }
	| { kind: 'skipped'; line: number; problems: Problem[] };

/**
 * The preview's rows in file order: each entry with the problems of its lines beside it, and each
 * part of the file that was not imported (an error, anything "skipped") as a row of its own.
 */
export function previewRows(parsed: ParsedSet): PreviewRow[] {
	const rows: PreviewRow[] = [
		...parsed.items.map((entry, i) => ({
			kind: 'item' as const,
			line: parsed.lines.items[i] ?? 1,
			entry,
			problems: [] as Problem[]
		})),
		...parsed.flashcards.map((entry, i) => ({
			kind: 'flashcard' as const,
			line: parsed.lines.flashcards[i] ?? 1,
			entry,
			problems: [] as Problem[]
		}))
	];
	for (const p of parsed.problems) {
		if (p.severity === 'error' || /\bskipped\b/.test(p.message)) {
			const last = rows.at(-1);
			// Errors met on one line (a question refused for two reasons) share a row.
			if (last?.kind === 'skipped' && last.line === p.line) last.problems.push(p);
			else rows.push({ kind: 'skipped', line: p.line, problems: [p] });
		} else rows.push({ kind: 'skipped', line: p.line, problems: [p] });
	}
	// Sort by line, entries before problems on the same line, then fold each warning into the
	// entry it follows (a warning before any entry, or after a skipped part, stays a row).
	const order = (r: PreviewRow) => (r.kind === 'skipped' ? 1 : 0);
	rows.sort((a, b) => a.line - b.line || order(a) - order(b));
	const out: PreviewRow[] = [];
	for (const row of rows) {
		const last = out.at(-1);
		const warning = row.kind === 'skipped' && row.problems.every((p) => p.severity === 'warning');
		const skips = row.problems.some((p) => /\bskipped\b/.test(p.message));
		if (warning && !skips && last && last.kind !== 'skipped') last.problems.push(...row.problems);
		else if (row.kind === 'skipped' && last?.kind === 'skipped' && last.line === row.line)
			last.problems.push(...row.problems);
		else out.push(row);
	}
	return out;
}

/** Writes a set in one of EXPORT_FORMATS; `now` dates a set file. */
export async function writeSetFile(
	set: SetForExport,
	format: string,
	now: number
): Promise<{ text: string; warnings: string[] }> {
	if (format === 'quire-set') return exportSet(set, format, now);
	const formats = await import('$lib/bank/formats');
	if (!EXPORT_FORMATS.some((f) => f.id === format))
		throw new Error(`Quire cannot write the format "${format}".`);
	return formats.exportSet(
		{ title: set.title, topics: set.topics, items: set.items, flashcards: set.flashcards },
		format as Exclude<ExportFormat['id'], 'quire-set'>
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
		...(set.lang ? { lang: set.lang } : {}),
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
	lang: v.optional(Lang),
	exportedAt: v.optional(v.string()),
	topics: v.optional(v.array(Topic), []),
	items: v.array(v.unknown()),
	flashcards: v.array(v.unknown())
});

/**
 * Reads a set file; never throws on bad input: every problem comes back with its line. `chosen`:
 * the teacher said it is one, whatever its name.
 */
export function parseAny(text: string, fileName: string, chosen = false): ParsedSet {
	const out = emptyParsed();
	const fail = (line: number, message: string) => {
		out.problems.push({ line, message, severity: 'error' });
		return out;
	};
	if (utf8Bytes(text) > MAX_FILE_BYTES)
		return fail(1, 'the file is larger than 50 MB, the most Quire reads');
	const body = text.replace(/^\uFEFF/, '');
	const looksLikeSet = /\.json$/i.test(fileName) || body.trimStart().startsWith('{');
	if (!looksLikeSet && !chosen)
		return fail(1, 'Quire cannot tell this file’s format: choose a Quire set file (.quire.json)');
	out.format = 'Quire set file';
	out.formatId = 'quire-set';
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
	if (set.lang) out.lang = set.lang;
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
			if ('type' in entry) {
				out.items.push(entry);
				out.lines.items.push(line);
			} else {
				out.flashcards.push(entry);
				out.lines.flashcards.push(line);
			}
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
