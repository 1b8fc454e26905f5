import type { Backup, BackupTable, TableCounts } from '$lib/db';
import { downloadText } from '$lib/download';
import { TABLES as BACKUP_TABLES } from '$lib/db/tables';
import { databaseExists } from '$lib/db/exists';
import { app } from './app.svelte';
import { loadDb } from './load-db';

/** How an import treats what the device already holds. */
export type ImportMode = 'replace' | 'merge';

/**
 * The tables as the settings page lists them, in backup order. A quiz's questions (sessionItems)
 * are part of its session, stored apart so a save stays small: they are counted as the session.
 */
export const TABLES: readonly BackupTable[] = BACKUP_TABLES.filter((t) => t !== 'sessionItems');

/** Each table as the settings page names it. */
export const TABLE_LABELS: Record<BackupTable, string> = {
	settings: 'Settings',
	sessions: 'Quiz sessions',
	sessionItems: 'Questions kept with quizzes',
	attempts: 'Answers',
	cards: 'Cards',
	reviewLogs: 'Reviews',
	teacherKeys: 'Teacher keys',
	assignments: 'Assignments you created',
	results: 'Student results',
	received: 'Assignments you received',
	sets: 'Your question sets',
	setItems: 'Questions in your sets',
	setDrafts: 'Editor drafts',
	reports: 'Reported problems'
};

/** The word "Reset progress" types to confirm. */
export const RESET_WORD = 'RESET';

/** Storage figures from navigator.storage, or null where the browser gives none. */
export interface StorageInfo {
	usage: number | null;
	quota: number | null;
	persisted: boolean | null;
}

/** A byte count in human units: "0 B", "812 KB", "1.4 MB", "12 GB". */
export function formatBytes(bytes: number): string {
	const units = ['B', 'KB', 'MB', 'GB', 'TB'];
	let value = bytes;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	const digits = unit === 0 || value >= 10 ? 0 : 1;
	return `${value.toFixed(digits)} ${units[unit]}`;
}

/** A share as a percentage: "0%", "<0.1%", "3.2%", "45%". */
export function formatPercent(part: number, whole: number): string {
	if (!whole || part <= 0) return '0%';
	const pct = (part / whole) * 100;
	if (pct < 0.1) return '<0.1%';
	return `${pct < 10 ? pct.toFixed(1) : Math.round(pct)}%`;
}

/** The backup's file name for a day, in local time: quire-backup-2025-05-01.json. */
export function backupFileName(now: number): string {
	const d = new Date(now);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `quire-backup-${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}.json`;
}

/** Counts in words, skipping empty tables: "quiz sessions: 2, answers: 20". */
export function describeCounts(counts: Partial<TableCounts>): string {
	const parts = TABLES.filter((t) => (counts[t] ?? 0) > 0).map(
		(t) => `${TABLE_LABELS[t].toLowerCase()}: ${counts[t]}`
	);
	return parts.length ? parts.join(', ') : 'no data';
}

/** The settings page: backup, import, reset and storage, each with its own messages. */
export class DataState {
	/** What the device holds now, per table; null until loaded. */
	counts = $state.raw<TableCounts | null>(null);
	storage = $state.raw<StorageInfo | null>(null);
	busy = $state(false);

	exportMessage = $state('');
	exportError = $state('');

	/** The checked file waiting for the student's choice and confirmation. */
	pending = $state.raw<{ name: string; backup: Backup; counts: TableCounts } | null>(null);
	mode = $state<ImportMode>('replace');
	/** Set when a merge would keep this device's teacher key over the backup's different one. */
	keyConflict = $state(false);
	/** Set when this device's teacher key could not be read to compare: why, in words. */
	keyCheckProblem = $state('');
	importError = $state('');
	importMessage = $state('');
	importedCounts = $state.raw<TableCounts | null>(null);

	resetMessage = $state('');
	resetError = $state('');
	persistMessage = $state('');
	/** True while the browser has not answered a request for persistent storage. */
	persistAsking = $state(false);

	/** Reads table counts and storage figures. */
	async load() {
		await Promise.all([this.loadCounts(), this.loadStorage()]);
	}

	async loadCounts() {
		// A first visit has nothing stored: Dexie waits for the first write or import.
		if (!(await databaseExists())) {
			this.counts = Object.fromEntries(BACKUP_TABLES.map((t) => [t, 0])) as TableCounts;
			return;
		}
		const { tableCounts } = await loadDb();
		try {
			this.counts = await tableCounts();
		} catch {
			this.counts = null;
		}
	}

	/** Usage, quota and persistence from navigator.storage, where the browser offers them. */
	async loadStorage() {
		const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
		const info: StorageInfo = { usage: null, quota: null, persisted: null };
		try {
			if (storage?.estimate) {
				const estimate = await storage.estimate();
				info.usage = estimate.usage ?? null;
				info.quota = estimate.quota ?? null;
			}
			if (storage?.persisted) info.persisted = await storage.persisted();
		} catch {
			// Some browsers refuse these in private mode: show what we have.
		}
		this.storage = info;
	}

