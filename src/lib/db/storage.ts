import type Dexie from 'dexie';

/**
 * What kind of storage failure an error is:
 * - `full`: the device or the site's quota is out of space (every engine's form, see isFull);
 * - `blocked`: the browser offers no IndexedDB or refuses it (private mode, a privacy setting);
 * - `version`: the stored data was written by a newer Quire;
 * - `closed`: the browser closed the connection or could not open it (it may open again);
 * - `unknown`: IndexedDB failed for a reason it does not name.
 */
export type StorageErrorKind = 'full' | 'blocked' | 'version' | 'closed' | 'unknown';

/**
 * A failure of the device's storage, made from what Dexie or IndexedDB threw (`cause`). Anything
 * that is not one (a TypeError, a damaged row, a refused invalid row) is not made into one:
 * `toStorageError` gives null, and callers treat it as the bug or the refusal it is.
 */
export class StorageError extends Error {
	constructor(
		readonly kind: StorageErrorKind,
		override readonly cause: unknown
	) {
		super(describeKind(kind, errorName(cause)));
		this.name = 'StorageError';
	}
}

/** The error's name, or '' for a thrown non-error. */
function errorName(error: unknown): string {
	return error && typeof error === 'object' && 'name' in error && typeof error.name === 'string'
		? error.name
		: '';
}

function errorMessage(error: unknown): string {
	return error &&
		typeof error === 'object' &&
		'message' in error &&
		typeof error.message === 'string'
		? error.message
		: '';
}

/** The error and the errors it wraps (Dexie's `inner`, a DOMException's `cause`), outermost first. */
function chain(error: unknown): unknown[] {
	const out: unknown[] = [];
	let at: unknown = error;
	while (at && typeof at === 'object' && out.length < 6 && !out.includes(at)) {
		out.push(at);
		at =
			'inner' in at && at.inner
				? at.inner
				: 'cause' in at && at.cause
					? at.cause
					: 'reason' in at && at.reason instanceof Error
						? at.reason
						: undefined;
	}
	return out.length ? out : [error];
}

/**
 * Names IndexedDB and Dexie give storage failures. Anything else — TypeError, RangeError,
 * DataError (a bad key), DataCloneError, ConstraintError, ReadOnlyError, InvalidTableError,
 * TransactionInactiveError and PrematureCommitError (a transaction awaited something else),
 * SchemaError… — is Quire's own mistake and is not one.
 */
const STORAGE_NAMES = new Set([
	'QuotaExceededError',
	'NS_ERROR_DOM_QUOTA_REACHED',
	'UnknownError',
	'AbortError',
	'TimeoutError',
	'DatabaseClosedError',
	'OpenFailedError',
	'NoSuchDatabaseError',
	'InvalidStateError',
	'SecurityError',
	'MissingAPIError',
	'VersionError',
	'NotFoundError'
]);

/**
 * Messages engines give a full disk under a name that does not say so: Chromium's
 * `UnknownError` from LevelDB ("IO error: …/000012.log: FILE_ERROR_NO_SPACE",
 * "Encountered full disk while opening backing store"), Firefox's NS_ERROR_FILE_NO_DEVICE_SPACE
 * and SQLite's "database or disk is full" (Firefox and WebKit store IndexedDB in SQLite), and the
 * ENOSPC / "No space left on device" of the file system under them.
 */
const FULL_MESSAGE =
	/FILE_ERROR_NO_SPACE|full disk|disk (?:is )?full|NO_DEVICE_SPACE|SQLITE_FULL|ENOSPC|no space left|not enough (?:disk )?space|quota/i;

/** True when the error (or one it wraps) says the device or the quota is out of space. */
export function isFull(error: unknown): boolean {
	return chain(error).some((e) => {
		const name = errorName(e);
		if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
		// DOMException's legacy code for QUOTA_EXCEEDED_ERR (older WebKit gives only this).
		if (e && typeof e === 'object' && 'code' in e && e.code === 22 && name !== 'TypeError')
			return true;
		return FULL_MESSAGE.test(errorMessage(e));
	});
}

/** A ConstraintError from a key generator that could not be read (see toStorageError). */
function keyGeneratorFailed(e: unknown): boolean {
	return errorName(e) === 'ConstraintError' && /key generator/i.test(errorMessage(e));
}

