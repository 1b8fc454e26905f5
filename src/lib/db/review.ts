import { makeScheduler, newCard, rate, ratingForQuizAnswer, State, type CardRecord } from '../srs';
import type { AttemptEvent } from '../engine/session';
import { db, type ReviewLogRow } from './index';
import { getSetting } from './settings';

/** Every stored card. */
export function allCards(): Promise<CardRecord[]> {
	return db.cards.toArray();
}

/** The scheduler with the student's desired retention. */
export async function scheduler() {
	return makeScheduler({ retention: await getSetting('retention') });
}

/** Stores a rating: the card's new state and its log row, in one transaction; returns the log id. */
export async function recordRating(card: CardRecord, log: ReviewLogRow): Promise<number> {
	return db.transaction('rw', db.cards, db.reviewLogs, async () => {
		await db.cards.put(card);
		return (await db.reviewLogs.add(log)) as number;
	});
}

/** Takes back a rating: restores the card as it was (or removes a card that was new) and drops its log. */
export async function undoRating(before: CardRecord, wasStored: boolean, logId: number) {
	await db.transaction('rw', db.cards, db.reviewLogs, async () => {
		if (wasStored) await db.cards.put(before);
		else await db.cards.delete(before.id);
		await db.reviewLogs.delete(logId);
	});
}

/** Review logs at or after `since` (ms). */
export function reviewLogsSince(since: number): Promise<ReviewLogRow[]> {
	return db.reviewLogs.where('review').aboveOrEqual(since).toArray();
}

/** New cards introduced and review cards studied since `since` (for the daily limits). */
export async function studiedSince(since: number) {
	const logs = await reviewLogsSince(since);
	const fresh = new Set<string>();
	const reviewed = new Set<string>();
	for (const l of logs) {
		if (l.source !== 'review') continue;
		if (l.state === State.New) fresh.add(l.cardId);
		else if (l.state === State.Review) reviewed.add(l.cardId);
	}
	return { newToday: fresh.size, reviewedToday: reviewed.size };
}

/**
 * Counts quiz answers as reviews (right → Good, wrong → Again) inside the caller's transaction,
 * which must include cards, reviewLogs and settings.
 */
export async function reviewFromAttempts(attempts: readonly AttemptEvent[]) {
	if (!attempts.length) return;
	const s = makeScheduler({
		retention: ((await db.settings.get('retention'))?.value as number | undefined) ?? 0.9
	});
	for (const a of attempts) {
		const card = (await db.cards.get(a.itemId)) ?? newCard(a.itemId, 'item', a.at);
		const next = rate(card, ratingForQuizAnswer(a.correct), a.at, s, 'quiz');
		await db.cards.put(next.card);
		await db.reviewLogs.add(next.log);
	}
}
