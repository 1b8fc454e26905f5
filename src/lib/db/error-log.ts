/**
 * The device's error log: faults in Quire and storage failures, kept so a student or teacher can
 * copy them into a report from Settings. It lives in its own small IndexedDB database (not
 * Quire's, not localStorage), written with IndexedDB alone: it must work when Dexie's chunk is
 * what failed to load, and it never enters backups. Capped: MAX_LOGGED entries (the oldest go
 * first), each field cut to its length. Imports only types, so the shell loads it for a few bytes;
 * its shape (LoggedErrorSchema) lives in error-log-rows.ts, which checks every entry read back.
 */
import type { LoggedError } from './error-log-rows';
import { MAX_LOGGED, MAX_MESSAGE, MAX_NAME, MAX_PAGE, MAX_STACK } from './error-log-limits';

export type { LoggedError };

/** The log's IndexedDB database and its one object store. */
export const LOG_DB = 'quire-log';
const STORE = 'errors';

/** What failed: a fault in Quire's code, the device's storage, or a part of the app not loading. */
export type LoggedKind = LoggedError['kind'];

function cut(text: string, max: number): string {
	return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** An entry for `error`, every field a capped string. */
export function logEntry(error: unknown, kind: LoggedKind, page: string, at: number): LoggedError {
	const e = error && typeof error === 'object' ? (error as Record<string, unknown>) : {};
	const text = (value: unknown) => (typeof value === 'string' ? value : '');
	const name = text(e.name) || (error instanceof Error ? 'Error' : typeof error);
	let message = text(e.message) || (typeof error === 'string' ? error : '');
	// Dexie wraps the browser's own error: keep what it says too.
	const inner =
		e.inner && typeof e.inner === 'object' ? (e.inner as Record<string, unknown>) : null;
	if (inner && text(inner.name)) message += ` (inner ${text(inner.name)}: ${text(inner.message)})`;
	return {
		at,
		kind,
		name: cut(name, MAX_NAME),
		message: cut(message, MAX_MESSAGE),
		stack: cut(text(e.stack), MAX_STACK),
		// The path only: a query or fragment may hold an assignment's payload.
		page: cut(page.split(/[?#]/)[0] ?? '', MAX_PAGE)
	};
}

type Factory = () => IDBFactory | undefined;
const browser: Factory = () => globalThis.indexedDB;

function request<T>(req: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
	});
}

function open(idb: IDBFactory): Promise<IDBDatabase> {
	const req = idb.open(LOG_DB, 1);
	req.onupgradeneeded = () => {
		req.result.createObjectStore(STORE, { autoIncrement: true });
	};
	return request(req);
}

function done(tx: IDBTransaction): Promise<void> {
	return new Promise((resolve, reject) => {
		tx.oncomplete = () => resolve();
		tx.onerror = tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
	});
}

/** False only when the browser says for sure the log's database does not exist. */
async function exists(idb: IDBFactory): Promise<boolean> {
	if (typeof idb.databases !== 'function') return true;
	return (await idb.databases()).some((d) => d.name === LOG_DB);
}

/**
 * Adds an entry and drops the oldest beyond MAX_LOGGED, in one transaction; false when the log
 * could not be written (no IndexedDB, a full disk): the entry then lives only in the page.
 */
export async function appendError(
	entry: LoggedError,
	factory: Factory = browser
): Promise<boolean> {
	let db: IDBDatabase | undefined;
	try {
		const idb = factory();
		if (!idb) return false;
		db = await open(idb);
		const tx = db.transaction(STORE, 'readwrite');
		const store = tx.objectStore(STORE);
		store.add(entry);
		const keys = store.getAllKeys();
		keys.onsuccess = () => {
			const all = keys.result;
			for (const key of all.slice(0, Math.max(0, all.length - MAX_LOGGED))) store.delete(key);
		};
		await done(tx);
		return true;
	} catch {
		return false;
	} finally {
		db?.close();
	}
}

/** Every stored entry, oldest first, as read (unchecked: see error-log-read.ts); [] with no log. */
export async function readErrorRows(factory: Factory = browser): Promise<unknown[]> {
	const idb = factory();
	if (!idb || !(await exists(idb))) return [];
	const db = await open(idb);
	try {
		return await request<unknown[]>(db.transaction(STORE).objectStore(STORE).getAll());
	} finally {
		db.close();
	}
}

/** Empties the log. */
export async function clearErrors(factory: Factory = browser): Promise<void> {
	const idb = factory();
	if (!idb || !(await exists(idb))) return;
	const db = await open(idb);
	try {
		const tx = db.transaction(STORE, 'readwrite');
		tx.objectStore(STORE).clear();
		await done(tx);
	} finally {
		db.close();
	}
}
