import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { appendError, clearErrors, logEntry, readErrorRows } from './error-log';
import { MAX_LOGGED, MAX_MESSAGE, MAX_STACK } from './error-log-limits';
import { checkLogged } from './error-log-rows';

describe('the error log', () => {
	it('keeps the last MAX_LOGGED entries, each field capped, the path without its query', async () => {
		const idb = new IDBFactory();
		const factory = () => idb;
		expect(await readErrorRows(factory)).toEqual([]);
		const big = Object.assign(new TypeError('x'.repeat(5000)), { stack: 'y'.repeat(9000) });
		const first = logEntry(big, 'bug', '/a?session=secret#payload', 1);
		expect(first.message).toHaveLength(MAX_MESSAGE);
		expect(first.stack).toHaveLength(MAX_STACK);
		expect(first.page).toBe('/a');
		for (let i = 0; i < MAX_LOGGED + 5; i++)
			expect(await appendError({ ...first, at: i }, factory)).toBe(true);
		const { rows, damaged } = checkLogged(await readErrorRows(factory));
		expect(damaged).toBe(0);
		expect(rows.map((r) => r.at)).toEqual([...Array(MAX_LOGGED).keys()].map((i) => i + 5));
		await clearErrors(factory);
		expect(await readErrorRows(factory)).toEqual([]);
	});

	it('leaves out a damaged entry and says the write failed when there is no IndexedDB', async () => {
		const entry = logEntry(new Error('boom'), 'storage', '/', 5);
		expect(checkLogged([entry, { ...entry, kind: 'other' }, 'junk'])).toEqual({
			rows: [entry],
			damaged: 2
		});
		expect(await appendError(entry, () => undefined)).toBe(false);
	});
});
