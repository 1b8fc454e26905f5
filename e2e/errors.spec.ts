import { expect, test } from '@playwright/test';
import { storedRows } from './helpers';
import { answerByKeyboard, bank, shownItem, startWith } from './quiz';

test('a bug in a save (a thrown TypeError) shows an honest message, is logged, and is not called a storage failure', async ({
	page
}) => {
	const pageErrors: string[] = [];
	page.on('pageerror', (e) => pageErrors.push(`${e.name}: ${e.message}`));
	// The fault is injected from outside the app: the test arms a patched IndexedDB put that
	// throws a TypeError, as a bug in Quire's own code would, for the write storing a 2nd answer.
	await page.addInitScript(() => {
		// eslint-disable-next-line @typescript-eslint/unbound-method -- called as put.apply(this) below
		const put = IDBObjectStore.prototype.put;
		IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args) {
			const w = window as unknown as { bugOnce?: boolean };
			const row = args[0] as { state?: { answers?: object } } | undefined;
			if (
				w.bugOnce &&
				this.name === 'sessions' &&
				Object.keys(row?.state?.answers ?? {}).length === 2
			) {
				w.bugOnce = false;
				throw new TypeError("Cannot read properties of undefined (reading 'answers')");
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
	};
	const answers = async () =>
		(await storedRows<{ state: { answers: object } }>(page, 'sessions')).map(
			(s) => Object.keys(s.state.answers).length
		);
	await answerShown();
	await expect.poll(answers).toEqual([1]);
	await page.keyboard.press('Enter');
	await page.evaluate(() => ((window as unknown as { bugOnce: boolean }).bugOnce = true));
	await answerShown();

	const fault = page.getByRole('alert').filter({ hasText: 'Something went wrong' });
	await expect(fault).toContainText(
		'Something went wrong in Quire. Your last change was not saved; everything before it is saved.'
	);
	// Not dressed up as a storage failure: no storage banner, no "full", "refused" or "closed".
	await expect(page.getByRole('alert').filter({ hasText: /storage|refused|full/i })).toHaveCount(0);
	expect(await answers()).toEqual([1]);
	// The fault reached the page as an error (for developers) at most once: changes that waited on
	// the failed save are not told it again (whether the first caller handled it is a race).
	expect(pageErrors.filter((e) => e.startsWith('TypeError')).length).toBeLessThanOrEqual(1);

	// The log in Settings names it, and its report holds the message to copy.
	await fault.getByRole('link', { name: 'See the error log' }).click();
	await expect(page.getByRole('heading', { name: 'Error log' })).toBeVisible();
	const report = page.getByRole('textbox', { name: 'Error report' });
	await expect(report).toHaveValue(/fault in Quire · \/study\/session/);
	// Logged once.
	await expect(report).toHaveValue(/Entries: 1\b/);
	await expect(report).toHaveValue(
		/TypeError: Cannot read properties of undefined \(reading 'answers'\)/
	);
	// Stored on the device: it survives a reload, and Clear empties it.
	await page.reload();
	await expect(report).toHaveValue(/TypeError: Cannot read properties/);
	await page.getByRole('button', { name: 'Clear the log' }).click();
	await expect(page.getByText('No errors were logged on this device.')).toBeVisible();
	expect(await storedRows(page, 'sessions')).toHaveLength(1);
});
