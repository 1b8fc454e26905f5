import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db, exportData, SCHEMA_VERSION, type BackupData } from '$lib/db';
import { BACKUP_FORMAT, BACKUP_VERSION, encodeBackup } from '$lib/db/backup-format';
import { databaseExists } from '$lib/db/exists';
import { checkRow, describeDamaged } from '$lib/db/read';
import { NOW, sessionItemsRow, sessionRow } from '$lib/db/fixtures';
import { TABLES } from '$lib/db/tables';
import {
	backupFileName,
	DataState,
	describeCounts,
	formatBytes,
	formatPercent,
	TABLE_LABELS
} from './data.svelte';

/** Every table of the current schema, with rows (the e2e fixture of the latest version). */
function fixtureTables(): BackupData {
	const url = new URL(`../../../e2e/fixtures/db-v${SCHEMA_VERSION}.json`, import.meta.url);
	const file = JSON.parse(readFileSync(url, 'utf8')) as { tables: BackupData };
	return file.tables;
}

const FIXTURE_COUNTS =
	'settings: 2, quiz sessions: 1, answers: 3, cards: 5, reviews: 5, teacher keys: 1, ' +
	'assignments you created: 1, student results: 2, assignments you received: 1, ' +
	'your question sets: 1, questions in your sets: 3, editor drafts: 1, reported problems: 2';

/** Stores the tables as the app writes them: each row as its schema reads it (defaults filled in). */
async function seed(tables: BackupData = fixtureTables()) {
	for (const table of TABLES) {
		const rows = tables[table].map((raw) => {
			const checked = checkRow(table, raw);
			if (!checked.ok) throw new Error(describeDamaged(checked.damaged));
			return checked.row;
		});
		await db.table(table).bulkAdd(rows);
	}
}

/** A document whose download link hands over the file instead of saving it. */
function downloads() {
	const files: { name: string; blob: Blob }[] = [];
	const blobs = new Map<string, Blob>();
	vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
		const url = `blob:test/${blobs.size}`;
		blobs.set(url, blob as Blob);
		return url;
	});
	vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
	const dataset: Record<string, string | undefined> = {};
	const doc = {
		documentElement: { dataset },
		body: { append: () => {} },
		createElement: () => {
			const a = { href: '', download: '', hidden: false, remove: () => {}, click: () => {} };
			a.click = () => files.push({ name: a.download, blob: blobs.get(a.href)! });
			return a;
		}
	} as unknown as Document;
	return { doc, dataset, files };
}

/** Exports what the device holds now and returns the file. */
async function exported(data: DataState, doc: Document, files: { name: string; blob: Blob }[]) {
	await data.exportAll(doc, NOW);
	const file = files.at(-1)!;
	return new File([await file.blob.text()], file.name, { type: 'application/json' });
}

/** A browser whose persistence request waits on a prompt until the test answers it. */
function promptingStorage() {
	let persisted = false;
	let answer: ((granted: boolean) => void) | null = null;
	const persist = vi.fn(
		() =>
			new Promise<boolean>((resolve) => {
				answer = (granted) => {
					persisted = granted;
					resolve(granted);
				};
			})
	);
	vi.stubGlobal('navigator', {
		storage: {
			persist,
			persisted: () => Promise.resolve(persisted),
			estimate: () => Promise.resolve({ usage: 2048, quota: 1024 ** 3 })
		}
	});
	return { persist, answer: (granted: boolean) => answer?.(granted) };
}

beforeEach(async () => {
	await db.open();
	await Promise.all(db.tables.map((t) => t.clear()));
	// Stops any test from reading another's theme: confirmImport applies the imported one.
	vi.stubGlobal('localStorage', { setItem: () => {}, removeItem: () => {} });
});

afterEach(() => {
	vi.restoreAllMocks();
	vi.unstubAllGlobals();
});

