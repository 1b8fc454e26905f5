import { CARD_STATE, type CardRecord, type ReviewLogRecord } from '../srs/records';
import { MAX_TIME } from '../engine/bounds';
import { db } from './database';
import { forWrite, readRows } from './read';
import type { ReviewLogRow } from './rows';

/** Every stored card; damaged ones are left out. */
export async function allCards(): Promise<CardRecord[]> {
	return readRows('cards', await db.cards.toArray()).rows;
}

/** Stores a rating: the card's new state and its log row, in one transaction; returns the log id. */
export async function recordRating(card: CardRecord, log: ReviewLogRecord): Promise<number> {
	return db.transaction('rw', db.cards, db.reviewLogs, async () => {
		await db.cards.put(forWrite('cards', card));
		return (await db.reviewLogs.add(forWrite('reviewLogs', log))) as number;
	});
}

/** Takes back a rating: restores the card as it was (or removes a card that was new) and drops its log. */
export async function undoRating(before: CardRecord, wasStored: boolean, logId: number) {
	await db.transaction('rw', db.cards, db.reviewLogs, async () => {
		if (wasStored) await db.cards.put(forWrite('cards', before));
		else await db.cards.delete(before.id);
		await db.reviewLogs.delete(logId);
	});
}

/** Review logs at or after `since` (ms); damaged ones are left out. */
export async function reviewLogsSince(since: number): Promise<ReviewLogRow[]> {
	const raws = await db.reviewLogs.where('review').between(since, MAX_TIME, true, true).toArray();
	return readRows('reviewLogs', raws).rows;
}

/** New cards introduced and review cards studied since `since` (for the daily limits). */
export async function studiedSince(since: number) {
	const logs = await reviewLogsSince(since);
	const fresh = new Set<string>();
	const reviewed = new Set<string>();
	for (const l of logs) {
		if (l.source !== 'review') continue;
		if (l.state === CARD_STATE.New) fresh.add(l.cardId);
		else if (l.state === CARD_STATE.Review) reviewed.add(l.cardId);
	}
	return { newToday: fresh.size, reviewedToday: reviewed.size };
}
