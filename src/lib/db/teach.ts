import { decideRevision } from '../teach/revision';
import { db } from './database';
import {
	checkRow,
	checkSession,
	forWrite,
	readRow,
	readRows,
	type Checked,
	type DamagedRow
} from './read';
import {
	toStoredItemsRow,
	toStoredRow,
	type AssignmentRow,
	type ReceivedRow,
	type ResultRow,
	type SessionRow,
	type TeacherKeyRow
} from './rows';

const TEACHER = 'teacher';

/** The teacher's key pair, if this device has one; throws DamagedRowError when it is damaged. */
export async function getTeacherKeys(): Promise<TeacherKeyRow | undefined> {
	return readRow('teacherKeys', await db.teacherKeys.get(TEACHER));
}

/**
 * The teacher's key pair, made on first use. `make` runs outside any transaction (WebCrypto is
 * not IndexedDB); if two tabs race, the first key stored wins and both get it.
 */
export async function ensureTeacherKeys(
	make: () => Promise<{ publicJwk: JsonWebKey; privateJwk: JsonWebKey }>,
	now: number
): Promise<TeacherKeyRow> {
	const existing = await getTeacherKeys();
	if (existing) return existing;
	const keys = await make();
	const row = forWrite('teacherKeys', { id: TEACHER, ...keys, createdAt: now } as TeacherKeyRow);
	try {
		await db.teacherKeys.add(row);
		return row;
	} catch (error) {
		const raced = await getTeacherKeys();
		if (raced) return raced;
		throw error;
	}
}

/** Replaces the teacher's key pair (importing one exported from another device). */
export async function putTeacherKeys(keys: Omit<TeacherKeyRow, 'id'>): Promise<TeacherKeyRow> {
	const row = forWrite('teacherKeys', { id: TEACHER, ...keys });
	await db.teacherKeys.put(row);
	return row;
}

/** Stores an assignment the teacher created. */
export async function saveAssignment(row: AssignmentRow): Promise<void> {
	await db.assignments.put(forWrite('assignments', row));
}

/** One assignment by id; throws DamagedRowError when it is damaged. */
export async function getAssignment(id: string): Promise<AssignmentRow | undefined> {
	return readRow('assignments', await db.assignments.get(id));
}

/** Every assignment the teacher created, newest first, and any damaged ones. */
export async function listAssignments(): Promise<Checked<AssignmentRow>> {
	const checked = readRows('assignments', await db.assignments.orderBy('createdAt').toArray());
	return { rows: checked.rows.reverse(), damaged: checked.damaged };
}

/** How many results are stored per assignment id (damaged ones not counted). */
export async function resultCounts(): Promise<Map<string, number>> {
	const counts = new Map<string, number>();
	for (const row of readRows('results', await db.results.toArray()).rows)
		counts.set(row.assignmentId, (counts.get(row.assignmentId) ?? 0) + 1);
	return counts;
}

/** Every result imported for one assignment, oldest submission first, and any damaged ones. */
export async function resultsFor(assignmentId: string): Promise<Checked<ResultRow>> {
	const raws = await db.results.where('assignmentId').equals(assignmentId).sortBy('submittedAt');
	return readRows('results', raws);
}

/** What storing one imported result did. */
export type AddOutcome = 'added' | 'replaced' | 'duplicate' | 'conflict';

/**
 * Stores decrypted results in one transaction. Per row: 'added' when new; 'replaced' when a row
 * with the same `dedupe` key held an earlier revision of the same attempt (its result, reports
 * included, is replaced: still one attempt); 'duplicate' when that row is the same or a later
 * revision, or cannot be read (a re-import is a no-op); 'conflict' when it holds other answers.
 */
export async function addResults(rows: readonly ResultRow[]): Promise<AddOutcome[]> {
	const checked = rows.map((row) => forWrite('results', row));
	return db.transaction('rw', db.results, async () => {
		const outcomes: AddOutcome[] = [];
		for (const row of checked) {
			const raw = await db.results.where('dedupe').equals(row.dedupe).first();
			if (!raw) {
				await db.results.add(row);
				outcomes.push('added');
				continue;
			}
			const existing = checkRow('results', raw);
			const decision = existing.ok ? decideRevision(existing.row.result, row.result) : 'duplicate';
			if (decision !== 'replace' || !existing.ok) {
				outcomes.push(decision === 'conflict' ? 'conflict' : 'duplicate');
				continue;
			}
			await db.results.put(
				forWrite('results', {
					...existing.row,
					// The name as first imported: the dedupe key already ignores case and spacing.
					result: { ...row.result, student: existing.row.result.student }
				})
			);
			outcomes.push('replaced');
		}
		return outcomes;
	});
}

/** Deletes one imported result; true when there was one to delete. */
export async function deleteResult(id: number): Promise<boolean> {
	return db.transaction('rw', db.results, async () => {
		if (!(await db.results.get(id))) return false;
		await db.results.delete(id);
		return true;
	});
}

