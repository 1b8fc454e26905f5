import Papa from 'papaparse';
import { LineIndex } from './text.ts';

/** One record of a delimited file and the line it starts on. */
export interface Row {
	cells: string[];
	line: number;
	/** What the CSV reader found wrong in this record (unclosed quotes, …). */
	errors: string[];
}

/**
 * Reads delimited text (CSV, Anki's tab-separated notes) with papaparse, one record at a time,
 * keeping the line each record starts on. Blank records are left out; lines starting with the
 * comment character, when one is given, too.
 */
export function readRows(text: string, delimiter: string, comments: string | false = false): Row[] {
	const lines = new LineIndex(text);
	const rows: Row[] = [];
	let cursor = 0;
	const skipNoise = (at: number) => {
		let i = at;
		while (i < text.length) {
			const eol = nextLineStart(text, i);
			const line = text.slice(i, eol).replace(/(?:\r\n|\n|\r)$/, '');
			const isComment = comments !== false && line.startsWith(comments);
			if (line.trim() !== '' && !isComment) break;
			i = eol;
		}
		return i;
	};
	Papa.parse<string[]>(text, {
		delimiter,
		comments,
		quoteChar: '"',
		skipEmptyLines: false,
		step: (result) => {
			const start = skipNoise(cursor);
			cursor = result.meta.cursor;
			const cells = result.data;
			if (cells.every((cell) => cell.trim() === '')) return;
			rows.push({
				cells,
				line: lines.line(start),
				errors: result.errors.map((e) =>
					e.code === 'MissingQuotes' ? 'a quoted field is not closed with "' : e.message
				)
			});
		}
	});
	return rows;
}

function nextLineStart(text: string, from: number): number {
	for (let i = from; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 10) return i + 1;
		if (c === 13) return text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
	}
	return text.length;
}

/** Writes rows as delimited text with RFC 4180 quoting; lines end with CRLF unless told. */
export function writeRows(
	rows: readonly (readonly (string | number | boolean | null)[])[],
	options: { delimiter: string; newline?: string; escapeFormulae?: RegExp; quoteIf?: RegExp }
): string {
	const newline = options.newline ?? '\r\n';
	const quoteIf = options.quoteIf;
	const text = Papa.unparse(
		rows.map((r) => r.map((cell) => (cell === null ? '' : cell))),
		{
			delimiter: options.delimiter,
			newline,
			escapeFormulae: options.escapeFormulae ?? false,
			quotes: quoteIf ? (value: unknown) => typeof value === 'string' && quoteIf.test(value) : false
		}
	);
	return text === '' ? '' : `${text}${newline}`;
}
