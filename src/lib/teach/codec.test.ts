import { describe, expect, it } from 'vitest';
import {
	DecodeError,
	deflateRaw,
	fromBase64Url,
	fromUtf8,
	inflateRaw,
	parseJson,
	toBase64Url,
	utf8
} from './codec';

describe('base64url', () => {
	it('matches Node for every tail length', () => {
		for (let n = 0; n < 40; n++) {
			const bytes = new Uint8Array(n).map((_, i) => (i * 97 + n * 31) & 255);
			const expected = Buffer.from(bytes).toString('base64url');
			expect(toBase64Url(bytes)).toBe(expected);
			expect(fromBase64Url(expected)).toEqual(bytes);
		}
	});

	it('refuses foreign characters, padding, impossible lengths and spare bits', () => {
		expect(fromBase64Url('ab+c')).toBeNull();
		expect(fromBase64Url('ab/c')).toBeNull();
		expect(fromBase64Url('YQ==')).toBeNull();
		expect(fromBase64Url('YWJjZ')).toBeNull();
		expect(fromBase64Url('YR')).toBeNull();
		expect(fromBase64Url('YQ')).toEqual(utf8('a'));
		expect(fromBase64Url('é')).toBeNull();
		expect(fromBase64Url('')).toEqual(new Uint8Array(0));
	});
});

describe('deflate', () => {
	it('round-trips and refuses damage or excess', async () => {
		const text = utf8('hello hello hello hello');
		const packed = await deflateRaw(text);
		expect(await inflateRaw(packed, 100)).toEqual(text);
		await expect(inflateRaw(packed.slice(0, -2), 100)).rejects.toThrow(DecodeError);
		await expect(inflateRaw(new Uint8Array([255, 255]), 100)).rejects.toMatchObject({
			name: 'DecodeError',
			reason: 'damaged'
		});
		await expect(inflateRaw(packed, 10)).rejects.toMatchObject({ reason: 'too-large' });
	});
});

describe('text helpers', () => {
	it('refuse invalid UTF-8 and JSON without throwing', () => {
		expect(fromUtf8(new Uint8Array([0xff]))).toBeNull();
		expect(fromUtf8(utf8('ok ✓'))).toBe('ok ✓');
		expect(parseJson('{')).toBeUndefined();
		expect(parseJson('[1]')).toEqual([1]);
	});
});
