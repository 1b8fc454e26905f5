import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import ICAL from 'ical.js';
import { createAppDatabase, openHydrated, waitForServiceWorker } from './helpers';
import { startOwnServer } from './server';

/** Stores studied cards due at the given offsets from now (ms), as a rating would. */
async function storeDueCards(page: Page, offsets: number[]) {
	await page.evaluate(
		(offsets) =>
			new Promise<void>((resolve, reject) => {
				const req = indexedDB.open('quire');
				req.onsuccess = () => {
					const db = req.result;
					const tx = db.transaction('cards', 'readwrite');
					const now = Date.now();
					for (const [i, offset] of offsets.entries())
						tx.objectStore('cards').put({
							id: `phone-card-${i}`,
							kind: 'flashcard',
							due: now + offset,
							stability: 3,
							difficulty: 5,
							elapsed_days: 1,
							scheduled_days: 1,
							learning_steps: 0,
							reps: 2,
							lapses: 0,
							state: 2,
							last_review: now - 86_400_000
						});
					tx.oncomplete = () => {
						db.close();
						resolve();
					};
					tx.onerror = () => reject(tx.error ?? new Error('write failed'));
				};
				req.onerror = () => reject(req.error ?? new Error('open failed'));
			}),
		offsets
	);
}

test.describe('reminders', () => {
	test('the prerendered Home holds the "due today" line, which then says what is due, and the badge counts it', async ({
		page,
		request
	}) => {
		// The line is in the HTML before any script runs, so reading the device moves nothing.
		const html = await (await request.get('/')).text();
		expect(html).toMatch(
			/<p class="due[^"]*"><span class="due-text[^"]*" role="status">Checking what is due today…<\/span>/
		);

		await page.addInitScript(() => {
			const calls: unknown[] = [];
			(window as unknown as { badgeCalls: unknown[] }).badgeCalls = calls;
			Object.defineProperty(Navigator.prototype, 'setAppBadge', {
				configurable: true,
				value: (n?: number) => Promise.resolve(void calls.push(n))
			});
			Object.defineProperty(Navigator.prototype, 'clearAppBadge', {
				configurable: true,
				value: () => Promise.resolve(void calls.push('cleared'))
			});
		});
		await openHydrated(page, '/');
		const line = page.locator('.due-text');
		await expect(line).toHaveText('Nothing due yet: Review brings in new cards each day.');
		await createAppDatabase(page);
		await storeDueCards(page, [-60_000, -1_000, 60 * 60_000 * 48]);
		await page.reload();
		await expect(line).toHaveText('2 cards due now.');
		await expect(page.getByRole('link', { name: 'Review', exact: true }).first()).toBeVisible();
		await expect
			.poll(() => page.evaluate(() => (window as unknown as { badgeCalls: unknown[] }).badgeCalls))
			.toEqual([2]);
		// What the service worker reads to set the badge when it runs without the page.
		const left = await page.evaluate(async () => {
			const res = await (await caches.open('quire-badge')).match('/__quire/due.json');
			return res ? ((await res.json()) as { due: number[] }).due.length : null;
		});
		expect(left).toBe(3);
	});

	test('Settings downloads a daily calendar reminder that a calendar library reads', async ({
		page
	}) => {
		await openHydrated(page, '/settings');
		await expect(
			page.getByText('A web app cannot schedule its own notifications on a phone')
		).toBeVisible();
		await page.getByLabel('Reminder time').fill('07:45');
		const download = page.waitForEvent('download');
		await page.getByRole('button', { name: 'Add a daily study reminder to my calendar' }).click();
		const file = await download;
		expect(file.suggestedFilename()).toBe('quire-study-reminder.ics');
		const text = readFileSync(await file.path(), 'utf8');
		expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
		expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
		const vevent = new ICAL.Component(ICAL.parse(text) as unknown[]).getFirstSubcomponent('vevent');
		if (!vevent) throw new Error('no VEVENT');
		const event = new ICAL.Event(vevent);
		expect(event.summary).toBe('Study with Quire');
		expect(event.startDate.hour).toBe(7);
		expect(event.startDate.minute).toBe(45);
		const it = event.iterator();
		const first = it.next();
		const second = it.next();
		expect(first && second && second.subtractDate(first).toSeconds()).toBe(86_400);
		expect(vevent.getFirstSubcomponent('valarm')?.getFirstPropertyValue('action')).toBe('DISPLAY');
		await expect(
			page.getByRole('status').filter({ hasText: 'Saved quire-study-reminder.ics' })
		).toBeVisible();
	});
});

