/**
 * The db room's entry: the repositories and the row types. Callers import from here; the Dexie
 * instance lives in ./database, which repositories import and which imports none of them.
 */
export { db, QuireDB } from './database';
export type {
	AssignmentRow,
	AttemptRow,
	CardRow,
	ReceivedAttempt,
	ReceivedRow,
	ReportRow,
	ResultRow,
	ReviewLogRow,
	SessionRow,
	SettingRow,
	StoredSessionRow,
	TableName,
	TeacherKeyRow
} from './rows';
export {
	DamagedRowError,
	InvalidRowError,
	describeDamaged,
	type Checked,
	type DamagedRow
} from './read';
export {
	describeStorageError,
	checkStorage,
	reopen,
	requestPersistence,
	StorageError,
	toStorageError,
	type StorageErrorKind
} from './storage';
export { DEFAULT_SETTINGS, getSetting, setSetting, type Settings } from './settings';
export * from './quiz';
export * from './journal';
export * from './rating-journal';
export * from './review';
export { SCHEMA_VERSION } from './schema';
export * from './backup';
export * from './teach';
export * from './progress';
export * from './reports';
export { MAX_REPORT_PROMPT, MAX_REPORTS } from './rows';
