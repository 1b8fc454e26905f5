import { describe, expect, it } from 'vitest';
import { checkSetEntry } from '../bank/set';
import { toBankItem } from '../bank/formats/item';
import { multi, numeric, short, single } from './fixtures';
import { scoreAnswer } from './score';

describe('partial credit and per-answer feedback', () => {
	it('single: a choice worth 50% gives half, each choice its own feedback', () => {
		const item = {
			...single,
			weights: [100, 50, 0, -50],
			feedback: ['Yes.', 'Close: it is the second city.', '', 'No: Lille is in the north.']
		};
		const pick = (choice: string) => scoreAnswer(item, { type: 'single', choice });
		expect(pick('Paris')).toMatchObject({ score: 1, correct: true, feedback: ['Yes.'] });
		expect(pick('Lyon')).toMatchObject({
			score: 0.5,
			correct: false,
			feedback: ['Close: it is the second city.']
		});
		// An empty feedback is none; a negative weight scores 0, never less.
		expect(pick('Nice')).toEqual({ score: 0, correct: false, expected: 'Paris' });
		expect(pick('Lille').score).toBe(0);
	});

	it('multi: Moodle percentages add up, negative weights take away, the total is clamped', () => {
		const item = {
			...multi,
			choices: ['2', '3', '5', '4'],
			answers: ['2', '3', '5'],
			weights: [33.333, 33.333, 33.333, -100],
			feedback: ['', '', 'Yes, 5 is prime.', '4 = 2 × 2.']
		};
		const pick = (...choices: string[]) => scoreAnswer(item, { type: 'multi', choices });
		expect(pick('2', '3', '5')).toMatchObject({ score: 1, correct: true });
		expect(pick('2', '5').score).toBeCloseTo(0.66666, 4);
		expect(pick('2', '4')).toMatchObject({ score: 0, feedback: ['4 = 2 × 2.'] });
		expect(pick('5', '4').feedback).toEqual(['Yes, 5 is prime.', '4 = 2 × 2.']);
		// Without weights, scoring is as before: (right − wrong) / number right.
		expect(scoreAnswer(multi, { type: 'multi', choices: ['2', '4'] }).score).toBe(0);
	});

	it('short: a weighted form earns its part, a known wrong form its feedback', () => {
		const item = {
			...short,
			responses: [
				{ answer: 'Eifel Tower', weight: 75, feedback: 'Spelled with two f.' },
				{ answer: 'Big Ben', weight: 0, feedback: 'That one is in London.' }
			]
		};
		const type = (text: string) => scoreAnswer(item, { type: 'short', text });
		expect(type('Eiffel Tower')).toMatchObject({ score: 1, correct: true });
		expect(type('eifel tower')).toMatchObject({
			score: 0.75,
			correct: false,
			feedback: ['Spelled with two f.']
		});
		expect(type('Big Ben')).toMatchObject({ score: 0, feedback: ['That one is in London.'] });
		expect(type('Louvre')).toEqual({ score: 0, correct: false, expected: 'Eiffel Tower' });
	});

	it('numeric: several answers, each with its tolerance, weight and feedback', () => {
		const item = {
			...numeric,
			responses: [
				{ answer: 5000, tolerance: 400, weight: 50, feedback: 'Roughly: it is 5,500.' },
				{ answer: 550, tolerance: 0, weight: 0, feedback: 'Ten times more.' }
			]
		};
		const type = (value: string) => scoreAnswer(item, { type: 'numeric', value });
		expect(type('5,500')).toMatchObject({ score: 1, correct: true });
		expect(type('5 300')).toMatchObject({ score: 0.5, feedback: ['Roughly: it is 5,500.'] });
		expect(type('550')).toMatchObject({ score: 0, feedback: ['Ten times more.'] });
		expect(type('7000').score).toBe(0);
	});

	it('is checked: one weight and one feedback per choice, the key at 100%, the answers positive', () => {
		const problems = (entry: object) =>
			checkSetEntry('item', entry, null, false, true)
				.problems.filter((p) => !p.editorial)
				.map((p) => `${p.path.join('.')}: ${p.message}`);
		expect(problems({ ...single, weights: [100, 50] })).toContain(
			'weights: needs one weight per choice (4)'
		);
		expect(problems({ ...single, weights: [50, 100, 0, 0] })).toContain(
			'weights.0: the answer must be worth 100%'
		);
		expect(problems({ ...single, feedback: ['a'] })).toContain(
			'feedback: needs one feedback per choice (4)'
		);
		expect(problems({ ...multi, weights: [50, 50, 50, -100] })).toContain(
			'answers: the answers must be exactly the choices with a positive weight'
		);
		expect(problems({ ...multi, weights: [50, 50, -100, -100] })).toEqual([]);
		const imported = toBankItem({ ...multi, weights: [100, 0, 0, 0] }, 1 << 20);
		expect(imported.ok).toBe(false);
	});

	it('reads stored items from before: no weights, no feedback, no responses', () => {
		expect(checkSetEntry('item', single, null, false, true).entry).toEqual(single);
		expect(scoreAnswer(short, { type: 'short', text: 'Tour Eiffel' }).score).toBe(1);
	});
});
