/**
 * A daily study reminder as an iCalendar file (RFC 5545): one event at the chosen local time that
 * repeats every day, with an alarm at its start. Phone calendars import it and remind offline,
 * which a web app cannot do by itself. The time is "floating" (no time zone): 19:00 stays 19:00
 * wherever the phone is.
 */

/** What the reminder says and when it starts. */
export interface ReminderOptions {
	/** Local time of day, "HH:MM" (24 h). */
	time: string;
	/** The first day, local, "YYYY-MM-DD". */
	date: string;
	/** When the file is made (epoch ms): DTSTAMP, in UTC. */
	now: number;
	/** A unique id for the event; the same id imported again updates it instead of adding one. */
	uid: string;
	/** Where the reminder leads, e.g. the app's /review. */
	url?: string;
	/** Minutes the event lasts in the calendar. */
	minutes?: number;
}

export const REMINDER_SUMMARY = 'Study with Quire';
export const REMINDER_DESCRIPTION =
	'Your cards due today are waiting in Quire: open it, then Review. A few minutes a day keeps them.';

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** "HH:MM" when `text` is a valid time of day, else null. */
export function parseTime(text: string): { hour: number; minute: number } | null {
	const m = TIME.exec(text);
	return m ? { hour: Number(m[1]), minute: Number(m[2]) } : null;
}

/** A TEXT value escaped (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeText(text: string): string {
	return text
		.replace(/\\/g, '\\\\')
		.replace(/;/g, '\\;')
		.replace(/,/g, '\\,')
		.replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();

/**
 * One content line folded at 75 octets (RFC 5545 §3.1): each continuation starts with a space,
 * which counts toward its 75, and no UTF-8 character is split.
 */
export function foldLine(line: string): string {
	const parts: string[] = [];
	let current = '';
	let bytes = 0;
	for (const ch of line) {
		const size = encoder.encode(ch).length;
		const limit = parts.length === 0 ? 75 : 74;
		if (bytes + size > limit) {
			parts.push(current);
			current = '';
			bytes = 0;
		}
		current += ch;
		bytes += size;
	}
	parts.push(current);
	return parts.join('\r\n ');
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A UTC DATE-TIME: 20261207T224400Z. */
export function utcStamp(ms: number): string {
	const d = new Date(ms);
	return (
		`${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}` +
		`T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`
	);
}

/** The .ics text, CRLF line ends and folded lines; throws on a time or date that is not valid. */
export function reminderIcs(options: ReminderOptions): string {
	const time = parseTime(options.time);
	const date = DATE.exec(options.date);
	if (!time) throw new RangeError(`Not a time of day: ${options.time}`);
	if (!date) throw new RangeError(`Not a date: ${options.date}`);
	const minutes = options.minutes ?? 15;
	const start = `${date[1]}${date[2]}${date[3]}T${pad(time.hour)}${pad(time.minute)}00`;
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Quire//Daily study reminder//EN',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		'BEGIN:VEVENT',
		`UID:${options.uid}`,
		`DTSTAMP:${utcStamp(options.now)}`,
		`DTSTART:${start}`,
		`DURATION:PT${minutes}M`,
		'RRULE:FREQ=DAILY',
		`SUMMARY:${escapeText(REMINDER_SUMMARY)}`,
		`DESCRIPTION:${escapeText(REMINDER_DESCRIPTION)}`,
		...(options.url ? [`URL:${options.url}`] : []),
		'TRANSP:TRANSPARENT',
		'BEGIN:VALARM',
		'ACTION:DISPLAY',
		`DESCRIPTION:${escapeText(REMINDER_SUMMARY)}`,
		'TRIGGER:PT0S',
		'END:VALARM',
		'END:VEVENT',
		'END:VCALENDAR'
	];
	return lines.map(foldLine).join('\r\n') + '\r\n';
}
