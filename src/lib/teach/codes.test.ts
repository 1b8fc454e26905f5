import { describe, expect, it } from 'vitest';
import { splitCodes } from './codes';

describe('splitCodes', () => {
	it('splits codes on whitespace and new lines', () => {
		expect(splitCodes(' Q1:abc\n\nQ1:def  Q1:ghi\n')).toEqual(['Q1:abc', 'Q1:def', 'Q1:ghi']);
	});
	it('keeps a code wrapped across lines together', () => {
		expect(splitCodes('Q1:abc\ndef\nQ1:ghi')).toEqual(['Q1:abc\ndef', 'Q1:ghi']);
	});
	it('keeps stray words before the first code, one entry each, so each gets a message', () => {
		expect(splitCodes('hello there Q1:abc')).toEqual(['hello', 'there', 'Q1:abc']);
	});
	it('finds nothing in blank text', () => {
		expect(splitCodes('  \n ')).toEqual([]);
	});
});
