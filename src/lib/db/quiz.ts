import { liveQuery } from 'dexie';
import type { AttemptEvent } from '../engine/session';
import type { CardRecord, ReviewLogRecord } from '../srs/records';
import { db } from './database';
import {
	checkSession,
	DamagedRowError,
	forWrite,
	readRows,
	type Checked,
	type DamagedRow
} from './read';
import {
	toStoredItemsRow,
	toStoredRow,
	type AttemptRow,
	type SessionItemsRow,
	type SessionRow
} from './rows';

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

/**
 * The fixed parts (quiz and questions) of the sessions this page read or wrote last, checked. A
 * session's fixed part is written once, when it starts, and never changes (a session id is never
 * used for another quiz), so a save or another tab's change re-reads and re-checks only the small
 * changing part and joins it with the part kept here.
 */
const fixedParts = new Map<string, SessionItemsRow>();
/** Sessions whose fixed part is kept: a page works on one quiz at a time. */
const KEEP_FIXED = 4;

function keepFixed(items: SessionItemsRow) {
	fixedParts.delete(items.id);
	fixedParts.set(items.id, items);
	for (const id of fixedParts.keys()) {
		if (fixedParts.size <= KEEP_FIXED) break;
		fixedParts.delete(id);
	}
}

/**
 * A session from its stored row and its fixed part: the raw sessionItems row as read, or 'kept'
 * for the one kept here; undefined when the row is absent. Throws DamagedRowError.
 */
function sessionOf(raw: unknown, items: { raw: unknown } | 'kept'): SessionRow | undefined {
	if (raw === undefined) return undefined;
	const kept = items === 'kept' ? fixedParts.get(rowId(raw)) : undefined;
	const checked = checkSession(
		raw,
		kept ? { checked: kept } : items === 'kept' ? { raw: undefined } : items
	);
	if (!checked.ok) throw new DamagedRowError(checked.damaged);
	keepFixed(checked.items);
	return checked.row;
}

function rowId(raw: unknown): string {
	const id = raw && typeof raw === 'object' ? (raw as { id?: unknown }).id : undefined;
	return typeof id === 'string' ? id : '';
}

/**
 * Reads a session's row and, when it is not kept here (or `fresh`), its fixed part, inside the
 * caller's transaction.
 */
async function readSession(id: string, fresh = false): Promise<SessionRow | undefined> {
	const raw = await db.sessions.get(id);
	if (raw === undefined) return undefined;
	if (!fresh && fixedParts.has(id)) return sessionOf(raw, 'kept');
	return sessionOf(raw, { raw: await db.sessionItems.get(id) });
}

/** Stores a new session (nothing is recorded yet): its fixed part and its changing part, together. */
export async function addSession(row: SessionRow) {
	const items = forWrite('sessionItems', toStoredItemsRow(row));
	const stored = forWrite('sessions', toStoredRow({ ...row, rev: 1 }));
	await db.transaction('rw', [db.sessions, db.sessionItems], async () => {
		await db.sessionItems.put(items);
		await db.sessions.put(stored);
	});
	keepFixed(items);
}

/**
 * Changes a session in ONE transaction that re-reads it first: `decide` gets the row as stored
 * now (another tab may have written it since this one read it) and says what to write or why to
 * refuse. The session's changing part, the attempts it records, and their FSRS reviews (worked
 * out by `review` from the cards stored now) are written together, or nothing is. Only the
 * changing part is re-read and written: the fixed part (quiz and questions) never changes, so
 * what `decide` returns must have the stored one's.
 */
export function changeSession(
	id: string,
	decide: (stored: SessionRow | undefined) => SessionChange,
	review: ReviewAnswers
): Promise<ChangeOutcome> {
	const tables = [db.sessions, db.sessionItems, db.attempts, db.cards, db.reviewLogs];
	return db.transaction('rw', tables, async () => {
		const stored = await readSession(id);
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
export function activeSession(): Promise<{
	row: SessionRow | undefined;
	damaged: Checked<SessionRow>['damaged'];
}> {
	return db.transaction('r', [db.sessions, db.sessionItems], async () => {
		const raws = await db.sessions.where('status').anyOf('ready', 'active').sortBy('updatedAt');
		const { rows, damaged } = readRows('sessions', raws);
		const found: DamagedRow[] = [...damaged];
		// Only the newest is joined with its questions; an older one shows only if it is damaged.
		for (const row of rows.reverse()) {
			const checked = checkSession(row, { raw: await db.sessionItems.get(row.id) });
			if (checked.ok) {
				keepFixed(checked.items);
				return { row: checked.row, damaged: found };
			}
			found.push(checked.damaged);
		}
		return { row: undefined, damaged: found };
	});
}

/** One session by id, both parts read afresh; throws DamagedRowError when it is damaged. */
export function getSession(id: string): Promise<SessionRow | undefined> {
	return db.transaction('r', [db.sessions, db.sessionItems], () => readSession(id, true));
}

/**
 * Follows one session as any tab writes it: `onChange` gets each version whose save number is
 * not `since()` (undefined once the row is deleted): another tab's later saves, and an older copy
 * put in its place (a backup imported with "replace"); this tab's own saves are skipped unread.
 * Only the small changing part is read again on each save; the fixed part once.
 */
export function watchSession(
	id: string,
	since: () => number,
	onChange: (row: SessionRow | undefined) => void,
	onError: (error: unknown) => void
): () => void {
	const sub = liveQuery(async () => {
		const raw = await db.sessions.get(id);
		const items = raw && !fixedParts.has(id) ? { raw: await db.sessionItems.get(id) } : 'kept';
		return { raw, items } as const;
	}).subscribe({
		next: ({ raw, items }) => {
			if (raw && (typeof raw.rev === 'number' ? raw.rev : 0) === since()) return;
			try {
				onChange(sessionOf(raw, items));
			} catch (error) {
				onError(error);
			}
		},
		error: onError
	});
	return () => sub.unsubscribe();
}

/** Deletes an unfinished session, both its parts; its recorded attempts stay as history. */
export async function discardSession(id: string) {
	await db.transaction('rw', [db.sessions, db.sessionItems], async () => {
		await db.sessions.delete(id);
		await db.sessionItems.delete(id);
	});
	fixedParts.delete(id);
}

/** The latest attempt per item id: what "never seen" and "got wrong" filters read. */
export async function latestAttempts(): Promise<Map<string, AttemptRow>> {
	const latest = new Map<string, AttemptRow>();
	const { rows } = readRows('attempts', await db.attempts.orderBy('at').toArray());
	for (const row of rows) latest.set(row.itemId, row);
	return latest;
}
