import type { Transaction } from 'dexie';

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
	}
];
