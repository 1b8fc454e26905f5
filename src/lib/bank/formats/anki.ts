/**
 * Anki's "Notes in Plain Text" export (File → Export), and text Anki imports (File → Import).
 *
 * The file opens with header lines, `#key:value`: `#separator:` (Comma, Semicolon, Tab, Space,
 * Pipe, Colon or the character itself), `#html:` (true/false), `#tags:` (tags for every note),
 * `#columns:`, `#notetype:`, `#deck:`, and the 1-based `#notetype column:`, `#deck column:`,
 * `#tags column:`, `#guid column:`. Then one note per record, fields quoted as in CSV.
 *
 * Basic notes become flashcards (the "reversed card" note types set `reverse`); Cloze notes
 * (`{{c1::answer}}`, `{{c1::answer::hint}}`) become cloze items, the Back Extra field their
 * explanation. The deck becomes the topic, the GUID the id when it is a valid Quire id.
 */
import { parseCloze } from '../cloze.ts';
import { Collector } from './collect.ts';
import { readRows, writeRows } from './delimited.ts';
import { defaultClozePrompt, type ExportItem, type ExportSet } from './item.ts';
import { htmlLosses, htmlToText, type HtmlLosses } from './html.ts';
import { looksLikeHtml, plural, slugify } from './text.ts';
import type { ExportResult, ParseOptions, ParseResult } from './types.ts';

const DELIMITERS: Record<string, string> = {
	tab: '\t',
	pipe: '|',
	semicolon: ';',
	colon: ':',
	comma: ',',
	space: ' '
};

interface Header {
	separator?: string;
	html?: boolean;
	tags: string[];
	columns?: string;
	notetype?: string;
	deck?: string;
	notetypeColumn?: number;
	deckColumn?: number;
	tagsColumn?: number;
	guidColumn?: number;
	/** Lines taken by the header. */
	length: number;
}

/** Reads the header lines at the top of the file, as Anki does. */
function readHeader(lines: string[], c: Collector): Header {
	const h: Header = { tags: [], length: 0 };
	for (const [i, raw] of lines.entries()) {
		const first = i === 0 && raw.startsWith('tags:');
		if (!raw.startsWith('#') && !first) break;
		h.length = i + 1;
		const body = first ? raw : raw.slice(1);
		const colon = body.indexOf(':');
		if (colon < 0) continue;
		const key = body.slice(0, colon).trim().toLowerCase();
		const value = body.slice(colon + 1).trim();
		const column = (name: string) => {
			const n = Number(value);
			if (Number.isInteger(n) && n >= 1) return n;
			c.warn(i + 1, `#${name}:${value} is not a column number (1, 2, …); ignored`);
			return undefined;
		};
		switch (key) {
			case 'separator': {
				const sep = DELIMITERS[value.toLowerCase()] ?? (value.length === 1 ? value : undefined);
				if (sep) h.separator = sep;
				else c.warn(i + 1, `#separator:${value} is not a separator Anki knows; ignored`);
				break;
			}
			case 'html':
				if (/^(true|false)$/i.test(value)) h.html = value.toLowerCase() === 'true';
				else c.warn(i + 1, `#html:${value} must be true or false; ignored`);
				break;
			case 'tags':
				h.tags = value.split(/\s+/).filter(Boolean);
				break;
			case 'columns':
				h.columns = value;
				break;
			case 'notetype':
				h.notetype = value;
				break;
			case 'deck':
				h.deck = value;
				break;
			case 'notetype column':
				h.notetypeColumn = column('notetype column');
				break;
			case 'deck column':
				h.deckColumn = column('deck column');
				break;
			case 'tags column':
				h.tagsColumn = column('tags column');
				break;
			case 'guid column':
				h.guidColumn = column('guid column');
				break;
			default:
				// Any other line starting with # is a comment to Anki.
				break;
		}
	}
	return h;
}

