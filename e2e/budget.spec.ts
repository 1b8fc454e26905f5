import { expect, test } from '@playwright/test';
import { firstVisits } from '../scripts/first-visit.mjs';

// npm run budget counts, for each route, the JS files that scripts/first-visit.mjs says a first
// visit loads. Here a fresh browser makes that first visit: the files it fetches must be exactly
// those, so the budget's figure is what a student downloads.
for (const visit of firstVisits()) {
	test(`a first visit to ${visit.route} loads exactly the JS npm run budget counts`, async ({
		page
	}) => {
		const fetched = new Set<string>();
		page.on('request', (request) => {
			const path = new URL(request.url()).pathname;
			// The service worker's precache downloads are not the page's.
			if (path.endsWith('.js') && !request.serviceWorker()) fetched.add(path.slice(1));
		});
		const expected = visit.files.map((f) => f.file).sort();
		await page.goto(visit.route);
		await expect(page.getByRole('combobox', { name: 'Theme' })).toBeEnabled();
		await expect.poll(() => [...fetched].sort(), { timeout: 15_000 }).toEqual(expected);
		// Nothing more arrives once the page settles.
		await page.waitForLoadState('networkidle');
		expect([...fetched].sort()).toEqual(expected);
	});
}
