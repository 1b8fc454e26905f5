/**
 * The one seam between the library screens and file formats: the import preview and the export
 * buttons call `readSetFile` and `writeSetFile` here and nothing else. Quire's own set file
 * (`.quire.json`) is read and written here; Moodle GIFT, Aiken, Quizlet, Anki and CSV come from
 * `$lib/bank/formats`, loaded only when such a file is read or written.
 */
import { slugify } from '$lib/bank/formats/text';
import {
	checkRead,
	emptyParsed,
	MAX_FILE_BYTES,
	type FormatId,
	type ParsedSet,
	type Problem,
	type SetForExport
} from './read-check';

export {
	MAX_FILE_BYTES,
	type FormatId,
	type ParsedSet,
	type Problem,
	type SetForExport
} from './read-check';
import { utf8Bytes, type SetCard, type SetQuizItem } from '$lib/bank/set';

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

/** A format the library can write. */
export interface ExportFormat {
	id: 'quire-set' | 'gift' | 'aiken' | 'quizlet' | 'anki' | 'csv';
	name: string;
	/** What the file name ends with after the set's slug. */
	suffix: string;
	mime: string;
}

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
	if (own) {
		const { parseAny } = await import('./set-file');
		return parseAny(text, opts.fileName, opts.format === 'quire-set');
	}
	const formats = await import('$lib/bank/formats');
	if (utf8Bytes(text) > MAX_FILE_BYTES) return tooLarge();
	const read = await formats.readText(text, formatOptions(opts));
	return checkRead(read.format && formats.FORMATS[read.format].name, read);
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
		const read = await formats.readBytes(bytes, {
			...formatOptions(opts),
			format: 'apkg',
			sqlWasmUrl
		});
		return checkRead(read.format && formats.FORMATS[read.format].name, read);
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
	const read = formats.parseAny(text, formatOptions(opts));
	return checkRead(read.format && formats.FORMATS[read.format].name, read);
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
	if (format === 'quire-set') return (await import('./set-file')).exportSet(set, format, now);
	const formats = await import('$lib/bank/formats');
	if (!EXPORT_FORMATS.some((f) => f.id === format))
		throw new Error(`Quire cannot write the format "${format}".`);
	return formats.exportSet(
		{ title: set.title, topics: set.topics, items: set.items, flashcards: set.flashcards },
		format as Exclude<ExportFormat['id'], 'quire-set'>
	);
}
