import { describe, expect, it } from 'vitest';
import { bankStats, choiceStats, GOALS } from './stats';
import type { QuizItem } from './schema';

const item = (
	id: string,
	level: QuizItem['level'],
	paragraph: string,
	sources: QuizItem['sources'] = []
): QuizItem => ({
	id,
	type: 'truefalse',
	prompt: 'A statement.',
	answer: true,
	explanation: 'Because.',
	source: 'x',
	paragraph,
	sources,
	topic: 't',
	difficulty: 2,
	voice: level === 'analysis' ? 'claim' : 'fact',
	level,
	tags: []
});
// p1 has 3 words (75% of the text), p2 has 1 (25%).
const paragraphs = [
	{ id: 'p1', kind: 'body' as const, n: 1, text: 'one two three' },
	{ id: 'p2', kind: 'body' as const, n: 2, text: 'four' }
];

describe('bankStats', () => {
	it('weighs each paragraph by words and splits an item citing several quotes', () => {
		const stats = bankStats({
			paragraphs,
			items: [
				item('a', 'recall', 'p1'),
				item('b', 'analysis', 'p1', [{ paragraph: 'p2', quote: 'y' }])
			],
			flashcards: []
		});
		expect(stats.paragraphs.map((p) => [p.id, p.share, p.items, p.ratio])).toEqual([
			['p1', 0.75, 1.5, 1],
			['p2', 0.25, 0.5, 1]
		]);
		expect(stats.level.recall.items).toBe(1);
		expect(stats.voice.claim.items).toBe(1);
		expect(stats.recallShare).toBe(0.5);
	});

	it('flags a paragraph over twice its share and a bank mostly of recall', () => {
		const stats = bankStats({
			paragraphs,
			items: [
				item('a', 'recall', 'p2'),
				item('b', 'recall', 'p2'),
				item('c', 'understanding', 'p1')
			],
			flashcards: []
		});
		// p2: 2/3 of the items for 1/4 of the words.
		expect(stats.overweight.map((p) => p.id)).toEqual(['p2']);
		expect(stats.overweight[0]!.ratio).toBeGreaterThan(GOALS.maxOverweight);
		expect(stats.recallOk).toBe(false);
	});
});

describe('choiceStats', () => {
	const common: Omit<Extract<QuizItem, { type: 'truefalse' }>, 'id' | 'type' | 'answer'> = {
		prompt: 'Which?',
		explanation: 'Because.',
		source: 'x',
		paragraph: 'p1',
		sources: [],
		topic: 't',
		difficulty: 2,
		voice: 'fact',
		level: 'recall',
		tags: []
	};
	const single = (id: string, choices: string[], answer: string): QuizItem => ({
		...common,
		id,
		type: 'single',
		choices,
		answer
	});
	const tf = (id: string, answer: boolean): QuizItem => ({
		...common,
		id,
		type: 'truefalse',
		answer
	});

	it('counts stored key positions, longest keys, true/false answers and options', () => {
		const stats = choiceStats([
			single('a', ['The long right answer', 'No', 'Nope'], 'The long right answer'),
			single('b', ['Short', 'A longer wrong one', 'Other'], 'Short'),
			{ ...common, id: 'c', type: 'multi', choices: ['w', 'x', 'y', 'z'], answers: ['x', 'z'] },
			tf('d', true),
			tf('e', false)
		]);
		expect(stats.singles).toBe(2);
		expect(stats.longestKey).toBe(1);
		expect(stats.keyPositions).toEqual({ 1: 2, 2: 1, 4: 1 });
		expect(stats.keys).toBe(4);
		expect(stats.trueFalse).toEqual({ true: 1, false: 1 });
		expect(stats.options).toEqual({ 3: 2, 4: 1 });
		expect(stats.trueFalseOk).toBe(true);
		expect(stats.optionsOk).toBe(true);
		// Half the keys sit first, and half the singles have the longest key: both goals missed.
		expect(stats.keyPositionOk).toBe(false);
		expect(stats.longestKeyOk).toBe(false);
	});

	it('flags every key stored first, a one-sided true/false set and six options', () => {
		const six = ['k', 'b', 'c', 'd', 'e', 'f'];
		const stats = choiceStats([
			single('a', six, 'k'),
			single('b', ['k', 'bb', 'cc'], 'k'),
			tf('c', false),
			tf('d', false),
			tf('e', true)
		]);
		expect(stats.keyPositions).toEqual({ 1: 2 });
		expect(stats.keyPositionOk).toBe(false);
		expect(stats.trueFalseOk).toBe(false);
		expect(stats.optionsOk).toBe(false);
		expect(stats.longestKeyOk).toBe(true);
	});
});
