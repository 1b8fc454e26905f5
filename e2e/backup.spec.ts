import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { encodeBackup, type BackupData } from '../src/lib/db/backup-format';
import { SCHEMA_VERSION } from '../src/lib/db/schema';
import { createRawDb, dumpDb, loadFixture, openBlankOrigin } from './fixtures/idb';
import { openHydrated } from './helpers';
import { answerByKeyboard, bank, shownItem, startWith } from './quiz';

const fixture = loadFixture(3);
const PROGRESS = ['sessions', 'sessionItems', 'attempts', 'cards', 'reviewLogs', 'received'];
const KEPT = ['settings', 'teacherKeys', 'assignments', 'results'];

/** A device holding the v3 fixture (a quiz, cards, reviews and every teacher table). */
async function seed(page: Page) {
	await openBlankOrigin(page);
	await createRawDb(page, fixture);
}

async function openSettings(page: Page) {
	await openHydrated(page, '/settings');
	await expect(page.getByRole('button', { name: 'Export all data' })).toBeEnabled();
	// Counts are loaded: the page has read the database (the table is busy until then).
	const counts = page.getByRole('table', { name: 'Stored on this device' });
	await expect(counts).toBeVisible();
	await expect(counts).not.toHaveAttribute('aria-busy', 'true');
}

/** Exports through the UI; returns the file name and its text. */
/** An exported file as written, before decodeBackup checks it. */
type BackupFile = { version: number; checksum: string; data: BackupData };

async function exportFile(page: Page) {
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Export all data' }).click()
	]);
	const text = readFileSync(await download.path(), 'utf8');
	return { name: download.suggestedFilename(), text };
}

