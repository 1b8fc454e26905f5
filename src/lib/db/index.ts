import Dexie, { type EntityTable } from 'dexie';
import type { Answer } from '../engine/score';
import type { SessionState } from '../engine/session';
import { SCHEMA_VERSIONS } from './schema';

/** A row of the key/value settings table. */
export interface SettingRow {
	key: string;
	value: unknown;
}

/** A quiz session, in progress or finished, with its whole reducer state. */
export interface SessionRow {
	id: string;
	status: SessionState['status'];
	title: string;
	createdAt: number;
	updatedAt: number;
	state: SessionState;
}

/** One recorded answer to one item. */
export interface AttemptRow {
	id?: number;
	sessionId: string;
	itemId: string;
	answer: Answer | null;
	score: number;
	correct: boolean;
	timeTakenMs: number;
	at: number;
}

/** Quire's IndexedDB database: the one place progress is stored. */
export class QuireDB extends Dexie {
	settings!: EntityTable<SettingRow, 'key'>;
	sessions!: EntityTable<SessionRow, 'id'>;
	attempts!: EntityTable<AttemptRow, 'id'>;

	constructor(name = 'quire', options?: ConstructorParameters<typeof Dexie>[1]) {
		super(name, options);
		for (const v of SCHEMA_VERSIONS) {
			const version = this.version(v.version).stores(v.stores);
			if (v.upgrade) version.upgrade(v.upgrade);
		}
	}
}

/** The single database instance the app uses. */
export const db = new QuireDB();

export { describeStorageError, checkStorage, requestPersistence } from './storage';
export { getSetting, setSetting, type Settings } from './settings';
export * from './quiz';
