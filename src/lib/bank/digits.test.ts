import { describe, expect, it, vi } from 'vitest';
import { groupDigits } from './digits';

describe('groupDigits', () => {
	it('groups thousands as en-US does', () => {
		for (const n of [0, 1, 12, 999, 1000, 1001, 12345, 200_000, 1_048_576, 123_456_789, -4500])
			expect(groupDigits(n)).toBe(n.toLocaleString('en-US'));
	});

	it('keeps a fraction as written', () => {
		expect(groupDigits(1234.5)).toBe('1,234.5');
		expect(groupDigits(-0.25)).toBe('-0.25');
	});

	it('writes what is not a plain number as String does', () => {
		expect(groupDigits(Number.NaN)).toBe('NaN');
		expect(groupDigits(Number.POSITIVE_INFINITY)).toBe('Infinity');
		expect(groupDigits(1e21)).toBe('1e+21');
	});
});

describe('loading the set schemas', () => {
	it('formats no number with Intl (the first Intl call of a page loads its locale data)', async () => {
		vi.resetModules();
		const toLocale = vi.spyOn(Number.prototype, 'toLocaleString');
		const numberFormat = vi.spyOn(Intl, 'NumberFormat');
		try {
			await import('./set');
			expect(toLocale).not.toHaveBeenCalled();
			expect(numberFormat).not.toHaveBeenCalled();
		} finally {
			toLocale.mockRestore();
			numberFormat.mockRestore();
		}
	});
});
