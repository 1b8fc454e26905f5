import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { GradebookRow } from './analysis';
import { identifies, lmsGradesCsv } from './lms-grades';

const row = (student: string, best: number, last: number, attempts = 1): GradebookRow => ({
	student,
	attempts,
	best,
	last,
	totalTimeMs: 60_000,
	submittedAt: Date.UTC(2026, 11, 7),
	late: false,
	lateAttempts: 0
});

const BOOK = [
	row('ada@school.example', 90, 80, 2),
	row('=HYPERLINK("http://evil.example","x")', 33.333, 33.333),
	row('  bo@school.example ', 100, 100)
];

const parse = (text: string) => Papa.parse<string[]>(text.trim(), { skipEmptyLines: true }).data;

describe('the gradebook as an LMS imports it', () => {
	it("writes Moodle's layout: the chosen identifier, the grade out of 100, a feedback column", () => {
		const text = lmsGradesCsv(BOOK, {
			lms: 'moodle',
			identifier: 'email',
			title: 'INF Treaty quiz',
			counted: 'best'
		});
		expect(text.endsWith('\r\n')).toBe(true);
		expect(parse(text)).toEqual([
			['Email address', 'INF Treaty quiz', 'INF Treaty quiz (feedback)'],
			['ada@school.example', '90', 'Best of 2 attempts in Quire'],
			// A name that is a formula is written as text, never run by the spreadsheet.
			['\'=HYPERLINK("http://evil.example","x")', '33.3', 'Best of 1 attempt in Quire'],
			['bo@school.example', '100', 'Best of 1 attempt in Quire']
		]);
	});

	it("writes Canvas's layout with the Points Possible row and the SIS column chosen", () => {
		const text = lmsGradesCsv(BOOK, {
			lms: 'canvas',
			identifier: 'sis-login-id',
			title: 'INF Treaty quiz',
			counted: 'last'
		});
		const rows = parse(text);
		expect(rows[0]).toEqual([
			'Student',
			'ID',
			'SIS User ID',
			'SIS Login ID',
			'Section',
			'INF Treaty quiz'
		]);
		expect(rows[1]).toEqual(['    Points Possible', '', '', '', '', '100']);
		expect(rows[2]).toEqual(['ada@school.example', '', '', 'ada@school.example', '', '80']);
		expect(rows[3]![0]!.startsWith("'=")).toBe(true);
		const byUserId = parse(
			lmsGradesCsv(BOOK, { lms: 'canvas', identifier: 'sis-user-id', title: 'Q', counted: 'best' })
		);
		expect(byUserId[4]).toEqual(['bo@school.example', '', 'bo@school.example', '', '', '100']);
	});

	it('refuses an identifier the LMS does not match on', () => {
		expect(identifies('canvas', 'email')).toBe(false);
		expect(identifies('moodle', 'idnumber')).toBe(true);
		expect(() =>
			lmsGradesCsv(BOOK, { lms: 'canvas', identifier: 'email', title: 'Q', counted: 'best' })
		).toThrow(/canvas does not match students on "email"/);
	});
});
