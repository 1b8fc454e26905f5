import { reminderIcs } from '$lib/srs/ics';

/** The file name of the calendar reminder. */
export const REMINDER_FILE = 'quire-study-reminder.ics';
/** The time the picker starts at. */
export const DEFAULT_REMINDER_TIME = '19:00';

const pad = (n: number) => String(n).padStart(2, '0');

/** The local calendar date of `now` as YYYY-MM-DD. */
export function localDate(now: number): string {
	const d = new Date(now);
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * The .ics text for a daily reminder at `time` from today on, leading to `origin`/review. The UID
 * is the same for every download from this site, so importing a new time updates the reminder in
 * calendars that match by UID instead of adding a second one.
 */
export function reminderFile(time: string, now: number, origin: string): string {
	const host = new URL(origin).host || 'quire';
	return reminderIcs({
		time,
		date: localDate(now),
		now,
		uid: `daily-study-reminder@${host}`,
		url: `${origin}/review`
	});
}
