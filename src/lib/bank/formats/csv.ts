/**
 * Quire's CSV: a header row naming the columns, then one question or flashcard per row. The
 * columns are listed in COLUMNS (and in README.md); their order is free and unused ones may be
 * left out. List cells (choices, accepted answers, tags, …) separate entries with `|`; write
 * `\|` for a `|` inside an entry and `\\` for a backslash.
 *
 * Export neutralises spreadsheet formulas: a text cell starting with = + - @, a tab or a carriage
 * return gets a leading apostrophe ('), which spreadsheets hide and import removes again.
 */
import { ITEM_TYPES, type ItemType } from '../schema.ts';
import { Collector } from './collect.ts';
import { readRows, writeRows } from './delimited.ts';
import { defaultClozePrompt, IMPORT_DEFAULTS, type Draft, type ExportSet } from './item.ts';
import { slugify } from './text.ts';
import type { ExportResult, ParseOptions, ParseResult } from './types.ts';

type Kind = ItemType | 'flashcard';

/** Every column Quire reads and writes, with the kinds of entry that use it. */
export const COLUMNS = {
	type: 'all: single, multi, truefalse, cloze, short, numeric, order, match or flashcard',
	id: 'all, optional: lower-case letters, digits and hyphens; made from the text when empty',
	name: 'all, optional: what the file the entry came from called it (a GIFT question name)',
	topic: 'all, optional: a topic id or name',
	difficulty: 'all, optional: 1, 2 or 3',
	voice: 'all, optional: fact, claim or prediction',
	level: 'all, optional: recall, understanding or analysis',
	prompt: 'every question: the question, or the instruction of a cloze',
	answer:
		'single: the right choice; multi: the right choices (list); truefalse: true or false; short: the answer; numeric: the number',
	choices: 'single, multi: every choice (list)',
	accept: 'short: other accepted answers (list)',
	anyorder: 'short, cloze, optional: true if a pair joined by "and" may be typed either way round',
	text: 'cloze: the text with blanks {{answer|variant}}',
	tolerance: 'numeric, optional: accepted ± this much',
	unit: 'numeric, optional: shown by the input, e.g. km',
	items: 'order: the entries in their right order (list)',
	left: 'match: the left entries (list)',
	right: 'match: the right entries, in the same order as left (list)',
	front: 'flashcard: the front',
	back: 'flashcard: the back',
	reverse: 'flashcard, optional: true to study back → front too',
	explanation: 'all, optional: why the answer is right',
	tags: 'all, optional: tags (list)',
	paragraph: 'all, optional: the article paragraph cited (p1, p2, …)',
	source: 'all, optional: the quote from that paragraph',
	sources: 'all, optional: further quotes, as JSON: [{"paragraph":"p2","quote":"…"}]'
} as const;

export type Column = keyof typeof COLUMNS;
const NAMES = Object.keys(COLUMNS) as Column[];

const COMMON: Column[] = [
	'type',
	'id',
	'name',
	'topic',
	'difficulty',
	'voice',
	'level',
	'explanation',
	'tags',
	'paragraph',
	'source',
	'sources'
];

/** The columns each kind of entry reads, beyond the common ones. */
const USES: Record<Kind, Column[]> = {
	single: ['prompt', 'choices', 'answer'],
	multi: ['prompt', 'choices', 'answer'],
	truefalse: ['prompt', 'answer'],
	cloze: ['prompt', 'text', 'anyorder'],
	short: ['prompt', 'answer', 'accept', 'anyorder'],
	numeric: ['prompt', 'answer', 'tolerance', 'unit'],
	order: ['prompt', 'items'],
	match: ['prompt', 'left', 'right'],
	flashcard: ['front', 'back', 'reverse']
};

const KINDS: readonly Kind[] = [...ITEM_TYPES, 'flashcard'];
const FORMULA = /^'*[=+\-@\t\r]/;
const GUARDED = /^'+[=+\-@\t\r]/;
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Splits a list cell at unescaped `|`; `\|` is a literal bar and `\\` a backslash. */
export function splitList(cell: string): string[] {
	const out: string[] = [];
	let cur = '';
	for (let i = 0; i < cell.length; i++) {
		const ch = cell[i];
		const next = cell[i + 1];
		if (ch === '\\' && (next === '|' || next === '\\')) {
			cur += next;
			i++;
		} else if (ch === '|') {
			out.push(cur.trim());
			cur = '';
		} else cur += ch;
	}
	out.push(cur.trim());
	return out.length === 1 && out[0] === '' ? [] : out;
}

