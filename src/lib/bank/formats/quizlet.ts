/**
 * Quizlet's export text: a term and its definition per card. Quizlet lets the exporter choose the
 * separator between term and definition (tab, comma or any text) and between cards (new line,
 * semicolon or any text); nothing is quoted, so the term ends at the first separator.
 */
import { basic } from './anki.ts';
import { Collector } from './collect.ts';
import type { ExportSet } from './item.ts';
import { LineIndex, plural } from './text.ts';
import type { ExportResult, ParseOptions, ParseResult } from './types.ts';

export interface QuizletOptions extends ParseOptions {
	/** Between term and definition: 'tab', 'comma' or any text. Guessed when not given. */
	termSeparator?: string;
	/** Between cards: 'newline', 'semicolon' or any text. Guessed when not given. */
	cardSeparator?: string;
}

const NAMED: Record<string, string> = {
	tab: '\t',
	comma: ',',
	newline: '\n',
	semicolon: ';'
};

function separator(given: string | undefined, fallback: string): string {
	if (given === undefined || given === '') return fallback;
	return NAMED[given.toLowerCase()] ?? given.replace(/\\t/g, '\t').replace(/\\n/g, '\n');
}

/** Names a separator for messages. */
function shown(sep: string): string {
	const names: Record<string, string> = {
		'\t': 'tab',
		'\n': 'new line',
		',': 'comma',
		';': 'semicolon'
	};
	return names[sep] ?? `"${sep}"`;
}

/** Reads Quizlet export text as flashcards; every problem is named with its line. */
export function parseQuizlet(text: string, options: QuizletOptions = {}): ParseResult {
	return Collector.run('quizlet', text, options.limits, (c) => readQuizlet(text, options, c));
}

function readQuizlet(raw: string, options: QuizletOptions, c: Collector): void {
	const text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
	const lines = new LineIndex(text);
	const nonEmptyLines = text.split('\n').filter((l) => l.trim() !== '').length;
	const card = separator(
		options.cardSeparator,
		nonEmptyLines <= 1 && text.includes(';') ? ';' : '\n'
	);
	const term = separator(options.termSeparator, text.includes('\t') ? '\t' : ',');
	if (card === term) {
		c.error(1, `the card separator and the term separator are both ${shown(card)}`);
		return;
	}
	let cards = 0;
	for (let at = text.indexOf(card); at >= 0; at = text.indexOf(card, at + card.length)) cards++;
	c.expect(cards);
	let start = 0;
	while (start <= text.length) {
		const end = text.indexOf(card, start);
		const stop = end < 0 ? text.length : end;
		readCard(text.slice(start, stop), start, term, lines, c);
		if (end < 0) break;
		start = end + card.length;
	}
}

function readCard(
	chunk: string,
	offset: number,
	term: string,
	lines: LineIndex,
	c: Collector
): void {
	const lead = chunk.length - chunk.trimStart().length;
	const body = chunk.trim();
	if (body === '') return;
	const line = lines.line(offset + lead);
	const at = body.indexOf(term);
	if (at < 0) {
		c.error(line, `no ${shown(term)} between term and definition in "${body}"; card skipped`);
		return;
	}
	const front = body.slice(0, at).trim();
	const back = body.slice(at + term.length).trim();
	if (front === '' || back === '') {
		c.error(line, `${front === '' ? 'the term' : 'the definition'} is empty; card skipped`);
		return;
	}
	c.add({ type: 'flashcard', front, back }, line);
}

/**
 * Writes Quizlet's import text: term, a tab, definition, one card a line. Flashcards are the
 * cards; quiz items become cards with the question on the front and the answer on the back (named
 * in a warning, since they come back as flashcards). Tabs and line breaks inside a field, which
 * Quizlet would read as separators, become spaces and " · ".
 */
export function toQuizlet(set: ExportSet): ExportResult {
	const warnings: string[] = [];
	const field = (id: string, t: string) => {
		if (!/[\t\r\n]/.test(t)) return t.trim();
		warnings.push(`${id}: tabs and line breaks written as spaces and " · "`);
		return t
			.replace(/\t/g, ' ')
			.split(/\r\n|\r|\n/)
			.map((l) => l.trim())
			.filter(Boolean)
			.join(' · ');
	};
	const lines: string[] = [];
	const kinds = new Set<string>();
	for (const item of set.items) {
		kinds.add(item.type);
		const [front, back] = basic(item);
		lines.push(`${field(item.id, front)}\t${field(item.id, back)}`);
	}
	let explained = 0;
	for (const card of set.flashcards) {
		if (card.explanation) explained++;
		lines.push(`${field(card.id, card.front)}\t${field(card.id, card.back)}`);
	}
	if (set.items.length > 0)
		warnings.unshift(
			`${plural(set.items.length, 'question')} (${[...kinds].join(', ')}) written as term and definition: Quizlet has cards only, and they come back as flashcards`
		);
	if (explained > 0)
		warnings.push(
			`Quizlet has no place for explanations: ${plural(explained, 'flashcard')}'s not written`
		);
	return { text: lines.length ? `${lines.join('\n')}\n` : '', warnings };
}
