import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { ROUTES, openHydrated } from './helpers';

for (const scheme of ['light', 'dark'] as const) {
	test(`no axe violations on any route in the ${scheme} theme`, async ({ page }) => {
		await page.emulateMedia({ colorScheme: scheme });
		for (const route of ROUTES) {
			await openHydrated(page, route.path);
			const results = await new AxeBuilder({ page })
				.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
				.analyze();
			expect(results.violations.map((v) => `${route.path}: ${v.id} ${v.help}`)).toEqual([]);
		}
	});
}
