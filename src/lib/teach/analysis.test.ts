import { describe, expect, it } from 'vitest';
import type { QuizItem } from '../bank/schema';
import {
	analyseItems,
	analysisAttempts,
	gradebook,
	pearson,
	sampleSd,
	scoreResult,
	studentKey,
	type AnalysisAttempt
} from './analysis';
import type { StudentResult } from './crypto';

const base = {
	explanation: 'Because.',
	source: 'As written.',
	paragraph: 'p-1',
	topic: 'treaty',
	difficulty: 1 as const,
	voice: 'fact' as const,
	level: 'recall' as const,
	tags: []
};

const A: QuizItem = {
	...base,
	id: 'item-a',
	type: 'single',
	prompt: 'When was the ABM Treaty signed?',
	choices: ['1972', '1979', '1991'],
	answer: '1972'
};
const B: QuizItem = {
	...base,
	id: 'item-b',
	type: 'multi',
	prompt: 'Which did the treaty restrict?',
	choices: ['Land', 'Sea', 'Air', 'Space'],
	answers: ['Land', 'Sea']
};
const C: QuizItem = {
	...base,
	id: 'item-c',
	type: 'truefalse',
	prompt: 'The treaty is still in force.',
	answer: false
};
const D: QuizItem = {
	...base,
	id: 'item-d',
	type: 'short',
	prompt: 'Who withdrew?',
	answer: 'United States',
	accept: []
};

function attempt(student: string, a: number, b: number, c: number): AnalysisAttempt {
	return { student, itemScores: { 'item-a': a, 'item-b': b, 'item-c': c } };
}

describe('analyseItems against a hand-computed example', () => {
	/*
	 * Four students, three items (scores are shares of the item's marks):
	 *
	 *          A     B     C    total
	 *   S1     1     0     1      2
	 *   S2     1     0     1      2
	 *   S3     1     1     0      2
	 *   S4     0     0.5   0      0.5
	 *
	 * Item A: x = [1, 1, 1, 0], rest = B + C = [1, 1, 1, 0.5]
	 *   facility = 3/4 = 0.75
	 *   dx = [.25, .25, .25, -.75], Σdx² = 3(.0625) + .5625 = .75 → sd = √(.75/3) = √.25 = 0.5
	 *   mean rest = 3.5/4 = .875, dy = [.125, .125, .125, -.375] = dx/2 exactly → r = 1
	 *
	 * Item B: x = [0, 0, 1, .5], rest = A + C = [2, 2, 1, 0]
	 *   facility = 1.5/4 = 0.375
	 *   dx = [-.375, -.375, .625, .125], Σdx² = .140625 + .140625 + .390625 + .015625 = .6875
	 *   sd = √(.6875/3) = √.2291667 = 0.4787136
	 *   mean rest = 5/4 = 1.25, dy = [.75, .75, -.25, -1.25], Σdy² = .5625·2 + .0625 + 1.5625 = 2.75
	 *   Σdxdy = -.28125 - .28125 - .15625 - .15625 = -.875
	 *   r = -.875 / √(.6875 · 2.75) = -.875 / √1.890625 = -.875 / 1.375 = -7/11 = -0.6363636
	 *
	 * Item C: x = [1, 1, 0, 0], rest = A + B = [1, 1, 2, .5]
	 *   facility = 2/4 = 0.5
	 *   dx = [.5, .5, -.5, -.5], Σdx² = 1 → sd = √(1/3) = 0.5773503
	 *   mean rest = 4.5/4 = 1.125, dy = [-.125, -.125, .875, -.625]
	 *   Σdy² = .015625 + .015625 + .765625 + .390625 = 1.1875
	 *   Σdxdy = -.0625 - .0625 - .4375 + .3125 = -.25
	 *   r = -.25 / √(1 · 1.1875) = -.25 / 1.0897247 = -0.2294157
	 */
	const attempts = [
		attempt('S1', 1, 0, 1),
		attempt('S2', 1, 0, 1),
		attempt('S3', 1, 1, 0),
		attempt('S4', 0, 0.5, 0)
	];
	const [a, b, c] = analyseItems(attempts, [A, B, C]);

	it('facility index', () => {
		expect(a?.facility).toBeCloseTo(0.75, 10);
		expect(b?.facility).toBeCloseTo(0.375, 10);
		expect(c?.facility).toBeCloseTo(0.5, 10);
	});

	it('standard deviation (n − 1)', () => {
		expect(a?.sd).toBeCloseTo(0.5, 10);
		expect(b?.sd).toBeCloseTo(0.4787136, 6);
		expect(c?.sd).toBeCloseTo(0.5773503, 6);
	});

	it('discrimination index against the rest of the test', () => {
		expect(a?.discrimination).toBeCloseTo(1, 10);
		expect(b?.discrimination).toBeCloseTo(-7 / 11, 10);
		expect(c?.discrimination).toBeCloseTo(-0.2294157, 6);
	});

	it('flags', () => {
		expect(a?.flags).toEqual([]);
		expect(b?.flags).toEqual(['negative discrimination']);
		expect(c?.flags).toEqual(['negative discrimination']);
		expect(a?.attempts).toBe(4);
	});
});

