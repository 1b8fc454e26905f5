import { expect, test } from '@playwright/test';
import { NAV_ROUTES, ROUTES, openHydrated, smallTapTargets, storedSetting } from './helpers';

test('the shell renders and every nav link leads to its page', async ({ page }) => {
	await openHydrated(page, '/');
	await expect(page.getByRole('link', { name: 'Quire' })).toBeVisible();
	const nav = page.getByRole('navigation', { name: 'Main' });
	for (const route of NAV_ROUTES) {
		const name = route.path === '/' ? 'Home' : route.heading;
		await nav.getByRole('link', { name }).click();
		await expect(page).toHaveURL(route.path);
		await expect(page.getByRole('heading', { level: 1, name: route.heading })).toBeVisible();
		await expect(nav.getByRole('link', { name })).toHaveAttribute('aria-current', 'page');
	}
});

test('the skip link moves focus to the main content', async ({ page }) => {
	await openHydrated(page, '/');
	await page.keyboard.press('Tab');
	const skip = page.getByRole('link', { name: 'Skip to content' });
	await expect(skip).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/#main$/);
});

test('the theme choice is saved in IndexedDB and survives a reload', async ({ page }) => {
	await openHydrated(page, '/');
	await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
	// The write lands after the click returns: poll the database rather than read it once. The
	// reader neither creates the database nor keeps it open: a connection left open by the test
	// blocked the app's own first open (its upgrade waits for every other connection to close).
	await expect.poll(() => storedSetting(page, 'theme')).toBe('dark');
	await page.reload();
	await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('dark');
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

for (const route of ROUTES) {
	test(`at 360×740 ${route.path} fits with no horizontal scroll, a bottom tab bar and tap targets of 44 px`, async ({
		page
	}) => {
		await page.setViewportSize({ width: 360, height: 740 });
		await openHydrated(page, route.path);
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);
		expect(overflow, `horizontal overflow on ${route.path}`).toBe(0);
		const nav = page.getByRole('navigation', { name: 'Main' });
		const box = await nav.boundingBox();
		expect(box && box.y + box.height).toBeCloseTo(740, 0);
		// Every tap target at least 44 × 44 CSS px (issue 28 §4), once the page has read the device.
		await page.waitForLoadState('networkidle');
		expect(await smallTapTargets(page), `small tap targets on ${route.path}`).toEqual([]);
	});
}

test('the manifest makes the app installable', async ({ page, request }) => {
	await openHydrated(page, '/');
	const href = await page.locator('link[rel="manifest"]').getAttribute('href');
	expect(href).toBeTruthy();
	const manifest = (await (await request.get(new URL(href!, page.url()).href)).json()) as {
		icons: { sizes: string; purpose?: string }[];
	};
	expect(manifest).toMatchObject({ short_name: 'Quire', display: 'standalone', start_url: '/' });
	const sizes = manifest.icons.map((i) => i.sizes);
	expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
	expect(manifest.icons.some((i) => i.purpose === 'maskable')).toBe(true);
});
