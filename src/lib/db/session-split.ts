/**
 * Sessions stored before database version 7 (and backups made then) kept a quiz in one row: its
 * changing part (answers, position, drafts, time) and its fixed part (the quiz and its questions)
 * together, `state.v` 1. Since then the fixed part is its own row in `sessionItems`, written once
 * when the quiz starts, and a save writes the small changing part alone (`state.v` 2).
 *
 * This splits an old row, field for field, without checking it: the database upgrade and the
 * import of an old backup both use it, and the rows it gives are checked where they are read.
 * Imports nothing, so the schema versions can use it.
 */

/** The two rows an old session row becomes. */
export interface SplitSession {
	/** The session row with its changing part only (`state.v` 2). */
	session: Record<string, unknown>;
	/** The fixed part: `{ id, quiz, items }`. */
	items: Record<string, unknown>;
}

function isRecord(x: unknown): x is Record<string, unknown> {
	return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * An old whole session row split in two; null when it is not an old whole row (a row already
 * split, or a damaged one, which stays as it is and is reported where it is read).
 */
export function splitOldSession(raw: unknown): SplitSession | null {
	if (!isRecord(raw) || !isRecord(raw.state) || raw.state.v !== 1) return null;
	const { quiz, items, ...rest } = raw.state;
	return {
		session: { ...raw, state: { ...rest, v: 2 } },
		items: { id: raw.id, quiz, items }
	};
}

/** Every row of an old sessions table split: the session rows and the fixed parts they shed. */
export function splitOldSessions(rows: readonly unknown[]): {
	sessions: unknown[];
	sessionItems: unknown[];
} {
	const sessions: unknown[] = [];
	const sessionItems: unknown[] = [];
	for (const raw of rows) {
		const split = splitOldSession(raw);
		sessions.push(split ? split.session : raw);
		if (split) sessionItems.push(split.items);
	}
	return { sessions, sessionItems };
}
