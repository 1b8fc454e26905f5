import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { QuizItem } from '../src/lib/bank/schema';
import { createAppDatabase, openHydrated } from './helpers';
import { answerByKeyboard, bank, shownItem, startWith } from './quiz';

const axe = (page: Page) =>
	new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
		.analyze();

async function noViolationsInBothThemes(page: Page) {
	for (const colorScheme of ['light', 'dark'] as const) {
		await page.emulateMedia({ colorScheme });
		const results = await axe(page);
		expect(results.violations.map((v) => `${colorScheme}: ${v.id} ${v.help}`)).toEqual([]);
	}
	await page.emulateMedia({ colorScheme: 'light' });
}

/** Takes a practice quiz on exactly these items, answering each right or wrong as planned. */
async function practise(page: Page, items: QuizItem[], right: ReadonlyMap<string, boolean>) {
	await startWith(
		page,
		items.map((i) => i.id)
	);
	for (let n = 1; n <= items.length; n++) {
		await expect(page.getByText(`Question ${n} of ${items.length}`)).toBeVisible();
		const item = await shownItem(page, items);
		await answerByKeyboard(page, item, right.get(item.id));
		await page.keyboard.press('Enter');
		await expect(page.getByRole('region', { name: 'Feedback' }).getByRole('status')).toContainText(
			right.get(item.id) ? 'Correct' : 'Not quite'
		);
		await page.keyboard.press('Enter');
	}
	await expect(page).toHaveURL(/\/study\/results\?id=/);
}

/** Today as 'YYYY-MM-DD' in the browser's time zone. */
function localToday(page: Page) {
	return page.evaluate(() => {
		const d = new Date();
		const pad = (n: number) => String(n).padStart(2, '0');
		return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
	});
}

test('a fresh profile gets an honest empty state, not empty charts', async ({ page }) => {
	await openHydrated(page, '/progress');
	const empty = page.getByRole('region', { name: 'Nothing studied yet' });
	await expect(empty).toBeVisible();
	await expect(empty.getByRole('link', { name: 'Start a quiz' })).toHaveAttribute('href', '/study');
	await expect(page.locator('svg[role="img"]')).toHaveCount(0);
	await expect(page.getByRole('heading', { name: 'Study calendar' })).toHaveCount(0);
	await noViolationsInBothThemes(page);
});

test('after a small practice quiz the dashboard shows what was answered', async ({ page }) => {
	test.slow();
	const b = await bank();
	const missed = b.items.find((i) => i.type === 'truefalse')!;
	const single = b.items.find((i) => i.type === 'single' && i.topic !== missed.topic)!;
	const short = b.items.find((i) => i.type === 'short')!;
	const plan = new Map([
		[missed.id, false],
		[single.id, true],
		[short.id, true]
	]);
	await practise(page, [missed, single, short], plan);
	// Miss the same one again, so it has the two answers the "hardest" list asks for.
	await practise(page, [missed], plan);

	await openHydrated(page, '/progress');
	await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();

	const today = page.locator('[data-stat="today"]');
	await expect(today.locator('.big')).toHaveText('4');
	await expect(today).toContainText('0 flashcard reviews and 4 quiz answers');
	const streak = page.locator('[data-stat="streak"]');
	await expect(streak.locator('.big')).toHaveText('1');
	await expect(streak).toContainText('Longest: 1 day.');

	const calendar = page.getByRole('region', { name: /Reviews and answers per day/ });
	await expect(calendar.locator('rect[data-day]')).toHaveCount(365);
	const cell = calendar.locator(`rect[data-day="${await localToday(page)}"]`);
	await expect(cell).toHaveAttribute('data-count', '4');
	await expect(cell.locator('title')).toHaveText(/: 4 reviews and answers$/);
	await expect(calendar.locator('rect[data-day]:not([data-count="0"])')).toHaveCount(1);
	await expect(page.getByText('4 reviews and answers on 1 of the last 365 days')).toBeVisible();

	// Mastery: the two right answers, each in its own topic; the missed item is not mastered.
	const mastery = page.getByRole('table', { name: 'Questions mastered per topic' });
	await expect(mastery.locator('tbody tr')).toHaveCount(b.topics.length);
	for (const topic of b.topics) {
		const total = b.items.filter((i) => i.topic === topic.id).length;
		const mastered = [single, short].filter((i) => i.topic === topic.id).length;
		const row = mastery.locator(`tr[data-key="${topic.id}"]`);
		await expect(row.getByRole('rowheader')).toHaveText(topic.title);
		await expect(row).toContainText(`${mastered} of ${total} mastered`);
	}

	const accuracy = page.getByRole('table', { name: 'Right answers per question type, all time' });
	await expect(accuracy.locator('tbody tr')).toHaveCount(3);
	await expect(accuracy.locator('tr[data-key="truefalse"]')).toContainText('0 of 2 right · 0%');
	await expect(accuracy.locator('tr[data-key="single"]')).toContainText('1 of 1 right · 100%');
	await expect(accuracy.locator('tr[data-key="short"]')).toContainText('1 of 1 right · 100%');

	const hardest = page.getByRole('region', { name: 'Hardest questions' });
	await expect(hardest.getByRole('listitem')).toHaveCount(1);
	await expect(hardest.getByRole('listitem')).toContainText(missed.prompt);
	await expect(hardest.getByRole('listitem')).toContainText('Missed 2 of 2');
	const practice = hardest.getByRole('link', { name: 'Practise this question' });
	await expect(practice).toHaveAttribute('href', `/study?retry=${missed.id}`);

	await noViolationsInBothThemes(page);

	// The link starts a practice quiz on exactly that question.
	await practice.click();
	await expect(page).toHaveURL(/\/study\/session\?id=/);
	await expect(page.getByText('Question 1 of 1')).toBeVisible();
	expect((await shownItem(page, b.items)).id).toBe(missed.id);
});

