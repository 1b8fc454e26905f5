import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { createAppDatabase, openHydrated, smallTapTargets, storedSetting } from './helpers';
import { history, seed } from './fit-history';

/** The intervals the first due card's four buttons offer on /review. */
async function offered(page: Page): Promise<string[]> {
	await openHydrated(page, '/review');
	await page.getByRole('button', { name: 'Show answer' }).click();
	const buttons = page
		.getByRole('group', { name: 'How well did you remember?' })
		.locator('.interval');
	await expect(buttons).toHaveCount(4);
	return buttons.allTextContents();
}

test('too little history: /progress says how much more is needed, with no button', async ({
	page
}) => {
	const rows = await history(Date.now(), 40);
	const logs = rows.logs.slice(0, 120);
	await openHydrated(page, '/progress');
	await createAppDatabase(page);
	await seed(page, { cards: rows.cards, logs });
	await page.goto('/progress');
	const section = page.locator('[data-fit]');
	await expect(section.locator('[data-not-ready]')).toContainText(
		'Fitting needs at least 400 reviews over at least 14 days. You have 120 reviews'
	);
	await expect(section.locator('[data-not-ready]')).toContainText('280 more reviews');
	await expect(page.getByRole('button', { name: 'Fit my schedule' })).toHaveCount(0);
});

test('fit my schedule: progress, cancel, figures, apply (the review screen uses it), undo', async ({
	page
}) => {
	test.slow();
	const rows = await history(Date.now(), 150);
	expect(rows.logs.length).toBeGreaterThan(400);
	await openHydrated(page, '/progress');
	await createAppDatabase(page);
	// Cards in (re)learning come first on /review and their minute-long steps do not depend on the
	// parameters: stored without them, the first card shown is a review whose intervals do.
	await seed(page, { cards: rows.cards.filter((c) => c.state === 2), logs: rows.logs });
	const defaults = await offered(page);

	await openHydrated(page, '/progress');
	const fit = page.getByRole('button', { name: 'Fit my schedule' });
	await expect(page.locator('[data-fit]')).toContainText(`You have ${rows.logs.length} reviews`);

	// Cancel stops the run and leaves the schedule as it was.
	await fit.click();
	await expect(page.getByText(/Step \d of 5/)).toBeVisible();
	await page.getByRole('button', { name: 'Cancel' }).click();
	await expect(
		page.getByText('Fitting cancelled. Your schedule is unchanged.').first()
	).toBeVisible();

	// The page answers while the fit runs: a click on another control still works.
	await fit.click();
	await expect(page.getByRole('progressbar')).toBeVisible();
	await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

	const result = page.locator('[data-result]');
	await expect(result).toBeVisible({ timeout: 80_000 });
	const cells = async (row: string) =>
		(await result.locator(row).locator('td').allTextContents()).map(Number);
	const [lossDefaults, lossFitted] = await cells('[data-metric="logloss"]');
	expect(lossFitted).toBeLessThan(lossDefaults!);
	await expect(result).toContainText(
		'The fitted parameters predict whether you recall a card better'
	);
	const [, weekFitted] = await cells('[data-workload="week"]');
	expect(weekFitted).toBeGreaterThanOrEqual(0);
	await expect(result.locator('[data-advice] tbody tr')).toHaveCount(4);
	await expect(result.locator('[data-advice] tr[aria-current]')).toContainText('90% (yours)');

	// The result is accessible (in the dark theme chosen above) and fits a 360 px phone.
	const axe = await new AxeBuilder({ page })
		.include('[data-fit]')
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
		.analyze();
	expect(axe.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
	await page.setViewportSize({ width: 360, height: 640 });
	expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
		true
	);
	expect(await smallTapTargets(page)).toEqual([]);
	await page.setViewportSize({ width: 1280, height: 720 });

	await page.getByRole('button', { name: 'Apply the fitted parameters' }).click();
	await expect(page.locator('[data-applied]')).toContainText(
		`parameters fitted on ${await page.evaluate(() => new Date().toLocaleDateString())}`
	);
	const stored = (await storedSetting(page, 'fsrsParameters')) as { w: number[] };
	expect(stored.w).toHaveLength(21);

	// The review screen schedules with the fitted parameters: the same card offers other intervals.
	const fitted = await offered(page);
	expect(fitted).not.toEqual(defaults);

	await openHydrated(page, '/progress');
	await page.getByRole('button', { name: 'Undo: back to the defaults' }).click();
	await expect(page.locator('[data-applied]')).toHaveCount(0);
	expect(await storedSetting(page, 'fsrsParameters')).toBeNull();
	expect(await offered(page)).toEqual(defaults);
});
