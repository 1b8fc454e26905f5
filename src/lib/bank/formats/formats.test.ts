import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { parseAiken } from './aiken.ts';
import { parseAnki, toAnki } from './anki.ts';
import { joinList, parseCsv, splitList, toCsv } from './csv.ts';
import type { ImportedFlashcard, ImportedItem } from './item.ts';
import { parseQuireSet, QuireSetFile, toQuireSet } from './quire-set.ts';
import { parseQuizlet } from './quizlet.ts';
import type { Problem } from './types.ts';
import * as v from 'valibot';

const fixture = (name: string) =>
	readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const lines = (problems: Problem[]) => problems.map((p) => `${p.line} ${p.severity}: ${p.message}`);
const cards = (list: ImportedFlashcard[]) => list.map((f) => [f.front, f.back]);

describe('Aiken import (fixtures/aiken.txt)', () => {
	const result = parseAiken(fixture('aiken.txt'));

	it('reads single-choice questions, one or several lines of question, A. or A) labels', () => {
		expect(
			result.items.map((i) => [
				i.type,
				(i as { prompt: string }).prompt,
				(i as { answer: string }).answer
			])
		).toEqual([
			['single', 'What is the correct answer to this question?', 'Must be this one!'],
			['single', 'Which LMS has the most quiz import formats?', 'Moodle'],
			['single', 'A question whose text runs over two lines?', 'Yes'],
			['single', 'The last question <img src=x onerror=alert(1)> stays text.', 'Safe']
		]);
		expect(result.items[0]).toMatchObject({
			choices: ['Is it this one?', 'Maybe this answer?', 'Possibly this one?', 'Must be this one!']
		});
	});

	it('names a wrong letter and a missing ANSWER: line', () => {
		expect(lines(result.problems)).toEqual([
			'23 error: ANSWER: E is not one of the choices (A, B); question skipped',
			'25 error: the question has no "ANSWER:" line after its choices; question skipped'
		]);
	});

	it('rejects an answer line with no question, and one that is not a letter', () => {
		expect(lines(parseAiken('ANSWER: A').problems)).toEqual([
			'1 error: "ANSWER:" with no question and choices before it'
		]);
		expect(parseAiken('Q?\nA. x\nB. y\nANSWER: AB').problems[0]?.message).toMatch(
			/one capital letter/
		);
	});
});

describe('Quizlet import', () => {
	it('reads tab-separated cards, one per line, and names a line with no tab', () => {
		const result = parseQuizlet(fixture('quizlet-tab.txt'));
		expect(cards(result.flashcards)).toEqual([
			['Treaty', 'An agreement between states'],
			['INF', 'Intermediate-Range Nuclear Forces'],
			['ABM', 'Anti-Ballistic Missile']
		]);
		expect(lines(result.problems)).toEqual([
			'3 error: no tab between term and definition in "no separator here"; card skipped'
		]);
	});

	it('reads comma and semicolon separators; the term ends at the first comma', () => {
		const result = parseQuizlet(fixture('quizlet-comma-semicolon.txt'));
		expect(cards(result.flashcards)).toEqual([
			['Treaty', 'An agreement, between states'],
			['INF', 'Intermediate-Range Nuclear Forces'],
			['ABM', 'Anti-Ballistic Missile']
		]);
		expect(result.problems).toEqual([]);
	});

	it('reads custom separators and names the line of each card', () => {
		const result = parseQuizlet('a::1\n~~b::2~~c 3', { termSeparator: '::', cardSeparator: '~~' });
		expect(cards(result.flashcards)).toEqual([
			['a', '1'],
			['b', '2']
		]);
		expect(lines(result.problems)).toEqual([
			'2 error: no "::" between term and definition in "c 3"; card skipped'
		]);
		expect(
			parseQuizlet('a,b', { termSeparator: 'comma', cardSeparator: ',' }).problems[0]?.message
		).toMatch(/both comma/);
	});
});

