import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { SCHEMA_VERSION, SCHEMA_VERSIONS } from '../src/lib/db/schema';
import { splitOldSessions } from '../src/lib/db/session-split';
import {
	createRawDb,
	inspectDb,
	loadFixture,
	openBlankOrigin,
	shapeOf,
	shapesOf,
	sortedByKey,
	storesAt,
	waitForDbVersion,
	type DbFixture
} from './fixtures/idb';
import { openHydrated } from './helpers';
import { bank, startWith } from './quiz';

/** Dexie's warnings: a "SchemaDiff" one means the raw stores differ from what Dexie expects. */
function watchDexieWarnings(page: Page): string[] {
	const warnings: string[] = [];
	page.on('console', (msg) => {
		if (/dexie/i.test(msg.text()) && ['warning', 'error'].includes(msg.type()))
			warnings.push(msg.text());
	});
	return warnings;
}

/**
 * A fixture's rows as the current schema holds them: sessions stored whole (before version 7)
 * are split in two, every field kept (see session-split.ts); nothing else changes.
 */
function currentRows(fixture: DbFixture): DbFixture['tables'] {
	const sessions = fixture.tables.sessions;
	if (fixture.version >= 7 || !sessions) return fixture.tables;
	const split = splitOldSessions(sessions);
	return {
		...fixture.tables,
		sessions: split.sessions as Record<string, unknown>[],
		sessionItems: split.sessionItems as Record<string, unknown>[]
	};
}

/**
 * Questions as an import writes them: one stored before the bank gave every entry a voice and a
 * level gets the defaults it was taught with (fact, recall); nothing else changes.
 */
function withItemDefaults(rows: Record<string, unknown>[]) {
	return rows.map((row) => {
		const items = Object.fromEntries(
			Object.entries(row.items as Record<string, object>).map(([id, item]) => [
				id,
				{ voice: 'fact', level: 'recall', ...item }
			])
		);
		return { ...row, items };
	});
}

/** The primary key path of a table in the current schema. */
function keyPathOf(table: string) {
	return shapeOf(storesAt(SCHEMA_VERSION)[table]!).keyPath as string;
}

/** Every fixture row is in the upgraded database, unchanged (sessions split), and no table gained rows. */
async function expectFixtureRowsIntact(page: Page, fixture: DbFixture, imported = false) {
	const now = await inspectDb(page);
	expect(now.version).toBe(SCHEMA_VERSION * 10);
	// The upgrade left exactly the current schema: every store, key and index Dexie declares.
	expect(now.shapes).toEqual(shapesOf(storesAt(SCHEMA_VERSION)));
	const tables = currentRows(fixture);
	for (const [table, rows] of Object.entries(tables)) {
		const expected = imported && table === 'sessionItems' ? withItemDefaults(rows) : rows;
		expect(now.tables[table], `rows of ${table}`).toEqual(sortedByKey(expected, keyPathOf(table)));
	}
	for (const table of Object.keys(now.tables))
		if (!(table in tables)) expect(now.tables[table], `new table ${table}`).toEqual([]);
}

/** What the results page should show for a fixture session: percent and right count. */
function expectedScore(fixture: DbFixture, sessionId: string) {
	const attempts = fixture.tables.attempts!.filter((a) => a.sessionId === sessionId);
	const right = attempts.filter((a) => a.correct).length;
	const score = attempts.reduce((sum, a) => sum + (a.score as number), 0);
	return { percent: `${Math.round((score / attempts.length) * 100)}%`, right, of: attempts.length };
}

test('every fixture matches the schema its version shipped', () => {
	// Versions may skip numbers (a branch's version is renumbered at merge): one fixture each.
	for (const { version } of SCHEMA_VERSIONS) {
		const fixture = loadFixture(version);
		expect(fixture.version).toBe(version);
		// Catches an edit to a shipped entry of SCHEMA_VERSIONS (they are append-only).
		expect(fixture.stores, `stores of db-v${version}.json`).toEqual(storesAt(version));
		for (const table of Object.keys(fixture.tables)) expect(fixture.stores).toHaveProperty(table);
	}
});

