import {
	db,
	type AssignmentRow,
	type ReceivedRow,
	type ResultRow,
	type SessionRow,
	type TeacherKeyRow
} from './index';

const TEACHER = 'teacher';

/** The teacher's key pair, if this device has one. */
export function getTeacherKeys(): Promise<TeacherKeyRow | undefined> {
	return db.teacherKeys.get(TEACHER);
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
	const row: TeacherKeyRow = { id: TEACHER, ...keys, createdAt: now };
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
export async function putTeacherKeys(keys: Omit<TeacherKeyRow, 'id'>): Promise<void> {
	await db.teacherKeys.put({ id: TEACHER, ...keys });
}

/** Stores an assignment the teacher created. */
export async function saveAssignment(row: AssignmentRow): Promise<void> {
	await db.assignments.put(row);
}

/** One assignment by id. */
export function getAssignment(id: string): Promise<AssignmentRow | undefined> {
	return db.assignments.get(id);
}

/** Every assignment the teacher created, newest first. */
export async function listAssignments(): Promise<AssignmentRow[]> {
	return (await db.assignments.orderBy('createdAt').toArray()).reverse();
}

/** How many results are stored per assignment id. */
export async function resultCounts(): Promise<Map<string, number>> {
	const counts = new Map<string, number>();
	await db.results.each((row) =>
		counts.set(row.assignmentId, (counts.get(row.assignmentId) ?? 0) + 1)
	);
	return counts;
}

/** Every result imported for one assignment, oldest submission first. */
export function resultsFor(assignmentId: string): Promise<ResultRow[]> {
	return db.results.where('assignmentId').equals(assignmentId).sortBy('submittedAt');
}

/**
 * Stores decrypted results in one transaction. Returns, per row, true when it was added and
 * false when a row with the same `dedupe` key was already there (a re-import is a no-op).
 */
export async function addResults(rows: readonly ResultRow[]): Promise<boolean[]> {
	return db.transaction('rw', db.results, async () => {
		const added: boolean[] = [];
		for (const row of rows) {
			const existing = await db.results.where('dedupe').equals(row.dedupe).first();
			if (existing) {
				added.push(false);
				continue;
			}
			await db.results.add(row);
			added.push(true);
		}
		return added;
	});
}

/** One received assignment by id. */
export function getReceived(id: string): Promise<ReceivedRow | undefined> {
	return db.received.get(id);
}

/** Every assignment this device received, newest first. */
export async function listReceived(): Promise<ReceivedRow[]> {
	return (await db.received.orderBy('openedAt').toArray()).reverse();
}

/** Stores a received assignment the first time it is opened (keeps attempts if already there). */
export async function saveReceived(row: ReceivedRow): Promise<ReceivedRow> {
	return db.transaction('rw', db.received, async () => {
		const existing = await db.received.get(row.id);
		if (existing) return existing;
		await db.received.add(row);
		return row;
	});
}

/** The received assignment a session is an attempt at, found through its attempts list. */
export async function receivedForSession(sessionId: string): Promise<ReceivedRow | undefined> {
	return db.received.filter((r) => r.attempts.some((a) => a.sessionId === sessionId)).first();
}

/** Sessions by id, for the attempts of received assignments. */
export async function sessionsById(ids: readonly string[]): Promise<Map<string, SessionRow>> {
	const rows = await db.sessions.bulkGet([...ids]);
	const map = new Map<string, SessionRow>();
	for (const row of rows) if (row) map.set(row.id, row);
	return map;
}

/**
 * Saves a new attempt's session and lists it on the received assignment, in one transaction.
 * Attempts whose session was discarded unfinished are dropped from the list first.
 */
export async function startAssignedSession(receivedId: string, session: SessionRow): Promise<void> {
	await db.transaction('rw', db.received, db.sessions, async () => {
		const row = await db.received.get(receivedId);
		if (!row) throw new Error('This assignment is no longer stored on this device.');
		const live = await db.sessions.bulkGet(row.attempts.map((a) => a.sessionId));
		const attempts = row.attempts.filter((a, i) => a.submittedAt !== null || live[i]);
		await db.sessions.put(session);
		await db.received.put({
			...row,
			attempts: [...attempts, { sessionId: session.id, submittedAt: null, code: null, late: false }]
		});
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
		const row = await db.received.get(receivedId);
		if (!row) throw new Error('This assignment is no longer stored on this device.');
		await db.received.put({
			...row,
			attempts: row.attempts.map((a) =>
				a.sessionId === sessionId ? { ...a, submittedAt, code, late } : a
			)
		});
	});
}
