import { describe, expect, it } from 'vitest';
import { bankStats, GOALS } from './stats';
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
