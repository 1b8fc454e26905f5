import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	detectFormat,
	exportSet,
	LIMITS,
	parseAny,
	type ExportFormatId,
	type FormatId
} from './index.ts';
import type { ImportedItem } from './item.ts';

const fixture = (name: string) =>
	readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('detectFormat', () => {
	it.each<[string, FormatId]>([
		['every-feature.gift', 'gift'],
		['malformed.gift', 'gift'],
		['aiken.txt', 'aiken'],
		['quizlet-tab.txt', 'quizlet'],
		['quizlet-comma-semicolon.txt', 'quizlet'],
		['anki-notes.txt', 'anki'],
		['every-type.csv', 'csv'],
		['set.quire.json', 'quire-set']
	])('%s is %s, by name and by content', (name, format) => {
		const text = fixture(name);
		expect(detectFormat(text, name)).toBe(format);
		// Renamed to .txt, the content alone tells, except for a CSV, which needs its ending.
		expect(detectFormat(text, 'upload.txt')).toBe(format);
	});

	it('says null when it cannot tell, and parseAny names the problem', () => {
		expect(detectFormat('just some words')).toBeNull();
		const result = parseAny('just some words');
		expect(result.format).toBeNull();
		expect(result.problems).toEqual([
			{
				line: 1,
				severity: 'error',
				message:
					'could not tell the format: choose Moodle GIFT, Moodle XML, Aiken, Quizlet, Anki, CSV or a Quire set file'
			}
		]);
	});

	it('lets the user choose the format and the Quizlet separators', () => {
		const result = parseAny('a=1|b=2', {
			format: 'quizlet',
			quizlet: { termSeparator: '=', cardSeparator: '|' }
		});
		expect(result.flashcards.map((f) => [f.front, f.back])).toEqual([
			['a', '1'],
			['b', '2']
		]);
	});
});

describe('size limits', () => {
	it('refuses a file over 50 MB with a clear message', () => {
		const text = 'x'.repeat(LIMITS.fileBytes + 1);
		const result = parseAny(text, { format: 'gift' });
		expect(result.items).toEqual([]);
		expect(result.problems).toEqual([
			{
				line: 1,
				severity: 'error',
				message: 'the file is larger than 50 MB, the most Quire imports'
			}
		]);
	});

	it('counts the file in UTF-8 bytes, and shows its size when that says more', () => {
		const text = 'é'.repeat(40 * 1024 * 1024);
		expect(parseAny(text, { format: 'quizlet' }).problems[0]?.message).toBe(
			'the file is larger than 50 MB, the most Quire imports (this one is 80 MB)'
		);
	});

	it.each<[FormatId, string]>([
		['quizlet', 'term\tdefinition\n'],
		['gift', 'Sky is blue.{T}\n\n'],
		['aiken', 'Q?\nA. a\nB. b\nANSWER: A\n'],
		['csv', 'flashcard,a,b\n']
	])('refuses a %s file of more than 200,000 entries and keeps none of it', (format, entry) => {
		const head = format === 'csv' ? 'type,front,back\n' : '';
		const result = parseAny(head + entry.repeat(LIMITS.entries + 1), { format });
		expect(result.items).toEqual([]);
		expect(result.flashcards).toEqual([]);
		expect(result.problems).toEqual([
			{
				line: 1,
				severity: 'error',
				message:
					'the file holds more than 200,000 questions and cards; split it into smaller files (nothing was imported)'
			}
		]);
	});

	it('refuses a set file of more than 200,000 entries', () => {
		const card = { id: 'a', front: 'A', back: 'B', topic: 't', difficulty: 2 };
		const text = JSON.stringify({
			format: 'quire-set',
			version: 1,
			title: 'Big',
			items: [],
			flashcards: Array.from({ length: LIMITS.entries + 1 }, () => card)
		});
		expect(parseAny(text, { format: 'quire-set' }).problems[0]?.message).toMatch(
			/^the file holds more than 200,000 questions and cards/
		);
	});

	it('takes exactly the entry limit, and not one more', () => {
		const limits = { ...LIMITS, entries: 3 };
		expect(parseAny('a\t1\nb\t2\nc\t3', { format: 'quizlet', limits }).flashcards).toHaveLength(3);
		expect(
			parseAny('a\t1\nb\t2\nc\t3\nd\t4', { format: 'quizlet', limits }).flashcards
		).toHaveLength(0);
		expect(
			parseAny('A{T}\n\nB{F}\n\nC{T}\n\nD{F}', { format: 'gift', limits }).problems[0]?.message
		).toMatch(/more than 3 questions and cards/);
	});

	it('refuses a single field over 1 MB, naming the field and the line', () => {
		const big = 'y'.repeat(LIMITS.fieldBytes + 1);
		const result = parseAny(`::ok::Fine.{T}\n\n::big::${big}{T}`, { format: 'gift' });
		expect(result.items.map((i) => i.id)).toEqual(['ok']);
		expect(result.problems).toEqual([
			{
				line: 3,
				severity: 'error',
				message:
					'truefalse question skipped: prompt: is larger than 1 MB, the most a single field may hold'
			}
		]);
		const csv = parseAny(
			`type,front,back\nflashcard,a,${'z'.repeat(LIMITS.fieldBytes + 300_000)}`,
			{
				format: 'csv'
			}
		);
		expect(csv.problems[0]?.message).toBe(
			'flashcard skipped: back: is larger than 1 MB (1.3 MB), the most a single field may hold'
		);
	});
});

describe('hostile text stays text', () => {
	const HOSTILE = '<img src=x onerror=alert(1)>';
	const item: ImportedItem = {
		id: 'hostile',
		type: 'single',
		prompt: `${HOSTILE} Which?`,
		choices: [HOSTILE, '<script>alert(1)</script>'],
		answer: HOSTILE,
		explanation: `See ${HOSTILE}.`,
		topic: 't',
		difficulty: 2,
		tags: [],
		voice: 'fact'
	};

	it.each<ExportFormatId>(['gift', 'csv', 'quire-set'])(
		'through %s, markup comes back as the same characters, never reduced or decoded',
		(format) => {
			const out = exportSet({ items: [item], flashcards: [] }, format, {
				set: { title: 'T', now: 0 }
			});
			const back = parseAny(out.text, { format });
			expect(back.items).toEqual([item]);
		}
	);

	it('through Anki (html:false), the card shows the markup as text', () => {
		const out = exportSet(
			{
				items: [],
				flashcards: [
					{
						id: 'c',
						front: HOSTILE,
						back: 'b',
						reverse: false,
						topic: 't',
						difficulty: 2,
						tags: [],
						voice: 'fact'
					}
				]
			},
			'anki'
		);
		expect(out.text).toContain('#html:false');
		expect(parseAny(out.text).flashcards[0]?.front).toBe(HOSTILE);
	});

	it('in formats that are HTML, markup is removed, so no tag or handler survives', () => {
		for (const [text, format] of [
			[`[html]<p>Safe ${HOSTILE}<script>alert(1)</script></p>{T}`, 'gift'],
			[`#separator:tab\n#html:true\nfront ${HOSTILE}\t<b onclick="x()">back</b>`, 'anki']
		] as const) {
			const result = parseAny(text, { format });
			const all = JSON.stringify([result.items, result.flashcards]);
			expect(all).not.toMatch(/<|onerror|onclick|script/);
			expect(result.problems.map((p) => p.message)).toContain(
				'1 image removed: Quire imports text only'
			);
		}
	});
});
