import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { waitForServiceWorker, storedRows } from './helpers';
import { answerByKeyboard, bank, oneOfEachType, shownItem, startWith } from './quiz';
import { VOICE_TAGS } from '../src/lib/bank/voice';

const axe = (page: import('@playwright/test').Page) =>
	new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
		.analyze();

test('a practice quiz of every item type, answered by keyboard only', async ({ page }) => {
	const items = await oneOfEachType();
	await startWith(
		page,
		items.map((i) => i.id)
	);
	for (let n = 1; n <= items.length; n++) {
		await expect(page.getByText(`Question ${n} of ${items.length}`)).toBeVisible();
		const item = await shownItem(page, items);
		await answerByKeyboard(page, item);
		// Enter checks from wherever the answer left focus: a text field, an option, the Check button.
		await page.keyboard.press('Enter');
		const feedback = page.getByRole('region', { name: 'Feedback' });
		await expect(feedback.getByRole('status')).toContainText('Correct');
		// Focus lands on the verdict, not the page body.
		await expect(feedback).toBeFocused();
		await expect(feedback).toContainText(item.explanation);
		await expect(feedback.getByRole('link', { name: 'Show in article' })).toBeVisible();
		if (n === 1) expect((await axe(page)).violations).toEqual([]);
		await page.keyboard.press('Enter');
	}
	await expect(page).toHaveURL(/\/study\/results\?id=/);
	await expect(page.getByRole('region', { name: 'Score' })).toContainText('100%');
	await expect(page.getByRole('region', { name: 'Score' })).toContainText('8 of 8 fully right');
});

test('the results page is right for a scripted set of right and wrong answers', async ({
	page
}) => {
	const b = await bank();
	const items = ['single', 'short', 'truefalse', 'numeric'].map((t) =>
		b.items.find((i) => i.type === t)!
	);
	await startWith(
		page,
		items.map((i) => i.id)
	);
	const plan = new Map(items.map((item, i) => [item.id, i % 2 === 0]));
	for (let n = 1; n <= items.length; n++) {
		const item = await shownItem(page, items);
		await answerByKeyboard(page, item, plan.get(item.id));
		await page.keyboard.press('Enter');
		await expect(page.getByRole('region', { name: 'Feedback' }).getByRole('status')).toContainText(
			plan.get(item.id) ? 'Correct' : 'Not quite'
		);
		await page.keyboard.press('Enter');
	}
	const score = page.getByRole('region', { name: 'Score' });
	await expect(score).toContainText('50%');
	await expect(score).toContainText('2 of 4 fully right');
	const rows = page.locator('ol.items > li');
	await expect(rows).toHaveCount(4);
	for (const item of items) {
		const row = rows.filter({ hasText: item.prompt });
		await expect(row).toContainText(plan.get(item.id) ? '✓ Right' : '✗ Wrong');
		if (!plan.get(item.id)) await expect(row.getByText('Right answer')).toBeVisible();
	}
	await expect(page.getByRole('link', { name: 'Retry the 2 I missed' })).toBeVisible();
	expect((await axe(page)).violations).toEqual([]);
});

