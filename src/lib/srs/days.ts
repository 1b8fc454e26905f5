/**
 * Days, in one place: their length, local midnights and calendar days in an IANA zone. Review
 * limits, progress counts and streaks all cut time at the same boundaries.
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
/** A day of 24 hours; a local calendar day is 23 or 25 hours across a DST change. */
export const DAY = 24 * HOUR;

/** The local midnight (device zone) that starts the day of `now`. */
export function startOfDay(now: number): number {
	const d = new Date(now);
	return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/**
 * The local midnights starting each of the `days` days that end with the day of `now`, then
 * tomorrow's midnight: day i is [starts[i], starts[i + 1]). Built with local Date fields, so
 * days are 23 or 25 hours long across a DST change, as they should be.
 */
export function dayStarts(now: number, days: number): number[] {
	const d = new Date(now);
	const [y, m, date] = [d.getFullYear(), d.getMonth(), d.getDate()];
	const out: number[] = [];
	for (let k = days - 1; k >= -1; k--) out.push(new Date(y, m, date - k).getTime());
	return out;
}

/**
 * Maps instants to local calendar days in one IANA zone. Intl is far too slow to call per row,
 * so the UTC offset is looked up once per UTC midnight: when two consecutive midnights agree the
 * whole UTC day between them shares that offset, and only the rare UTC day containing a DST
 * change falls back to a lookup per instant.
 */
export class Zone {
	private readonly parts: Intl.DateTimeFormat;
	/** UTC day number → the offset in ms at that day's 00:00 UTC. */
	private readonly midnights = new Map<number, number>();

	constructor(timeZone: string) {
		this.parts = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric'
		});
	}

	private offsetAt(ms: number): number {
		const f: Record<string, number> = {};
		for (const p of this.parts.formatToParts(ms)) f[p.type] = Number(p.value);
		const wall = Date.UTC(
			f.year ?? 1970,
			(f.month ?? 1) - 1,
			f.day ?? 1,
			f.hour ?? 0,
			f.minute ?? 0,
			f.second ?? 0
		);
		// The wall clock has whole seconds, so compare it with the instant's whole second.
		return wall - (ms - (((ms % 1000) + 1000) % 1000));
	}

	private midnight(utcDay: number): number {
		let off = this.midnights.get(utcDay);
		if (off === undefined) {
			off = this.offsetAt(utcDay * DAY);
			if (this.midnights.size > 100_000) this.midnights.clear();
			this.midnights.set(utcDay, off);
		}
		return off;
	}

	private offset(ms: number): number {
		const utcDay = Math.floor(ms / DAY);
		const start = this.midnight(utcDay);
		return start === this.midnight(utcDay + 1) ? start : this.offsetAt(ms);
	}

	/** Local calendar days since 1970-01-01, so consecutive days differ by exactly 1. */
	day(ms: number): number {
		return Math.floor((ms + this.offset(ms)) / DAY);
	}
}

const zones = new Map<string, Zone>();

export function zone(timeZone: string | undefined): Zone {
	// Resolved per call, not cached, so a device that travels picks up its new zone.
	const name = timeZone ?? new Intl.DateTimeFormat().resolvedOptions().timeZone;
	let z = zones.get(name);
	if (!z) {
		z = new Zone(name);
		zones.set(name, z);
	}
	return z;
}

/** A local day number as 'YYYY-MM-DD'. */
export function keyOf(localDay: number): string {
	return new Date(localDay * DAY).toISOString().slice(0, 10);
}

/** The local calendar day of `ms` as 'YYYY-MM-DD' in `timeZone` (default: the device's zone). */
export function dayKey(ms: number, timeZone?: string): string {
	return keyOf(zone(timeZone).day(ms));
}
