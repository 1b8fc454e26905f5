import type { Settings } from '$lib/db';
import { appendError, logEntry, type LoggedError, type LoggedKind } from '$lib/db/error-log';
import { MAX_LOGGED } from '$lib/db/error-log-limits';
import { databaseExists } from '$lib/db/exists';
import {
	describeStorageError,
	StorageError,
	toStorageError,
	type StorageErrorKind
} from '$lib/db/storage';
import { loadDb } from './load-db';

type Theme = Settings['theme'];

/**
 * Something holding changes the student made that storage refused (a full disk): it keeps them in
 * memory, says how many are waiting, and writes them when asked (through `app.save`).
 */
export interface Keeper {
	/** How many changes are waiting, and what they are ("answer", "rating"): 0 when none. */
	waiting(): { count: number; noun: string };
	/** Tries to write what is waiting; resolves when the attempt is over. */
	retry(): Promise<unknown>;
}

/** Waits between attempts to reach storage again after a failure, in ms; the last repeats. */
export const RETRY_DELAYS = [1_000, 2_000, 4_000, 8_000, 15_000];

/** Errors already logged and shown: the global handlers see them again when they are re-thrown. */
const reported = new WeakSet<object>();

/** A number and a noun, in the plural when it is not 1. */
function counted(n: number, noun: string): string {
	return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Shell-wide state: hydration, storage health, theme, connectivity. */
export class AppState {
	/** False until the client has hydrated: controls stay disabled so no click is lost. */
	mounted = $state(false);
	/** A sentence explaining why progress cannot be saved, or null when storage works. */
	storageError = $state<string | null>(null);
	/** What kind of storage failure `storageError` tells of; null for a refused row, or none. */
	storageKind = $state<StorageErrorKind | null>(null);
	/** What is kept on this page waiting to be stored, in words; '' when nothing is waiting. */
	kept = $state('');
	/** A short, honest message after a fault in Quire (not the device), or null. */
	fault = $state<string | null>(null);
	/** Errors logged while this page is open, oldest first (also written to the device's log). */
	errors = $state.raw<LoggedError[]>([]);
	theme = $state<Theme>('system');
	online = $state(true);

	private keepers = new Set<Keeper>();
	private retryTimer: ReturnType<typeof setTimeout> | null = null;
	private attempt = 0;
	private retrying = false;
	/** The path of the page shown, for the log (set by start). */
	private where: () => string = () => '';

	constructor(
		private delays: readonly number[] = RETRY_DELAYS,
		private now: () => number = Date.now
	) {}

	/** Runs once on the client: opens storage, loads the theme, follows connectivity. */
	async start(win: Window) {
		this.where = () => win.location?.pathname ?? '';
		this.online = win.navigator.onLine;
		win.addEventListener('online', () => (this.online = true));
		win.addEventListener('offline', () => (this.online = false));
		const choice = win.document.documentElement.dataset.choice;
		if (choice === 'light' || choice === 'dark') this.theme = choice;
		this.mounted = true;
		if (await databaseExists()) {
			if (await this.checkStorage()) {
				this.theme = await (await loadDb()).getSetting('theme');
				applyTheme(win.document, this.theme);
			}
			return;
		}
		// A first visit has nothing saved to read, so Dexie is not loaded yet: storage is checked
		// at the first tap or key press, before anything can be saved.
		const check = () => {
			win.removeEventListener('pointerdown', check);
			win.removeEventListener('keydown', check);
			void this.checkStorage();
		};
		win.addEventListener('pointerdown', check);
		win.addEventListener('keydown', check);
	}

	/** Opens the database; on failure shows why in the shell. */
	private async checkStorage(): Promise<boolean> {
		const { checkStorage, db } = await loadDb();
		const status = await checkStorage(db);
		if (!status.ok) this.storageError = status.message;
		return status.ok;
	}

	/**
	 * Listens for faults nothing else caught: a rejected promise, an uncaught exception, and a
	 * script chunk that failed to load (Vite's `vite:preloadError`, e.g. an old tab after an
	 * update removed its chunks). Each is logged and shown in a short, honest message.
	 */
	watchErrors(win: Window) {
		win.addEventListener('unhandledrejection', (event) => {
			this.report(event.reason, 'bug');
		});
		win.addEventListener('error', (event) => {
			// Resource load errors do not bubble to window; a benign ResizeObserver notice is no fault.
			if (!event.error && /ResizeObserver loop/.test(event.message)) return;
			this.report(event.error ?? event.message, 'bug');
		});
		win.addEventListener('vite:preloadError', (event) => {
			// Not prevented: the import still fails where it was made, so no save looks done.
			this.report((event as Event & { payload?: unknown }).payload ?? event, 'load');
		});
	}

	/** Registers what holds changes waiting for storage; the returned function unregisters it. */
	keep(keeper: Keeper): () => void {
		this.keepers.add(keeper);
		return () => {
			this.keepers.delete(keeper);
			this.refreshKept();
		};
	}

	/** Recounts what keepers hold (they call it when what they hold changes). */
	refreshKept() {
		const counts = new Map<string, number>();
		for (const k of this.keepers) {
			const { count, noun } = k.waiting();
			if (count > 0) counts.set(noun, (counts.get(noun) ?? 0) + count);
		}
		this.kept = counts.size
			? `Kept on this page and waiting to be saved: ${[...counts].map(([noun, n]) => counted(n, noun)).join(', ')}. Keep this tab open: Quire saves them as soon as storage works again, without a reload. Everything else is saved.`
			: '';
	}

	/** True when nothing the student did is waiting to be stored. */
	get allSaved(): boolean {
		for (const k of this.keepers) if (k.waiting().count > 0) return false;
		return true;
	}

	/**
	 * Logs a fault (not caught anywhere else, or thrown by a save), once per error, and shows a
	 * short message that says whether the student's work is saved, only when it is.
	 */
	report(error: unknown, kind: LoggedKind, lostLast = false) {
		if (error && typeof error === 'object') {
			if (reported.has(error)) return;
			reported.add(error);
		}
		// A storage failure that escaped its save is shown by the storage banner, not as a fault.
		const storage = kind === 'bug' ? toStorageError(error) : null;
		this.log(error, storage ? 'storage' : kind);
		if (storage) return;
		const saved = this.allSaved && !this.storageError;
		const cause =
			kind === 'load'
				? 'Part of Quire could not be loaded (a newer version was probably installed): reload the page to go on.'
				: 'Something went wrong in Quire.';
		const state = lostLast
			? saved
				? ' Your last change was not saved; everything before it is saved.'
				: ' Your last change was not saved.'
			: saved
				? ' Your answers up to now are saved.'
				: '';
		this.fault = `${cause}${state} The error is logged under Settings, where you can copy it into a report.`;
	}

	/** Adds an entry to this page's list and the device's log (which may fail: storage full). */
	private log(error: unknown, kind: LoggedKind) {
		const entry = logEntry(error, kind, this.where(), this.now());
		this.errors = [...this.errors, entry].slice(-MAX_LOGGED);
		void appendError(entry);
	}

	/** A storage failure: shown, logged when it is new, and retried with backoff when it may pass. */
	private storageFailed(error: unknown, kind: StorageErrorKind) {
		if (this.storageKind !== kind) this.log(error, 'storage');
		this.storageKind = kind;
		this.storageError = describeStorageError(error);
		this.refreshKept();
		if (kind !== 'blocked' && kind !== 'version') this.scheduleRetry();
		if (kind === 'unknown' || kind === 'closed') void this.fullAfterAll(error);
	}

	/**
	 * Chromium on a full disk often names nothing: "The transaction was aborted" (AbortError),
	 * "Internal error opening backing store" (UnknownError). Its quota follows the free disk
	 * space, so a quota all but used up says the disk is full: then the banner says so.
	 */
	private async fullAfterAll(error: unknown) {
		try {
			const { usage, quota } = (await globalThis.navigator?.storage?.estimate?.()) ?? {};
			if (usage === undefined || quota === undefined || quota - usage > 1024 * 1024) return;
		} catch {
			return;
		}
		if (this.storageKind !== 'unknown' && this.storageKind !== 'closed') return;
		this.storageKind = 'full';
		this.storageError = new StorageError('full', error).message;
	}

	/** A write went through: whatever failed before (a full device) is over. */
	private storageWorks() {
		const was = this.storageError !== null;
		this.storageError = null;
		this.storageKind = null;
		this.attempt = 0;
		if (this.retryTimer !== null) clearTimeout(this.retryTimer);
		this.retryTimer = null;
		if (was) void this.retryKept();
	}

	private scheduleRetry() {
		if (this.retryTimer !== null || this.retrying) return;
		const delay = this.delays[Math.min(this.attempt, this.delays.length - 1)] ?? 5_000;
		this.attempt++;
		this.retryTimer = setTimeout(() => {
			this.retryTimer = null;
			void this.retryKept();
		}, delay);
	}

	/** Opens storage again (Dexie keeps a failed open) and asks every keeper to write. */
	async retryKept() {
		if (this.retrying) return;
		this.retrying = true;
		try {
			const { db, reopen } = await loadDb();
			try {
				await reopen(db);
			} catch (error) {
				const storage = toStorageError(error);
				if (storage) this.storageError = describeStorageError(error);
				return;
			}
			for (const k of [...this.keepers]) if (k.waiting().count > 0) await k.retry();
		} finally {
			this.retrying = false;
			this.refreshKept();
			// Tries again while something is waiting; with nothing waiting, the next save tells.
			const passing = this.storageKind !== 'blocked' && this.storageKind !== 'version';
			if (this.storageKind && passing && !this.allSaved) this.scheduleRetry();
		}
	}

	/** Saves the theme in IndexedDB and applies it. */
	async setTheme(theme: Theme, doc: Document) {
		this.theme = theme;
		applyTheme(doc, theme);
		await this.save(async () => (await loadDb()).setSetting('theme', theme));
	}

	/** Applies a theme read back from storage (after an import) without writing it again. */
	showTheme(doc: Document, theme: Theme) {
		this.theme = theme;
		applyTheme(doc, theme);
	}

	/**
	 * Wraps every user-initiated write and reports storage failures in the shell: false when
	 * storage refused it (full, closed, blocked…) or a row was refused (damaged, invalid), with
	 * the reason shown. Anything else is a bug: logged, shown as one, and re-thrown, never
	 * reported as a storage failure. It never asks for persistent storage: a browser may hold
	 * that request on a permission prompt (Firefox does until the person answers), and a save
	 * must not wait on a person. Settings asks, when the student chooses to.
	 */
	async save(write: () => Promise<unknown>): Promise<boolean> {
		try {
			await write();
		} catch (error) {
			const name = error instanceof Error ? error.name : '';
			if (name === 'DamagedRowError' || name === 'InvalidRowError') {
				this.storageKind = null;
				this.storageError = describeStorageError(error);
				return false;
			}
			const storage = toStorageError(error);
			if (!storage) {
				this.report(error, 'bug', true);
				throw error;
			}
			this.storageFailed(error, storage.kind);
			return false;
		}
		if (this.storageError !== null) this.storageWorks();
		return true;
	}
}

function applyTheme(doc: Document, theme: Theme) {
	// As app.html does before first paint; its listener follows the system while this is 'system'.
	const root = doc.documentElement;
	root.dataset.choice = theme;
	const systemDark = doc.defaultView?.matchMedia('(prefers-color-scheme: dark)').matches ?? false;
	root.dataset.theme = theme === 'system' ? (systemDark ? 'dark' : 'light') : theme;
	try {
		// Mirror read by app.html before first paint; IndexedDB stays the source of truth.
		if (theme === 'system') localStorage.removeItem('quire-theme');
		else localStorage.setItem('quire-theme', theme);
	} catch {
		// Storage may be blocked; the theme still applies for this visit.
	}
}

/** The app's one shell state. */
export const app = new AppState();
