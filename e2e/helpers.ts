import { expect, type Page } from '@playwright/test';

/** Every top-level route and the heading it shows. */
export const ROUTES = [
	{ path: '/', heading: 'Learn it for good' },
	{ path: '/study', heading: 'Study' },
	{ path: '/review', heading: 'Review' },
	{ path: '/teach', heading: 'Teach' },
	{ path: '/progress', heading: 'Progress' }
] as const;

/** Opens a page and waits until Svelte has hydrated it (controls are enabled). */
export async function openHydrated(page: Page, path: string) {
	await page.goto(path);
	await expect(page.getByRole('combobox', { name: 'Theme' })).toBeEnabled();
}

/** Waits until the service worker is active and controls the page. */
export async function waitForServiceWorker(page: Page) {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller) {
			await new Promise<void>((resolve) =>
				navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), {
					once: true
				})
			);
		}
	});
}
