import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, dayKey, dayStarts, HOUR, startOfDay } from './days';

// Local days are cut in the device's zone; Berlin has a 23-hour day on 2026-03-29.
const zone = process.env.TZ;
beforeAll(() => {
	process.env.TZ = 'Europe/Berlin';
});
afterAll(() => {
	process.env.TZ = zone;
});

const berlin = (iso: string) => new Date(`${iso}+01:00`).getTime();

describe('day boundaries', () => {
	it('starts a day at local midnight', () => {
		expect(startOfDay(berlin('2026-01-10T23:59:00'))).toBe(berlin('2026-01-10T00:00:00'));
		expect(startOfDay(berlin('2026-01-10T00:00:00'))).toBe(berlin('2026-01-10T00:00:00'));
	});

	it('lists the midnights of the last days and tomorrow, 23 hours apart across the DST change', () => {
		const starts = dayStarts(berlin('2026-03-30T12:00:00') - HOUR, 3);
		expect(starts).toHaveLength(4);
		expect(starts[0]).toBe(berlin('2026-03-28T00:00:00'));
		expect(starts[1]! - starts[0]!).toBe(DAY);
		expect(starts[2]! - starts[1]!).toBe(DAY - HOUR);
		expect(starts[3]! - starts[2]!).toBe(DAY);
		expect(startOfDay(berlin('2026-03-30T12:00:00'))).toBe(starts[2]);
	});

	it('names the calendar day of an instant in a given zone', () => {
		const instant = Date.UTC(2026, 0, 10, 23, 30);
		expect(dayKey(instant, 'UTC')).toBe('2026-01-10');
		expect(dayKey(instant, 'Europe/Berlin')).toBe('2026-01-11');
		expect(dayKey(instant, 'America/New_York')).toBe('2026-01-10');
	});
});
