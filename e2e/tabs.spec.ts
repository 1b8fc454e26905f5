import { expect, test, type Page } from '@playwright/test';
import type { QuizItem } from '../src/lib/bank/schema';
import { generateTeacherKeys } from '../src/lib/teach/crypto';
import { encodeAssignment } from '../src/lib/teach/link';
import { dumpDb } from './fixtures/idb';
import { openHydrated } from './helpers';
import { answerByKeyboard, bank, shownItem, startWith } from './quiz';

/** Collects uncaught errors and unhandled rejections: any one fails the test. */
function watchErrors(page: Page, errors: string[]) {
	page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`));
}

async function trueFalseItems(n: number): Promise<QuizItem[]> {
	return (await bank()).items.filter((i) => i.type === 'truefalse').slice(0, n);
}

/** Answers the question on screen and checks it; returns the item. */
async function answerShown(page: Page, items: QuizItem[]) {
	const item = await shownItem(page, items);
	await answerByKeyboard(page, item);
	await page.keyboard.press('Enter');
	await expect(page.getByRole('region', { name: 'Feedback' })).toBeVisible();
	return item;
}

const sessions = async (page: Page) =>
	(await dumpDb(page)).sessions as { state: { answers: Record<string, unknown> } }[];

test('one quiz in two tabs: answers from both are kept, and each tab shows the other’s', async ({
	context,
	page
}) => {
	const errors: string[] = [];
	watchErrors(page, errors);
	const items = await trueFalseItems(3);
	await startWith(
		page,
		items.map((i) => i.id)
	);
	const other = await context.newPage();
	watchErrors(other, errors);
	await openHydrated(other, page.url());
	await expect(other.getByText('Question 1 of 3')).toBeVisible();

	// Q1 in A.
	const q1 = await answerShown(page, items);
	// B sees it answered, without a reload, and moves on to answer Q2.
	await expect(other.getByRole('region', { name: 'Feedback' })).toBeVisible();
	await other.getByRole('button', { name: 'Next' }).click();
	await expect(other.getByText('Question 2 of 3')).toBeVisible();
	const q2 = await answerShown(other, items);
	// A moves on: Q2 shows B's answer; A answers Q3.
	await page.keyboard.press('Enter');
	await expect(page.getByText('Question 2 of 3')).toBeVisible();
	await expect(page.getByRole('region', { name: 'Feedback' })).toBeVisible();
	await page.getByRole('button', { name: 'Next' }).click();
	await expect(page.getByText('Question 3 of 3')).toBeVisible();
	const q3 = await answerShown(page, items);

	await expect
		.poll(async () => Object.keys((await sessions(page))[0]!.state.answers).sort())
		.toEqual([q1.id, q2.id, q3.id].sort());
	expect(
		((await dumpDb(page)).attempts as { itemId: string }[]).map((a) => a.itemId).sort()
	).toEqual([q1.id, q2.id, q3.id].sort());
	expect(errors).toEqual([]);
});

test('an attempt limit of 1 holds across two tabs', async ({ context, page }) => {
	const errors: string[] = [];
	watchErrors(page, errors);
	const b = await bank();
	const items = await trueFalseItems(1);
	const keys = await generateTeacherKeys();
	const fragment = await encodeAssignment({
		v: 1,
		id: 'one-attempt',
		bank: b.version,
		title: 'Only once',
		className: '',
		itemIds: items.map((i) => i.id),
		mode: 'practice',
		timeLimitMin: null,
		due: null,
		maxAttempts: 1,
		shuffle: true,
		passMark: 50,
		seed: 'seed',
		teacherKey: keys.publicJwk,
		createdAt: Date.now()
	});
	await openHydrated(page, `/a#${fragment}`);
	await page.getByRole('textbox', { name: 'Your name' }).fill('Ana');
	await page.getByRole('button', { name: 'Keep this assignment' }).click();
	await expect(page.getByRole('button', { name: 'Start', exact: true })).toBeVisible();

	// Tab B opens the kept assignment before A starts: it offers Start too.
	const other = await context.newPage();
	watchErrors(other, errors);
	await openHydrated(other, '/a?id=one-attempt');
	await expect(other.getByRole('button', { name: 'Start', exact: true })).toBeEnabled();

	// A takes and submits the one attempt.
	await page.getByRole('button', { name: 'Start', exact: true }).click();
	await expect(page).toHaveURL(/\/study\/session\?id=/);
	await answerShown(page, items);
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/a\/result\?session=/);

	// B's Start is refused, and no second attempt is stored.
	await other.getByRole('button', { name: 'Start', exact: true }).click();
	await expect(other.getByRole('alert')).toContainText('You have used every attempt (1 of 1)');
	await expect(other).toHaveURL(/\/a\?id=one-attempt/);
	expect(await sessions(other)).toHaveLength(1);
	expect(errors).toEqual([]);
});

test('after a reset in one tab, a quiz open in another writes nothing back and says why', async ({
	context,
	page
}) => {
	const errors: string[] = [];
	watchErrors(page, errors);
	const items = await trueFalseItems(2);
	await startWith(
		page,
		items.map((i) => i.id)
	);
	const quiz = page.url();
	const settings = await context.newPage();
	watchErrors(settings, errors);
	await openHydrated(settings, '/settings');
	await settings.getByLabel('Type RESET to confirm').fill('RESET');
	await settings.getByRole('button', { name: 'Reset progress' }).click();
	await expect(settings.getByRole('status').filter({ hasText: 'Progress reset' })).toBeVisible();

	// The quiz tab answers: nothing comes back, and the student is told.
	const item = await shownItem(page, items);
	await answerByKeyboard(page, item);
	await page.keyboard.press('Enter');
	await expect(page.getByRole('alert').filter({ hasText: 'no longer stored' })).toContainText(
		'progress was reset'
	);
	const after = await dumpDb(page);
	for (const table of ['sessions', 'attempts', 'cards', 'reviewLogs'])
		expect(after[table], table).toEqual([]);
	expect(page.url()).toBe(quiz);
	expect(errors).toEqual([]);
});