async function chooseFile(page: Page, text: string, name = 'backup.json') {
	await page
		.getByLabel('Choose a backup file')
		.setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

async function importFile(page: Page, text: string, mode: 'Replace' | 'Merge', name: string) {
	await chooseFile(page, text, name);
	const panel = page.getByRole('group', { name: 'Ready to import' });
	await expect(panel).toBeVisible();
	await expect(panel.getByRole('radio', { name: /^Replace/ })).toBeChecked();
	if (mode === 'Merge') await panel.getByRole('radio', { name: /^Merge/ }).check();
	await panel
		.getByRole('button', { name: mode === 'Replace' ? 'Replace my data…' : 'Merge into my data…' })
		.click();
	const dialog = page.getByRole('dialog');
	await expect(dialog).toBeVisible();
	await dialog.getByRole('button', { name: mode, exact: true }).click();
	await expect(dialog).toBeHidden();
}

async function typeReset(page: Page, word: string) {
	await page.getByLabel('Type RESET to confirm').fill(word);
}

test('export → reset → import restores every table exactly, ids included', async ({ page }) => {
	await seed(page);
	// Some live data on top of the fixture: one more quiz taken in this build.
	const item = (await bank()).items.find((i) => i.type === 'truefalse')!;
	await startWith(page, [item.id]);
	await answerByKeyboard(page, await shownItem(page, [item]));
	await page.keyboard.press('Enter');
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/results/);

	await openSettings(page);
	const before = await dumpDb(page);
	expect(before.sessions).toHaveLength(2);
	// Each quiz's questions are kept once, apart from its answers (database version 7).
	expect(before.sessionItems).toHaveLength(2);
	for (const table of Object.keys(fixture.tables))
		expect(before[table]!.length, table).toBeGreaterThan(0);

	const { name, text } = await exportFile(page);
	expect(name).toMatch(/^quire-backup-\d{4}-\d{2}-\d{2}\.json$/);
	const file = JSON.parse(text) as BackupFile;
	expect(file).toMatchObject({ format: 'quire-backup', version: 1, schemaVersion: SCHEMA_VERSION });
	expect(file.checksum).toMatch(/^[0-9a-f]{64}$/);
	expect(file.data).toEqual(before);
	await expect(page.getByRole('status').filter({ hasText: `Saved ${name}` })).toBeVisible();
	await expect(
		page.getByText('The backup file contains your teacher key if you have one')
	).toBeVisible();

	await typeReset(page, 'RESET');
	await page.getByRole('button', { name: 'Reset progress' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Progress reset' })).toBeVisible();
	const cleared = await dumpDb(page);
	for (const table of PROGRESS) expect(cleared[table], table).toEqual([]);

	await importFile(page, text, 'Replace', name);
	const done = page.getByRole('status').filter({ hasText: `Imported ${name}` });
	await expect(done).toBeVisible();
	await expect(done.getByRole('row', { name: /Quiz sessions/ })).toContainText('2');
	await expect(done.getByRole('row', { name: /Teacher keys/ })).toContainText('1');
	// Exactly as before, except that questions kept in sessions from before the bank gave every
	// entry a voice and a level now carry the defaults they were taught with (fact, recall).
	const upgraded = structuredClone(before);
	for (const row of upgraded.sessionItems as { items: Record<string, object> }[])
		for (const [id, item] of Object.entries(row.items))
			row.items[id] = { voice: 'fact', level: 'recall', ...item };
	const after = await dumpDb(page);
	expect(after).toEqual(upgraded);
	expect(JSON.stringify(after)).not.toEqual(JSON.stringify(before));
});

test('a truncated, tampered, wrong-version or foreign file is refused and nothing changes', async ({
	page
}) => {
	await seed(page);
	await openSettings(page);
	const before = await dumpDb(page);
	const { text } = await exportFile(page);

	const tampered = JSON.parse(text) as BackupFile;
	(tampered.data.cards[0] as { stability: number }).stability += 1; // one value changed, checksum kept
	const newer = JSON.parse(text) as BackupFile;
	newer.version = 2;
	const bad = [
		{
			name: 'cut.json',
			text: text.slice(0, Math.floor(text.length / 2)),
			error: /ends unexpectedly/
		},
		{ name: 'edited.json', text: JSON.stringify(tampered), error: /checksum mismatch/ },
		{
			name: 'newer.json',
			text: JSON.stringify(newer),
			error: /made by a newer version of Quire \(format 2\)/
		},
		{ name: 'notes.json', text: '{"notes": []}', error: /not a Quire backup file/ }
	];
	const alert = page.getByRole('alert');
	for (const file of bad) {
		await chooseFile(page, file.text, file.name);
		await expect(alert, file.name).toContainText(file.error);
		await expect(alert).toContainText('Nothing on this device was changed');
		await expect(page.getByRole('group', { name: 'Ready to import' })).toHaveCount(0);
		expect(await dumpDb(page), file.name).toEqual(before);
	}
	for (const scheme of ['light', 'dark'] as const) {
		await page.emulateMedia({ colorScheme: scheme });
		const axe = await new AxeBuilder({ page })
			.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
			.analyze();
		expect(axe.violations.map((v) => `${scheme}: ${v.id} ${v.help}`)).toEqual([]);
	}

	// A good file, then Cancel (in the dialog, then in the panel): still nothing changes.
	await chooseFile(page, text);
	await expect(alert).toHaveCount(0);
	const panel = page.getByRole('group', { name: 'Ready to import' });
	await panel.getByRole('button', { name: 'Replace my data…' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
	await expect(page.getByRole('dialog')).toBeHidden();
	await panel.getByRole('button', { name: 'Cancel' }).click();
	await expect(panel).toHaveCount(0);
	expect(await dumpDb(page)).toEqual(before);
});

test('merge keeps the newer review of each card and the history of both sides', async ({
	page
}) => {
	await seed(page);
	await openSettings(page);
	const before = await dumpDb(page);
	const cards = before.cards as { id: string; last_review: number | null; stability: number }[];
	const [a, b] = cards.filter((c) => c.last_review !== null);
	const HOUR = 3_600_000;
	// The backup reviewed card A later than this device did, and card B earlier.
	const newerA = { ...a!, last_review: a!.last_review! + HOUR, stability: 42, reps: 9 };
	const olderB = { ...b!, last_review: b!.last_review! - HOUR, stability: 0.01 };
	const onlyInBackup = { ...a!, id: 'card-only-in-backup', stability: 7 };
	const first = before.sessions![0]! as { state: object };
	// A session from another device: its state names it, as every stored session's does.
	const otherSession = {
		...first,
		id: 's-from-phone',
		updatedAt: 1,
		state: { ...first.state, id: 's-from-phone' }
	};
	const otherItems = { ...before.sessionItems![0]!, id: 's-from-phone' };
	const otherAttempt = { ...before.attempts![0]!, sessionId: 's-from-phone', at: 12345, id: 99 };
	const incoming: BackupData = {
		settings: [{ key: 'theme', value: 'light' }],
		sessions: [otherSession],
		sessionItems: [otherItems],
		attempts: [...before.attempts!, otherAttempt],
		cards: cards
			.map((c) => (c.id === a!.id ? newerA : c.id === b!.id ? olderB : c))
			.concat(onlyInBackup),
		reviewLogs: before.reviewLogs!,
		teacherKeys: before.teacherKeys!,
		assignments: before.assignments!,
		results: before.results!,
		received: before.received!,
		sets: [],
		setItems: [],
		setDrafts: [],
		reports: []
	};
	await importFile(page, await encodeBackup(incoming, Date.now()), 'Merge', 'phone.json');
	await expect(page.getByRole('status').filter({ hasText: 'Merged phone.json' })).toBeVisible();

	const after = await dumpDb(page);
	const card = (id: string) => after.cards!.find((c) => c.id === id);
	expect(card(a!.id)).toEqual(newerA);
	expect(card(b!.id)).toEqual(b);
	expect(card('card-only-in-backup')).toEqual(onlyInBackup);
	expect(after.cards).toHaveLength(cards.length + 1);
	expect(after.sessions!.map((s) => s.id).sort()).toEqual(
		[before.sessions![0]!.id as string, 's-from-phone'].sort()
	);
	expect(after.sessionItems!.map((s) => s.id).sort()).toEqual(
		[before.sessions![0]!.id as string, 's-from-phone'].sort()
	);
	// Answers from both sides, once each; review logs and results are not doubled.
	expect(after.attempts).toHaveLength(before.attempts!.length + 1);
	expect(after.reviewLogs).toHaveLength(before.reviewLogs!.length);
	expect(after.results).toHaveLength(before.results!.length);
	expect(after.teacherKeys).toEqual(before.teacherKeys);
	// Settings: the backup's win, and the theme applies at once.
	expect(after.settings!.find((s) => s.key === 'theme')?.value).toBe('light');
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});

test('reset requires typing RESET and keeps settings and the teacher tables', async ({ page }) => {
	await seed(page);
	await openSettings(page);
	const before = await dumpDb(page);
	const button = page.getByRole('button', { name: 'Reset progress' });
	await expect(button).toBeDisabled();
	await typeReset(page, 'reset');
	await expect(button).toBeDisabled();
	await typeReset(page, 'RESE');
	await expect(button).toBeDisabled();
	await page.getByLabel('Type RESET to confirm').press('Enter');
	expect(await dumpDb(page)).toEqual(before);

	await page.getByLabel('Type RESET to confirm').press('T');
	await expect(button).toBeEnabled();
	await page.getByLabel('Type RESET to confirm').press('Enter');
	await expect(page.getByRole('status').filter({ hasText: 'Progress reset' })).toBeVisible();
	await expect(page.getByLabel('Type RESET to confirm')).toHaveValue('');
	await expect(button).toBeDisabled();
	const after = await dumpDb(page);
	for (const table of PROGRESS) expect(after[table], table).toEqual([]);
	for (const table of KEPT) expect(after[table], table).toEqual(before[table]);
	const stored = page.getByRole('table', { name: 'Stored on this device' });
	await expect(stored.getByRole('row', { name: /Quiz sessions/ })).toContainText('0');
	await expect(stored.getByRole('row', { name: /Student results/ })).toContainText('2');
});

test('the storage panel shows use, quota and persistence', async ({ page }) => {
	await seed(page);
	await openSettings(page);
	const storage = page.getByRole('region', { name: 'Storage' });
	await expect(storage).toContainText(
		/Used by Quire\s*[\d.]+ (B|KB|MB) of [\d.]+ (MB|GB|TB) available \((<0\.1|[\d.]+)%\)/
	);
	await expect(storage).toContainText(/Persistent storage\s*(Yes|No)/);
	// Nothing asked the browser behind the student's back: quizzes and reviews never wait on it.
	const ask = storage.getByRole('button', { name: 'Keep my data on this device' });
	if (await ask.isVisible()) {
		await expect(storage).toContainText('ask the browser to keep it');
		await ask.click();
		await expect(storage.getByRole('status')).toContainText(/Done|declined/);
	}
});

test('the header links to Settings, marked current there', async ({ page }) => {
	await openHydrated(page, '/');
	const link = page.getByRole('link', { name: 'Settings' });
	await expect(link).not.toHaveAttribute('aria-current');
	const box = (await link.boundingBox())!;
	expect(box.width).toBeGreaterThanOrEqual(44);
	expect(box.height).toBeGreaterThanOrEqual(44);
	await link.click();
	await expect(page).toHaveURL('/settings');
	await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
	await expect(link).toHaveAttribute('aria-current', 'page');
	// Keyboard: every control on the page can be reached with Tab once hydrated.
	await expect(page.getByRole('button', { name: 'Export all data' })).toBeEnabled();
	await page.getByRole('button', { name: 'Export all data' }).focus();
	await page.keyboard.press('Tab');
	await expect(page.getByLabel('Choose a backup file')).toBeFocused();
	await page.keyboard.press('Tab');
	await expect(page.getByLabel('Type RESET to confirm')).toBeFocused();
});

test('a backup re-checksummed with a 10 MB setting value is refused, naming the row', async ({
	page
}) => {
	await seed(page);
	await openSettings(page);
	const before = await dumpDb(page);
	const { text } = await exportFile(page);
	const file = JSON.parse(text) as BackupFile & { schemaVersion: number };
	file.data.settings.push({ key: 'notes', value: 'x'.repeat(10_000_000) });
	// The checksum is recomputed, as a hostile editor would: only the caps can refuse it.
	const forged = await encodeBackup(file.data, Date.now(), file.schemaVersion);
	await chooseFile(page, forged, 'forged.json');
	const alert = page.getByRole('alert');
	await expect(alert).toContainText(
		`row ${file.data.settings.length} (notes) of the settings table is invalid: value must be at most 10000 characters`
	);
	await expect(alert).toContainText('Nothing on this device was changed');
	await expect(page.getByRole('group', { name: 'Ready to import' })).toHaveCount(0);
	expect(await dumpDb(page)).toEqual(before);
});