describe('DataState backup', () => {
	it('exports every table to a file of the current version that replaces a device’s data as it was', async () => {
		await seed();
		const before = await exportData();
		const { doc, dataset, files } = downloads();
		const data = new DataState();
		const file = await exported(data, doc, files);
		expect(file.name).toBe(backupFileName(NOW));
		expect(data.exportMessage).toBe(`Saved ${file.name} (${FIXTURE_COUNTS}).`);
		expect(data.exportError).toBe('');
		const envelope = JSON.parse(await file.text()) as Record<string, unknown>;
		expect(envelope).toMatchObject({
			format: BACKUP_FORMAT,
			version: BACKUP_VERSION,
			schemaVersion: SCHEMA_VERSION,
			exportedAt: NOW
		});

		// The device changes, then the backup replaces everything on it.
		await db.sessions.put(sessionRow('made-later', NOW + 1));
		await db.settings.put({ key: 'theme', value: 'light' });
		const importer = new DataState();
		await importer.chooseFile(file);
		expect(importer.importError).toBe('');
		expect(importer.pending?.name).toBe(file.name);
		expect(describeCounts(importer.pending!.counts)).toBe(FIXTURE_COUNTS);
		expect(importer.mode).toBe('replace');
		// Choosing checks the file; nothing is written before the confirmation.
		expect(await db.sessions.get('made-later')).toBeDefined();

		await importer.confirmImport(doc);
		expect(importer.importMessage).toBe(
			`Imported ${file.name}: this device's data was replaced by the backup.`
		);
		expect(importer.importError).toBe('');
		expect(importer.pending).toBeNull();
		expect(describeCounts(importer.importedCounts!)).toBe(FIXTURE_COUNTS);
		expect(await exportData()).toEqual(before);
		// The imported theme shows at once.
		expect(dataset.theme).toBe('dark');
	});

	it('a replace drops what quiz pages journalled, so nothing is replayed over the backup', async () => {
		await seed();
		const { doc, files } = downloads();
		const file = await exported(new DataState(), doc, files);
		const store = new Map<string, string>([
			['quire-journal:s1:tab-a', '{"v":1,"entries":[]}'],
			['quire-theme', 'dark']
		]);
		vi.stubGlobal('localStorage', {
			get length() {
				return store.size;
			},
			key: (i: number) => [...store.keys()][i] ?? null,
			getItem: (k: string) => store.get(k) ?? null,
			setItem: (k: string, value: string) => store.set(k, value),
			removeItem: (k: string) => store.delete(k)
		});
		const importer = new DataState();
		await importer.chooseFile(file);
		await importer.confirmImport(doc);
		expect(importer.importError).toBe('');
		expect([...store.keys()]).toEqual(['quire-theme']);
	});

	it('merges a backup with what the device holds, keeping both sides’ quizzes', async () => {
		await seed();
		const { doc, files } = downloads();
		const file = await exported(new DataState(), doc, files);
		await Promise.all(db.tables.map((t) => t.clear()));
		await db.sessions.put(sessionRow('on-this-device', NOW));
		await db.sessionItems.put(sessionItemsRow('on-this-device'));

		const data = new DataState();
		await data.chooseFile(file);
		data.mode = 'merge';
		await data.confirmImport(doc);
		expect(data.importMessage).toBe(`Merged ${file.name} into this device's data.`);
		const ids = (await db.sessions.toArray()).map((s) => s.id);
		expect(ids).toContain('on-this-device');
		expect(ids).toHaveLength(2);
		// Each session keeps its questions.
		expect((await db.sessionItems.toArray()).map((s) => s.id).sort()).toEqual([...ids].sort());
		expect(data.counts?.sessions).toBe(2);
		expect(data.counts?.attempts).toBe(3);
	});

	it('refuses a crafted backup, naming the bad row, and changes nothing stored', async () => {
		await seed();
		const before = await exportData();
		const crafted = fixtureTables();
		crafted.attempts[1] = { ...(crafted.attempts[1] as object), correct: 'yes' };
		// A valid checksum over the bad data: only the row check can catch it.
		const text = await encodeBackup(crafted, NOW);
		const data = new DataState();
		await data.chooseFile(new File([text], 'crafted.json'));
		expect(data.importError).toBe(
			'The backup file is damaged: row 2 (2) of the attempts table is invalid: correct: Invalid ' +
				'type: Expected boolean but received "yes". Nothing on this device was changed.'
		);
		expect(data.pending).toBeNull();
		// Confirming now has nothing to import.
		const { doc } = downloads();
		await data.confirmImport(doc);
		expect(data.importMessage).toBe('');
		expect(await exportData()).toEqual(before);
	});

	it('refuses a file changed after export and one that is not a backup', async () => {
		await seed();
		const before = await exportData();
		const { doc, files } = downloads();
		const file = await exported(new DataState(), doc, files);
		const edited = (await file.text()).replace('"correct":true', '"correct":false');
		expect(edited).not.toBe(await file.text());

		const data = new DataState();
		await data.chooseFile(new File([edited], file.name));
		expect(data.importError).toBe(
			'The backup has been changed or damaged since it was exported (checksum mismatch). ' +
				'Nothing on this device was changed.'
		);
		await data.chooseFile(new File(['{"hello":1}'], 'notes.json'));
		expect(data.importError).toBe(
			'This is not a Quire backup file. Nothing on this device was changed.'
		);
		expect(data.pending).toBeNull();
		expect(await exportData()).toEqual(before);
	});

	it('drops a checked file on cancel without writing it', async () => {
		await seed();
		const { doc, files } = downloads();
		const file = await exported(new DataState(), doc, files);
		await db.sessions.clear();
		const data = new DataState();
		await data.chooseFile(file);
		expect(data.pending).not.toBeNull();
		data.cancelImport();
		expect(data.pending).toBeNull();
		await data.confirmImport(doc);
		expect(await db.sessions.count()).toBe(0);
	});
});