describe('analyseItems edge cases', () => {
	it('flags too easy and too hard, with no discrimination when nobody differs', () => {
		const attempts = [
			attempt('S1', 1, 0, 1),
			attempt('S2', 1, 0, 0),
			attempt('S3', 1, 0, 1),
			attempt('S4', 1, 0, 0)
		];
		const [a, b] = analyseItems(attempts, [A, B, C]);
		expect(a).toMatchObject({ facility: 1, sd: 0, discrimination: null, flags: ['too easy'] });
		expect(b).toMatchObject({ facility: 0, discrimination: null, flags: ['too hard'] });
	});

	it('gives nulls below two attempts and with none', () => {
		const [one] = analyseItems([attempt('S1', 1, 1, 1)], [A]);
		expect(one).toMatchObject({ attempts: 1, facility: 1, sd: null, discrimination: null });
		const [none] = analyseItems([], [A]);
		expect(none).toMatchObject({ attempts: 0, facility: null, sd: null, flags: [] });
	});

	it('skips attempts without a score for the item and clamps stray scores', () => {
		const attempts: AnalysisAttempt[] = [
			{ student: 'S1', itemScores: { 'item-a': 1.5 } },
			{ student: 'S2', itemScores: { 'item-a': -1 } },
			{ student: 'S3', itemScores: { 'item-a': Number.NaN } },
			{ student: 'S4', itemScores: {} }
		];
		expect(analyseItems(attempts, [A])[0]).toMatchObject({ attempts: 2, facility: 0.5 });
	});

	it('counts option picks for single, multi and truefalse items', () => {
		const attempts: AnalysisAttempt[] = [
			{
				student: 'S1',
				itemScores: { 'item-a': 1, 'item-b': 1, 'item-c': 1, 'item-d': 1 },
				choices: { 'item-a': '1972', 'item-b': ['Land', 'Sea'], 'item-c': 'false' }
			},
			{
				student: 'S2',
				itemScores: { 'item-a': 0, 'item-b': 0, 'item-c': 0, 'item-d': 0 },
				choices: { 'item-a': '1991', 'item-b': ['Air', 'Air', 'Moon'], 'item-c': 'True' }
			},
			{
				student: 'S3',
				itemScores: { 'item-a': 0, 'item-b': 0, 'item-c': 0 },
				choices: { 'item-a': '1991', 'item-b': [] }
			}
		];
		const [a, b, c, d] = analyseItems(attempts, [A, B, C, D]);
		expect(a?.options).toEqual([
			{ option: '1972', correct: true, count: 1 },
			{ option: '1979', correct: false, count: 0 },
			{ option: '1991', correct: false, count: 2 }
		]);
		expect(b?.options?.map((o) => [o.option, o.correct, o.count])).toEqual([
			['Land', true, 1],
			['Sea', true, 1],
			['Air', false, 1],
			['Space', false, 0]
		]);
		expect(b).toMatchObject({ noResponse: 1, otherChoices: 1 });
		expect(c?.options).toEqual([
			{ option: 'True', correct: false, count: 1 },
			{ option: 'False', correct: true, count: 1 }
		]);
		expect(c?.noResponse).toBe(1);
		expect(d?.options).toBeNull();
	});
});