test('a version 1 database (settings only) upgrades and keeps the theme', async ({ page }) => {
	const fixture = loadFixture(1);
	const warnings = watchDexieWarnings(page);
	await openBlankOrigin(page);
	await createRawDb(page, fixture);
	expect((await inspectDb(page)).version).toBe(10);

	await openHydrated(page, '/');
	await waitForDbVersion(page, SCHEMA_VERSION);
	// The theme came from IndexedDB alone: nothing was in the localStorage mirror.
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
	await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('dark');
	await expectFixtureRowsIntact(page, fixture);

	// The upgraded database takes new writes: a quiz starts and is stored next to the old rows.
	const item = (await bank()).items[0]!;
	await startWith(page, [item.id]);
	const after = await inspectDb(page);
	expect(after.tables.sessions).toHaveLength(1);
	expect(after.tables.settings).toEqual(fixture.tables.settings);
	expect(warnings).toEqual([]);
});

test('a version 2 database (sessions, attempts) upgrades and its results still show', async ({
	page
}) => {
	const fixture = loadFixture(2);
	const session = fixture.tables.sessions![0]!;
	const warnings = watchDexieWarnings(page);
	await openBlankOrigin(page);
	await createRawDb(page, fixture);
	expect((await inspectDb(page)).version).toBe(20);

	await openHydrated(page, `/study/results?id=${session.id as string}`);
	await waitForDbVersion(page, SCHEMA_VERSION);
	const { percent, right, of } = expectedScore(fixture, session.id as string);
	const score = page.getByRole('region', { name: 'Score' });
	await expect(score).toContainText(percent);
	await expect(score).toContainText(`${right} of ${of} fully right`);
	await expect(page.getByText(session.title as string)).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
	await expectFixtureRowsIntact(page, fixture);

	// The progress page reads the old attempts.
	await openHydrated(page, '/progress');
	await expect(page.getByRole('heading', { level: 1, name: 'Progress' })).toBeVisible();
	expect(warnings).toEqual([]);
});

test('a version 3 database (current) opens unchanged and round-trips through export → import', async ({
	page
}) => {
	const fixture = loadFixture(3);
	const session = fixture.tables.sessions![0]!;
	const warnings = watchDexieWarnings(page);
	await openBlankOrigin(page);
	await createRawDb(page, fixture);

	await openHydrated(page, `/study/results?id=${session.id as string}`);
	const { percent } = expectedScore(fixture, session.id as string);
	await expect(page.getByRole('region', { name: 'Score' })).toContainText(percent);
	await expectFixtureRowsIntact(page, fixture);

	// Export everything, wipe every table, import the file: every row is back, ids included.
	await openHydrated(page, '/settings');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Export all data' }).click()
	]);
	const text = readFileSync(await download.path(), 'utf8');
	const file = JSON.parse(text) as { schemaVersion: number; data: Record<string, unknown[]> };
	expect(file.schemaVersion).toBe(SCHEMA_VERSION);
	for (const [table, rows] of Object.entries(currentRows(fixture)))
		expect(file.data[table], `exported ${table}`).toEqual(sortedByKey(rows, keyPathOf(table)));

	await page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const req = indexedDB.open('quire');
			req.onsuccess = () => resolve(req.result);
			req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
		});
		const names = Array.from(db.objectStoreNames);
		await new Promise<void>((resolve, reject) => {
			const tx = db.transaction(names, 'readwrite');
			for (const name of names) tx.objectStore(name).clear();
			tx.oncomplete = () => resolve();
			tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
		});
		db.close();
	});
	await page.reload();
	await expect(page.getByRole('button', { name: 'Export all data' })).toBeEnabled();
	await page
		.getByLabel('Choose a backup file')
		.setInputFiles({ name: 'v3.json', mimeType: 'application/json', buffer: Buffer.from(text) });
	await page.getByRole('button', { name: 'Replace my data…' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Replace', exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Imported v3.json' })).toBeVisible();
	await expectFixtureRowsIntact(page, fixture, true);
	expect(warnings).toEqual([]);
});

