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
import { splitLines } from './text.ts';
import type { ParseOptions, ParseResult } from './types.ts';

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
