import { describe, expect, it } from 'vitest';
import {
	findQuote,
	paragraphRuns,
	sentenceRanges,
	sentencesOfQuote,
	splitAroundQuote
} from './highlight';

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

describe('findQuote', () => {
	it('matches across a run of spaces and returns positions in the original text', () => {
		const text = 'The US’s   attitude changed.';
		const at = findQuote(text, "US's attitude");
		expect(at).not.toBeNull();
		expect(text.slice(at!.start, at!.end)).toBe('US’s   attitude');
	});
});

describe('sentenceRanges', () => {
	const parts = (text: string) => sentenceRanges(text).map((r) => text.slice(r.start, r.end));

	it('does not end a sentence at an initial or a rank, but does after "U.S."', () => {
		expect(parts('Mayor Roswell B. Mason declared martial law. Lt. Col. Ames agreed.')).toEqual([
			'Mayor Roswell B. Mason declared martial law.',
			'Lt. Col. Ames agreed.'
		]);
		expect(parts('He moved to the U.S. The next year he left.')).toEqual([
			'He moved to the U.S.',
			'The next year he left.'
		]);
	});

	it('splits at a full stop, question or exclamation mark before a capital or a quote', () => {
		expect(parts('One. Two? “Three!” Four')).toEqual(['One.', 'Two?', '“Three!”', 'Four']);
		expect(parts('It looks quite “reasonable”. In fact, no.')).toEqual([
			'It looks quite “reasonable”.',
			'In fact, no.'
		]);
	});

	it('does not split after abbreviations or before a number or a small letter', () => {
		expect(
			parts('Taken on Dec. 8, 1987 shows U.S. president Reagan in Washington D.C., the US.')
		).toEqual(['Taken on Dec. 8, 1987 shows U.S. president Reagan in Washington D.C., the US.']);
		expect(parts('Ask Mr. Smith. He knows.')).toEqual(['Ask Mr. Smith.', 'He knows.']);
	});

	it('treats each line as a sentence', () => {
		expect(parts('Title?\nOutlet\nBy Someone')).toEqual(['Title?', 'Outlet', 'By Someone']);
	});
});

describe('sentencesOfQuote', () => {
	it('names every sentence a quote touches', () => {
		const text = 'One here. Two there. Three.';
		expect(sentencesOfQuote(text, 'Two there')).toEqual([1]);
		expect(sentencesOfQuote(text, 'here. Two')).toEqual([0, 1]);
		expect(sentencesOfQuote(text, 'Four')).toEqual([]);
	});
});

describe('paragraphRuns', () => {
	const text = 'One fact. A claim here. Another fact.';
	const marks = [{ start: 10, end: 23, voices: ['claim'] }];

	it('cuts plain runs around each marked sentence', () => {
		expect(paragraphRuns(text, marks, null).map((r) => [r.text, r.voices])).toEqual([
			['One fact. ', null],
			['A claim here.', ['claim']],
			[' Another fact.', null]
		]);
	});

	it('puts the highlighted quote in the run that holds it', () => {
		const runs = paragraphRuns(text, marks, 'claim here');
		expect(runs.map((r) => r.quote)).toEqual([
			null,
			{ before: 'A ', match: 'claim here', after: '.' },
			null
		]);
		expect(paragraphRuns(text, [], 'Another')[0]!.quote).toEqual({
			before: 'One fact. A claim here. ',
			match: 'Another',
			after: ' fact.'
		});
	});
});