/** Shares to Quire as the phone's share sheet does: a multipart POST navigation to the share URL. */
async function share(
	page: Page,
	origin: string,
	fields: Record<string, string>,
	file?: { name: string; type: string; text: string }
) {
	await page.evaluate(
		({ origin, fields, file }) => {
			const form = document.createElement('form');
			form.method = 'POST';
			form.enctype = 'multipart/form-data';
			form.action = `${origin}/share-target`;
			form.hidden = true;
			for (const [name, value] of Object.entries(fields)) {
				const input = document.createElement('input');
				input.name = name;
				input.value = value;
				form.append(input);
			}
			if (file) {
				const input = document.createElement('input');
				input.type = 'file';
				input.name = 'file';
				const list = new DataTransfer();
				list.items.add(new File([file.text], file.name, { type: file.type }));
				input.files = list.files;
				form.append(input);
			}
			document.body.append(form);
			form.submit();
		},
		{ origin, fields, file }
	);
}

const GIFT = '::Capital:: The capital of France is {=Paris ~Lyon ~Nice}\n\n::Sum:: 2 + 2 is {#4}\n';

async function sharesLand(page: Page, origin: string) {
	await share(page, origin, {
		title: 'Rivers of Europe',
		text: 'The Danube flows through ten countries. It rises in the Black Forest in 1,000 m of hills.',
		url: 'https://news.example/rivers'
	});
	await expect(page).toHaveURL(`${origin}/library/draft#shared`);
	await expect(
		page.getByRole('heading', { level: 1, name: 'New set from an article' })
	).toBeVisible();
	await expect(page.getByLabel('Paste the text')).toHaveValue(
		'Rivers of Europe\n\nThe Danube flows through ten countries. It rises in the Black Forest in 1,000 m of hills.\n\nhttps://news.example/rivers'
	);

	await share(page, origin, {}, { name: 'capitals.gift', type: 'text/plain', text: GIFT });
	await expect(page).toHaveURL(`${origin}/library#shared`);
	await expect(
		page.getByRole('heading', { name: 'capitals.gift: 2 entries to import' })
	).toBeVisible();

	await share(page, origin, {}, { name: 'slides.zip', type: 'application/zip', text: 'PK' });
	await expect(page).toHaveURL(`${origin}/library#shared`);
	await expect(
		page.getByRole('alert').filter({ hasText: '“slides.zip” is a .zip archive' })
	).toBeVisible();
}

test('sharing a text and a file to the installed app opens the draft and the import preview, online and offline', async ({
	page
}) => {
	const server = await startOwnServer();
	try {
		await openHydrated(page, `${server.url}/`);
		await waitForServiceWorker(page);
		await sharesLand(page, server.url);
	} finally {
		await server.stop();
	}
	// The server is gone: the service worker answers the POST and serves the pages.
	await openHydrated(page, `${server.url}/`);
	await sharesLand(page, server.url);
});

test('file handling and the install entry stay silent where the browser has neither', async ({
	page
}) => {
	await openHydrated(page, '/library');
	expect(await page.evaluate(() => 'launchQueue' in window)).toBe(true);
	await openHydrated(page, '/settings');
	// Desktop Chromium under test fires no install offer and is no iPhone: no entry, no hint.
	await expect(page.getByRole('heading', { name: 'Install Quire' })).toHaveCount(0);
});
