import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { ROUTES, openHydrated } from './helpers';

// One test per route and scheme, so each has its own time budget on a loaded machine.
for (const scheme of ['light', 'dark'] as const) {
	for (const route of ROUTES) {
		test(`no axe violations on ${route.path} in the ${scheme} theme`, async ({ page }) => {
			await page.emulateMedia({ colorScheme: scheme });
			await openHydrated(page, route.path);
			const results = await new AxeBuilder({ page })
				.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
				.analyze();
			expect(results.violations.map((v) => `${v.id} ${v.help}`)).toEqual([]);
		});
	}
}
