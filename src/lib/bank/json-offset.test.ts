import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from './json-offset.ts';

describe('jsonErrorOffset', () => {
	it.each([
		['{"a": 1,}', 8],
		['{"a": "open', 11],
		['[1, 2', 5],
		['{"a": tru}', 6],
		['{"a": 1} x', 9],
		['{"a": "\\q"}', 8]
	])('%s fails at %i', (text, at) => {
		expect(() => {
			JSON.parse(text);
		}).toThrow();
		expect(jsonErrorOffset(text)).toBe(at);
	});
});

describe('jsonErrorOffset on text with no error', () => {
	it('gives the length, so a reader says the text ends too early', () => {
		expect(jsonErrorOffset('{"a": [1, 2]}')).toBe(13);
	});
});