describe('Anki import (fixtures/anki-notes.txt)', () => {
	const result = parseAnki(fixture('anki-notes.txt'));

	it('reads the header lines: separator, html, guid, notetype, deck and tags columns', () => {
		expect(result.flashcards).toEqual([
			{
				id: 'inf-card',
				front: 'INF',
				back: 'Intermediate-Range Nuclear Forces',
				reverse: false,
				topic: 'cold-war',
				tags: ['treaty', 'names'],
				difficulty: 2,
				voice: 'fact'
			},
			// A GUID that is not a Quire id gives way to one made from the front.
			expect.objectContaining({
				id: 'abm',
				name: 'f#2/Ab>c',
				front: 'ABM',
				reverse: true,
				tags: ['treaty']
			}),
			expect.objectContaining({ id: 'z3', front: 'Sound check', back: 'It works &' })
		]);
		expect(result.topics).toEqual([{ id: 'cold-war', title: 'Cold War' }]);
	});

	it('reads a Cloze note as a cloze item, Back Extra as its explanation', () => {
		expect(result.items).toEqual([
			expect.objectContaining({
				type: 'cloze',
				prompt: 'Fill in the blanks.',
				text: 'The INF Treaty was signed in {{1987}} by {{Reagan}} and Gorbachev.',
				explanation: 'Both leaders met in Washington.',
				tags: ['dates']
			})
		]);
	});

	it('names hints, images, sounds, empty fields and a Cloze note with no deletion', () => {
		expect(lines(result.problems)).toEqual([
			'9 warning: cloze hints are not kept: "a US president"',
			'10 warning: 1 image removed: Quire imports text only',
			'10 error: the front is empty; note skipped',
			'11 error: a Cloze note with no {{c1::…}} deletion; note skipped',
			'12 warning: 1 image removed: Quire imports text only',
			'12 warning: 1 sound removed: Quire imports text only'
		]);
	});

	it('keeps text as written when #html:false, and guesses the separator without headers', () => {
		const plain = parseAnki('#separator:Pipe\n#html:false\n<b>a</b>|b &amp; c');
		expect(cards(plain.flashcards)).toEqual([['<b>a</b>', 'b &amp; c']]);
		const bare = parseAnki('front|back\n{{c1::x}} y|extra');
		expect(cards(bare.flashcards)).toEqual([['front', 'back']]);
		expect(bare.items[0]).toMatchObject({ type: 'cloze', text: '{{x}} y', explanation: 'extra' });
	});

	it('names header values it cannot use, a nested deletion and unclosed quotes', () => {
		expect(
			parseAnki('#separator:Banana\n#html:maybe\n#tags column:x\na\tb').problems.map(
				(p) => p.message
			)
		).toEqual([
			'#separator:Banana is not a separator Anki knows; ignored',
			'#html:maybe must be true or false; ignored',
			'#tags column:x is not a column number (1, 2, …); ignored'
		]);
		expect(
			parseAnki('#separator:tab\n#notetype:Cloze\n{{c1::a {{c2::b}}}}\tx').problems[0]?.message
		).toMatch(/nested deletion/);
		expect(parseAnki('#separator:tab\n"open\tb').problems[0]?.message).toBe(
			'a quoted field is not closed with "; note skipped'
		);
	});
});

describe('Anki export', () => {
	it('writes the header lines and one note per entry, fields as text', () => {
		const { text } = toAnki({
			title: 'My set',
			items: [
				{
					id: 'q1',
					type: 'single',
					prompt: 'Pick <b>one</b>',
					choices: ['a', 'b'],
					answer: 'a',
					explanation: 'Because.',
					topic: 't',
					difficulty: 2,
					tags: ['x'],
					voice: 'fact'
				}
			],
			flashcards: [
				{
					id: 'c1',
					front: '#not a comment',
					back: 'tab\there',
					reverse: true,
					topic: 't',
					difficulty: 2,
					tags: [],
					voice: 'fact'
				}
			]
		});
		expect(text).toBe(
			[
				'#separator:tab',
				'#html:false',
				'#guid column:1',
				'#notetype column:2',
				'#deck column:3',
				'#tags column:6',
				'#columns:GUID\tNote type\tDeck\tFront or Text\tBack or Back Extra\tTags\tExplanation\tInstruction',
				'q1\tBasic\tMy set::t\t"Pick <b>one</b>\n• a\n• b"\t"a\n\nBecause."\tx\t\t',
				'c1\tBasic (and reversed card)\tMy set::t\t"#not a comment"\t"tab\there"\t\t\t',
				''
			].join('\n')
		);
	});
});