describe('pearson and sampleSd', () => {
	it('match textbook values', () => {
		expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
		expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
		expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
		// 0.1 + 0.1 + 0.1 leaves float noise in the deviations; it is not real spread.
		expect(pearson([0.1, 0.1, 0.1], [1, 2, 3])).toBeNull();
		expect(sampleSd([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 12);
	});
});

function result(
	student: string,
	attempt: number,
	submittedAt: number,
	answers: StudentResult['answers'],
	late = false
): StudentResult {
	return {
		v: 1,
		assignmentId: 'k3Jx9QpZ',
		student,
		answers,
		startedAt: submittedAt - 60_000,
		submittedAt,
		late,
		attempt
	};
}

const right = (ms = 1000): StudentResult['answers'] => [
	{ itemId: 'item-a', answer: { type: 'single', choice: '1972' }, score: 1, timeMs: ms },
	{ itemId: 'item-b', answer: { type: 'multi', choices: ['Land', 'Sea'] }, score: 1, timeMs: ms },
	{ itemId: 'item-c', answer: { type: 'truefalse', value: false }, score: 1, timeMs: ms },
	{ itemId: 'item-d', answer: { type: 'short', text: 'the united states' }, score: 1, timeMs: ms }
];

describe('scoreResult', () => {
	it('re-scores answers instead of trusting the reported score', () => {
		const claimed = result('Ana', 1, 1000, [
			{ itemId: 'item-a', answer: { type: 'single', choice: '1991' }, score: 1, timeMs: 500 },
			{ itemId: 'item-a', answer: { type: 'single', choice: '1972' }, score: 1, timeMs: 500 },
			{ itemId: 'item-b', answer: { type: 'multi', choices: ['Land'] }, score: 1, timeMs: 500 },
			{ itemId: 'not-assigned', answer: null, score: 1, timeMs: 500 }
		]);
		const s = scoreResult(claimed, [A, B, C, D]);
		expect(s.itemScores).toEqual({ 'item-a': 0, 'item-b': 0.5 });
		// (0 + 0.5 + 0 + 0) / 4 items = 12.5 %
		expect(s.percent).toBeCloseTo(12.5, 10);
		expect(s.timeMs).toBe(2000);
		expect(s.choices).toEqual({ 'item-a': '1991', 'item-b': ['Land'] });
	});
});

describe('gradebook', () => {
	const items = [A, B, C, D];
	const half = right().map((a, i) => (i < 2 ? a : { ...a, answer: null }));
	const results = [
		result('Ben Okafor', 1, 5_000, half, false),
		result('ben  okafor ', 2, 9_000, right(2000), true),
		result('Ana López', 1, 7_000, right(500)),
		result('Ana López', 1, 7_000, right(500)),
		result('Ben Okafor', 3, 12_000, half, true)
	];

	it('summarises each student once, sorted by name', () => {
		expect(gradebook(results, items)).toEqual([
			{
				student: 'Ana López',
				attempts: 1,
				best: 100,
				last: 100,
				totalTimeMs: 2000,
				submittedAt: 7_000,
				late: false,
				lateAttempts: 0
			},
			{
				student: 'Ben Okafor',
				attempts: 3,
				best: 100,
				last: 50,
				totalTimeMs: 4000 + 8000 + 4000,
				submittedAt: 12_000,
				late: true,
				lateAttempts: 2
			}
		]);
	});

	it('feeds item analysis with the chosen attempt', () => {
		const first = analysisAttempts(results, items, 'first');
		expect(first.map((a) => [a.student, a.itemScores['item-c']])).toEqual([
			['Ben Okafor', 0],
			['Ana López', 1]
		]);
		expect(analysisAttempts(results, items, 'best').map((a) => a.itemScores['item-c'])).toEqual([
			1, 1
		]);
		expect(analysisAttempts(results, items, 'last').map((a) => a.itemScores['item-c'])).toEqual([
			0, 1
		]);
		expect(analysisAttempts(results, items, 'all')).toHaveLength(4);
		expect(first[1]?.choices).toEqual({
			'item-a': '1972',
			'item-b': ['Land', 'Sea'],
			'item-c': 'false'
		});
	});

	it('folds spacing and case in names', () => {
		expect(studentKey('  Ana   LÓPEZ ')).toBe(studentKey('ana lópez'));
	});
});
