import type { Transaction } from 'dexie';
import { splitOldSessions } from './session-split';

/** One schema version: Dexie store strings plus an optional data upgrade. */
export interface SchemaVersion {
	version: number;
	stores: Record<string, string | null>;
	upgrade?: (tx: Transaction) => Promise<void> | void;
}

/**
 * Every schema Quire has shipped, oldest first. Append only: a shipped entry never changes,
 * because a student's phone may still hold a database at that version. Add a fixture per
 * version (see db.test.ts) so the upgrade path stays tested.
 */
export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
	{
		version: 1,
		stores: { settings: 'key' }
	},
	{
		// Quizzes: one row per session (its whole reducer state) and one per recorded answer.
		version: 2,
		stores: {
			sessions: 'id, status, updatedAt',
			attempts: '++id, sessionId, itemId, at, [itemId+at]'
		}
	},
	{
		// Spaced repetition (ts-fsrs cards and their review logs) and teacher assignments.
		version: 3,
		stores: {
			sessions: 'id, status, updatedAt, assignmentId',
			cards: 'id, due, state, kind',
			reviewLogs: '++id, cardId, review',
			teacherKeys: 'id',
			assignments: 'id, createdAt',
			results: '++id, assignmentId, &dedupe, submittedAt',
			received: 'id, openedAt'
		}
	},
	{
		// A teacher's own question sets beside the built-in bank: sets, their entries (a copy of a
		// built-in item records it in copyOf) and editor drafts saved as the teacher types.
		version: 5,
		stores: {
			sets: 'id, updatedAt',
			setItems: 'id, setId, [setId+position], copyOf',
			setDrafts: 'id, setId'
		}
	},
	{
		// Problems a student reported with a question or a flashcard, one per entry.
		version: 6,
		stores: { reports: 'itemId, at' }
	},
	{
		// A session's fixed part (its quiz and questions, written once when it starts) apart from
		// its changing part (answers, position, drafts, time), so a save writes only the small one.
		// Every stored session is split in two, nothing dropped (see session-split.ts).
		version: 7,
		stores: { sessionItems: 'id' },
		upgrade: async (tx) => {
			const sessions = tx.table('sessions');
			const { sessions: rows, sessionItems } = splitOldSessions(await sessions.toArray());
			if (sessionItems.length) {
				await sessions.bulkPut(rows);
				await tx.table('sessionItems').bulkPut(sessionItems);
			}
		}
	}
];

/** The newest schema version: backups record it. */
export const SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;
