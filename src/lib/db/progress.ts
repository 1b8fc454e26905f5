import type { CardRecord } from '../srs';
import { MAX_TIME } from '../engine/bounds';
import { db } from './database';
import { readRows } from './read';
import type { AttemptRow } from './rows';

/** The rows the progress dashboard reads whole: few enough to read in full. */
export interface ProgressRows {
	attempts: AttemptRow[];
	cards: CardRecord[];
	/** Epoch ms of the earliest review log, or null when there is none. */
	oldestReview: number | null;
}

/**
 * Every attempt and card (one bulk read each, damaged rows left out) and the time of the first
 * review log, in one read-only transaction. Review logs themselves are not read: there can be
 * tens of thousands, and deserializing them costs far more than counting them (see reviewCounts).
 */
export function progressRows(): Promise<ProgressRows> {
	return db.transaction('r', [db.attempts, db.cards, db.reviewLogs], async () => {
		const [attempts, cards, first] = await Promise.all([
			db.attempts.toArray(),
			db.cards.toArray(),
			// Only instants a Date can hold: a damaged log's time must not stretch the calendar.
			db.reviewLogs.where('review').between(0, MAX_TIME, true, true).first()
		]);
		return {
			attempts: readRows('attempts', attempts).rows,
			cards: readRows('cards', cards).rows,
			oldestReview: first?.review ?? null
		};
	});
}

/**
 * How many review logs fall in each range [bounds[i], bounds[i + 1]) of review time (epoch ms,
 * ascending): one count on the `review` index per range, all in one read-only transaction.
 * Counting runs inside IndexedDB and never deserializes a row, so 50,000 logs over a year of
 * days cost a few milliseconds instead of the hundreds a full read takes.
 */
export function reviewCounts(bounds: readonly number[]): Promise<number[]> {
	return db.transaction('r', db.reviewLogs, () =>
		Promise.all(
			bounds.slice(0, -1).map((lo, i) =>
				db.reviewLogs
					.where('review')
					.between(lo, bounds[i + 1]!, true, false)
					.count()
			)
		)
	);
}