/** Anki's guess when the file does not say: the first of these found in the data. */
function guessSeparator(data: string): string {
	for (const sep of ['\t', '|', ';', ':', ',', ' ']) if (data.includes(sep)) return sep;
	return '\t';
}

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Reads Anki plain text; every problem is named with its line. */
export function parseAnki(text: string, options: ParseOptions = {}): ParseResult {
	return Collector.run('anki', text, options.limits, (c) => readAnki(text, c));
}

function readAnki(raw: string, c: Collector): void {
	const text = raw.replace(/^\uFEFF/, '');
	const lines = text.split(/\r\n|\n|\r/);
	const h = readHeader(lines, c);
	const data = lines.slice(h.length).join('\n');
	const sep = h.separator ?? guessSeparator(data.slice(0, 8192));
	const rows = readRows(text, sep, '#');
	c.expect(rows.length);
	const html = h.html ?? rows.slice(0, 5).some((r) => r.cells.some(looksLikeHtml));
	// Quire's own export names two more columns: an entry's explanation, a cloze's instruction.
	const names = (h.columns ?? '').split(sep).map((n) => n.trim().toLowerCase());
	const column = (name: string) => (names.includes(name) ? names.indexOf(name) + 1 : undefined);
	const explanationColumn = column('explanation');
	const instructionColumn = column('instruction');
	const meta = new Set([
		h.notetypeColumn,
		h.deckColumn,
		h.tagsColumn,
		h.guidColumn,
		explanationColumn,
		instructionColumn
	]);

	for (const row of rows) {
		if (row.line <= h.length) continue;
		for (const e of row.errors) c.error(row.line, `${e}; note skipped`);
		if (row.errors.length > 0) continue;
		const cell = (n: number | undefined) =>
			n === undefined ? undefined : (row.cells[n - 1] ?? '');
		const fields = row.cells.filter((_, i) => !meta.has(i + 1));
		const notetype = (cell(h.notetypeColumn) ?? h.notetype ?? '').trim();
		const deck = (cell(h.deckColumn) ?? h.deck ?? '').trim();
		const guid = (cell(h.guidColumn) ?? '').trim();
		const tags = [...h.tags, ...(cell(h.tagsColumn) ?? '').split(/\s+/)]
			.filter(Boolean)
			.map((t) => slugify(t.replace(/::/g, '-'), 'tag'));
		const images = { images: 0, alts: 0, links: 0, media: [] as string[], sounds: 0 };
		const toText = (field: string) => {
			let t = field;
			t = t.replace(/\[sound:[^\]]*\]/g, () => {
				images.sounds++;
				return '';
			});
			if (!html) return t.trim();
			const r = htmlToText(t);
			images.images += r.images;
			images.alts += r.alts;
			images.links += r.links;
			images.media.push(...r.media);
			return r.text;
		};
		const isCloze =
			/cloze/i.test(notetype) || (notetype === '' && /\{\{c\d+::/.test(fields[0] ?? ''));
		const explained = toText(cell(explanationColumn) ?? '');
		const instruction = toText(cell(instructionColumn) ?? '');
		const common = {
			// A GUID that is no Quire id is kept as the name, so an export gives Anki the same note.
			...(ID.test(guid) ? { id: guid } : guid ? { name: guid } : {}),
			...(deck ? { topic: c.topicFrom(deck.replace(/::/g, '/'), row.line) } : {}),
			tags: [...new Set(tags)]
		};
		if (isCloze) {
			const clozeText = readCloze(toText(fields[0] ?? ''), row.line, c);
			const extra = toText(fields[1] ?? '');
			report(images, row.line, c);
			if (clozeText === null) continue;
			dropExtraFields(fields.slice(2), row.line, c);
			c.add(
				{
					type: 'cloze',
					prompt: instruction || defaultClozePrompt(clozeText),
					text: clozeText,
					explanation: extra || explained || undefined,
					...common
				},
				row.line
			);
			continue;
		}
		const front = toText(fields[0] ?? '');
		const back = toText(fields[1] ?? '');
		report(images, row.line, c);
		if (front === '' || back === '') {
			c.error(row.line, `${front === '' ? 'the front' : 'the back'} is empty; note skipped`);
			continue;
		}
		let reverse = /revers/i.test(notetype);
		if (/optional/i.test(notetype)) {
			reverse = (fields[2] ?? '').trim() !== '';
			dropExtraFields(fields.slice(3), row.line, c);
		} else dropExtraFields(fields.slice(2), row.line, c);
		c.add(
			{
				type: 'flashcard',
				front,
				back,
				reverse,
				...(explained ? { explanation: explained } : {}),
				...common
			},
			row.line
		);
	}
}

function report(media: HtmlLosses & { sounds: number }, line: number, c: Collector): void {
	const lost = htmlLosses(media);
	if (lost) c.warn(line, lost);
	if (media.sounds > 0)
		c.warn(line, `${plural(media.sounds, 'sound')} removed: Quire imports text only`);
}

function dropExtraFields(extra: string[], line: number, c: Collector): void {
	const kept = extra.filter((f) => f.trim() !== '');
	if (kept.length > 0)
		c.warn(
			line,
			`${plural(kept.length, 'further field')} not kept: ${kept.map((f) => `"${f}"`).join(', ')}`
		);
}

/** Anki cloze deletions to Quire blanks: {{c1::answer}} and {{c2::answer::hint}} → {{answer}}. */
export function readCloze(text: string, line: number, c: Collector): string | null {
	const hints: string[] = [];
	const bad: string[] = [];
	const out = text.replace(/\{\{c\d+::((?:(?!\{\{|\}\}).)*?)\}\}/gs, (_, body: string) => {
		const [answer = '', ...hint] = body.split('::');
		if (hint.length > 0) hints.push(hint.join('::'));
		const a = answer.trim();
		if (a === '' || /[|{}]/.test(a)) bad.push(a);
		return `{{${a}}}`;
	});
	if (bad.length > 0 || /\{\{c\d+::/.test(out)) {
		const what = bad.length > 0 ? `the deletion "${bad[0]}"` : 'a nested deletion';
		c.error(
			line,
			`${what} cannot be a Quire blank (a blank is not empty and holds no | { }); note skipped`
		);
		return null;
	}
	if (!/\{\{[^{}]+\}\}/.test(out)) {
		c.error(line, 'a Cloze note with no {{c1::…}} deletion; note skipped');
		return null;
	}
	if (hints.length > 0)
		c.warn(line, `cloze hints are not kept: ${hints.map((h) => `"${h}"`).join(', ')}`);
	return out;
}

// ---------------------------------------------------------------- writing

/** A deck name Anki accepts from a set title and a topic id ("::" separates deck levels). */
function deckName(title: string | undefined, topic: string): string {
	const root =
		(title ?? 'Quire')
			.replace(/::/g, ':')
			.replace(/[\r\n\t]/g, ' ')
			.trim() || 'Quire';
	return `${root}::${topic}`;
}

/** The front and back a quiz item becomes as a Basic note (or a Quizlet card). */
export function basic(item: ExportItem): [string, string] {
	const list = (xs: readonly string[]) => xs.map((x) => `• ${x}`).join('\n');
	let front: string;
	let back: string;
	switch (item.type) {
		case 'single':
			front = `${item.prompt}\n${list(item.choices)}`;
			back = item.answer;
			break;
		case 'multi':
			front = `${item.prompt}\n${list(item.choices)}`;
			back = list(item.answers);
			break;
		case 'truefalse':
			front = `True or false? ${item.prompt}`;
			back = item.answer ? 'True' : 'False';
			break;
		case 'short':
			front = item.prompt;
			back =
				item.accept.length > 0 ? `${item.answer}\n(also: ${item.accept.join('; ')})` : item.answer;
			break;
		case 'numeric':
			front = item.prompt;
			back = `${item.answer}${item.tolerance ? ` ± ${item.tolerance}` : ''}${item.unit ? ` ${item.unit}` : ''}`;
			break;
		case 'order':
			front = `${item.prompt}\n${list([...item.items].sort((a, b) => a.localeCompare(b)))}`;
			back = item.items.map((x, i) => `${i + 1}. ${x}`).join('\n');
			break;
		case 'match':
			front = `${item.prompt}\n${list(item.pairs.map((p) => p.left))}`;
			back = item.pairs.map((p) => `${p.left} → ${p.right}`).join('\n');
			break;
		case 'cloze':
			front = item.text;
			back = '';
			break;
	}
	return [front, item.explanation ? `${back}\n\n${item.explanation}` : back];
}

/**
 * Writes Anki-importable text with header lines (tab-separated, html:false so every field is
 * taken as text). Flashcards become Basic notes ("Basic (and reversed card)" when reversed), cloze
 * items Cloze notes with the explanation as Back Extra, other items Basic notes with the question
 * (and its choices) on the front and the answer and explanation on the back. The Quire id is the
 * GUID, the topic the deck, tags the tags.
 */
export function toAnki(set: ExportSet): ExportResult {
	const rows: (string | null)[][] = [];
	const warnings: string[] = [];
	const tags = (t: readonly string[] | undefined) => (t ?? []).join(' ');
	const guid = (e: { id: string; name?: string }) => e.name ?? e.id;
	const asBasic: string[] = [];
	let explained = 0;
	for (const item of set.items) {
		const deck = deckName(set.title, item.topic);
		if (item.type === 'cloze') {
			// One card with every blank hidden, as Quire asks the item; variants have no place in Anki.
			const text = parseCloze(item.text)
				.parts.map((p) => {
					if (p.kind === 'text') return p.text;
					const answer = p.answers[0] ?? '';
					if (answer.includes('::'))
						warnings.push(
							`${item.id}: Anki reads "::" in the blank "${answer}" as the start of a hint`
						);
					if (p.answers.length > 1)
						warnings.push(
							`${item.id}: Anki keeps one answer per blank; "${p.answers.slice(1).join('", "')}" not written`
						);
					return `{{c1::${answer}}}`;
				})
				.join('');
			const instruction = item.prompt === defaultClozePrompt(item.text) ? '' : item.prompt;
			rows.push([
				guid(item),
				'Cloze',
				deck,
				text,
				item.explanation ?? '',
				tags(item.tags),
				'',
				instruction
			]);
		} else {
			const [front, back] = basic(item);
			asBasic.push(item.type);
			rows.push([guid(item), 'Basic', deck, front, back, tags(item.tags), '', '']);
		}
	}
	for (const card of set.flashcards) {
		const type = card.reverse ? 'Basic (and reversed card)' : 'Basic';
		if (card.explanation) explained++;
		rows.push([
			guid(card),
			type,
			deckName(set.title, card.topic),
			card.front,
			card.back,
			tags(card.tags),
			card.explanation ?? '',
			''
		]);
	}
	if (asBasic.length > 0)
		warnings.push(
			`${plural(asBasic.length, 'question')} (${[...new Set(asBasic)].join(', ')}) written as Basic notes, the question on the front and the answer on the back: Anki has no such question types, and they come back to Quire as flashcards`
		);
	if (explained > 0)
		warnings.push(
			`the explanations of ${plural(explained, 'flashcard')} are in the column "Explanation": Anki's Basic note type has no field for them, so map that column to a field when importing or Anki leaves them out`
		);
	const header = [
		'#separator:tab',
		'#html:false',
		'#guid column:1',
		'#notetype column:2',
		'#deck column:3',
		'#tags column:6',
		`#columns:${ANKI_COLUMNS.join('\t')}`,
		''
	].join('\n');
	// A field starting with # would read as a comment line, so it is quoted.
	const body = writeRows(rows, { delimiter: '\t', newline: '\n', quoteIf: /^#/ });
	return { text: header + body, warnings };
}

/** The columns Quire writes, named in the `#columns:` header so Anki's import shows them. */
const ANKI_COLUMNS = [
	'GUID',
	'Note type',
	'Deck',
	'Front or Text',
	'Back or Back Extra',
	'Tags',
	'Explanation',
	'Instruction'
];
