import { expect, test, type Page } from '@playwright/test';
import { prerenderedRoutes } from '../scripts/routes.mjs';
import { openHydrated, waitForServiceWorker } from './helpers';
import { bank } from './quiz';

/**
 * Collects every Content-Security-Policy violation a page reports from its first byte on: the
 * `securitypolicyviolation` events (listened for by an init script, before any page script) and
 * the console errors the browser prints for them.
 */
async function watchCsp(page: Page): Promise<string[]> {
	const problems: string[] = [];
	await page.exposeFunction('reportCspViolation', (text: string) => problems.push(text));
	await page.addInitScript(() => {
		document.addEventListener(
			'securitypolicyviolation',
			(e) => {
				const report = (window as unknown as { reportCspViolation: (text: string) => void })
					.reportCspViolation;
				report(
					`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber}) ${e.sample}`
				);
			},
			true
		);
	});
	page.on('console', (message) => {
		if (message.type() === 'error' && /content.security.policy/i.test(message.text()))
			problems.push(message.text());
	});
	return problems;
}

test('the policy is strict and enforced: an injected script, a string timer and a style attribute are refused', async ({
	page
}) => {
	const problems = await watchCsp(page);
	await openHydrated(page, '/');
	const policy = await page
		.locator('meta[http-equiv="content-security-policy"]')
		.getAttribute('content');
	expect(policy).toContain("object-src 'none'");
	expect(policy).toContain("base-uri 'self'");
	expect(policy).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+;/);
	expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
	// 'unsafe-hashes' admits only the style attribute values hashed beside it (kit's announcer).
	expect(policy).toMatch(/style-src-attr 'unsafe-hashes'( 'sha256-[A-Za-z0-9+/=]+')+;/);
	expect(policy?.match(/unsafe-hashes/g)).toHaveLength(1);

	await page.evaluate(() => {
		const script = document.createElement('script');
		script.textContent = 'window.injectedRan = true';
		document.body.append(script);
		// A string timer is eval: the page compiles it when it fires.
		// eslint-disable-next-line @typescript-eslint/no-implied-eval -- the eval CSP must block
		setTimeout('window.evalRan = true', 0);
		const box = document.createElement('p');
		box.setAttribute('style', 'color: red');
		document.body.append(box);
	});
	// The watcher sees all three refusals, so the route tests below can fail.
	await expect
		.poll(() => problems.filter((p) => /^script-src|^style-src-attr/.test(p)).length)
		.toBe(3);
	const ran = await page.evaluate(() => ({
		inline: 'injectedRan' in window,
		evaluated: 'evalRan' in window,
		styled: getComputedStyle(document.body.lastElementChild!).color
	}));
	expect(ran).toEqual({
		inline: false,
		evaluated: false,
		styled: expect.not.stringMatching(/255, 0, 0/)
	});
});

for (const path of prerenderedRoutes('build')) {
	test(`${path} loads and hydrates with no Content-Security-Policy violation`, async ({ page }) => {
		const problems = await watchCsp(page);
		await openHydrated(page, path);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		// Chunks imported after mount (the database, the worker's registration) load by now.
		await page.waitForLoadState('networkidle');
		expect(problems).toEqual([]);
	});
}

test('the theme bootstrap runs under the policy, before any module', async ({ page }) => {
	const problems = await watchCsp(page);
	await page.addInitScript(() => localStorage.setItem('quire-theme', 'dark'));
	// With the app's modules refused, only app.html's inline script can set the theme.
	await page.route('**/_app/immutable/**', (route) => route.abort());
	await page.goto('/study');
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
	expect(problems).toEqual([]);
});

test('the worker, the manifest, a theme change, a quiz and a flashcard under the policy', async ({
	page
}) => {
	const problems = await watchCsp(page);
	await openHydrated(page, '/');
	await waitForServiceWorker(page);
	const cdp = await page.context().newCDPSession(page);
	const manifest = await cdp.send('Page.getAppManifest', {});
	expect(manifest.errors).toEqual([]);
	expect(manifest.data).toContain('Quire');

	await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

	await page.getByRole('link', { name: 'Study', exact: true }).first().click();
	await page.getByRole('button', { name: 'Quick quiz (10)' }).click();
	await expect(page.getByRole('region', { name: /^Question 1$/ })).toBeVisible();

	const first = (await bank()).flashcards[0]!;
	await page.goto('/review');
	await page.getByRole('button', { name: 'Show answer' }).click();
	await expect(page.getByRole('region', { name: 'Flashcard' })).toContainText(first.back);
	await page.waitForLoadState('networkidle');
	expect(problems).toEqual([]);
});
