/**
 * Bounds for every date, duration and piece of text Quire stores or receives: what a schema
 * accepts must be something every screen can show, sort and format without throwing.
 */
import * as v from 'valibot';

/** The latest instant accepted: the last millisecond of year 9999 (UTC). */
export const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
/** The longest duration accepted, in ms: a year, far beyond any quiz or time limit. */
export const MAX_DURATION = 366 * 24 * 60 * 60 * 1000;

/** An instant as epoch ms: a whole number from 1970 to year 9999, so `new Date(t)` is valid. */
export const Time = v.pipe(
	v.number(),
	v.integer('must be a whole number of milliseconds'),
	v.minValue(0, 'must not be before 1970'),
	v.maxValue(MAX_TIME, 'must not be after year 9999')
);

/** A span of time in ms, 0 to a year; fractions allowed (timers measure them). */
export const Duration = v.pipe(
	v.number(),
	v.finite('must be a finite number'),
	v.minValue(0, 'must not be negative'),
	v.maxValue(MAX_DURATION, 'must be under a year')
);

/** A share such as a score: 0 to 1. */
export const Share = v.pipe(
	v.number(),
	v.minValue(0, 'must be 0 to 1'),
	v.maxValue(1, 'must be 0 to 1')
);

/** A whole count from 0 to `max`. */
export function count(max: number) {
	return v.pipe(
		v.number(),
		v.integer('must be a whole number'),
		v.minValue(0, 'must not be negative'),
		v.maxValue(max, `must be at most ${max}`)
	);
}

/** A finite number from `min` to `max`. */
export function between(min: number, max: number) {
	return v.pipe(
		v.number(),
		v.finite('must be a finite number'),
		v.minValue(min, `must be ${min} to ${max}`),
		v.maxValue(max, `must be ${min} to ${max}`)
	);
}

/** A string of at most `max` characters. */
export function text(max: number) {
	return v.pipe(v.string(), v.maxLength(max, `must be at most ${max} characters`));
}

/** A non-empty string of at most `max` characters. */
export function key(max: number) {
	return v.pipe(
		v.string(),
		v.minLength(1, 'must not be empty'),
		v.maxLength(max, `must be at most ${max} characters`)
	);
}
