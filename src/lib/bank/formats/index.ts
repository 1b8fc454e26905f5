/**
 * Import and export of question sets: Moodle GIFT, Aiken, Quizlet, Anki plain text, CSV and
 * Quire's `.quire.json`, and (loaded only when such a file is read) Moodle XML and Anki packages.
 * Pure TypeScript, no DOM: parsers never throw on bad input, they return what they could read and
 * every problem with its line. See README.md in this folder.
 */
import { parseAiken, toAiken } from './aiken.ts';
import { parseAnki, toAnki } from './anki.ts';
import { Collector } from './collect.ts';
import { parseCsv, toCsv } from './csv.ts';
import { parseGift, toGift, type GiftOptions } from './gift.ts';
import type { ExportSet } from './item.ts';
import {
	parseQuireSet,
	toQuireSet,
	type QuireSetOptions,
	type SetParseResult
} from './quire-set.ts';
import { parseQuizlet, toQuizlet, type QuizletOptions } from './quizlet.ts';
import { decodeTextFile } from './text.ts';
import type { ExportFormatId, ExportResult, FormatId, Limits } from './types.ts';

export { parseAiken, toAiken } from './aiken.ts';
export { parseAnki, toAnki } from './anki.ts';
export { COLUMNS, parseCsv, toCsv } from './csv.ts';
export { parseGift, toGift, type GiftOptions } from './gift.ts';
export {
	defaultClozePrompt,
	IMPORT_DEFAULTS,
	ImportedFlashcardSchema,
	ImportedItemSchema,
	toBankItem,
	VOICES,
	type Draft,
	type ExportFlashcard,
	type ExportItem,
	type ExportSet,
	type ImportedFlashcard,
	type ImportedItem,
	type Voice
} from './item.ts';
export {
	parseQuireSet,
	QUIRE_SET_FORMAT,
	QUIRE_SET_VERSION,
	QuireSetFile,
	toQuireSet,
	type QuireSetFileT,
	type QuireSetOptions,
	type SetParseResult
} from './quire-set.ts';
export { parseQuizlet, toQuizlet, type QuizletOptions } from './quizlet.ts';
export { decodeTextFile, formatBytes, type DecodedFile } from './text.ts';
export * from './types.ts';

/**
 * Each format's name as the screens show it, the file name endings it usually has (the first is
 * the one an export is saved under) and the MIME type of an export.
 */
export const FORMATS: Record<FormatId, { name: string; extensions: string[]; mime: string }> = {
	gift: { name: 'Moodle GIFT', extensions: ['.gift', '.txt'], mime: 'text/plain;charset=utf-8' },
	aiken: { name: 'Aiken', extensions: ['.txt'], mime: 'text/plain;charset=utf-8' },
	quizlet: { name: 'Quizlet export', extensions: ['.txt'], mime: 'text/plain;charset=utf-8' },
	anki: {
		name: 'Anki notes in plain text',
		extensions: ['.txt', '.tsv'],
		mime: 'text/plain;charset=utf-8'
	},
	csv: { name: 'CSV', extensions: ['.csv'], mime: 'text/csv;charset=utf-8' },
	'quire-set': {
		name: 'Quire set',
		extensions: ['.quire.json', '.json'],
		mime: 'application/json'
	},
	'moodle-xml': {
		name: 'Moodle XML',
		extensions: ['.xml'],
		mime: 'application/xml;charset=utf-8'
	},
	apkg: { name: 'Anki package', extensions: ['.apkg', '.colpkg'], mime: 'application/zip' }
};

const ANKI_HEADER =
	/^#(separator|html|tags|columns|notetype|deck|notetype column|deck column|tags column|guid column):/i;

/**
 * Tells a file's format from its name and first lines; null when it cannot tell. Set files and
 * CSV are known by their ending; text files by their content.
 */
