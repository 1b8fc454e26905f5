import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import {
	escapeText,
	foldLine,
	reminderIcs,
	REMINDER_DESCRIPTION,
	REMINDER_SUMMARY,
	utcStamp
} from './ics';

const NOW = Date.UTC(2026, 11, 7, 22, 44, 5);
const base = {
	time: '19:30',
	date: '2026-12-08',
	now: NOW,
	uid: 'reminder-3f2a@quire.app',
	url: 'https://quire.example/review'
};

/** The content lines of an .ics text, unfolded (RFC 5545 §3.1). */
function unfolded(text: string): string[] {
	return text
		.replace(/\r\n[ \t]/g, '')
		.split('\r\n')
		.slice(0, -1);
}

describe('reminderIcs, read by ical.js (a kept iCalendar parser)', () => {
	const text = reminderIcs(base);
	const cal = new ICAL.Component(ICAL.parse(text) as unknown[]);
	const found = cal.getFirstSubcomponent('vevent');
	if (!found) throw new Error('no VEVENT');
	const vevent = found;

	it('is one VCALENDAR 2.0 with one daily event at the chosen local time', () => {
		expect(cal.name).toBe('vcalendar');
		expect(cal.getFirstPropertyValue('version')).toBe('2.0');
		expect(cal.getFirstPropertyValue('prodid')).toBe('-//Quire//Daily study reminder//EN');
		expect(cal.getAllSubcomponents('vevent')).toHaveLength(1);
		const event = new ICAL.Event(vevent);
		expect(event.uid).toBe(base.uid);
		expect(event.summary).toBe(REMINDER_SUMMARY);
		expect(event.description).toBe(REMINDER_DESCRIPTION);
		expect(event.startDate.toString()).toBe('2026-12-08T19:30:00');
		// Floating time: no zone, so 19:30 wherever the phone is.
		expect(event.startDate.zone?.tzid).toBe('floating');
		expect(event.duration.toSeconds()).toBe(15 * 60);
		expect(vevent.getFirstPropertyValue('url')).toBe(base.url);
		const stamp = vevent.getFirstPropertyValue('dtstamp') as ICAL.Time;
		expect(stamp.toJSDate().getTime()).toBe(Math.floor(NOW / 1000) * 1000);
		expect(stamp.zone?.tzid).toBe('UTC');
	});

	it('repeats every day', () => {
		const it = new ICAL.Event(vevent).iterator();
		const days = [it.next(), it.next(), it.next()].map((t) => t?.toString());
		expect(days).toEqual(['2026-12-08T19:30:00', '2026-12-09T19:30:00', '2026-12-10T19:30:00']);
		const rule = vevent.getFirstPropertyValue('rrule') as ICAL.Recur;
		expect(rule.freq).toBe('DAILY');
		expect(rule.count).toBeFalsy();
		expect(rule.until).toBeFalsy();
	});

	it('has a display alarm at the event start', () => {
		const alarms = vevent.getAllSubcomponents('valarm');
		expect(alarms).toHaveLength(1);
		const alarm = alarms[0]!;
		expect(alarm.getFirstPropertyValue('action')).toBe('DISPLAY');
		expect(alarm.getFirstPropertyValue('description')).toBe(REMINDER_SUMMARY);
		const trigger = alarm.getFirstPropertyValue('trigger') as ICAL.Duration;
		expect(trigger.toSeconds()).toBe(0);
	});
});

describe('reminderIcs, field by field', () => {
	const text = reminderIcs(base);

	it('ends every line with CRLF and no line passes 75 octets', () => {
		expect(text.endsWith('\r\n')).toBe(true);
		expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
		for (const line of text.split('\r\n'))
			expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
	});

	it('holds exactly the required properties, each once, in its component', () => {
		const lines = unfolded(text);
		expect(lines[0]).toBe('BEGIN:VCALENDAR');
		expect(lines.at(-1)).toBe('END:VCALENDAR');
		const names = lines.map((l) => /^[A-Z-]+/.exec(l)?.[0]);
		for (const name of ['VERSION', 'PRODID', 'UID', 'DTSTAMP', 'DTSTART', 'RRULE', 'TRIGGER'])
			expect(
				names.filter((n) => n === name),
				name
			).toHaveLength(1);
		expect(lines).toContain(`DTSTAMP:${utcStamp(NOW)}`);
		expect(lines).toContain('DTSTART:20261208T193000');
		expect(lines).toContain('RRULE:FREQ=DAILY');
		const alarm = lines.slice(lines.indexOf('BEGIN:VALARM'), lines.indexOf('END:VALARM') + 1);
		expect(alarm).toEqual([
			'BEGIN:VALARM',
			'ACTION:DISPLAY',
			'DESCRIPTION:Study with Quire',
			'TRIGGER:PT0S',
			'END:VALARM'
		]);
		// Every property line is NAME:value or NAME;PARAM=…:value.
		for (const line of lines) expect(line).toMatch(/^[A-Z-]+[;:]/);
	});

	it('stamps DTSTAMP in UTC', () => {
		expect(utcStamp(NOW)).toBe('20261207T224405Z');
	});

	it('refuses a time or a date that is not one', () => {
		expect(() => reminderIcs({ ...base, time: '24:00' })).toThrow(RangeError);
		expect(() => reminderIcs({ ...base, time: '7:5' })).toThrow(RangeError);
		expect(() => reminderIcs({ ...base, date: '2026-13-01' })).toThrow(RangeError);
	});
});

describe('escapeText and foldLine', () => {
	it('escapes backslash, semicolon, comma and line breaks', () => {
		expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
	});

	it('round-trips escaped text through ical.js', () => {
		const tricky = 'Due: 5; later, 3\nback\\slash';
		const prop = ICAL.Property.fromString(`DESCRIPTION:${escapeText(tricky)}`);
		expect(prop.getFirstValue()).toBe(tricky);
	});

	it('folds at 75 octets without splitting a UTF-8 character, and unfolds to the same line', () => {
		const line = `DESCRIPTION:${'é'.repeat(60)}${'🃏'.repeat(20)}${'x'.repeat(100)}`;
		const folded = foldLine(line);
		const parts = folded.split('\r\n');
		expect(parts.length).toBeGreaterThan(3);
		for (const [i, part] of parts.entries()) {
			expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
			if (i > 0) expect(part.startsWith(' ')).toBe(true);
			// No lone surrogate or broken sequence: each part is well-formed text.
			expect(part).toBe(new TextDecoder().decode(new TextEncoder().encode(part)));
			expect(part.isWellFormed()).toBe(true);
		}
		expect(folded.replace(/\r\n /g, '')).toBe(line);
		expect(foldLine('SHORT:1')).toBe('SHORT:1');
	});

	it('a long, folded description parses back whole', () => {
		const long = 'Study, then rest; repeat. '.repeat(12);
		const text = `BEGIN:VEVENT\r\n${foldLine(`DESCRIPTION:${escapeText(long)}`)}\r\nEND:VEVENT\r\n`;
		const event = new ICAL.Component(ICAL.parse(text) as unknown[]);
		expect(event.getFirstPropertyValue('description')).toBe(long);
	});
});
