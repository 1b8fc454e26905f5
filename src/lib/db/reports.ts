/** Problems a student reported with questions and flashcards: one row per entry. */
import { db } from './database';
import { forWrite, readRow, readRows, type Checked } from './read';
import { MAX_REPORTS } from './rows';
import type { ReportRow } from './rows';

/**
 * Stores a report, replacing an earlier one on the same entry. Refuses a new one past
 * MAX_REPORTS so a runaway loop cannot fill the device; an edit of an existing one always fits.
 */
export async function saveReport(row: ReportRow): Promise<void> {
	const checked = forWrite('reports', row);
	await db.transaction('rw', db.reports, async () => {
		const existing = await db.reports.get(checked.itemId);
		if (!existing && (await db.reports.count()) >= MAX_REPORTS)
			throw new RangeError(
				`You have reported ${MAX_REPORTS} problems already. Export and delete some in Settings first.`
			);
		await db.reports.put(checked);
	});
}

/** The report on one entry, if any; throws DamagedRowError when it is damaged. */
export async function getReport(itemId: string): Promise<ReportRow | undefined> {
	return readRow('reports', await db.reports.get(itemId));
}

/** Every report, newest first, and any damaged ones. */
export async function listReports(): Promise<Checked<ReportRow>> {
	const checked = readRows('reports', await db.reports.orderBy('at').reverse().toArray());
	return checked;
}

/** The reports on these entries, in the order given (entries without one left out). */
export async function reportsFor(itemIds: readonly string[]): Promise<Checked<ReportRow>> {
	const raws = await db.reports.bulkGet([...itemIds]);
	return readRows(
		'reports',
		raws.filter((r) => r !== undefined)
	);
}

/** Deletes the report on one entry. */
export async function deleteReport(itemId: string): Promise<void> {
	await db.reports.delete(itemId);
}

/** Deletes every report; returns how many there were. */
export async function deleteAllReports(): Promise<number> {
	return db.transaction('rw', db.reports, async () => {
		const n = await db.reports.count();
		await db.reports.clear();
		return n;
	});
}
