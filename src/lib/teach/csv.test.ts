import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
	it('joins fields with commas and ends every line with CRLF', () => {
		expect(
			toCsv([
				['name', 'score'],
				['Ana', 92]
			])
		).toBe('name,score\r\nAna,92\r\n');
		expect(toCsv([])).toBe('');
	});

	it('quotes fields holding a comma, quote, CR or LF, doubling quotes', () => {
		expect(toCsv([['López, Ana']])).toBe('"López, Ana"\r\n');
		expect(toCsv([['say "hi"']])).toBe('"say ""hi"""\r\n');
		expect(toCsv([['two\nlines']])).toBe('"two\nlines"\r\n');
		expect(toCsv([['a\r\nb']])).toBe('"a\r\nb"\r\n');
		expect(toCsv([['plain text']])).toBe('plain text\r\n');
	});

	it('neutralises formula injection in strings', () => {
		expect(toCsv([['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx']])).toBe(
			"'=1+1,'+SUM(A1),'-2+3,'@cmd,'\tx,\"'\rx\"\r\n"
		);
		expect(toCsv([['=HYPERLINK("http://x","y")']])).toBe('"\'=HYPERLINK(""http://x"",""y"")"\r\n');
		expect(toCsv([['a=b', 'x-1']])).toBe('a=b,x-1\r\n');
	});

	it('writes numbers, booleans and nulls as values', () => {
		expect(toCsv([[-5, 0.25, 1e21, true, false, null, Number.NaN, Infinity]])).toBe(
			'-5,0.25,1e+21,TRUE,FALSE,,,\r\n'
		);
	});
});
