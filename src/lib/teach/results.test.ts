import { describe, expect, it } from 'vitest';
import type { SetQuizItem } from '../bank/set';
import type { ItemStats } from './analysis';
import { splitCodes } from './codes';
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
	it('labels pasted codes by position, and says so when nothing was pasted', () => {
		expect(entriesFromText('Q1:a Q1:b', splitCodes)).toEqual([
			{ label: 'Code 1', code: 'Q1:a' },
			{ label: 'Code 2', code: 'Q1:b' }
		]);
		expect(entriesFromText('  ', splitCodes)).toEqual([
			{ label: 'Nothing to import', code: '', error: 'Paste one or more result codes first.' }
		]);
	});

	it('gives each code in a file an entry, and one entry naming a file with none or too large', async () => {
		const files = [
			new File(['Q1:a\nQ1:b'], 'two.quire-result'),
			new File(['hello'], 'note.txt'),
			new File([new Uint8Array(MAX_RESULT_FILE + 1)], 'big.quire-result')
		];
		const entries = await entriesFromFiles(files, splitCodes);
		expect(entries.map((e) => [e.label, e.code])).toEqual([
			['two.quire-result (1)', 'Q1:a'],
			['two.quire-result (2)', 'Q1:b'],
			['note.txt', ''],
			['big.quire-result', '']
		]);
		expect(entries[2]?.error).toMatch(/no result code in this file/);
		expect(entries[3]?.error).toMatch(/too large/);
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
