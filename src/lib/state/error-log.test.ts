import { describe, expect, it } from 'vitest';
import { logEntry } from '$lib/db/error-log';
import { combine, reportText } from './error-log.svelte';

describe('the error report', () => {
	it('keeps Dexie’s inner error in the message, and makes a report with the stack', () => {
		const dexie = Object.assign(new Error('Database has been closed'), {
			name: 'DatabaseClosedError',
			inner: new DOMException('… FILE_ERROR_NO_SPACE', 'UnknownError'),
			stack: 'DatabaseClosedError: Database has been closed\n    at save (app.js:1:2)'
		});
		const entry = logEntry(dexie, 'storage', '/study/session', Date.UTC(2025, 0, 2, 3, 4, 5));
		expect(entry.message).toBe(
			'Database has been closed (inner UnknownError: … FILE_ERROR_NO_SPACE)'
		);
		const page = logEntry(new Error('later'), 'bug', '/review', Date.UTC(2025, 0, 3));
		const all = combine([entry], [entry, page]);
		expect(all).toEqual([entry, page]);
		expect(reportText(all, 'TestBrowser/1')).toBe(
			[
				'Quire error report',
				'Browser: TestBrowser/1',
				'Entries: 2',
				'',
				'2025-01-02T03:04:05.000Z · storage failure · /study/session',
				'DatabaseClosedError: Database has been closed (inner UnknownError: … FILE_ERROR_NO_SPACE)',
				'    DatabaseClosedError: Database has been closed',
				'    at save (app.js:1:2)',
				'',
				'2025-01-03T00:00:00.000Z · fault in Quire · /review',
				'Error: later',
				...page.stack.split('\n').map((l) => `    ${l.trim()}`)
			].join('\n')
		);
	});
});
