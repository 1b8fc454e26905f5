import { describe, expect, it } from 'vitest';
import { decodedFragment, safeFragment } from './safe-url';

describe('safeFragment', () => {
	it('leaves decodable addresses alone', () => {
		for (const href of [
			'https://q.example/a',
			'https://q.example/a#1AbC-_',
			'https://q.example/a#x%20y',
			'https://q.example/a?x=%zz#ok'
		])
			expect(safeFragment(href)).toBe(href);
	});

	it('escapes every % of a fragment decodeURIComponent would refuse', () => {
		for (const fragment of ['1Ab%', '1Ab%zz', '%%', '1Ab%C3', '%E0%A4%A'])
			expect(() => decodeURIComponent(safeFragment(`/a#${fragment}`).split('#')[1]!)).not.toThrow();
		expect(safeFragment('https://q.example/a#1Ab%Cd%')).toBe('https://q.example/a#1Ab%25Cd%25');
		// The page reads back exactly the characters that were pasted.
		expect(decodeURIComponent(safeFragment('/a#1Ab%zz').split('#')[1]!)).toBe('1Ab%zz');
	});
});

describe('decodedFragment', () => {
	it('gives the decoded fragment, or null when it cannot be decoded', () => {
		expect(decodedFragment('/a')).toBe('');
		expect(decodedFragment('/a#x%20y')).toBe('x y');
		expect(decodedFragment('/a#x%zz')).toBeNull();
		expect(decodedFragment('/a#%C3')).toBeNull();
	});
});