describe('CSV import (fixtures/every-type.csv)', () => {
	const result = parseCsv(fixture('every-type.csv'));
	const item = (id: string) => result.items.find((i) => i.id === id);

	it('reads every type from its columns', () => {
		expect(result.counts).toEqual({
			single: 1,
			multi: 1,
			truefalse: 1,
			cloze: 1,
			short: 2,
			numeric: 2,
			order: 1,
			match: 1,
			flashcard: 2
		});
		expect(item('cap-france')).toEqual({
			id: 'cap-france',
			type: 'single',
			prompt: 'What is the capital of France?',
			choices: ['Paris', 'Lyon', 'Marseille'],
			answer: 'Paris',
			explanation: 'Paris is the capital.',
			topic: 'geography',
			difficulty: 1,
			tags: ['capitals'],
			voice: 'fact'
		});
		expect(item('which-are-rivers')).toMatchObject({ answers: ['Rhine', 'Danube'] });
		expect(item('sky')).toMatchObject({ answer: true });
		expect(item('who-wrote-hamlet')).toMatchObject({ accept: ['William Shakespeare', 'The Bard'] });
		expect(item('range')).toMatchObject({ answer: 5500, tolerance: 10, unit: 'km' });
		expect(result.items.find((i) => i.type === 'cloze')).toMatchObject({
			prompt: 'Fill in the blanks.',
			text: 'The treaty bans missiles with a range of {{500}} to {{5500|5,500}} km.'
		});
		expect(item('earliest-first')).toMatchObject({
			items: ['ABM Treaty', 'INF Treaty', 'New START']
		});
		expect(item('match-the-treaty-to-its-year')).toMatchObject({
			pairs: [
				{ left: 'ABM', right: '1972' },
				{ left: 'INF', right: '1987' }
			]
		});
		expect(item('pipes')).toMatchObject({ answer: 'a \\| b', accept: ['c\\d'] });
	});

	it('removes the apostrophe that neutralised a formula, and nothing else', () => {
		expect(cards(result.flashcards)).toEqual([
			['INF', 'Intermediate-Range Nuclear Forces'],
			['=HYPERLINK("http://x","y")', '-dash | not a list']
		]);
	});

	it('names every bad row with its line', () => {
		expect(lines(result.problems)).toEqual([
			'13 error: type "essay" is not one of single, multi, truefalse, cloze, short, numeric, order, match, flashcard; row skipped',
			'14 error: single question skipped: answer: "Rome" is not one of the choices',
			'15 error: match question skipped: left has 3 entries but right has 2',
			'16 error: numeric question skipped: answer: "lots" is not a number',
			'17 warning: choices is not used by short and was ignored'
		]);
	});

	it('needs a header row with a type column, and names unknown columns', () => {
		expect(lines(parseCsv('').problems)).toEqual([
			'1 error: the file is empty: the first row must name the columns (type, prompt, answer, …)'
		]);
		expect(parseCsv('prompt,answer\nQ,A').problems[0]?.message).toMatch(/including "type"/);
		expect(parseCsv('type,colour\n').problems[0]?.message).toMatch(
			/"colour" is not one Quire reads/
		);
	});

	it('gives each record the line it starts on, across quoted line breaks', () => {
		const text = 'type,prompt,answer\n\ntruefalse,"two\nlines",true\ntruefalse,x,maybe\n';
		expect(lines(parseCsv(text).problems)).toEqual([
			'5 error: truefalse question skipped: answer: "maybe" must be true or false'
		]);
	});
});