	/** Writes every table to a backup file and downloads it. */
	async exportAll(doc: Document, now: number) {
		this.busy = true;
		this.exportMessage = '';
		this.exportError = '';
		try {
			const { exportBackup } = await loadDb();
			const { text, counts, problem } = await exportBackup(now);
			const name = backupFileName(now);
			downloadText(text, name, 'application/json', doc);
			this.counts = counts;
			this.exportMessage = `Saved ${name} (${describeCounts(counts)}).`;
			if (problem)
				this.exportError =
					`The backup was saved, but it did not pass Quire's own import check: ${problem}. ` +
					'Keep the file, and keep using this device until the problem is fixed.';
		} catch (error) {
			const { describeStorageError } = await loadDb();
			this.exportError = `The backup could not be made. ${describeStorageError(error)}`;
		} finally {
			this.busy = false;
		}
	}

	/** Reads and checks a chosen file completely; nothing is written yet. */
	async chooseFile(file: File) {
		this.busy = true;
		this.pending = null;
		this.importError = '';
		this.importMessage = '';
		this.importedCounts = null;
		this.keyConflict = false;
		this.keyCheckProblem = '';
		this.mode = 'replace';
		try {
			const { countRows, decodeBackup, mergeKeepsOtherTeacherKey } = await loadDb();
			let text: string;
			try {
				text = await file.text();
			} catch {
				this.importError = 'The file could not be read. Nothing on this device was changed.';
				return;
			}
			const result = await decodeBackup(text);
			if (!result.ok) {
				this.importError = `${result.error}. Nothing on this device was changed.`;
				return;
			}
			this.pending = {
				name: file.name,
				backup: result.backup,
				counts: countRows(result.backup.data)
			};
			try {
				this.keyConflict = await mergeKeepsOtherTeacherKey(result.backup.data);
			} catch (error) {
				// Said, not dropped: a merge may keep a key the teacher did not mean to keep.
				const { describeStorageError, toStorageError } = await loadDb();
				if (!toStorageError(error)) throw error;
				this.keyCheckProblem = `This device’s teacher key could not be read to compare it with the backup’s, so a merge may keep a different key. ${describeStorageError(error)}`;
			}
		} finally {
			this.busy = false;
		}
	}

	/** Drops the checked file without importing it. */
	cancelImport() {
		this.pending = null;
		this.keyConflict = false;
		this.keyCheckProblem = '';
	}

	/** Writes the checked file in one transaction (replace or merge), then reports the counts. */
	async confirmImport(doc: Document) {
		const pending = this.pending;
		if (!pending) return;
		this.busy = true;
		this.importError = '';
		const mode = this.mode;
		try {
			const { browserStore, getSetting, importBackup, journalsLeft } = await loadDb();
			const counts = await importBackup(pending.backup.data, mode);
			// What quiz pages journalled but had not stored belongs to the data just replaced: no
			// page may replay it over the imported copy (an open page drops its own when it sees it).
			if (mode === 'replace')
				for (const left of journalsLeft(null, '', browserStore())) left.remove();
			this.pending = null;
			this.importedCounts = mode === 'replace' ? pending.counts : counts;
			this.importMessage =
				mode === 'replace'
					? `Imported ${pending.name}: this device's data was replaced by the backup.`
					: `Merged ${pending.name} into this device's data.`;
			this.counts = counts;
			app.showTheme(doc, await getSetting('theme'));
		} catch (error) {
			const { describeStorageError } = await loadDb();
			this.importError = `The import failed and was rolled back, so nothing on this device was changed. ${describeStorageError(error)}`;
		} finally {
			this.busy = false;
		}
		await this.loadStorage();
	}

	/** Clears progress after the student typed RESET. */
	async reset(typed: string) {
		if (typed.trim() !== RESET_WORD) return false;
		this.busy = true;
		this.resetMessage = '';
		this.resetError = '';
		try {
			const { resetProgress } = await loadDb();
			const cleared = await resetProgress();
			this.resetMessage = `Progress reset. Deleted ${describeCounts(cleared)}.`;
			await this.loadCounts();
			return true;
		} catch (error) {
			const { describeStorageError } = await loadDb();
			this.resetError = `Nothing was deleted. ${describeStorageError(error)}`;
			return false;
		} finally {
			this.busy = false;
			await this.loadStorage();
		}
	}

	/**
	 * Asks the browser to keep Quire's data through storage pressure, when the student chooses to.
	 * Some browsers answer at once; Firefox shows a prompt and settles only when it is answered, so
	 * nothing else on the page waits for it.
	 */
	async requestPersistence() {
		if (this.persistAsking) return;
		this.persistAsking = true;
		this.persistMessage =
			'Asked. If your browser shows a question about keeping data for this site, answer it there.';
		try {
			const { requestPersistence } = await loadDb();
			const granted = await requestPersistence().catch(() => false);
			this.persistMessage = granted
				? 'Done: the browser will keep Quire’s data even when space runs low.'
				: 'The browser declined for now. Browsers often grant it once Quire is installed to the ' +
					'home screen or used regularly; until then, export a backup now and then.';
			await this.loadStorage();
		} finally {
			this.persistAsking = false;
		}
	}
}
