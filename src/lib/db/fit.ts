/**
 * What "Fit my schedule" reads and writes: how much review history there is (counted on the
 * `review` index, no row read), every review log (read by the fitting worker, never by the page)
 * and the applied parameters (the `fsrsParameters` setting, so backups carry them).
 */
import { MAX_TIME } from '../engine/bounds';
import type { FitLog } from '../srs/fit';
import type { FittedParameters } from '../srs/records';
import { db } from './database';
import { readRows } from './read';
import { getSetting, setSetting } from './settings';

/** How many review logs there are, and the times of the first and the last. */
export interface LogSpan {
	reviews: number;
	first: number | null;
	last: number | null;
}

/** The review history's size and span, in one read-only transaction. */
export function reviewLogSpan(): Promise<LogSpan> {
	return db.transaction('r', db.reviewLogs, async () => {
		const inRange = () => db.reviewLogs.where('review').between(0, MAX_TIME, true, true);
		const [reviews, first, last] = await Promise.all([
			inRange().count(),
			inRange().first(),
			inRange().last()
		]);
		return { reviews, first: first?.review ?? null, last: last?.review ?? null };
	});
}

/** Every review log as fitting reads it, oldest first (damaged rows left out). */
export async function fitLogs(): Promise<FitLog[]> {
	const raw = await db.reviewLogs.orderBy('review').toArray();
	return readRows('reviewLogs', raw).rows.map((l) => ({
		cardId: l.cardId,
		rating: l.rating,
		review: l.review
	}));
}

/** The applied parameters, or null while the schedule uses the defaults. */
export function fittedParameters(): Promise<FittedParameters | null> {
	return getSetting('fsrsParameters');
}

/** Schedules with `p` from now on; null goes back to the defaults. */
export function setFittedParameters(p: FittedParameters | null): Promise<void> {
	return setSetting('fsrsParameters', p);
}
