import { describe, expect, it } from 'vitest';
import type { SetQuizItem } from '../bank/set';
import type { ItemStats } from './analysis';
import { findCodes } from './codes';
import type { StudentResult } from './crypto';
import { MAX_RESULT_FILE } from './limits';
import { entriesFromFiles, entriesFromText, mismatch, resultKey, savedOutcome } from './results';
import { analysisCsv, gradebookCsv } from './results-csv';

const result = (over: Partial<StudentResult> = {}): StudentResult => ({
	v: 1,
	assignmentId: 'asg1',
	student: 'Ada Lovelace',
	answers: [{ itemId: 'q1', answer: null, score: 0, timeMs: 1000 }],
	startedAt: 1,
	submittedAt: 2,
	late: false,
	attempt: 1,
	...over
});

describe('resultKey', () => {
	it('is one key for one submission, whatever the case or spacing of the name', () => {
		expect(resultKey(result())).toBe(resultKey(result({ student: '  ada   LOVELACE ' })));
		expect(resultKey(result())).not.toBe(resultKey(result({ attempt: 2 })));
		expect(resultKey(result())).not.toBe(resultKey(result({ submittedAt: 3 })));
	});
});

describe('entries to import', () => {
	const A = 'Q1:BKx3kQ9aTr_-' + 'a'.repeat(60);
	const B = 'Q1:BFz0Pp8mUu-_' + 'b'.repeat(60);

	it('labels pasted codes by line and start, and says so when there is nothing to import', () => {
		expect(entriesFromText(`Dear Ms R,\nmine: ${A}\n\n${B}\n`, findCodes)).toEqual([
			{ label: 'Line 2 (Q1:BKx3kQ9aTr_…)', code: A },
			{ label: 'Line 4 (Q1:BFz0Pp8mUu-…)', code: B }
		]);
		expect(entriesFromText('  ', findCodes)).toEqual([
			{ label: 'Nothing to import', code: '', error: 'Paste one or more result codes first.' }
		]);
		expect(entriesFromText('Thanks for the quiz!', findCodes)[0]?.error).toMatch(
			/no result code in this text/
		);
	});

	it('gives a wrapped code its shorter readings, and a code without its start its message', () => {
		const [wrapped, headless] = entriesFromText(
			`${A.slice(0, 40)}\n${A.slice(40)}\n\n${B.slice(3)}`,
			findCodes
		);
		expect(wrapped).toEqual({
			label: 'Lines 1–2 (Q1:BKx3kQ9aTr_…)',
			code: A,
			shorter: [{ label: 'Line 1 (Q1:BKx3kQ9aTr_…)', code: A.slice(0, 40) }]
		});
		expect(headless?.label).toBe('Line 4 (BFz0Pp8mUu-_bb…)');
		expect(headless?.error).toMatch(/without its start “Q1:”/);
	});

	it('names codes in a file by the file, and by line when it holds several', async () => {
		const files = [
			new File([`${A}\n${B}`], 'class.csv'),
			new File([A], 'ada.quire-result'),
			new File(['hello'], 'note.txt'),
			new File([new Uint8Array(MAX_RESULT_FILE + 1)], 'big.quire-result')
		];
		const entries = await entriesFromFiles(files, findCodes);
		expect(entries.map((e) => [e.label, e.code])).toEqual([
			['class.csv, line 1 (Q1:BKx3kQ9aTr_…)', A],
			['class.csv, line 2 (Q1:BFz0Pp8mUu-…)', B],
			['ada.quire-result', A],
			['note.txt', ''],
			['big.quire-result', '']
		]);
		expect(entries[3]?.error).toMatch(/no result code in this file/);
		expect(entries[4]?.error).toMatch(/too large/);
	});
});

describe('mismatch', () => {
	const a = { id: 'asg1', itemIds: ['q1', 'q2'] };
	it('accepts a result for this assignment and its questions', () => {
		expect(mismatch(result(), a, new Map())).toBeNull();
	});
	it('names the teacher’s other assignment a code belongs to', () => {
		const other = result({ assignmentId: 'asg2' });
		expect(mismatch(other, a, new Map([['asg2', 'Week 2']]))).toMatch(/“Week 2”, not this one/);
		expect(mismatch(other, a, new Map())).toMatch(/different assignment/);
	});
	it('refuses answers to questions the assignment does not hold', () => {
		const stray = result({ answers: [{ itemId: 'q9', answer: null, score: 0, timeMs: 1 }] });
		expect(mismatch(stray, a, new Map())).toMatch(/not in this assignment/);
	});
});

describe('savedOutcome', () => {
	it('says what happened to one result', () => {
		expect(savedOutcome(result({ late: true }), 66.66, 'added')).toEqual({
			status: 'added',
			text: 'Imported Ada Lovelace, attempt 1: 66.7%, late (as reported by the student’s device).'
		});
		expect(savedOutcome(result(), 50, 'duplicate').status).toBe('duplicate');
		expect(savedOutcome(result(), 50, 'failed')).toEqual({
			status: 'error',
			text: 'Ada Lovelace, attempt 1: could not be saved on this device.'
		});
	});
});

describe('CSV exports', () => {
	it('writes the gradebook with the pass mark deciding Passed', () => {
		const row = {
			student: '=Eve',
			attempts: 2,
			best: 75.04,
			last: 40,
			totalTimeMs: 61_400,
			submittedAt: 0,
			late: false,
			lateAttempts: 0
		};
		const csv = gradebookCsv([row], 75).split('\r\n');
		expect(csv[1]).toBe("'=Eve,2,75,40,TRUE,61,1970-01-01T00:00:00.000Z,FALSE,0");
		expect(gradebookCsv([row], 80).split('\r\n')[1]).toContain(',FALSE,61,');
	});
	it('writes the item analysis with each item named by the label given', () => {
		const stats: ItemStats[] = [
			{
				itemId: 'q1',
				type: 'single',
				attempts: 4,
				facility: 0.5,
				sd: 0.5,
				discrimination: 0.333,
				options: [
					{ option: 'A', correct: true, count: 2 },
					{ option: 'B', correct: false, count: 2 }
				],
				noResponse: 0,
				otherChoices: 0,
				flags: []
			}
		];
		const item: SetQuizItem = {
			id: 'q1',
			type: 'single',
			topic: 'general',
			difficulty: 1,
			voice: 'fact',
			tags: [],
			prompt: 'Which?',
			choices: ['A', 'B'],
			answer: 'A'
		};
		const line = analysisCsv(stats, [item], (i) => `label of ${i.id}`).split('\r\n')[1];
		expect(line).toBe('1,q1,label of q1,single,4,50,0.33,A (right): 2; B: 2,,0,,');
	});
});
