import { expect, test } from '@playwright/test';
import { ROUTES, openHydrated, storedSetting, waitForServiceWorker } from './helpers';
import { startOwnServer } from './server';

// Offline here means the server is gone, not a browser's offline emulation: every engine and
// version sees the same thing a student on a train does.
for (const route of ROUTES) {
	test(`${route.path} renders from the service worker once the server is gone`, async ({
		page
	}) => {
		const server = await startOwnServer();
		try {
			await openHydrated(page, `${server.url}/`);
			await waitForServiceWorker(page);
			await page.getByRole('combobox', { name: 'Theme' }).selectOption('light');
			await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
			// The choice is written to IndexedDB after the click returns: wait for it to land.
			await expect.poll(() => storedSetting(page, 'theme')).toBe('light');
		} finally {
			await server.stop();
		}
		const response = await page.goto(`${server.url}${route.path}`);
		expect(response?.fromServiceWorker()).toBe(true);
		await expect(page.getByRole('heading', { level: 1, name: route.heading })).toBeVisible();
		await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('light');
		await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
		// A reload with no server is served by the worker too.
		const reload = await page.reload();
		expect(reload?.fromServiceWorker()).toBe(true);
		await expect(page.getByRole('heading', { level: 1, name: route.heading })).toBeVisible();
	});
}

test('a first visit to a nested route installs the worker at /sw.js for the whole site', async ({
	page
}) => {
	const server = await startOwnServer();
	try {
		await openHydrated(page, `${server.url}/study/results`);
		await waitForServiceWorker(page);
		const scope = await page.evaluate(async () => {
			const reg = await navigator.serviceWorker.ready;
			return { scope: reg.scope, script: reg.active?.scriptURL };
		});
		expect(scope).toEqual({ scope: `${server.url}/`, script: `${server.url}/sw.js` });
	} finally {
		await server.stop();
	}
	const response = await page.goto(`${server.url}/study`);
	expect(response?.fromServiceWorker()).toBe(true);
	await expect(page.getByRole('heading', { level: 1, name: 'Study' })).toBeVisible();
});

test('the Offline badge shows when the connection drops while the app is open', async ({
	page,
	context
}) => {
	await openHydrated(page, '/');
	const badge = page.getByRole('status').filter({ hasText: /^Offline$/ });
	await expect(badge).toHaveCount(0);
	await context.setOffline(true);
	await expect(badge).toBeVisible();
	await context.setOffline(false);
	await expect(badge).toHaveCount(0);
});