describe('DataState reset and counts', () => {
	it('deletes nothing unless RESET is typed, then clears progress only', async () => {
		await seed();
		const data = new DataState();
		expect(await data.reset('reset')).toBe(false);
		expect(await data.reset('RESET please')).toBe(false);
		expect(await db.attempts.count()).toBe(3);
		expect(data.resetMessage).toBe('');

		expect(await data.reset('  RESET ')).toBe(true);
		expect(data.resetMessage).toBe(
			'Progress reset. Deleted quiz sessions: 1, answers: 3, cards: 5, reviews: 5, assignments you received: 1.'
		);
		expect(data.resetError).toBe('');
		expect(describeCounts(data.counts!)).toBe(
			'settings: 2, teacher keys: 1, assignments you created: 1, student results: 2, ' +
				'your question sets: 1, questions in your sets: 3, editor drafts: 1, reported problems: 2'
		);
		for (const table of ['sessions', 'attempts', 'cards', 'reviewLogs', 'received'])
			expect(await db.table(table).count(), table).toBe(0);
		expect(await db.teacherKeys.count()).toBe(1);
		expect(await db.settings.get('theme')).toEqual({ key: 'theme', value: 'dark' });
	});

	it('counts zero on a first visit without creating the database', async () => {
		await db.delete();
		const data = new DataState();
		await data.loadCounts();
		expect(data.counts).toEqual(Object.fromEntries(TABLES.map((t) => [t, 0])));
		expect(await databaseExists()).toBe(false);
		expect(db.isOpen()).toBe(false);
	});
});

describe('DataState persistence: Settings asks when the student chooses', () => {
	it('keeps the page usable while the browser asks, then shows the answer', async () => {
		const browser = promptingStorage();
		const data = new DataState();
		const asked = data.requestPersistence();
		await vi.waitFor(() => expect(browser.persist).toHaveBeenCalledOnce());
		expect(data.persistAsking).toBe(true);
		expect(data.busy).toBe(false);
		expect(data.persistMessage).toMatch(/answer it there/);
		// A second press while the prompt is open does not ask twice.
		await data.requestPersistence();
		expect(browser.persist).toHaveBeenCalledOnce();

		browser.answer(true);
		await asked;
		expect(data.persistAsking).toBe(false);
		expect(data.persistMessage).toMatch(/^Done/);
		expect(data.storage).toEqual({ usage: 2048, quota: 1024 ** 3, persisted: true });
	});

	it('says so when the browser declines', async () => {
		const browser = promptingStorage();
		const data = new DataState();
		const asked = data.requestPersistence();
		await vi.waitFor(() => expect(browser.persist).toHaveBeenCalledOnce());
		browser.answer(false);
		await asked;
		expect(data.persistMessage).toMatch(/declined/);
		expect(data.storage?.persisted).toBe(false);
	});
});

describe('figures in words', () => {
	it('formats sizes, shares, counts and the file name', () => {
		expect(formatBytes(0)).toBe('0 B');
		expect(formatBytes(812 * 1024)).toBe('812 KB');
		expect(formatBytes(1.4 * 1024 ** 2)).toBe('1.4 MB');
		expect(formatPercent(1, 0)).toBe('0%');
		expect(formatPercent(1, 10_000)).toBe('<0.1%');
		expect(formatPercent(32, 1000)).toBe('3.2%');
		expect(formatPercent(450, 1000)).toBe('45%');
		expect(describeCounts({})).toBe('no data');
		expect(describeCounts({ sessions: 2, attempts: 0, reports: 1 })).toBe(
			'quiz sessions: 2, reported problems: 1'
		);
		expect(backupFileName(new Date(2025, 4, 1, 12).getTime())).toBe('quire-backup-2025-05-01.json');
		expect(Object.keys(TABLE_LABELS).sort()).toEqual([...TABLES].sort());
	});
});