test('a version 5 database shows its own set, entries and draft in the library', async ({
	page
}) => {
	const fixture = loadFixture(5);
	const warnings = watchDexieWarnings(page);
	await openBlankOrigin(page);
	await createRawDb(page, fixture);

	await openHydrated(page, '/library');
	await waitForDbVersion(page, SCHEMA_VERSION);
	const set = page.getByRole('listitem').filter({ hasText: 'Year 9 revision' });
	await expect(set).toContainText('3 entries');
	await expect(set.getByRole('list', { name: 'Entries by type' })).toContainText('1 Short answer');
	await set.getByRole('link', { name: 'Year 9 revision' }).click();
	await expect(page.getByRole('heading', { level: 2, name: 'Unsaved new entries' })).toBeVisible();
	await expect(page.getByText('Half-written question')).toBeVisible();
	await expect(page.getByText('copy of reasons-npr-publisher')).toBeVisible();
	await expectFixtureRowsIntact(page, fixture);
	expect(warnings).toEqual([]);
});

test('a version 6 database lists its reported problems in Settings, notes as text', async ({
	page
}) => {
	const fixture = loadFixture(6);
	const warnings = watchDexieWarnings(page);
	await openBlankOrigin(page);
	await createRawDb(page, fixture);

	await openHydrated(page, '/settings');
	await waitForDbVersion(page, SCHEMA_VERSION);
	const listed = page
		.getByRole('region', { name: 'Reported problems' })
		.getByRole('list', { name: 'Your reports' })
		.getByRole('listitem');
	await expect(listed).toHaveCount(2);
	// Newest first; the note's markup stays text.
	await expect(listed.nth(0)).toContainText('Typo');
	await expect(listed.nth(1)).toContainText('Which paragraph says this? <b>not bold</b>');
	await expect(page.locator('main b')).toHaveCount(0);
	await expectFixtureRowsIntact(page, fixture);
	expect(warnings).toEqual([]);
});

test('a version 6 database with a test in progress opens it with every answer given', async ({
	page
}) => {
	// The v6 fixture's quiz, as a test still being taken: two of three questions answered.
	const fixture = structuredClone(loadFixture(6));
	const session = fixture.tables.sessions![0]! as {
		id: string;
		status: string;
		state: Record<string, unknown> & { answers: Record<string, Record<string, unknown>> };
	};
	const tf = 'consequences-imbalance-tf';
	session.status = 'active';
	session.state.status = 'active';
	session.state.mode = 'test';
	session.state.submittedAt = null;
	session.state.position = 0;
	session.state.locked = false;
	delete session.state.answers[tf];
	for (const rec of Object.values(session.state.answers))
		Object.assign(rec, { result: null, first: null, rightCount: 0 });
	const warnings = watchDexieWarnings(page);
	await openBlankOrigin(page);
	await createRawDb(page, fixture);

	await openHydrated(page, `/study/session?id=${session.id}`);
	await waitForDbVersion(page, SCHEMA_VERSION);
	const question = page.getByRole('region', { name: /^Question \d+$/ });
	await expect(question).toBeVisible();
	await expect(question.getByRole('textbox')).toHaveValue('30');
	// The question list shows both answers given, and the one still to answer.
	const list = page.getByRole('navigation', { name: 'Questions' });
	await expect(list.getByRole('button', { name: '1 , answered' })).toBeVisible();
	await expect(list.getByRole('button', { name: '2 , answered' })).toBeVisible();
	await expect(list.getByRole('button', { name: '3 , not answered' })).toBeVisible();
	// Stored split in two, answers and questions intact.
	const db = await inspectDb(page);
	const stored = db.tables.sessions![0]! as { state: { v: number; answers: object } };
	expect(stored.state.v).toBe(2);
	expect(stored.state.answers).toEqual(session.state.answers);
	expect(db.tables.sessionItems).toEqual([
		{ id: session.id, quiz: session.state.quiz, items: session.state.items }
	]);
	expect(warnings).toEqual([]);
});