describe('CSV export', () => {
	const hostile: ImportedItem = {
		id: 'h',
		type: 'single',
		prompt: '=HYPERLINK("http://evil.example","click")',
		choices: ['+1', '-1', '@SUM(A1)', '\tTab', "'=quoted"],
		answer: '+1',
		explanation: '\rcarriage',
		topic: 't',
		difficulty: 2,
		tags: [],
		voice: 'fact'
	};

	it('neutralises formulas: no cell a spreadsheet reads can start with = + - @ tab or CR', () => {
		const { text } = toCsv({ items: [hostile], flashcards: [] });
		const rows = Papa.parse<string[]>(text.trim(), { delimiter: ',' }).data;
		for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
		expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
		expect(text).toContain(`'+1|-1|@SUM(A1)|\tTab|'=quoted`);
		// Text fields are trimmed on import, so the leading tab and carriage return go.
		expect(parseCsv(text).items).toEqual([
			{
				...hostile,
				choices: ['+1', '-1', '@SUM(A1)', 'Tab', "'=quoted"],
				explanation: 'carriage'
			}
		]);
	});

	it('keeps numbers as numbers, so a negative answer is not prefixed', () => {
		const { text } = toCsv({
			items: [
				{
					id: 'n',
					type: 'numeric',
					prompt: 'Cold?',
					answer: -40,
					tolerance: 0,
					topic: 't',
					difficulty: 2,
					tags: [],
					voice: 'fact'
				}
			],
			flashcards: []
		});
		expect(text.split('\r\n')[1]).toBe('numeric,n,,t,2,fact,,Cold?,-40,,,,,,,,,,,,,,,,,');
	});

	it('starts with a byte order mark, so Excel on Windows reads UTF-8 (article’s, not articleâ€™s)', () => {
		const { text } = toCsv({ items: [], flashcards: [] });
		expect(text.startsWith('\uFEFFtype,id,name,')).toBe(true);
		expect(new TextEncoder().encode(text).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
	});

	it('escapes | and \\ in list cells', () => {
		expect(joinList(['a|b', 'c\\d', 'e'])).toBe('a\\|b|c\\\\d|e');
		expect(splitList('a\\|b|c\\\\d|e')).toEqual(['a|b', 'c\\d', 'e']);
		expect(splitList('')).toEqual([]);
	});
});

describe('Quire set file', () => {
	it('reads a valid set and names each bad entry with the line it starts on', () => {
		const result = parseQuireSet(fixture('set.quire.json'));
		expect(result.title).toBe('Capitals');
		expect(result.topics).toEqual([{ id: 'europe', title: 'Europe' }]);
		expect(result.items.map((i) => i.id)).toEqual(['cap-france']);
		expect(result.flashcards.map((f) => f.id)).toEqual(['card-de']);
		expect(lines(result.problems)).toEqual([
			'18 error: single question skipped: choices: needs at least 2 choices',
			'28 error: essay question skipped: type: "essay" is not one of single, multi, truefalse, cloze, short, numeric, order, match'
		]);
	});

	it('rejects other JSON, a newer version and an unknown field, with the line', () => {
		expect(lines(parseQuireSet('{\n  "a": 1,\n  "b": [1,,2]\n}').problems)).toEqual([
			expect.stringMatching(/^3 error: not valid JSON near ",2]\\n}" \(/)
		]);
		expect(lines(parseQuireSet('{"format": "moodle"}').problems)).toEqual([
			'1 error: not a Quire set file: "format" must be "quire-set"'
		]);
		expect(lines(parseQuireSet('{"format": "quire-set",\n"version": 2}').problems)).toEqual([
			'2 error: this set file is version 2, made by a newer Quire; this one reads version 1'
		]);
		const extra =
			'{"format":"quire-set","version":1,"title":"T","items":[],"flashcards":[],\n"colour":"red"}';
		expect(lines(parseQuireSet(extra).problems)).toEqual(['2 error: colour: unknown field']);
		expect(
			lines(parseQuireSet('{"format":"quire-set","version":1,"items":[],"flashcards":[]}').problems)
		).toEqual(['1 error: title: is required']);
	});

	it('writes a file the schema accepts, with the time it was written', () => {
		const { text } = toQuireSet(
			{
				items: [],
				flashcards: [
					{
						id: 'a',
						front: 'A',
						back: 'B',
						reverse: false,
						topic: 't',
						difficulty: 2,
						tags: [],
						voice: 'fact'
					}
				]
			},
			{ title: 'Set', now: Date.UTC(2025, 5, 1, 12) }
		);
		const data: unknown = JSON.parse(text);
		expect(v.safeParse(QuireSetFile, data).success).toBe(true);
		expect(data).toMatchObject({
			format: 'quire-set',
			version: 1,
			title: 'Set',
			exportedAt: '2025-06-01T12:00:00.000Z',
			topics: [{ id: 't', title: 't' }]
		});
	});
});

describe('CSV: a typed answer’s anyOrder', () => {
	it('travels in the anyorder column both ways', () => {
		const item = {
			id: 'ranges',
			type: 'short' as const,
			prompt: 'Which ranges?',
			answer: 'short- and medium-range',
			accept: [],
			anyOrder: true,
			voice: 'fact' as const,
			topic: 'general',
			difficulty: 2 as const,
			tags: []
		};
		const out = toCsv({ items: [item], flashcards: [] });
		expect(out.text.split('\r\n')[0]).toContain(',anyorder,');
		const back = parseCsv(out.text);
		expect(back.problems).toEqual([]);
		expect(back.items[0]).toMatchObject({ anyOrder: true });
		expect(
			parseCsv(toCsv({ items: [{ ...item, anyOrder: undefined }], flashcards: [] }).text).items[0]
		).not.toHaveProperty('anyOrder');
	});
});
