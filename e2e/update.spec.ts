import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test as base, expect, type Page } from '@playwright/test';
import sirv from 'sirv';
import { waitForServiceWorker } from './helpers';
import { bank } from './quiz';

const newVersion = (page: Page) => page.getByRole('status').filter({ hasText: 'A new version' });
const offlineReady = (page: Page) =>
	page.getByRole('status').filter({ hasText: 'Quire is ready to work offline.' });

/**
 * A server of the production build on a fresh origin (so a fresh worker) that owns /sw.js:
 * `delayMs` slows the worker's download, and `deploy()` makes it answer with different bytes
 * from then on, as a new build would. A browser's own update check bypasses request
 * interception, so the new version has to come from the server.
 */
async function deployableServer(delayMs = 0) {
	let version = 1;
	const worker = readFileSync('build/sw.js', 'utf8');
	const assets = sirv('build', { single: '200.html', etag: true, gzip: true, brotli: false });
	const server = createServer((req, res) => {
		if (new URL(req.url ?? '/', 'http://x').pathname !== '/sw.js') return assets(req, res);
		const body = version === 1 ? worker : `${worker}\n// version ${version}\n`;
		setTimeout(() => {
			res.writeHead(200, {
				'Content-Type': 'text/javascript; charset=utf-8',
				'Cache-Control': 'no-cache'
			});
			res.end(body);
		}, delayMs);
	});
	await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://localhost:${port}`,
		deploy() {
			version++;
		},
		stop: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}

type Deployable = Awaited<ReturnType<typeof deployableServer>>;

/** Each test gets its own server; `workerDelayMs` slows its /sw.js. */
const test = base.extend<{ workerDelayMs: number; server: Deployable }>({
	workerDelayMs: [0, { option: true }],
	server: async ({ workerDelayMs }, use) => {
		const server = await deployableServer(workerDelayMs);
		await use(server);
		await server.stop();
	}
});

/** What the registration holds, by state: a new version waits, or not. */
function workers(page: Page) {
	return page.evaluate(async () => {
		const reg = await navigator.serviceWorker.getRegistration();
		return {
			installing: !!reg?.installing,
			waiting: !!reg?.waiting,
			active: reg?.active?.state ?? null,
			controlled: !!navigator.serviceWorker.controller
		};
	});
}

test.describe('with the worker download slowed by 2 s', () => {
	test.use({ workerDelayMs: 2000 });

	test('a first visit never claims a new version, even when the student taps on during the install', async ({
		page,
		server
	}) => {
		await page.goto(`${server.url}/`);
		await expect(page.getByRole('combobox', { name: 'Theme' })).toBeEnabled();
		// The student goes on while the worker is still downloading and installing.
		await page.getByRole('link', { name: 'Study' }).first().click();
		await expect(page.getByRole('heading', { level: 1, name: 'Study' })).toBeVisible();
		await page.getByRole('button', { name: 'Quick quiz (10)' }).click();
		await expect(page).toHaveURL(/\/study\/session\?id=/);
		await waitForServiceWorker(page);
		await expect(offlineReady(page)).toBeVisible();
		await expect(newVersion(page)).toHaveCount(0);
		expect(await workers(page)).toEqual({
			installing: false,
			waiting: false,
			active: 'activated',
			controlled: true
		});
	});
});

test('a new version deployed mid-quiz: the quiz goes on, Reload switches to it and resumes with nothing lost', async ({
	page,
	server
}) => {
	const items = (await bank()).items;
	const short = items.filter((i) => i.type === 'short').slice(0, 2);
	const [first, second] = short as [
		Extract<(typeof items)[number], { type: 'short' }>,
		Extract<(typeof items)[number], { type: 'short' }>
	];
	// The quiz page is the student's first visit: the worker installs under it.
	await page.goto(`${server.url}/study?mode=practice&retry=${first.id},${second.id}`);
	await expect(page).toHaveURL(/\/study\/session\?id=/);
	await waitForServiceWorker(page);
	const question = page.getByRole('region', { name: /^Question \d+$/ });
	const textbox = question.getByRole('textbox');
	const shownFirst = (await question.innerText()).includes(first.prompt) ? first : second;
	await textbox.fill(shownFirst.answer);
	await page.keyboard.press('Enter');
	await expect(page.getByRole('region', { name: 'Feedback' })).toContainText('Correct');
	await page.keyboard.press('Enter');
	await expect(page.getByText('Question 2 of 2')).toBeVisible();
	await textbox.fill('half typ');

	server.deploy();
	await page.evaluate(async () => {
		await (await navigator.serviceWorker.getRegistration())?.update();
	});
	await expect(newVersion(page)).toBeVisible();
	await expect(newVersion(page).getByRole('button', { name: 'Reload' })).toBeVisible();
	expect(await workers(page)).toMatchObject({ waiting: true, controlled: true });

	// The prompt asks; it does not interrupt: typing goes on in the same field.
	await textbox.press('End');
	await textbox.pressSequentially('ed');
	await expect(textbox).toHaveValue('half typed');
	await expect(textbox).toBeFocused();

	// A marker on the old document: it must be gone after the reload.
	await page.evaluate(() => ((window as unknown as { oldPage: boolean }).oldPage = true));
	const reloaded = page.waitForEvent('load');
	await newVersion(page).getByRole('button', { name: 'Reload' }).click();
	await reloaded;
	expect(await page.evaluate(() => 'oldPage' in window)).toBe(false);
	await expect(page.getByText('Question 2 of 2')).toBeVisible();
	await expect(textbox).toHaveValue('half typed');
	await expect(newVersion(page)).toHaveCount(0);
	expect(await workers(page)).toEqual({
		installing: false,
		waiting: false,
		active: 'activated',
		controlled: true
	});
	// The answer checked before the update counts: finish and read the score.
	await textbox.press('Enter');
	await expect(page.getByRole('region', { name: 'Feedback' })).toContainText('Not quite');
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/study\/results\?id=/);
	await expect(page.getByRole('region', { name: 'Score' })).toContainText('1 of 2 fully right');
});
