import { liveQuery } from 'dexie';
import { CARD_STATE, type CardRecord, type ReviewLogRecord } from '../srs/records';
import { MAX_TIME } from '../engine/bounds';
import { db } from './database';
import { forWrite, readRows } from './read';
import type { ReviewLogRow } from './rows';

/** Every stored card; damaged ones are left out. */
export async function allCards(): Promise<CardRecord[]> {
	return readRows('cards', await db.cards.toArray()).rows;
}

/**
 * A rating worked out from the card as stored when it commits (undefined: never studied); null
 * when, seen against that card, it is not to be stored (a journalled rating already stored).
 */
export type ScheduleRating = (stored: CardRecord | undefined) => {
	card: CardRecord;
	log: ReviewLogRecord;
} | null;

/** What recordRating stored: the card as it was before, as it is now, and the log's id. */
export interface RecordedRating {
	before: CardRecord | undefined;
	card: CardRecord;
	log: ReviewLogRecord;
	logId: number;
}

/** The stored card with this id, checked; a damaged one counts as never studied. */
async function storedCard(id: string): Promise<CardRecord | undefined> {
	const raw = await db.cards.get(id);
	return raw === undefined ? undefined : readRows('cards', [raw]).rows[0];
}

/**
 * Stores a rating in ONE transaction that re-reads the card first: another tab may have rated it
 * since this one read it, so `schedule` gets the card as stored now, and the card's new state and
 * its log row are written together, or nothing is (null: `schedule` chose not to).
 */
export function recordRating(id: string, schedule: ScheduleRating): Promise<RecordedRating | null> {
	return db.transaction('rw', db.cards, db.reviewLogs, async () => {
		const before = await storedCard(id);
		const rated = schedule(before);
		if (!rated) return null;
		const { card, log } = rated;
		await db.cards.put(forWrite('cards', card));
		const logId = (await db.reviewLogs.add(forWrite('reviewLogs', log))) as number;
		return { before, card, log, logId };
	});
}

/** Whether two records are the same schedule (the same review of the same card). */
function sameSchedule(a: CardRecord, b: CardRecord): boolean {
	return (
		a.id === b.id &&
		a.reps === b.reps &&
		a.last_review === b.last_review &&
		a.due === b.due &&
		a.state === b.state
	);
}

/**
 * Takes back a rating: restores the card as it was (or removes a card that was new) and drops its
 * log, in one transaction that re-reads the card. False, with nothing changed, when the stored card
 * is no longer the one the rating wrote (another tab rated or undid it since).
 */
export async function undoRating(rated: RecordedRating): Promise<boolean> {
	return db.transaction('rw', db.cards, db.reviewLogs, async () => {
		const now = await storedCard(rated.card.id);
		if (!now || !sameSchedule(now, rated.card)) return false;
		if (rated.before) await db.cards.put(forWrite('cards', rated.before));
		else await db.cards.delete(rated.card.id);
		await db.reviewLogs.delete(rated.logId);
		return true;
	});
}

/** Today's ratings as any tab writes them: the logs since a moment, and the cards they rated. */
export interface RatingsSince {
	logs: ReviewLogRow[];
	/** Each card rated in `logs` (or before, in this watch), as stored now: undefined once removed. */
	cards: Map<string, CardRecord | undefined>;
}

/**
 * Follows the ratings stored at or after `since` by any tab (a review, a quiz answer, an undo):
 * `onChange` gets the logs and the stored card of each card they name. A card whose log went
 * (an undo) is reported once more, as stored then, so the follower drops or restores it.
 */
export function watchRatings(
	since: number,
	onChange: (now: RatingsSince) => void,
	onError: (error: unknown) => void
): () => void {
	let named = new Set<string>();
	const sub = liveQuery(async () => {
		const logs = await reviewLogsSince(since);
		const ids = [...new Set([...named, ...logs.map((l) => l.cardId)])];
		const raws = await db.cards.bulkGet(ids);
		const cards = new Map<string, CardRecord | undefined>();
		ids.forEach((id, i) => {
			const raw = raws[i];
			cards.set(id, raw === undefined ? undefined : readRows('cards', [raw]).rows[0]);
		});
		return { logs, cards };
	}).subscribe({
		next: (now) => {
			named = new Set(now.logs.map((l) => l.cardId));
			onChange(now);
		},
		error: onError
	});
	return () => sub.unsubscribe();
}

/** Review logs at or after `since` (ms); damaged ones are left out. */
export async function reviewLogsSince(since: number): Promise<ReviewLogRow[]> {
	const raws = await db.reviewLogs.where('review').between(since, MAX_TIME, true, true).toArray();
	return readRows('reviewLogs', raws).rows;
}

/** New cards introduced and review cards studied in these logs (for the daily limits). */
export function countStudied(logs: readonly ReviewLogRecord[]) {
	const fresh = new Set<string>();
	const reviewed = new Set<string>();
	for (const l of logs) {
		if (l.source !== 'review') continue;
		if (l.state === CARD_STATE.New) fresh.add(l.cardId);
		else if (l.state === CARD_STATE.Review) reviewed.add(l.cardId);
	}
	return { newToday: fresh.size, reviewedToday: reviewed.size };
}

/** New cards introduced and review cards studied since `since` (for the daily limits). */
export async function studiedSince(since: number) {
	return countStudied(await reviewLogsSince(since));
}