/** One received assignment by id; throws DamagedRowError when it is damaged. */
export async function getReceived(id: string): Promise<ReceivedRow | undefined> {
	return readRow('received', await db.received.get(id));
}

/** Every assignment this device received, newest first, and any damaged ones. */
export async function listReceived(): Promise<Checked<ReceivedRow>> {
	const checked = readRows('received', await db.received.orderBy('openedAt').toArray());
	return { rows: checked.rows.reverse(), damaged: checked.damaged };
}

/** Stores a received assignment the first time it is opened (keeps attempts if already there). */
export async function saveReceived(row: ReceivedRow): Promise<ReceivedRow> {
	const checked = forWrite('received', row);
	return db.transaction('rw', db.received, async () => {
		const existing = readRow('received', await db.received.get(row.id));
		if (existing) return existing;
		await db.received.add(checked);
		return checked;
	});
}

/** The received assignment a session is an attempt at, found through its attempts list. */
export async function receivedForSession(sessionId: string): Promise<ReceivedRow | undefined> {
	const { rows } = readRows('received', await db.received.toArray());
	return rows.find((r) => r.attempts.some((a) => a.sessionId === sessionId));
}

/** Sessions by id, for the attempts of received assignments, and any damaged ones. */
export async function sessionsById(
	ids: readonly string[]
): Promise<{ sessions: Map<string, SessionRow>; damaged: DamagedRow[] }> {
	return db.transaction('r', [db.sessions, db.sessionItems], async () => {
		const [raws, items] = await Promise.all([
			db.sessions.bulkGet([...ids]),
			db.sessionItems.bulkGet([...ids])
		]);
		const sessions = new Map<string, SessionRow>();
		const damaged: DamagedRow[] = [];
		raws.forEach((raw, i) => {
			if (raw === undefined) return;
			const checked = checkSession(raw, { raw: items[i] });
			if (checked.ok) sessions.set(checked.row.id, checked.row);
			else damaged.push(checked.damaged);
		});
		return { sessions, damaged };
	});
}

/** What startAssignedSession did: a new attempt, the unfinished one, or why none. */
export type StartOutcome =
	{ ok: true; sessionId: string; resumed: boolean } | { ok: false; reason: string };

/**
 * Starts an attempt at a received assignment in ONE transaction that re-reads the assignment and
 * its attempts' sessions, so two tabs cannot both start one: an unfinished attempt is resumed,
 * and the attempt limit is checked against what is stored now. `make` builds the new session.
 * Attempts whose session was discarded unfinished are dropped from the list first.
 */
export async function startAssignedSession(
	receivedId: string,
	make: () => SessionRow
): Promise<StartOutcome> {
	return db.transaction('rw', db.received, db.sessions, db.sessionItems, async () => {
		const row = readRow('received', await db.received.get(receivedId));
		if (!row)
			return {
				ok: false,
				reason: 'This assignment is no longer stored on this device. Open the link again.'
			};
		const sessions = await db.sessions.bulkGet(row.attempts.map((a) => a.sessionId));
		// A damaged session still counts as an attempt made; only a missing one was discarded.
		const live = sessions.map((raw) => {
			if (raw === undefined) return 'gone';
			const checked = checkRow('sessions', raw);
			return checked.ok ? checked.row : 'damaged';
		});
		const attempts = row.attempts.filter((a, i) => a.submittedAt !== null || live[i] !== 'gone');
		const open = row.attempts.findIndex((a, i) => {
			const s = live[i];
			return a.submittedAt === null && typeof s === 'object' && s.status !== 'submitted';
		});
		if (open >= 0) return { ok: true, sessionId: row.attempts[open]!.sessionId, resumed: true };
		const limit = row.payload.maxAttempts;
		if (limit !== null && attempts.length >= limit)
			return {
				ok: false,
				reason: `You have used every attempt (${limit} of ${limit}), perhaps in another tab.`
			};
		const session = { ...make(), rev: 1 };
		await db.sessionItems.put(forWrite('sessionItems', toStoredItemsRow(session)));
		await db.sessions.put(forWrite('sessions', toStoredRow(session)));
		await db.received.put(
			forWrite('received', {
				...row,
				attempts: [
					...attempts,
					{ sessionId: session.id, submittedAt: null, code: null, late: false }
				]
			})
		);
		return { ok: true, sessionId: session.id, resumed: false };
	});
}

/** Records an attempt's submission and its result code. */
export async function recordResultCode(
	receivedId: string,
	sessionId: string,
	submittedAt: number,
	code: string,
	late: boolean
): Promise<void> {
	await db.transaction('rw', db.received, async () => {
		const row = readRow('received', await db.received.get(receivedId));
		if (!row) throw new Error('This assignment is no longer stored on this device.');
		await db.received.put(
			forWrite('received', {
				...row,
				attempts: row.attempts.map((a) =>
					a.sessionId === sessionId ? { ...a, submittedAt, code, late } : a
				)
			})
		);
	});
}
