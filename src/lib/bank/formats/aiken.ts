/**
 * Aiken, Moodle's simple multiple-choice format:
 *
 *     What is the capital of France?
 *     A. Paris
 *     B) Lyon
 *     ANSWER: A
 *
 * The question may run over several lines; each choice is a capital letter, `.` or `)`, a space
 * and the text; `ANSWER:` gives the right letter and ends the question. Blank lines are ignored.
 */
import { Collector } from './collect.ts';
import type { ExportSet } from './item.ts';
import { plural, splitLines } from './text.ts';
import type { ExportResult, ParseOptions, ParseResult } from './types.ts';

const CHOICE = /^([A-Z])[.)]\s+(.*)$/;
const ANSWER = /^ANSWER\s*:\s*(.*)$/;

interface Pending {
	line: number;
	question: string[];
	choices: { letter: string; text: string; line: number }[];
}

/** Reads Aiken text; every problem is named with its line. */
export function parseAiken(text: string, options: ParseOptions = {}): ParseResult {
	return Collector.run('aiken', text, options.limits, (c) => readAiken(text, c));
}

function readAiken(text: string, c: Collector): void {
	c.expect(text.match(/^\s*ANSWER\s*:/gm)?.length ?? 0);
	let q: Pending | null = null;
	const unfinished = (p: Pending) =>
		c.error(p.line, 'the question has no "ANSWER:" line after its choices; question skipped');

	splitLines(text.replace(/^\uFEFF/, '')).forEach((raw, i) => {
		const n = i + 1;
		const line = raw.trim();
		if (line === '') return;
		const answer = ANSWER.exec(line);
		const choice = CHOICE.exec(line);
		if (answer) {
			if (!q || q.choices.length === 0) {
				c.error(n, '"ANSWER:" with no question and choices before it');
				q = null;
				return;
			}
			finish(q, (answer[1] ?? '').trim(), n, c);
			q = null;
		} else if (choice && q && q.question.length > 0) {
			q.choices.push({ letter: choice[1] ?? '', text: (choice[2] ?? '').trim(), line: n });
		} else if (choice && !q) {
			c.error(n, `the choice "${line}" has no question before it`);
		} else {
			if (q && q.choices.length > 0) {
				unfinished(q);
				q = null;
			}
			q ??= { line: n, question: [], choices: [] };
			q.question.push(line);
		}
	});
	if (q) unfinished(q);
}

function finish(q: Pending, letter: string, line: number, c: Collector): void {
	if (!/^[A-Z]$/.test(letter)) {
		c.error(
			line,
			`"ANSWER: ${letter}" must give one capital letter, such as ANSWER: B; question skipped`
		);
		return;
	}
	const letters = q.choices.map((ch) => ch.letter);
	const expected = letters.map((_, i) => String.fromCharCode(65 + i));
	if (letters.join('') !== expected.join('')) {
		c.warn(
			q.line,
			`the choices are lettered ${letters.join(', ')} rather than ${expected.join(', ')}`
		);
	}
	const right = q.choices.find((ch) => ch.letter === letter);
	if (!right) {
		c.error(
			line,
			`ANSWER: ${letter} is not one of the choices (${letters.join(', ')}); question skipped`
		);
		return;
	}
	c.add(
		{
			type: 'single',
			prompt: q.question.join(' '),
			choices: q.choices.map((ch) => ch.text),
			answer: right.text
		},
		q.line
	);
}

/**
 * Writes the single-choice questions as Aiken (at most 26 choices, each on one line); every other
 * entry is named as not written, since Aiken holds single choice only.
 */
export function toAiken(set: ExportSet): ExportResult {
	const warnings: string[] = [];
	const out: string[] = [];
	const oneLine = (t: string) => t.replace(/\s*[\r\n]+\s*/g, ' ').trim();
	const skipped: string[] = [];
	for (const item of set.items) {
		if (item.type !== 'single') {
			skipped.push(item.type);
			continue;
		}
		if (item.choices.length > 26) {
			warnings.push(`${item.id}: more than 26 choices, more than Aiken's letters A–Z; not written`);
			continue;
		}
		const lines = [item.prompt, ...item.choices].filter((t) => /[\r\n]/.test(t));
		if (lines.length > 0)
			warnings.push(`${item.id}: line breaks in the question or a choice written as spaces`);
		if (item.explanation) warnings.push(`${item.id}: Aiken has no place for the explanation`);
		const letter = (i: number) => String.fromCharCode(65 + i);
		out.push(
			oneLine(item.prompt),
			...item.choices.map((ch, i) => `${letter(i)}. ${oneLine(ch)}`),
			`ANSWER: ${letter(item.choices.indexOf(item.answer))}`,
			''
		);
	}
	const cards = set.flashcards.length;
	if (skipped.length + cards > 0)
		warnings.unshift(
			`Aiken holds single-choice questions only: ${[
				skipped.length
					? `${plural(skipped.length, 'question')} (${[...new Set(skipped)].join(', ')})`
					: '',
				cards ? plural(cards, 'flashcard') : ''
			]
				.filter(Boolean)
				.join(' and ')} not written`
		);
	return { text: out.join('\n'), warnings };
}
