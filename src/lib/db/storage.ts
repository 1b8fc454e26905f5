import type Dexie from 'dexie';

/** Turns an IndexedDB failure into a sentence a student can act on. */
export function describeStorageError(error: unknown): string {
	const name = error instanceof Error ? error.name : '';
	const inner =
		error && typeof error === 'object' && 'inner' in error && error.inner instanceof Error
			? error.inner.name
			: '';
	if (name === 'MissingAPIError' || typeof indexedDB === 'undefined')
		return 'This browser offers no offline storage (IndexedDB), so progress cannot be saved. Private browsing often turns it off.';
	// Damaged stored data and refused writes carry their own sentence naming the row.
	if ((name === 'DamagedRowError' || name === 'InvalidRowError') && error instanceof Error)
		return error.message;
	if (name === 'QuotaExceededError' || inner === 'QuotaExceededError')
		return (
			'The device is out of storage space, so your last change was not saved. Nothing saved ' +
			'before it was lost, and you can keep going: free some space (or export a backup and ' +
			'delete old data) and Quire saves again with your next change.'
		);
	if (name === 'VersionError' || inner === 'VersionError')
		return 'Your saved data was written by a newer version of Quire. Reload to update the app.';
	if (name === 'SecurityError' || inner === 'SecurityError' || name === 'InvalidStateError')
		return 'The browser blocks storage for this site (private mode or a privacy setting), so progress cannot be saved.';
	return `Progress cannot be saved: the browser refused to open storage (${name || 'unknown error'}).`;
}

/** Opens the database and reports whether storage works, without throwing. */
export async function checkStorage(
	database: Dexie
): Promise<{ ok: true } | { ok: false; message: string }> {
	try {
		await database.open();
		return { ok: true };
	} catch (error) {
		return { ok: false, message: describeStorageError(error) };
	}
}

/** Asks the browser to keep Quire's data through storage pressure; true when granted. */
export async function requestPersistence(): Promise<boolean> {
	if (typeof navigator === 'undefined' || !navigator.storage?.persist) return false;
	if (await navigator.storage.persisted()) return true;
	return navigator.storage.persist();
}
