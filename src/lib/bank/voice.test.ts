import { describe, expect, it } from 'vitest';
import { attributionCue, citations, voiceMarks } from './voice';
import type { FlashcardT, QuizItem } from './schema';

describe('attributionCue', () => {
	it.each([
		'According to the author, the US wants new missiles.',
		'according to the article, Europe will be under pressure',
		'The author argues that the treaty failed.',
		'The article predicts Russian retaliation.',
		'In the author’s view, the review lowers the threshold.',
		"The author's verdict on the review",
		'Fill in the blanks in the author’s prediction.',
		'What does the author mean by “shackles”?',
		'Ling Shengli claims the US feels superior.'
	])('finds a cue in %j', (text) => {
		expect(attributionCue(text)).not.toBeNull();
	});

	it.each([
		'The US wants new missiles.',
		'The treaty was signed in 1987.',
		'Fill in the blanks.',
		'The author is the secretary-general at the center.',
		'Who wrote the article?'
	])('finds none in %j', (text) => {
		expect(attributionCue(text)).toBeNull();
	});
});

const base = {
	explanation: 'The author says so.',
	topic: 't',
	difficulty: 2 as const,
	level: 'recall' as const,
	tags: []
};
const tf = (id: string, voice: QuizItem['voice'], paragraph: string, source: string): QuizItem => ({
	...base,
	id,
	type: 'truefalse',
	prompt: 'According to the author, it is so.',
	answer: true,
	voice,
	paragraph,
	source
});

describe('citations', () => {
	it('lists the source first, then the further quotes', () => {
		const item = { ...tf('a', 'fact', 'p1', 'One'), sources: [{ paragraph: 'p2', quote: 'Two' }] };
		expect(citations(item)).toEqual([
			{ paragraph: 'p1', quote: 'One' },
			{ paragraph: 'p2', quote: 'Two' }
		]);
	});
});

describe('voiceMarks', () => {
	const paragraphs = [
		{
			id: 'p1',
			kind: 'body' as const,
			n: 1,
			text: 'The pact was signed in 1987. It was a “mistake”. Russia will retaliate.'
		},
		{ id: 'p2', kind: 'body' as const, n: 2, text: 'Talks failed. Nobody came.' }
	];

	it('marks each sentence a claim or prediction quotes as its source, with its voices, and nothing for facts', () => {
		const card: FlashcardT = {
			...base,
			id: 'c',
			front: 'According to the author?',
			back: 'Yes',
			reverse: false,
			voice: 'prediction',
			paragraph: 'p1',
			source: 'It was a "mistake"'
		};
		const marks = voiceMarks({
			paragraphs,
			items: [
				tf('fact', 'fact', 'p1', 'signed in 1987'),
				tf('claim', 'claim', 'p1', 'a “mistake”'),
				{
					...tf('pred', 'prediction', 'p1', 'Russia will retaliate'),
					sources: [{ paragraph: 'p2', quote: 'Talks failed' }]
				}
			],
			flashcards: [card]
		});
		const text = paragraphs[0]!.text;
		expect(marks.get('p1')!.map((m) => [text.slice(m.start, m.end), m.voices])).toEqual([
			['It was a “mistake”.', ['claim', 'prediction']],
			['Russia will retaliate.', ['prediction']]
		]);
		// A further quote backs the entry; only its source is the claim or prediction.
		expect(marks.has('p2')).toBe(false);
	});
});
