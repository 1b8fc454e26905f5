import { describe, expect, it } from 'vitest';
import { findCodes, type Finding } from './codes';

/** Codes shaped like real ones: "Q1:" and a long base64url body. */
const A = 'Q1:BKx3kQ9aTr_-' + 'a'.repeat(60);
const B = 'Q1:BFz0Pp8mUu-_' + 'b'.repeat(60);
const C = 'Q1:BNn7Yc2eWw__' + 'c'.repeat(60);

/** Each code found as [line, longest reading], and headless lines as [line, 'headless']. */
const found = (text: string) =>
	findCodes(text).map((f: Finding) =>
		f.kind === 'code' ? [f.line, f.readings[0]!.code] : [f.line, 'headless']
	);

describe('findCodes', () => {
	it('finds one code per line, with its line number', () => {
		expect(found(`${A}\n${B}\r\n\n${C}\n`)).toEqual([
			[1, A],
			[2, B],
			[4, C]
		]);
	});

	it('finds codes in the text of an email, with prose, punctuation and quoted lines around them', () => {
		const email = [
			'Hi Ms Rivera,',
			'',
			`Here is my code: ${A}. Sorry it is late!`,
			'On Monday, Sam wrote:',
			`> My code is ${B}`,
			'> Thanks',
			'Q1: I did not understand question 1.'
		].join('\n');
		const codes = findCodes(email).filter((f) => f.kind === 'code');
		expect(codes.map((f) => f.line)).toEqual([3, 5]);
		expect(codes[0]?.readings.map((r) => r.code)).toEqual([A]);
		// "Thanks" may be the end of a wrapped code: the decoder tries it, then the code alone.
		expect(codes[1]?.readings.map((r) => r.code)).toEqual([`${B}Thanks`, B]);
	});

	it('finds codes in a spreadsheet column pasted or saved as CSV or tab-separated text', () => {
		const csv = `Name,Email,Code\nAda,ada@example.org,"${A}"\n"Bo, Jr.",bo@example.org,${B}\n`;
		expect(found(csv)).toEqual([
			[2, A],
			[3, B]
		]);
		expect(found(`Ada\t${A}\nBo\t${B}`)).toEqual([
			[1, A],
			[2, B]
		]);
	});

	it('joins a code that a mail or chat app wrapped across lines, and says which lines', () => {
		const wrapped = `${A.slice(0, 30)}\n> ${A.slice(30, 60)}\n${A.slice(60)}\n\nBye`;
		const [f] = findCodes(wrapped);
		expect(f?.kind === 'code' && f.readings).toEqual([
			{ code: A, endLine: 3 },
			{ code: A.slice(0, 60), endLine: 2 },
			{ code: A.slice(0, 30), endLine: 1 }
		]);
	});

	it('joins a code that a saved email (.eml) wrapped with quoted-printable soft line breaks', () => {
		const eml = `Content-Transfer-Encoding: quoted-printable\n\nMy code: ${A.slice(0, 40)}=\n${A.slice(40, 70)}=\n${A.slice(70)}\nThanks`;
		const codes = findCodes(eml).filter((f) => f.kind === 'code');
		expect(codes.map((f) => f.readings[0]?.code)).toEqual([`${A}Thanks`]);
		expect(codes[0]?.readings[1]).toEqual({ code: A, endLine: 5 });
	});

	it('splits codes glued together and keeps a space typed after the colon', () => {
		expect(found(`${A}${B}`)).toEqual([
			[1, A],
			[1, B]
		]);
		expect(found(`Q1: ${A.slice(3)}`)).toEqual([[1, A]]);
	});

	it('drops zero-width characters and soft hyphens slipped into a code', () => {
		expect(found(`${A.slice(0, 20)}\u200b${A.slice(20, 40)}\u00ad${A.slice(40)}`)).toEqual([
			[1, A]
		]);
	});

	it('keeps a short or truncated code that stands on its own line, so it is refused by name', () => {
		expect(found('Q1:abc\nQ2:xyz\nQ1:')).toEqual([
			[1, 'Q1:abc'],
			[2, 'Q2:xyz'],
			[3, 'Q1:']
		]);
	});

	it('reports a line that is a code without its start, and ignores prose and links', () => {
		const text = `${A.slice(3)}\nsee https://quire.example/a#1${'x'.repeat(80)}\nshort`;
		expect(found(text)).toEqual([[1, 'headless']]);
	});

	it('finds nothing in blank text or text without codes', () => {
		expect(findCodes('  \n ')).toEqual([]);
		expect(findCodes('Dear teacher, here is nothing. FAQ1: none')).toEqual([]);
	});

	it('tries at most a few shorter readings of a long run of continuation lines', () => {
		const words = Array.from({ length: 30 }, (_, n) => `w${n}`).join('\n');
		const [f] = findCodes(`${A}\n${words}`);
		const readings = f?.kind === 'code' ? f.readings : [];
		expect(readings).toHaveLength(10);
		expect(readings.at(-1)).toEqual({ code: A, endLine: 1 });
	});
});
