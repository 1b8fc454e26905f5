import { describe, expect, it } from 'vitest';
import { splitAroundQuote } from './highlight';

describe('splitAroundQuote', () => {
	it('finds a quote written with straight quotes in a paragraph with typographic ones', () => {
		const text = 'It looks quite “reasonable”. In fact, it is not.';
		expect(splitAroundQuote(text, 'looks quite "reasonable".')).toEqual({
			before: 'It ',
			match: 'looks quite “reasonable”.',
			after: ' In fact, it is not.'
		});
	});

	it('returns null when the quote is absent', () => {
		expect(splitAroundQuote('The treaty was signed.', 'was ratified')).toBeNull();
	});
});
