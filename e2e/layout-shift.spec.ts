import { expect, test } from '@playwright/test';
import { prerenderedRoutes } from '../scripts/routes.mjs';
import { openHydrated } from './helpers';

/**
 * Nothing on a first visit moves once drawn (Lighthouse's CLS 0 on every route): not when the page
 * hydrates, nor when what it reads from the device replaces a placeholder. Each layout shift the
 * browser reports is listed with the node that moved and where, from the first paint on (an init
 * script observes before any page script runs). Measured at Lighthouse's phone size.
 */
test.use({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true });

for (const path of prerenderedRoutes('build')) {
	test(`${path} does not shift its layout on a first visit`, async ({ page }) => {
		await page.addInitScript(() => {
			const shifts: string[] = [];
			(window as unknown as { layoutShifts: string[] }).layoutShifts = shifts;
			new PerformanceObserver((list) => {
				for (const entry of list.getEntries() as (PerformanceEntry & {
					value: number;
					hadRecentInput: boolean;
					sources: {
						node: Node | null;
						previousRect: DOMRectReadOnly;
						currentRect: DOMRectReadOnly;
					}[];
				})[]) {
					if (entry.hadRecentInput) continue;
					for (const s of entry.sources) {
						const node = s.node;
						const name = node
							? `${node.nodeName} "${(node.textContent ?? '').trim().slice(0, 40)}"`
							: 'a removed node';
						const at = (r: DOMRectReadOnly) =>
							`${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}×${Math.round(r.height)}`;
						shifts.push(`${name} moved from ${at(s.previousRect)} to ${at(s.currentRect)}`);
					}
					if (entry.sources.length === 0) shifts.push(`a shift of ${entry.value}`);
				}
			}).observe({ type: 'layout-shift', buffered: true });
		});
		// The page's code arrives after its HTML has been drawn, as on a phone's connection: what
		// hydration and the device's data then change must not move what is already shown.
		await page.route('**/_app/immutable/**', async (route) => {
			await new Promise((resolve) => setTimeout(resolve, 400));
			await route.continue();
		});
		await openHydrated(page, path);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		// What the page reads after mount (counts, the "not on this device" messages) is drawn by now.
		await page.waitForLoadState('networkidle');
		await page.evaluate(
			() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))
		);
		const shifts = await page.evaluate(
			() => (window as unknown as { layoutShifts: string[] }).layoutShifts
		);
		expect(shifts).toEqual([]);
	});
}
