/**
 * Issue 27 §5 through the real page, at a size CI runs: a 5,000-question GIFT file chosen in the
 * file chooser is read in a worker, saved with a progress bar, and its set page shows it a page at
 * a time, paged by keyboard; a second import, cancelled while it is written, stores nothing.
 */
import { expect, test, type Page } from '@playwright/test';
import { toGift } from '../src/lib/bank/formats/index';
import { generateSet } from '../src/lib/bank/formats/testgen';
import { entryText } from '../src/lib/bank/set';
import { readSetFile } from '../src/lib/state/library-io';
import { openHydrated } from './helpers';

const QUESTIONS = 5000;
const PAGE = 50;

/** Chooses a file through the page's real file chooser. */
async function choose(page: Page, name: string, text: string) {
	const chooser = page.waitForEvent('filechooser');
	await page.getByText('Choose a file…').click();
	await (await chooser).setFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });
}

/** Opens a second connection to the database that holds a write on the sets until released. */
async function holdSets(page: Page) {
	await page.evaluate(
		() =>
			new Promise<void>((resolve, reject) => {
				const w = window as unknown as { __release?: boolean };
				w.__release = false;
				const open = indexedDB.open('quire');
				open.onerror = () => reject(new Error(String(open.error)));
				open.onsuccess = () => {
					const conn = open.result;
					const tx = conn.transaction('sets', 'readwrite');
					const store = tx.objectStore('sets');
					// Keeps the transaction alive, a request at a time, until the test releases it.
					const spin = () => {
						if (w.__release) return;
						store.count().onsuccess = spin;
					};
					spin();
					tx.oncomplete = () => conn.close();
					resolve();
				};
			})
	);
	return () =>
		page.evaluate(() => ((window as unknown as { __release: boolean }).__release = true));
}

test('5,000 questions: read in a worker, saved with progress, a cancelled import stores nothing, the set paged by keyboard', async ({
	page
}) => {
	test.setTimeout(600_000);
	const text = toGift(
		generateSet('library-big', QUESTIONS, { flashcards: false, awkward: ['plain words', 'more'] })
	).text;
	const parsed = await readSetFile(text, 'big.gift');
	const entries = parsed.items.length + parsed.flashcards.length;
	expect(entries).toBeGreaterThan(3000);
	const count = entries.toLocaleString('en');

	await openHydrated(page, '/library');
	await choose(page, 'big.gift', text);
	// Read in a worker: the page says so, with Cancel, and stays responsive.
	await expect(page.getByRole('progressbar', { name: 'Reading big.gift…' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Cancel reading' })).toBeEnabled();
	const newTitle = page.getByLabel('Title', { exact: true });
	await newTitle.fill('Typed while the file is read');
	await expect(newTitle).toHaveValue('Typed while the file is read');
	const heading = page.getByRole('heading', { name: `big.gift: ${entries} entries to import` });
	// Generous limits: a loaded CI machine reads and writes slowly; nothing here measures speed.
	await expect(heading).toBeFocused({ timeout: 180_000 });

	// The import is saved with its progress shown, then the set's page opens at its first page.
	await page.getByLabel('Title of the new set').fill('Big set');
	await page.getByRole('button', { name: `Import ${entries} entries` }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Big set' })).toBeVisible({
		timeout: 180_000
	});
	const list = page.getByRole('region', { name: 'Entries' });
	await expect(list.getByRole('listitem')).toHaveCount(PAGE);
	await expect(page.getByText(`${entries} of ${entries} shown`)).toBeVisible();
	const pages = Math.ceil(entries / PAGE);
	await expect(
		page.getByText(`Page 1 of ${pages.toLocaleString('en')}: entries 1–50`)
	).toBeVisible();
	await expect(list.getByRole('listitem').first()).toContainText(entryText(parsed.items[0]!));

	// Paged by keyboard: Enter and Space on "Next page", Enter on "Previous page", a page typed.
	const next = page.getByRole('button', { name: 'Next page' });
	await next.focus();
	await page.keyboard.press('Enter');
	await expect(page.getByText(`Page 2 of ${pages}: entries 51–100`)).toBeVisible();
	await expect(list.getByRole('listitem').first()).toContainText(entryText(parsed.items[50]!));
	await page.keyboard.press(' ');
	await expect(page.getByText(`Page 3 of ${pages}: entries 101–150`)).toBeVisible();
	await expect(next).toBeFocused();
	await page.keyboard.press('Shift+Tab');
	await expect(page.getByRole('button', { name: 'Previous page' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByText(`Page 2 of ${pages}: entries 51–100`)).toBeVisible();
	await page.getByLabel('Go to page').fill(String(pages));
	await page.keyboard.press('Enter');
	const from = (pages - 1) * PAGE;
	await expect(
		page.getByText(`Page ${pages} of ${pages}: entries ${(from + 1).toLocaleString('en')}–${count}`)
	).toBeVisible();
	await expect(list.getByRole('listitem')).toHaveCount(entries - from);
	await expect(list.getByRole('listitem').last()).toContainText(entryText(parsed.items.at(-1)!));
	// On the last page "Next page" stays focusable and does nothing.
	await next.focus();
	await page.keyboard.press('Enter');
	await expect(page.getByText(`Page ${pages} of ${pages}`, { exact: false })).toBeVisible();
	await expect(next).toBeFocused();

	// A second import, cancelled while it is being written: nothing of it is stored. Another
	// connection holds the sets so the import waits at "0 of …" and the Cancel lands mid-import.
	await page.goto('/library');
	await expect(page.getByRole('heading', { level: 3, name: 'Big set' })).toBeVisible();
	await choose(page, 'again.gift', text);
	await expect(page.getByRole('heading', { name: `again.gift: ${entries} entries` })).toBeFocused({
		timeout: 180_000
	});
	await page.getByLabel('Title of the new set').fill('Never stored');
	const release = await holdSets(page);
	await page.getByRole('button', { name: `Import ${entries} entries` }).click();
	await expect(page.getByRole('progressbar', { name: 'Saving' })).toBeVisible();
	await expect(page.getByText(`0 of ${count} entries saved`)).toBeVisible();
	await page.getByRole('button', { name: 'Cancel', exact: true }).click();
	await release();
	await expect(page.getByRole('alert')).toHaveText('The import was cancelled. Nothing was saved.', {
		timeout: 60_000
	});
	await expect(page.getByRole('progressbar', { name: 'Saving' })).toHaveCount(0);
	await page.reload();
	await expect(page.getByRole('heading', { level: 3, name: 'Big set' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 3, name: 'Never stored' })).toHaveCount(0);
	const stored = await page.evaluate(
		() =>
			new Promise<number>((resolve) => {
				const open = indexedDB.open('quire');
				open.onsuccess = () => {
					const req = open.result.transaction('setItems').objectStore('setItems').count();
					req.onsuccess = () => {
						open.result.close();
						resolve(req.result);
					};
				};
			})
	);
	expect(stored).toBe(entries);
});
