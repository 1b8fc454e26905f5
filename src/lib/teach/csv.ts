/** CSV export for spreadsheets: RFC 4180 quoting with formula injection neutralised. */

/** One spreadsheet cell's value; null is an empty cell. */
export type CsvCell = string | number | boolean | null;

// Spreadsheets run a cell starting with these as a formula; student names are untrusted input.
const FORMULA_START = /^[=+\-@\t\r]/;

function field(cell: CsvCell): string {
	if (cell === null) return '';
	if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
	if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
	const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows to RFC 4180 CSV with CRLF line ends; strings can never become formulas. */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
	return rows.map((row) => row.map(field).join(',') + '\r\n').join('');
}