export function detectFormat(text: string, fileName = ''): FormatId | null {
	const name = fileName.toLowerCase();
	const head = text.replace(/^\uFEFF/, '').slice(0, 64 * 1024);
	if (name.endsWith('.json') || /^\s*\{\s*"format"\s*:\s*"quire-set"/.test(head))
		return 'quire-set';
	if (name.endsWith('.apkg') || name.endsWith('.colpkg')) return 'apkg';
	if (
		name.endsWith('.xml') ||
		/^\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*<(quiz|question)\b/.test(head)
	)
		return 'moodle-xml';
	if (name.endsWith('.csv')) return 'csv';
	if (name.endsWith('.gift')) return 'gift';
	const first = head.split(/\r\n|\n|\r/).find((l) => l.trim() !== '') ?? '';
	if (ANKI_HEADER.test(first.trim())) return 'anki';
	if (/^ANSWER\s*:\s*[A-Z]\s*$/m.test(head) && /^[A-Z][.)]\s+\S/m.test(head)) return 'aiken';
	if (/^\s*(::|\$CATEGORY:)/m.test(head) || /\{\s*(?:[=~#]|T\s*\}|F\s*\}|TRUE|FALSE)/.test(head))
		return 'gift';
	if (/\{\{c\d+::/.test(head)) return 'anki';
	if (/^\s*"?type"?\s*,/i.test(first) || /,\s*"?type"?\s*(,|$)/i.test(first)) return 'csv';
	if (head.includes('\t')) return 'quizlet';
	// Quizlet's comma export: every card holds a comma (cards end at new lines or semicolons).
	const cards = head.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '');
	if (cards.length > 0 && cards.every((l) => l.includes(','))) return 'quizlet';
	return null;
}

export interface ParseAnyOptions {
	/** The file's name, used to tell its format. */
	fileName?: string;
	/** The format, when the user chose it; otherwise it is detected. */
	format?: FormatId;
	/** Anki packages: where sql.js's WebAssembly file is served (a page or worker); Node finds its own. */
	sqlWasmUrl?: string;
	/** Separators for Quizlet text. */
	quizlet?: Omit<QuizletOptions, 'limits'>;
	limits?: Limits;
}

/**
 * Reads text in any format that `parseAny` reads at once, and Moodle XML, whose reader is loaded
 * here on the first such file; never throws on bad input.
 */
export async function readText(
	text: string,
	options: ParseAnyOptions = {}
): Promise<SetParseResult> {
	const format = options.format ?? detectFormat(text, options.fileName);
	if (format === 'moodle-xml') {
		const { parseMoodleXml } = await import('./moodle-xml.ts');
		return parseMoodleXml(text, { limits: options.limits });
	}
	return parseAny(text, { ...options, ...(format ? { format } : {}) });
}

/**
 * Reads a file's bytes in any format: an Anki package (a zip archive; its reader, sql.js and the
 * zstd and zip code load here on the first one), or text as `readText` reads it. A binary file
 * that is no package is refused with a sentence saying so. Never throws on bad input.
 */
export async function readBytes(
	bytes: Uint8Array,
	options: ParseAnyOptions = {}
): Promise<SetParseResult> {
	// A package is told by its name or the chosen format; another zip (a .docx) is refused as binary.
	const named = detectFormat('', options.fileName) === 'apkg';
	if (options.format === 'apkg' || (!options.format && named)) {
		const { parseApkg } = await import('./apkg.ts');
		return parseApkg(bytes, { limits: options.limits, sqlWasmUrl: options.sqlWasmUrl });
	}
	const decoded = decodeTextFile(bytes);
	if (!decoded.ok)
		return Collector.run(null, '', options.limits, (c) => c.error(1, decoded.reason));
	return readText(decoded.text, options);
}

/**
 * Reads a file in any text format but Moodle XML (see `readText`) at once; never throws on bad
 * input.
 */
export function parseAny(text: string, options: ParseAnyOptions = {}): SetParseResult {
	const format = options.format ?? detectFormat(text, options.fileName);
	const limits = options.limits;
	switch (format) {
		case 'gift':
			return parseGift(text, { limits });
		case 'aiken':
			return parseAiken(text, { limits });
		case 'quizlet':
			return parseQuizlet(text, { ...options.quizlet, limits });
		case 'anki':
			return parseAnki(text, { limits });
		case 'csv':
			return parseCsv(text, { limits });
		case 'quire-set':
			return parseQuireSet(text, { limits });
		case 'moodle-xml':
		case 'apkg': {
			// Their readers load on demand: readText and readBytes call them.
			const name = FORMATS[format].name;
			return Collector.run(format, text, limits, (c) =>
				c.error(1, `a ${name} file is read with readText or readBytes`)
			);
		}
		case null:
			return Collector.run(null, text, limits, (c) =>
				c.error(
					1,
					'could not tell the format: choose Moodle GIFT, Moodle XML, Aiken, Quizlet, Anki, CSV or a Quire set file'
				)
			);
	}
}

export type ExportOptions = { gift?: GiftOptions; set?: QuireSetOptions };

/** Writes a set in one of the export formats; a set file needs its title and the time. */
export function exportSet(
	set: ExportSet,
	format: ExportFormatId,
	options: ExportOptions = {}
): ExportResult {
	switch (format) {
		case 'gift':
			return toGift(set, options.gift);
		case 'aiken':
			return toAiken(set);
		case 'quizlet':
			return toQuizlet(set);
		case 'anki':
			return toAnki(set);
		case 'csv':
			return toCsv(set);
		case 'quire-set':
			if (!options.set) throw new Error('a set file needs options.set (title and now)');
			return toQuireSet(set, options.set);
	}
}
