import Dexie, { type EntityTable } from 'dexie';
import type { Answer } from '../engine/score';
import type { SessionState } from '../engine/session';
import type { CardRecord, ReviewLogRecord } from '../srs';
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
	/** Set when the session is an attempt at a teacher's assignment. */
	assignmentId?: string;
}

/** A review log row: ts-fsrs's log plus its card and source. */
export interface ReviewLogRow extends ReviewLogRecord {
	id?: number;
}

/** The teacher's ECDH key pair (one row, id 'teacher'). */
export interface TeacherKeyRow {
	id: string;
	publicJwk: JsonWebKey;
	privateJwk: JsonWebKey;
	createdAt: number;
}

/** An assignment the teacher created; `payload` is the decoded link payload. */
export interface AssignmentRow {
	id: string;
	createdAt: number;
	payload: unknown;
	link: string;
}

/** A student's decrypted result, imported by the teacher. `dedupe` makes re-imports no-ops. */
export interface ResultRow {
	id?: number;
	assignmentId: string;
	dedupe: string;
	student: string;
	submittedAt: number;
	importedAt: number;
	result: unknown;
}

/** An assignment a student opened from a link, with their name and attempts. */
export interface ReceivedRow {
	id: string;
	openedAt: number;
	student: string;
	payload: unknown;
	attempts: { sessionId: string; submittedAt: number | null; code: string | null; late: boolean }[];
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
	cards!: EntityTable<CardRecord, 'id'>;
	reviewLogs!: EntityTable<ReviewLogRow, 'id'>;
	teacherKeys!: EntityTable<TeacherKeyRow, 'id'>;
	assignments!: EntityTable<AssignmentRow, 'id'>;
	results!: EntityTable<ResultRow, 'id'>;
	received!: EntityTable<ReceivedRow, 'id'>;

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
export * from './review';
export { SCHEMA_VERSION } from './schema';
export * from './backup';
export * from './teach';
export * from './progress';