test('at 360×740 the dashboard fits and the heatmap scrolls in its own region', async ({
	page
}) => {
	const b = await bank();
	const items = b.items.filter((i) => i.type === 'truefalse').slice(0, 2);
	await practise(page, items, new Map(items.map((i) => [i.id, true])));
	await page.setViewportSize({ width: 360, height: 740 });
	await openHydrated(page, '/progress');
	await expect(page.locator('[data-stat="today"] .big')).toHaveText('2');
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBe(0);
	const region = page.getByRole('region', { name: /Reviews and answers per day/ });
	await expect(region).toHaveAttribute('tabindex', '0');
	const { scrollWidth, clientWidth, scrollLeft } = await region.evaluate((el) => ({
		scrollWidth: el.scrollWidth,
		clientWidth: el.clientWidth,
		scrollLeft: el.scrollLeft
	}));
	expect(scrollWidth).toBeGreaterThan(clientWidth);
	// The newest weeks are in view first.
	expect(scrollLeft).toBeGreaterThan(0);
	// It takes keyboard focus, and the arrow keys scroll it.
	await region.focus();
	await page.keyboard.press('ArrowLeft');
	await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeLessThan(scrollLeft);
	await noViolationsInBothThemes(page);
});

test.describe('in New York, where days are 23 or 25 hours around DST changes', () => {
	test.use({ timezoneId: 'America/New_York' });

	test('days split at local midnight, and history older than the calendar counts for the longest streak', async ({
		page
	}) => {
		await openHydrated(page, '/progress');
		await expect(page.getByRole('heading', { name: 'Nothing studied yet' })).toBeVisible();
		await createAppDatabase(page);
		// One flashcard review a second ago; two (00:30 and 23:30 local) on each of the 3 days
		// before; two on each of the 20 days from 399 to 380 days ago, before the calendar starts.
		await page.evaluate(() => {
			const now = Date.now();
			const t = new Date(now);
			const at = (daysAgo: number, h: number, m: number) =>
				new Date(t.getFullYear(), t.getMonth(), t.getDate() - daysAgo, h, m).getTime();
			const times = [now - 1000];
			for (const d of [1, 2, 3, ...Array.from({ length: 20 }, (_, i) => 380 + i)])
				times.push(at(d, 0, 30), at(d, 23, 30));
			return new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('quire');
				open.onerror = () =>
					reject(open.error ?? new Error('Opening the IndexedDB database failed'));
				open.onsuccess = () => {
					const tx = open.result.transaction('reviewLogs', 'readwrite');
					for (const review of times)
						tx.objectStore('reviewLogs').add({
							cardId: 'seeded-card',
							rating: 3,
							state: 2,
							due: review,
							stability: 10,
							difficulty: 5,
							elapsed_days: 1,
							last_elapsed_days: 1,
							scheduled_days: 10,
							learning_steps: 0,
							review,
							source: 'review'
						});
					tx.oncomplete = () => {
						open.result.close();
						resolve();
					};
					tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
				};
			});
		});
		await openHydrated(page, '/progress');
		const streak = page.locator('[data-stat="streak"]');
		await expect(streak.locator('.big')).toHaveText('4');
		await expect(streak).toContainText('Longest: 20 days.');
		await expect(page.locator('[data-stat="today"]')).toContainText(
			'1 flashcard review and 0 quiz answers'
		);
		await expect(page.getByText('7 reviews and answers on 4 of the last 365 days')).toBeVisible();
		const calendar = page.getByRole('region', { name: /Reviews and answers per day/ });
		await expect(calendar.locator('rect[data-count="2"]')).toHaveCount(3);
		await expect(calendar.locator('rect.today')).toHaveAttribute('data-count', '1');
		// Nothing was answered or scheduled: those sections say so rather than draw empty charts.
		await expect(page.getByText('No quiz answers yet')).toBeVisible();
		await expect(page.getByText('No hard questions yet')).toBeVisible();
		await expect(
			page.getByText('None of the cards you have studied fall due in the next 30 days.')
		).toBeVisible();
	});
});
