import { expect, test } from '@playwright/test';
import { ROUTES, openHydrated, waitForServiceWorker } from './helpers';

test('after the first visit every route renders offline from the service worker', async ({
	page,
	context
}) => {
	await openHydrated(page, '/');
	await waitForServiceWorker(page);
	await page.getByRole('combobox', { name: 'Theme' }).selectOption('light');

	await context.setOffline(true);
	const reload = await page.reload();
	expect(reload?.fromServiceWorker()).toBe(true);
	await expect(page.getByRole('heading', { level: 1, name: 'Learn it for good' })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();

	for (const route of ROUTES.slice(1)) {
		const response = await page.goto(route.path);
		expect(response?.fromServiceWorker(), route.path).toBe(true);
		await expect(page.getByRole('heading', { level: 1, name: route.heading })).toBeVisible();
	}
	await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('light');
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});
