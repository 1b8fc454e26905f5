import { describe, expect, it } from 'vitest';
import { localDate, reminderFile } from './reminder';

describe('reminderFile', () => {
	it('starts today at the chosen time and leads to this site’s review', () => {
		const now = new Date(2026, 11, 7, 23, 59).getTime();
		expect(localDate(now)).toBe('2026-12-07');
		const text = reminderFile('07:05', now, 'https://quire.test');
		expect(text).toContain('\r\nDTSTART:20261207T070500\r\n');
		expect(text).toContain('\r\nUID:daily-study-reminder@quire.test\r\n');
		expect(text).toContain('\r\nURL:https://quire.test/review\r\n');
	});
});