test('a timed test: flag, submit with confirmation, and time-up submits by itself', async ({
	page
}) => {
	await page.clock.install();
	await page.goto('/study');
	await page.getByRole('radio', { name: /Test/ }).check();
	await page.getByRole('spinbutton', { name: 'Number of questions' }).fill('5');
	await page.getByRole('spinbutton', { name: /Time limit/ }).fill('2');
	await page.getByRole('button', { name: 'Start' }).click();
	// A two-minute limit, already counting down on a slow machine.
	await expect(page.getByRole('timer', { name: 'Time left' })).toContainText(/(2:00|1:[0-5]\d)$/);
	await page.keyboard.press('1');
	await page.getByRole('button', { name: 'Flag for review' }).click();
	await expect(page.getByRole('button', { name: 'Flagged', exact: true })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	expect((await axe(page)).violations).toEqual([]);
	await page.getByRole('button', { name: 'Submit test' }).click();
	const dialog = page.getByRole('dialog', { name: 'Submit the test?' });
	await expect(dialog).toContainText('not answered');
	await expect(dialog).toContainText('Flagged for review: 1');
	await dialog.getByRole('button', { name: 'Go back' }).click();
	await expect(dialog).toBeHidden();

	await page.clock.fastForward('02:05');
	await expect(page).toHaveURL(/\/study\/results\?id=/);
	await expect(page.getByRole('region', { name: 'Score' })).toContainText('of 5 fully right');
});

test('a learn session ends when every item is mastered', async ({ page }) => {
	const b = await bank();
	const items = b.items.filter((i) => i.type === 'truefalse').slice(0, 2);
	await startWith(
		page,
		items.map((i) => i.id),
		'learn'
	);
	await expect(page.getByText('Mastery of this set: 0%')).toBeVisible();
	expect((await axe(page)).violations).toEqual([]);
	let first = true;
	for (let guard = 0; guard < 12; guard++) {
		const item = await shownItem(page, items);
		// Miss the first one once: it must come back.
		await answerByKeyboard(page, item, !first);
		first = false;
		await page.keyboard.press('Enter');
		const next = page.getByRole('button', { name: /Next|See results/ });
		if ((await next.innerText()).includes('See results')) {
			await expect(page.getByText('Mastery of this set: 100%')).toBeVisible();
			await next.click();
			break;
		}
		await page.keyboard.press('Enter');
	}
	await expect(page).toHaveURL(/\/study\/results\?id=/);
	await expect(page.getByRole('region', { name: 'Score' })).toContainText('1 of 2 fully right');
});

/** The typed answer the unfinished session holds in IndexedDB for an item. */
function storedAnswerText(page: import('@playwright/test').Page, itemId: string) {
	type Row = {
		status: string;
		state: { answers: Record<string, { answer?: { text?: string } } | undefined> };
	};
	return storedRows<Row>(page, 'sessions').then(
		(rows) => rows.find((r) => r.status === 'active')?.state.answers[itemId]?.answer?.text ?? null
	);
}

test('a reload in the middle of a test resumes at the same item with nothing lost', async ({
	page
}) => {
	const b = await bank();
	const items = b.items.filter((i) => i.type === 'short').slice(0, 3);
	await startWith(
		page,
		items.map((i) => i.id),
		'test'
	);
	const first = await shownItem(page, items);
	await answerByKeyboard(page, first);
	await page.getByRole('button', { name: 'Next' }).click();
	const second = await shownItem(page, items);
	await answerByKeyboard(page, second, false);
	// Each keystroke is saved as it happens; wait for the last write before pulling the plug.
	await expect.poll(() => storedAnswerText(page, second.id)).toBe('qqqqqq');
	await page.reload();
	await expect(page.getByText('Question 2 of 3')).toBeVisible();
	await expect(page.getByRole('textbox')).toHaveValue('qqqqqq');
	await page.goto('/study');
	await page.getByRole('link', { name: 'Resume' }).click();
	await expect(page.getByText('Question 2 of 3')).toBeVisible();
	await page.getByRole('button', { name: 'Previous' }).click();
	await expect(page.getByRole('textbox')).toHaveValue(first.type === 'short' ? first.answer : '');
	// Starting another quiz asks before the unfinished one is discarded.
	await page.goto('/study');
	await page.getByRole('button', { name: 'Quick quiz (10)' }).click();
	const dialog = page.getByRole('dialog', { name: 'Start a new quiz?' });
	await expect(dialog).toBeVisible();
	await dialog.getByRole('button', { name: 'Keep it' }).click();
	await expect(page.getByRole('link', { name: 'Resume' })).toBeVisible();
});

test('a whole quiz taken offline', async ({ page, context }) => {
	await page.goto('/');
	await waitForServiceWorker(page);
	await context.setOffline(true);
	await page.goto('/study');
	await page.getByRole('spinbutton', { name: 'Number of questions' }).fill('3');
	await page.getByRole('button', { name: 'Start' }).click();
	const items = (await bank()).items;
	for (let n = 1; n <= 3; n++) {
		const item = await shownItem(page, items);
		await answerByKeyboard(page, item);
		await page.keyboard.press('Enter');
		await expect(page.getByRole('region', { name: 'Feedback' })).toBeVisible();
		await page.keyboard.press('Enter');
	}
	await expect(page.getByRole('region', { name: 'Score' })).toContainText('3 of 3 fully right');
});

test('the study home counts matches live and explains an empty filter', async ({ page }) => {
	await page.goto('/study');
	const count = page.locator('.count');
	const all = Number(await count.locator('strong').innerText());
	expect(all).toBe((await bank()).items.length);
	await page.getByRole('checkbox', { name: 'Matching' }).check();
	const matching = (await bank()).items.filter((i) => i.type === 'match').length;
	await expect(count.locator('strong')).toHaveText(String(matching));
	await page.getByRole('radio', { name: 'I got wrong' }).check();
	await expect(count.locator('strong')).toHaveText('0');
	await page.getByRole('button', { name: 'Start' }).click();
	await expect(page.getByRole('alert')).toContainText(/wrong/i);
	expect((await axe(page)).violations).toEqual([]);
});

test('feedback tags the author’s claims and predictions, not the facts', async ({ page }) => {
	const b = await bank();
	const items = (['fact', 'claim', 'prediction'] as const).map((voice) =>
		b.items.find((i) => i.type === 'truefalse' && i.voice === voice)!
	);
	await startWith(
		page,
		items.map((i) => i.id)
	);
	for (let n = 1; n <= items.length; n++) {
		const item = await shownItem(page, items);
		await answerByKeyboard(page, item);
		await page.keyboard.press('Enter');
		const feedback = page.getByRole('region', { name: 'Feedback' });
		await expect(feedback).toContainText(item.explanation);
		const tag = VOICE_TAGS[item.voice];
		if (tag === null) await expect(feedback.locator('.voice-tag')).toHaveCount(0);
		else await expect(feedback.locator('.voice-tag')).toHaveText(tag);
		await page.keyboard.press('Enter');
	}
	await expect(page).toHaveURL(/\/study\/results\?id=/);
});

test('the Critical reading topic has its own quiz', async ({ page }) => {
	const b = await bank();
	const critical = b.items.filter((i) => i.topic === 'critical');
	await page.goto('/study');
	await page.getByRole('checkbox', { name: 'Critical reading' }).check();
	await expect(page.locator('.count strong')).toHaveText(String(critical.length));
	await page.getByRole('spinbutton', { name: 'Number of questions' }).fill('3');
	await page.getByRole('button', { name: 'Start' }).click();
	await expect(page).toHaveURL(/\/study\/session\?id=/);
	await expect(page.getByText('Question 1 of 3')).toBeVisible();
	await shownItem(page, critical);
});

test.describe('an update while a quiz is open', () => {
	// No service worker: the page asks the server for every chunk, and the server has dropped them.
	test.use({ serviceWorkers: 'block' });

	test('every answer is stored after the old chunks are gone from the server', async ({ page }) => {
		const b = await bank();
		const items = ['single', 'short', 'truefalse'].map((t) => b.items.find((i) => i.type === t)!);
		await startWith(
			page,
			items.map((i) => i.id)
		);
		const id = new URL(page.url()).searchParams.get('id')!;
		// The update: the build this page came from is gone; every chunk it has not loaded is a 404.
		await page.route('**/_app/immutable/**', (route) =>
			route.fulfill({ status: 404, body: 'Not found' })
		);
		for (let n = 1; n <= items.length; n++) {
			const item = await shownItem(page, items);
			await answerByKeyboard(page, item);
			await page.keyboard.press('Enter');
			await expect(
				page.getByRole('region', { name: 'Feedback' }).getByRole('status')
			).toContainText('Correct');
			// Nothing the page said is taken is missing from storage.
			await expect
				.poll(async () => {
					const rows = await storedRows<{ id: string; state: { answers: object } }>(
						page,
						'sessions'
					);
					return Object.keys(rows.find((r) => r.id === id)?.state.answers ?? {}).length;
				})
				.toBe(n);
			if (n < items.length) await page.keyboard.press('Enter');
		}
		await page.keyboard.press('Enter');
		await expect
			.poll(async () => {
				const rows = await storedRows<{ id: string; status: string }>(page, 'sessions');
				return rows.find((r) => r.id === id)?.status;
			})
			.toBe('submitted');
		// The results page needs chunks the old build no longer has; with the new build served, it
		// shows every answer.
		await page.unroute('**/_app/immutable/**');
		await page.goto(`/study/results?id=${id}`);
		await expect(page.getByRole('region', { name: 'Score' })).toContainText('3 of 3 fully right');
	});
});