/** Joins entries into a list cell, escaping `|` and `\`. */
export function joinList(entries: readonly string[]): string {
	return entries.map((e) => e.replace(/\\/g, '\\\\').replace(/\|/g, '\\|')).join('|');
}

/** Reads Quire CSV (a header row, then one entry per row); every problem is named with its line. */
export function parseCsv(text: string, options: ParseOptions = {}): ParseResult {
	return Collector.run('csv', text, options.limits, (c) => readCsv(text.replace(/^\uFEFF/, ''), c));
}

function readCsv(text: string, c: Collector): void {
	const [head, ...rows] = readRows(text, ',');
	c.expect(rows.length);
	if (!head) {
		c.error(1, 'the file is empty: the first row must name the columns (type, prompt, answer, …)');
		return;
	}
	for (const e of head.errors) c.error(head.line, e);
	const columns = head.cells.map((h) => h.trim().toLowerCase());
	const index = new Map<Column, number>();
	columns.forEach((name, i) => {
		if ((NAMES as string[]).includes(name)) {
			if (index.has(name as Column))
				c.warn(head.line, `the column "${name}" appears twice; the first is used`);
			else index.set(name as Column, i);
		} else if (name !== '') {
			c.warn(
				head.line,
				`the column "${name}" is not one Quire reads; ignored (known: ${NAMES.join(', ')})`
			);
		}
	});
	if (!index.has('type')) {
		c.error(
			head.line,
			`the first row must name the columns, including "type" (known: ${NAMES.join(', ')})`
		);
		return;
	}
	for (const row of rows) {
		for (const e of row.errors) c.error(row.line, `${e}; row skipped`);
		if (row.errors.length > 0) continue;
		readRow(row.cells, row.line, index, c);
	}
}

function readRow(cells: string[], line: number, index: Map<Column, number>, c: Collector): void {
	const get = (col: Column): string => {
		const i = index.get(col);
		const raw = i === undefined ? '' : (cells[i] ?? '');
		return GUARDED.test(raw) ? raw.slice(1) : raw;
	};
	const has = (col: Column) => get(col).trim() !== '';
	const type = get('type').trim().toLowerCase() as Kind;
	if (!KINDS.includes(type)) {
		c.error(line, `type "${get('type').trim()}" is not one of ${KINDS.join(', ')}; row skipped`);
		return;
	}
	const unused = NAMES.filter(
		(col) => has(col) && !COMMON.includes(col) && !USES[type].includes(col)
	);
	if (unused.length > 0)
		c.warn(
			line,
			`${unused.join(', ')} ${unused.length === 1 ? 'is' : 'are'} not used by ${type} and ${unused.length === 1 ? 'was' : 'were'} ignored`
		);

	const problems: string[] = [];
	const text = (col: Column) => (has(col) ? get(col).trim() : undefined);
	const list = (col: Column) => splitList(get(col));
	const number = (col: Column): number | undefined => {
		if (!has(col)) return undefined;
		const v = Number(get(col).trim());
		if (!Number.isFinite(v)) problems.push(`${col}: "${get(col).trim()}" is not a number`);
		return v;
	};
	const bool = (col: Column): boolean | undefined => {
		if (!has(col)) return undefined;
		const v = get(col).trim().toLowerCase();
		if (v === 'true' || v === 'false') return v === 'true';
		problems.push(`${col}: "${get(col).trim()}" must be true or false`);
		return undefined;
	};
	const topicCell = text('topic');
	const difficulty = text('difficulty');
	const draft: Draft = {
		type,
		id: text('id'),
		name: text('name') || undefined,
		topic:
			topicCell === undefined
				? undefined
				: ID.test(topicCell)
					? topicCell
					: c.topic(slugify(topicCell, IMPORT_DEFAULTS.topic), topicCell),
		difficulty: difficulty === undefined ? undefined : Number(difficulty),
		voice: text('voice'),
		level: text('level'),
		explanation: text('explanation'),
		tags: has('tags') ? list('tags') : undefined,
		paragraph: text('paragraph'),
		source: text('source'),
		sources: jsonCell(text('sources'))
	};
	switch (type) {
		case 'single':
			Object.assign(draft, {
				prompt: text('prompt'),
				choices: list('choices'),
				answer: text('answer')
			});
			break;
		case 'multi':
			Object.assign(draft, {
				prompt: text('prompt'),
				choices: list('choices'),
				answers: list('answer')
			});
			break;
		case 'truefalse':
			Object.assign(draft, { prompt: text('prompt'), answer: bool('answer') });
			break;
		case 'cloze':
			Object.assign(draft, {
				prompt: text('prompt') ?? defaultClozePrompt(text('text') ?? ''),
				text: text('text'),
				anyOrder: bool('anyorder')
			});
			break;
		case 'short':
			Object.assign(draft, {
				prompt: text('prompt'),
				answer: text('answer'),
				accept: list('accept'),
				anyOrder: bool('anyorder')
			});
			break;
		case 'numeric':
			Object.assign(draft, {
				prompt: text('prompt'),
				answer: number('answer'),
				tolerance: number('tolerance'),
				unit: text('unit')
			});
			break;
		case 'order':
			Object.assign(draft, { prompt: text('prompt'), items: list('items') });
			break;
		case 'match': {
			const left = list('left');
			const right = list('right');
			if (left.length !== right.length)
				problems.push(`left has ${left.length} entries but right has ${right.length}`);
			Object.assign(draft, {
				prompt: text('prompt'),
				pairs: left.map((l, i) => ({ left: l, right: right[i] ?? '' }))
			});
			break;
		}
		case 'flashcard':
			Object.assign(draft, { front: text('front'), back: text('back'), reverse: bool('reverse') });
			break;
	}
	if (problems.length > 0) {
		for (const p of problems)
			c.error(line, `${type === 'flashcard' ? 'flashcard' : `${type} question`} skipped: ${p}`);
		return;
	}
	c.add(draft, line);
}

