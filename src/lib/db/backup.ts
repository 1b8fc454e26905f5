import {
	BACKUP_TABLES,
	countRows,
	decodeBackup,
	encodeBackup,
	mergeData,
	PROGRESS_TABLES,
	teacherKeyConflict,
	type BackupData,
	type BackupTable,
	type CheckedData,
	type TableCounts
} from './backup-format';
import { db } from './database';

export {
	BACKUP_TABLES,
	PROGRESS_TABLES,
	countRows,
	decodeBackup,
	type Backup,
	type BackupData,
	type BackupTable,
	type CheckedData,
	type DecodeResult,
	type TableCounts
} from './backup-format';

const tables = (names: readonly BackupTable[]) => names.map((name) => db.table(name));

/** Every row of every table, read inside the caller's transaction (or its own). */
async function readAll(): Promise<BackupData> {
	const rows = await Promise.all(BACKUP_TABLES.map((name) => db.table(name).toArray()));
	return Object.fromEntries(BACKUP_TABLES.map((name, i) => [name, rows[i]])) as BackupData;
}

/** Empties every table and writes `data` in their place, inside the caller's transaction. */
async function writeAll(data: BackupData) {
	for (const name of BACKUP_TABLES) await db.table(name).clear();
	// bulkAdd keeps the rows' own auto-increment ids, so a replace restores them exactly.
	for (const name of BACKUP_TABLES) if (data[name].length) await db.table(name).bulkAdd(data[name]);
}

/** Every table as plain rows, read in one transaction so the snapshot is consistent. */
export function exportData(): Promise<BackupData> {
	return db.transaction('r', tables(BACKUP_TABLES), readAll);
}

/** A backup file's text for everything stored, with what it holds and whether it reads back. */
export async function exportBackup(
	now: number
): Promise<{ text: string; counts: TableCounts; problem: string | null }> {
	const data = await exportData();
	const text = await encodeBackup(data, now);
	// Check the file the way an import will, so a backup that could not be restored is never silent.
	const check = await decodeBackup(text);
	return { text, counts: countRows(data), problem: check.ok ? null : check.error };
}

/** Row counts of every table. */
export function tableCounts(): Promise<TableCounts> {
	return db.transaction('r', tables(BACKUP_TABLES), async () => {
		const counts = await Promise.all(BACKUP_TABLES.map((name) => db.table(name).count()));
		return Object.fromEntries(BACKUP_TABLES.map((name, i) => [name, counts[i]])) as TableCounts;
	});
}

/** True when merging `incoming` would keep this device's teacher key over a different one. */
export async function mergeKeepsOtherTeacherKey(incoming: BackupData): Promise<boolean> {
	const existing = await db.transaction('r', db.teacherKeys, () => db.teacherKeys.toArray());
	return teacherKeyConflict({ ...emptyData(), teacherKeys: existing }, incoming);
}

function emptyData(): BackupData {
	return Object.fromEntries(BACKUP_TABLES.map((name) => [name, []])) as unknown as BackupData;
}

/**
 * Imports a decoded backup in ONE transaction over every table: "replace" swaps all data for the
 * backup's; "merge" combines both sides with mergeData. Any failure rolls the whole import back.
 * Returns what the tables hold afterwards.
 */
export function importBackup(data: CheckedData, mode: 'replace' | 'merge'): Promise<TableCounts> {
	return db.transaction('rw', tables(BACKUP_TABLES), async () => {
		const next = mode === 'replace' ? data : mergeData(await readAll(), data);
		await writeAll(next);
		return countRows(next);
	});
}

/**
 * Clears a student's progress (sessions, answers, cards, review logs, received assignments) in
 * one transaction; settings and the teacher's key, assignments and results stay. Returns how many
 * rows each cleared table held.
 */
export function resetProgress(): Promise<Record<(typeof PROGRESS_TABLES)[number], number>> {
	return db.transaction('rw', tables(PROGRESS_TABLES), async () => {
		const counts = await Promise.all(PROGRESS_TABLES.map((name) => db.table(name).count()));
		for (const name of PROGRESS_TABLES) await db.table(name).clear();
		return Object.fromEntries(PROGRESS_TABLES.map((name, i) => [name, counts[i]])) as Record<
			(typeof PROGRESS_TABLES)[number],
			number
		>;
	});
}
