import { expect, test } from '@playwright/test';
import { openHydrated } from './helpers';

test('smoke', async ({ page }) => {
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(String(e)));
	page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
	await openHydrated(page, '/library');
	await page.getByLabel('Title', { exact: true }).fill('Year 9');
	await page.getByRole('button', { name: 'Create set' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Year 9' })).toBeVisible();
	await page.getByRole('link', { name: 'New question' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'New question' })).toBeVisible();
	await page.getByLabel('Question', { exact: true }).fill('Who signed for the USSR?');
	await page.getByLabel('Choice 1', { exact: true }).fill('Gorbachev');
	await page.getByLabel('Choice 2', { exact: true }).fill('Yeltsin');
	await page.screenshot({ path: '/tmp/lib/editor.png', fullPage: true });
	await page.getByRole('button', { name: 'Save' }).click();
	await page.screenshot({ path: '/tmp/lib/editor-save.png', fullPage: true });
	expect(errors).toEqual([]);
});
