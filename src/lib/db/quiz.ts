import type { AttemptEvent } from '../engine/session';
import { db, type AttemptRow, type SessionRow } from './index';
import { reviewFromAttempts } from './review';

/** Saves a session, the attempts its last action recorded and their FSRS reviews, in one transaction. */
export async function saveSession(row: SessionRow, attempts: readonly AttemptEvent[] = []) {
	await db.transaction(
		'rw',
		[db.sessions, db.attempts, db.cards, db.reviewLogs, db.settings],
		async () => {
			await db.sessions.put(row);
			if (attempts.length)
				await db.attempts.bulkAdd(attempts.map((a) => ({ ...a, sessionId: row.id })));
			await reviewFromAttempts(attempts);
		}
	);
}

/** The unfinished session, newest first, if any. */
export async function activeSession(): Promise<SessionRow | undefined> {
	const rows = await db.sessions.where('status').anyOf('ready', 'active').sortBy('updatedAt');
	return rows.at(-1);
}

/** One session by id. */
export function getSession(id: string) {
	return db.sessions.get(id);
}

/** Finished sessions, newest first. */
export async function finishedSessions(limit = 20): Promise<SessionRow[]> {
	const rows = await db.sessions.where('status').equals('submitted').sortBy('updatedAt');
	return rows.reverse().slice(0, limit);
}

/** Deletes an unfinished session; its recorded attempts stay as history. */
export async function discardSession(id: string) {
	await db.sessions.delete(id);
}

/** The latest attempt per item id: what "never seen" and "got wrong" filters read. */
export async function latestAttempts(): Promise<Map<string, AttemptRow>> {
	const latest = new Map<string, AttemptRow>();
	await db.attempts.orderBy('at').each((row) => {
		latest.set(row.itemId, row);
	});
	return latest;
}
