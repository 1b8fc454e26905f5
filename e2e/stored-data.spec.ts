import { TABLES } from '../src/lib/db/tables';
import { expect, test, type Page } from '@playwright/test';
import { encodeBackup, type BackupData } from '../src/lib/db/backup-format';
import { splitOldSessions } from '../src/lib/db/session-split';
import { createRawDb, dumpDb, loadFixture, openBlankOrigin, type DbFixture } from './fixtures/idb';
import { openHydrated } from './helpers';
import { answerByKeyboard, bank, shownItem, startWith } from './quiz';

/** Collects uncaught errors and unhandled rejections: any one fails the test. */
function watchErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`));
	return errors;
}

/** The v3 fixture (valid rows of every table) plus rows a hostile edit or a bug left behind. */
function damagedDevice(): DbFixture {
	const fixture = structuredClone(loadFixture(3));
	const t = fixture.tables;
	const session = t.sessions![0]!;
	// The newest unfinished quiz is damaged: Resume must skip it and say so.
	t.sessions!.push({ ...session, id: 's-bad', status: 'active', updatedAt: 4e12, state: {} });
	t.received!.push({ ...t.received![0]!, id: 'r-bad', openedAt: 4e12, payload: 42 });
	t.assignments!.push({ ...t.assignments![0]!, id: 'a-bad', createdAt: 4e12, payload: {} });
	const result = t.results![0]! as { result: Record<string, unknown> };
	t.results!.push({
		...result,
		id: 99,
		dedupe: 'far-future',
		submittedAt: 8.64e15 + 1000,
		result: { ...result.result, submittedAt: 8.64e15 + 1000 }
	});
	return fixture;
}

/**
 * The rows of every table that holds any: opening the app upgrades an older database, adding
 * empty tables, which stores nothing.
 */
async function storedRows(page: Page) {
	const tables = await dumpDb(page);
	return Object.fromEntries(Object.entries(tables).filter(([, rows]) => rows.length > 0));
}

async function seed(page: Page, fixture: DbFixture) {
	await openBlankOrigin(page);
	await createRawDb(page, fixture);
}

test('damaged rows in IndexedDB show a message naming each, never a broken page', async ({
	page
}) => {
	const errors = watchErrors(page);
	const device = damagedDevice();
	await seed(page, device);
	const before = await storedRows(page);

	await openHydrated(page, '/');
	await expect(
		page.getByText(/The saved quiz “s-bad” stored on this device is damaged \(state\.v: /)
	).toBeVisible();
	await expect(
		page.getByText(
			/The assignment you received “r-bad” stored on this device is damaged \(payload: /
		)
	).toBeVisible();
	// The good rows still show.
	const assigned = page.getByRole('region', { name: 'Assigned to me' });
	await expect(assigned).toContainText('INF Treaty: dates and numbers');

	await openHydrated(page, '/teach');
	await expect(
		page.getByText(
			/The assignment you created “a-bad” stored on this device is damaged \(payload\.v: /
		)
	).toBeVisible();
	await expect(page.getByRole('link', { name: 'INF Treaty: dates and numbers' })).toBeVisible();

	await openHydrated(page, '/teach/results?id=a-bad');
	await expect(
		page.getByRole('heading', { name: 'This assignment cannot be shown' })
	).toBeVisible();
	await expect(page.getByText(/“a-bad” stored on this device is damaged/)).toBeVisible();

	await openHydrated(page, '/teach/results?id=asg-dates');
	await expect(
		page.getByText(
			/The imported result “99” stored on this device is damaged \(submittedAt: must not be after year 9999\)/
		)
	).toBeVisible();
	const book = page.getByRole('table', { name: /Gradebook/ });
	await expect(book.getByRole('row')).toHaveCount(3);
	// The CSV still downloads, with the two good results.
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Download gradebook (CSV)' }).click()
	]);
	expect(download.suggestedFilename()).toMatch(/gradebook\.csv$/);

	await openHydrated(page, '/a?id=r-bad');
	await expect(
		page.getByRole('heading', { name: 'This assignment cannot be opened' })
	).toBeVisible();
	await expect(
		page.getByText(/“r-bad” stored on this device is damaged \(payload: /)
	).toBeVisible();

	await openHydrated(page, '/a?id=asg-dates');
	await expect(page.getByRole('heading', { name: /^Ready, / })).toBeVisible();

	expect(errors).toEqual([]);
	// Reading never changed what is stored; the upgrade only split each good session in two.
	expect(await storedRows(page)).toEqual({ ...before, ...splitOldSessions(before.sessions!) });
});

test('a crafted backup with a valid checksum but a wrong shape inside is refused, naming the row', async ({
	page
}) => {
	const errors = watchErrors(page);
	await seed(page, loadFixture(3));
	await openHydrated(page, '/settings');
	await expect(page.getByRole('table', { name: 'Stored on this device' })).toBeVisible();
	const before = await storedRows(page);
	// The version 3 device's rows, in a backup of this version (its newer tables are empty, its
	// sessions split in two as the upgrade splits them).
	const old = structuredClone(loadFixture(3).tables);
	const data = {
		...Object.fromEntries(TABLES.map((t) => [t, []])),
		...old,
		...splitOldSessions(old.sessions!)
	} as unknown as BackupData;
	const crafted: [string, (d: BackupData) => void, RegExp][] = [
		[
			'payload-42.json',
			(d) => ((d.received[0] as { payload: unknown }).payload = 42),
			/row 1 \(asg-dates\) of the received table is invalid: payload: /
		],
		[
			'state.json',
			(d) => ((d.sessions[0] as { state: unknown }).state = {}),
			/row 1 \(s-mx0p0zrv-b4kjvjsh2a\) of the sessions table is invalid: state\.v: /
		],
		[
			'due.json',
			(d) => ((d.cards[1] as { due: number }).due = 1e308),
			/row 2 \(.+\) of the cards table is invalid: due: must not be after year 9999/
		],
		[
			'score.json',
			(d) => ((d.attempts[0] as { score: number }).score = 99),
			/row 1 \(1\) of the attempts table is invalid: score: must be 0 to 1/
		]
	];
	for (const [name, edit, pattern] of crafted) {
		const copy = structuredClone(data);
		edit(copy);
		const text = await encodeBackup(copy, Date.now());
		await page
			.getByLabel('Choose a backup file')
			.setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
		const alert = page.getByRole('alert');
		await expect(alert, name).toContainText(pattern);
		await expect(alert).toContainText('Nothing on this device was changed');
		await expect(page.getByRole('group', { name: 'Ready to import' })).toHaveCount(0);
		expect(await storedRows(page), name).toEqual(before);
	}
	expect(errors).toEqual([]);
});

test('a full disk loses nothing saved: a clear message, and the quiz goes on', async ({ page }) => {
	const errors = watchErrors(page);
	// One write to the sessions store fails as a full disk would, when the test arms it: the first
	// that stores a second answer (drafts typed before Check are saved too, and must not take it).
	await page.addInitScript(() => {
		// eslint-disable-next-line @typescript-eslint/unbound-method -- called as put.apply(this) below
		const put = IDBObjectStore.prototype.put;
		IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args) {
			const w = window as unknown as { quotaOnce?: boolean };
			const row = args[0] as { state?: { answers?: object } } | undefined;
			const answers = Object.keys(row?.state?.answers ?? {}).length;
			if (w.quotaOnce && this.name === 'sessions' && answers === 2) {
				w.quotaOnce = false;
				throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
			}
			return put.apply(this, args);
		} as typeof put;
	});
	const items = (await bank()).items.filter((i) => i.type === 'truefalse').slice(0, 3);
	await startWith(
		page,
		items.map((i) => i.id)
	);
	const answerShown = async () => {
		const item = await shownItem(page, items);
		await answerByKeyboard(page, item);
		await page.keyboard.press('Enter');
		await expect(page.getByRole('region', { name: 'Feedback' })).toBeVisible();
		return item;
	};
	const storedAnswers = () =>
		page.evaluate(async () => {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const req = indexedDB.open('quire');
				req.onsuccess = () => resolve(req.result);
				req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
			});
			const read = (store: string) =>
				new Promise<{ state?: { answers: object } }[]>((resolve) => {
					const all = db.transaction(store).objectStore(store).getAll();
					all.onsuccess = () => resolve(all.result);
				});
			const [sessions, attempts] = [await read('sessions'), await read('attempts')];
			db.close();
			return {
				answers: sessions.map((s) => Object.keys(s.state?.answers ?? {}).length),
				attempts: attempts.length
			};
		});

	await answerShown();
	await expect.poll(storedAnswers).toEqual({ answers: [1], attempts: 1 });
	await page.keyboard.press('Enter');

	await page.evaluate(() => ((window as unknown as { quotaOnce: boolean }).quotaOnce = true));
	await answerShown();
	const alert = page.getByRole('alert').filter({ hasText: 'out of storage space' });
	await expect(alert).toContainText('your last change was not saved');
	await expect(alert).toContainText('Kept on this page and waiting to be saved: 1 quiz answer.');

	// The answer kept on the page is stored by the retry, with no further answer and no reload,
	// and the message goes; nothing saved before was lost or half-written.
	await expect.poll(storedAnswers).toEqual({ answers: [2], attempts: 2 });
	await expect(alert).toHaveCount(0);
	await page.keyboard.press('Enter');
	await answerShown();
	await expect.poll(storedAnswers).toEqual({ answers: [3], attempts: 3 });
	expect(errors).toEqual([]);
});
