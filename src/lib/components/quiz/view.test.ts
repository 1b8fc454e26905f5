import { describe, expect, it } from 'vitest';
import { verdictText } from './view';

describe('verdictText', () => {
	it('reads right, partly right and wrong', () => {
		expect(verdictText({ correct: true, score: 1, expected: 'x' })).toBe('Correct');
		expect(verdictText({ correct: false, score: 0.5, expected: 'x' })).toBe('Partly right (50%)');
		expect(verdictText({ correct: false, score: 0, expected: 'x' })).toBe('Not quite');
	});

	it('spaces the spelling hint from the verdict', () => {
		expect(verdictText({ correct: false, score: 0, expected: 'x', hint: 'close' })).toBe(
			'Not quite — close, check your spelling'
		);
	});
});