/** Writes items and flashcards as Quire CSV; formulas are neutralised. */
export function toCsv(set: ExportSet): ExportResult {
	const rows: (string | number | boolean | null)[][] = [NAMES];
	const put = (values: Partial<Record<Column, string | number | boolean | undefined>>) =>
		rows.push(NAMES.map((col) => values[col] ?? null));
	const common = (e: ExportSet['items'][number] | ExportSet['flashcards'][number]) => ({
		id: e.id,
		name: 'name' in e ? e.name : undefined,
		topic: e.topic,
		difficulty: e.difficulty,
		voice: 'voice' in e ? e.voice : undefined,
		level: e.level,
		explanation: e.explanation,
		tags: e.tags && e.tags.length > 0 ? joinList(e.tags) : undefined,
		paragraph: e.paragraph,
		source: e.source,
		sources: e.sources && e.sources.length > 0 ? JSON.stringify(e.sources) : undefined
	});
	for (const e of set.items) {
		const base = { type: e.type, ...common(e), prompt: e.prompt };
		switch (e.type) {
			case 'single':
				put({ ...base, choices: joinList(e.choices), answer: e.answer });
				break;
			case 'multi':
				put({ ...base, choices: joinList(e.choices), answer: joinList(e.answers) });
				break;
			case 'truefalse':
				put({ ...base, answer: e.answer });
				break;
			case 'cloze':
				put({ ...base, text: e.text, anyorder: e.anyOrder || undefined });
				break;
			case 'short':
				put({
					...base,
					answer: e.answer,
					accept: e.accept.length > 0 ? joinList(e.accept) : undefined,
					anyorder: e.anyOrder || undefined
				});
				break;
			case 'numeric':
				put({ ...base, answer: e.answer, tolerance: e.tolerance || undefined, unit: e.unit });
				break;
			case 'order':
				put({ ...base, items: joinList(e.items) });
				break;
			case 'match':
				put({
					...base,
					left: joinList(e.pairs.map((p) => p.left)),
					right: joinList(e.pairs.map((p) => p.right))
				});
				break;
		}
	}
	for (const f of set.flashcards) {
		put({
			type: 'flashcard',
			...common(f),
			front: f.front,
			back: f.back,
			reverse: f.reverse || undefined
		});
	}
	// A byte order mark first: Excel on Windows reads a CSV without one as the local code page.
	const text = `\uFEFF${writeRows(rows, { delimiter: ',', escapeFormulae: FORMULA })}`;
	return { text, warnings: [] };
}

/** A JSON cell read back; text that is not JSON is kept, so the schema names what is wrong. */
function jsonCell(cell: string | undefined): unknown {
	if (cell === undefined) return undefined;
	try {
		return JSON.parse(cell) as unknown;
	} catch {
		return cell;
	}
}
