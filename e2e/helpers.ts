import { expect, type Page } from '@playwright/test';

/** The main navigation's routes and the heading each shows. */
export const NAV_ROUTES = [
	{ path: '/', heading: 'Learn it for good' },
	{ path: '/study', heading: 'Study' },
	{ path: '/review', heading: 'Review' },
	{ path: '/teach', heading: 'Teach' },
	{ path: '/progress', heading: 'Progress' }
] as const;

/** Every top-level route: the offline, axe and 360 px checks cover all of them. */
export const ROUTES = [
	...NAV_ROUTES,
	{ path: '/read', heading: 'Why the US insists on withdrawing from the INF Treaty?' },
	{ path: '/cards', heading: 'Cards' },
	{ path: '/library', heading: 'Library' },
	{ path: '/settings', heading: 'Settings' },
	{ path: '/a', heading: 'Assignment' }
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