/**
 * The storage failure an error is, or null when it is not one (a bug, a damaged or refused row).
 * Looks through Dexie's wrappers: an AbortError or a DatabaseClosedError whose inner error is a
 * full disk is `full`.
 */
export function toStorageError(error: unknown): StorageError | null {
	if (error instanceof StorageError) return error;
	const names = chain(error).map(errorName);
	const outer = names[0] ?? '';
	// Chromium on a full disk fails to read an auto-increment store's key generator and says
	// "Maximum key generator value reached" (a ConstraintError): Quire's keys are nowhere near
	// 2^53, so this is the storage failing, not a bug.
	if (chain(error).some(keyGeneratorFailed))
		return new StorageError(isFull(error) ? 'full' : 'unknown', error);
	if (!STORAGE_NAMES.has(outer)) return null;
	// A wrapper around a bug (Dexie wraps what an upgrade function throws in OpenFailedError…).
	const inner = names.slice(1).find((n) => n && !STORAGE_NAMES.has(n));
	if (inner && !isFull(error)) return null;
	if (isFull(error)) return new StorageError('full', error);
	if (names.some((n) => n === 'VersionError')) return new StorageError('version', error);
	if (
		typeof indexedDB === 'undefined' ||
		names.some((n) => n === 'MissingAPIError' || n === 'SecurityError')
	)
		return new StorageError('blocked', error);
	// Chromium: "The database connection is closing"; old Firefox private mode refused opening so.
	if (outer === 'InvalidStateError' && names.length === 1)
		return new StorageError(/clos/i.test(errorMessage(error)) ? 'closed' : 'blocked', error);
	if (names.some((n) => n === 'DatabaseClosedError' || n === 'OpenFailedError'))
		return new StorageError('closed', error);
	return new StorageError('unknown', error);
}

/** The sentence a student reads for each kind of storage failure. */
function describeKind(kind: StorageErrorKind, name: string): string {
	switch (kind) {
		case 'full':
			return (
				'The device is out of storage space, so your last change was not saved. Nothing saved ' +
				'before it was lost, and you can keep going: free some space (or export a backup and ' +
				'delete old data) and Quire saves again.'
			);
		case 'version':
			return 'Your saved data was written by a newer version of Quire. Reload to update the app.';
		case 'blocked':
			return typeof indexedDB === 'undefined' || name === 'MissingAPIError'
				? 'This browser offers no offline storage (IndexedDB), so progress cannot be saved. Private browsing often turns it off.'
				: 'The browser blocks storage for this site (private mode or a privacy setting), so progress cannot be saved.';
		case 'closed':
			return `The browser closed Quire's storage (${name}), so your last change was not saved yet. Quire opens it again and retries.`;
		case 'unknown':
			return `The browser's storage failed (${name || 'unknown error'}), so your last change was not saved yet. Quire retries.`;
	}
}

/**
 * Turns a failure into a sentence a student can act on: a storage failure says what happened to
 * the device's storage; a damaged or refused row names itself; anything else is said to be a
 * fault in Quire, never dressed up as a storage failure.
 */
export function describeStorageError(error: unknown): string {
	const name = errorName(error);
	// Damaged stored data and refused writes carry their own sentence naming the row.
	if ((name === 'DamagedRowError' || name === 'InvalidRowError') && error instanceof Error)
		return error.message;
	const storage = toStorageError(error);
	if (storage) return storage.message;
	return `Something went wrong in Quire (${name || 'error'}: ${errorMessage(error).slice(0, 120) || 'no details'}). This is a fault in the app, not in your device's storage; the error is logged under Settings.`;
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

/**
 * Opens the database again after the browser closed it or an open failed. Dexie keeps a failed
 * open for the life of the page (every later call rejects with DatabaseClosedError wrapping the
 * first failure), so a plain `open()` is not enough: `close({ disableAutoOpen: false })` first
 * clears the failure and re-arms auto-open, then `open()` tries for real. Throws what the new
 * open throws (still full, still blocked).
 */
export async function reopen(database: Dexie): Promise<void> {
	if (database.hasFailed()) database.close({ disableAutoOpen: false });
	await database.open();
}

/** Asks the browser to keep Quire's data through storage pressure; true when granted. */
export async function requestPersistence(): Promise<boolean> {
	if (typeof navigator === 'undefined' || !navigator.storage?.persist) return false;
	if (await navigator.storage.persisted()) return true;
	return navigator.storage.persist();
}
