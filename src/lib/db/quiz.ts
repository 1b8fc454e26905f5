import { liveQuery } from 'dexie';
import type { AttemptEvent } from '../engine/session';
import type { CardRecord, ReviewLogRecord } from '../srs/records';
import { db } from './database';
import { forWrite, readRow, readRows, type Checked } from './read';
import { fromStoredRow, toStoredRow, type AttemptRow, type SessionRow } from './rows';

/** FSRS updates for a batch of quiz answers, worked out by srs from the cards stored now. */
export type ReviewAnswers = (
	cards: ReadonlyMap<string, CardRecord>,
	attempts: readonly AttemptEvent[]
) => { cards: CardRecord[]; logs: ReviewLogRecord[] };

/** What a quiz write does, decided from the session as stored at that moment. */
export type SessionChange =
	{ write: SessionRow; attempts: readonly AttemptEvent[] } | { refuse: string };

/** How changeSession ended: the row now stored, or why nothing was written. */
export type ChangeOutcome =
	{ ok: true; row: SessionRow } | { ok: false; reason: string; row: SessionRow | undefined };

function sessionOf(raw: unknown): SessionRow | undefined {
	const row = readRow('sessions', raw);
	return row && fromStoredRow(row);
}

/** Stores a new session (nothing is recorded yet). */
export async function addSession(row: SessionRow) {
	await db.sessions.put(forWrite('sessions', toStoredRow({ ...row, rev: 1 })));
}

/**
 * Changes a session in ONE transaction that re-reads it first: `decide` gets the row as stored
 * now (another tab may have written it since this one read it) and says what to write or why to
 * refuse. The session, the attempts it records, and their FSRS reviews (worked out by `review`
 * from the cards stored now) are written together, or nothing is.
 */
export function changeSession(
	id: string,
	decide: (stored: SessionRow | undefined) => SessionChange,
	review: ReviewAnswers
): Promise<ChangeOutcome> {
	return db.transaction('rw', [db.sessions, db.attempts, db.cards, db.reviewLogs], async () => {
		const stored = sessionOf(await db.sessions.get(id));
		const change = decide(stored);
		if ('refuse' in change) return { ok: false, reason: change.refuse, row: stored };
		const row: SessionRow = { ...change.write, rev: (stored?.rev ?? 0) + 1 };
		await db.sessions.put(forWrite('sessions', toStoredRow(row)));
		const attempts = change.attempts;
		if (attempts.length) {
			await db.attempts.bulkAdd(
				attempts.map((a) => forWrite('attempts', { ...a, sessionId: row.id }))
			);
			const ids = [...new Set(attempts.map((a) => a.itemId))];
			// A damaged card is treated as never studied: the answer schedules it afresh.
			const current = readRows('cards', (await db.cards.bulkGet(ids)).filter(Boolean)).rows;
			const next = review(new Map(current.map((c) => [c.id, c])), attempts);
			await db.cards.bulkPut(next.cards.map((c) => forWrite('cards', c)));
			await db.reviewLogs.bulkAdd(next.logs.map((l) => forWrite('reviewLogs', l)));
		}
		return { ok: true, row };
	});
}

/** The unfinished session, newest first, if any; damaged ones are skipped and reported. */
export async function activeSession(): Promise<{
	row: SessionRow | undefined;
	damaged: Checked<SessionRow>['damaged'];
}> {
	const raws = await db.sessions.where('status').anyOf('ready', 'active').sortBy('updatedAt');
	const { rows, damaged } = readRows('sessions', raws);
	const last = rows.at(-1);
	return { row: last && fromStoredRow(last), damaged };
}

/** One session by id; throws DamagedRowError when it is damaged. */
export async function getSession(id: string): Promise<SessionRow | undefined> {
	return sessionOf(await db.sessions.get(id));
}

/**
 * Follows one session as any tab writes it: `onChange` gets each version whose save number is
 * not `since()` (undefined once the row is deleted): another tab's later saves, and an older copy
 * put in its place (a backup imported with "replace"); this tab's own saves are skipped unread.
 */
export function watchSession(
	id: string,
	since: () => number,
	onChange: (row: SessionRow | undefined) => void,
	onError: (error: unknown) => void
): () => void {
	const sub = liveQuery(() => db.sessions.get(id)).subscribe({
		next: (raw) => {
			if (raw && (typeof raw.rev === 'number' ? raw.rev : 0) === since()) return;
			try {
				onChange(sessionOf(raw));
			} catch (error) {
				onError(error);
			}
		},
		error: onError
	});
	return () => sub.unsubscribe();
}

/** Deletes an unfinished session; its recorded attempts stay as history. */
export async function discardSession(id: string) {
	await db.sessions.delete(id);
}

/** The latest attempt per item id: what "never seen" and "got wrong" filters read. */
export async function latestAttempts(): Promise<Map<string, AttemptRow>> {
	const latest = new Map<string, AttemptRow>();
	const { rows } = readRows('attempts', await db.attempts.orderBy('at').toArray());
	for (const row of rows) latest.set(row.itemId, row);
	return latest;
}
