import { readFile } from 'node:fs/promises';
import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import type { QuizItem } from '../src/lib/bank/schema';
import { startHarness, type Harness } from './lms/server';
import { openHydrated } from './helpers';
import { bank } from './quiz';

/**
 * An assignment downloaded as a SCORM 1.2 package from /teach, uploaded to a stand-in LMS
 * (e2e/lms: scorm-again's runtime as window.API, the package unzipped and hosted as an LMS
 * does) and taken in its frame: what the runtime records is what Quire scored.
 */

let harness: Harness;
test.beforeAll(async () => {
	harness = await startHarness();
});
test.afterAll(async () => {
	await harness.stop();
});

interface Lms {
	files: string[];
	manifest: {
		schemaversion: string;
		organizations: number;
		items: number;
		scos: number;
		identifierref: string;
		resourceId: string;
		launch: string;
		listed: string[];
		masteryscore: string | null;
	} | null;
	problems: string[];
	launches: number;
	commits: number;
	finishes: number;
	cmi: {
		suspend_data: string;
		core: {
			lesson_status: string;
			exit: string;
			session_time: string;
			score: { raw: string; min: string; max: string };
		};
		interactions: Record<
			string,
			{ id: string; type: string; student_response: string; result: string }
		>;
	} | null;
	sets: [string, string][];
	ready: boolean;
}

const lmsState = (page: Page) => page.evaluate(() => (window as unknown as { lms: Lms }).lms);

/** The item on the player's screen, found by its prompt. */
async function shown(sco: FrameLocator, items: QuizItem[]): Promise<QuizItem> {
	const text = (await sco.getByRole('region', { name: /^Question \d+$/ }).innerText()).replace(
		/\s+/g,
		' '
	);
	const item = items.find((i) => text.includes(i.prompt.replace(/\s+/g, ' ')));
	if (!item) throw new Error(`No item matches the question shown: ${text.slice(0, 100)}`);
	return item;
}

/** Answers the item shown: by number keys for options, typing for text. */
async function answer(page: Page, sco: FrameLocator, item: QuizItem, right: boolean) {
	const card = sco.getByRole('region', { name: /^Question \d+$/ });
	await card.focus();
	if (item.type === 'single' || item.type === 'multi') {
		const labels = (await card.locator('label.choice').allInnerTexts()).map((t) =>
			t.replace(/^\s*\d+\s*/, '').trim()
		);
		const wanted =
			item.type === 'single'
				? [right ? item.answer : item.choices.find((c) => c !== item.answer)!]
				: right
					? item.answers
					: [item.choices.find((c) => !item.answers.includes(c))!];
		for (const w of wanted) await page.keyboard.press(String(labels.indexOf(w) + 1));
	} else if (item.type === 'truefalse') {
		await page.keyboard.press(item.answer === right ? '1' : '2');
	} else if (item.type === 'short') {
		await card.getByRole('textbox').fill(right ? item.answer : 'qqqqqq');
	} else throw new Error(`The script does not answer ${item.type} items.`);
}

test('an assignment as a SCORM 1.2 package runs under scorm-again: score, resume, interactions, one attempt', async ({
	page,
	browser
}) => {
	test.slow();
	const b = await bank();
	const items = (['single', 'multi', 'truefalse', 'short'] as const).map((t) =>
		b.items.find((i) => i.type === t)!
	);
	// Scripted: every answer right but the true/false one, so Quire scores 3 of 4: 75%.
	const right = (item: QuizItem) => item.type !== 'truefalse';

	// The teacher makes a test of four questions (one attempt, pass mark 50) and downloads it.
	await openHydrated(page, '/teach');
	await page.getByRole('textbox', { name: 'Title' }).fill('SCORM check');
	for (const item of items) {
		await page.getByRole('searchbox', { name: 'Search questions' }).fill(item.id);
		await page
			.getByRole('list', { name: 'Questions to choose from' })
			.getByRole('checkbox')
			.first()
			.check();
	}
	await expect(page.getByText('4 ticked')).toBeVisible();
	await page.getByRole('radio', { name: /^Test/ }).check();
	await page.getByRole('spinbutton', { name: /Attempts allowed/ }).fill('1');
	await page.getByRole('spinbutton', { name: /Pass mark/ }).fill('50');
	await page.getByRole('button', { name: 'Create the link' }).click();
	const created = page.getByRole('region', { name: /Link ready/ });
	const downloading = page.waitForEvent('download');
	await created.getByRole('button', { name: 'Download for your LMS (SCORM 1.2)' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toBe('scorm-check-scorm12.zip');
	await expect(created.getByRole('status').filter({ hasText: 'Saved' })).toContainText(
		'scorm-check-scorm12.zip'
	);
	const zipPath = await download.path();
	const zipBytes = await readFile(zipPath);
	const zip = unzipSync(new Uint8Array(zipBytes));
	const js = Buffer.from(zip['player.js']!).toString('utf8');
	const html = Buffer.from(zip['index.html']!).toString('utf8');
	// Nothing in the package evaluates code, runs inline script or registers a service worker.
	expect(js).not.toMatch(/\beval\(|new Function\(|serviceWorker/);
	expect(html).not.toMatch(/<script>|<script(?![^>]*\ssrc=)[^>]*>/);
	expect(html).toContain("script-src 'self'");

	// The LMS takes the upload: the manifest parses and lists every file of the zip.
	const lms = await browser.newPage();
	const problems: string[] = [];
	lms.on('console', (m) => {
		if (m.type() === 'error' || /Content.Security.Policy/i.test(m.text())) problems.push(m.text());
	});
	lms.on('pageerror', (e) => problems.push(e.message));
	const outside: string[] = [];
	lms.on('request', (r) => {
		if (!r.url().startsWith(harness.url)) outside.push(r.url());
	});
	await lms.goto(harness.url);
	await lms.getByLabel('SCORM package (.zip)').setInputFiles(zipPath);
	await expect(lms.getByRole('status')).toContainText('Uploaded');
	const uploaded = await lmsState(lms);
	expect(uploaded.problems).toEqual([]);
	expect(uploaded.manifest).toMatchObject({
		schemaversion: '1.2',
		organizations: 1,
		items: 1,
		scos: 1,
		launch: 'index.html',
		masteryscore: '50'
	});
	expect(uploaded.manifest!.identifierref).toBe(uploaded.manifest!.resourceId);
	expect([...uploaded.manifest!.listed].sort()).toEqual(
		uploaded.files.filter((f) => f !== 'imsmanifest.xml').sort()
	);
	expect(uploaded.files.sort()).toEqual(
		['imsmanifest.xml', 'index.html', 'player.css', 'player.js', 'set.js'].sort()
	);

	// First launch: the learner's name from the LMS, status incomplete once started.
	await lms.getByRole('button', { name: 'Launch' }).click();
	const sco = lms.frameLocator('iframe[title="SCORM content"]');
	await expect(sco.getByText('Signed in as Doe, Jane')).toBeVisible();
	await expect(sco.getByText('No LMS found')).toHaveCount(0);
	await sco.getByRole('button', { name: 'Start' }).click();
	await expect(sco.getByText('Question 1 of 4')).toBeVisible();
	expect((await lmsState(lms)).cmi?.core.lesson_status).toBe('incomplete');

	// Two answers, then on to question 3, then the learner leaves.
	for (let n = 1; n <= 2; n++) {
		const item = await shown(sco, items);
		await answer(lms, sco, item, right(item));
		await sco.getByRole('button', { name: 'Next' }).click();
		await expect(sco.getByText(`Question ${n + 1} of 4`)).toBeVisible();
	}
	const third = await shown(sco, items);
	await expect.poll(async () => (await lmsState(lms)).commits).toBeGreaterThanOrEqual(3);
	await lms.getByRole('button', { name: 'Close' }).click();
	await expect.poll(async () => (await lmsState(lms)).finishes).toBe(1);
	const suspended = await lmsState(lms);
	expect(suspended.cmi?.core.exit).toBe('suspend');
	expect(suspended.cmi?.core.lesson_status).toBe('incomplete');
	expect(suspended.cmi!.suspend_data.length).toBeGreaterThan(0);
	expect(suspended.cmi!.suspend_data.length).toBeLessThanOrEqual(4096);
	expect(suspended.cmi?.core.session_time).toMatch(/^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/);

	// Relaunch: the attempt resumes at the same question with both answers kept.
	await lms.getByRole('button', { name: 'Launch' }).click();
	await expect(sco.getByText('Question 3 of 4')).toBeVisible();
	expect((await shown(sco, items)).id).toBe(third.id);
	const palette = sco.getByRole('navigation', { name: 'Questions' });
	await expect(palette.getByRole('button', { name: /^1\s*, answered$/ })).toBeVisible();
	await expect(palette.getByRole('button', { name: /^2\s*, answered$/ })).toBeVisible();
	await expect(palette.getByRole('button', { name: /^3\s*, not answered$/ })).toBeVisible();
	for (let n = 3; n <= 4; n++) {
		const item = await shown(sco, items);
		await answer(lms, sco, item, right(item));
		if (n < 4) await sco.getByRole('button', { name: 'Next' }).click();
	}
	await sco.getByRole('button', { name: 'Submit test' }).click();
	await sco.getByRole('dialog').getByRole('button', { name: 'Submit' }).click();
	await expect(sco.getByRole('status').filter({ hasText: 'Your score' })).toContainText(
		'Your score: 75% (3 of 4 right) — passed'
	);
	await expect(sco.getByText('Recorded in your LMS')).toBeVisible();
	await expect.poll(async () => (await lmsState(lms)).finishes).toBe(2);

	const done = await lmsState(lms);
	expect(done.cmi?.core.lesson_status).toBe('passed');
	expect(done.cmi?.core.score).toEqual({ raw: '75', min: '0', max: '100' });
	expect(done.cmi?.core.exit).toBe('');
	const interactions = Object.values(done.cmi!.interactions);
	const byId = new Map(b.items.map((i) => [i.id, i]));
	expect(interactions).toHaveLength(4);
	for (const rec of interactions) {
		const item = byId.get(rec.id)!;
		expect(item).toBeDefined();
		expect(rec.type).toBe(
			{ single: 'choice', multi: 'choice', truefalse: 'true-false', short: 'fill-in' }[
				item.type as 'single'
			]
		);
		expect(rec.result).toBe(right(item) ? 'correct' : 'wrong');
		expect(rec.student_response).not.toBe('');
	}
	const tf = interactions.find((r) => byId.get(r.id)!.type === 'truefalse')!;
	expect(tf.student_response).toBe((byId.get(tf.id) as { answer: boolean }).answer ? 'f' : 't');

	// A second attempt is refused: the assignment allows one.
	await lms.getByRole('button', { name: 'Close' }).click();
	await lms.getByRole('button', { name: 'Launch' }).click();
	await expect(sco.getByText('You have used your one attempt')).toBeVisible();
	await expect(sco.getByText('Your last result: 75%')).toBeVisible();
	await expect(sco.getByRole('button', { name: /Start/ })).toHaveCount(0);
	const after = await lmsState(lms);
	expect(after.cmi?.core.lesson_status).toBe('passed');
	expect(Object.keys(after.cmi!.interactions)).toHaveLength(4);

	// Self-contained: no service worker in the frame, nothing fetched but the package's files.
	const frame = lms.frames().find((f) => f.url().includes('/sco/'))!;
	expect(await frame.evaluate(() => navigator.serviceWorker.getRegistrations())).toHaveLength(0);
	expect(outside).toEqual([]);
	expect(new Set(harness.requests)).toEqual(
		new Set(['index.html', 'player.css', 'player.js', 'set.js'])
	);
	expect(problems).toEqual([]);
	await lms.close();
});

test("a set's page downloads its questions as a QTI 1.2 bank and as a SCORM package", async ({
	page
}) => {
	const b = await bank();
	await openHydrated(page, '/library/set?id=builtin');
	const qtiDownload = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export question bank (QTI 1.2)' }).click();
	const qti = await qtiDownload;
	const zip = unzipSync(new Uint8Array(await readFile(await qti.path())));
	expect(Object.keys(zip).sort()).toEqual(['builtin/builtin.xml', 'imsmanifest.xml']);
	const xml = Buffer.from(zip['builtin/builtin.xml']!).toString('utf8');
	const written = b.items.filter((i) =>
		['single', 'multi', 'truefalse', 'short', 'numeric'].includes(i.type)
	);
	expect(xml.match(/<item /g)).toHaveLength(written.length);
	const skipped = page
		.getByRole('list', { name: 'Questions not in the file' })
		.getByRole('listitem');
	await expect(skipped).toHaveCount(b.items.length - written.length);
	await expect(skipped.first()).toContainText('QTI 1.2 export writes single, multi');

	await page.getByRole('spinbutton', { name: /Pass mark/ }).fill('80');
	const scormDownload = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download for your LMS (SCORM 1.2)' }).click();
	const scorm = await scormDownload;
	expect(scorm.suggestedFilename()).toMatch(/-scorm12\.zip$/);
	const pkg = unzipSync(new Uint8Array(await readFile(await scorm.path())));
	expect(Buffer.from(pkg['imsmanifest.xml']!).toString('utf8')).toContain(
		'<adlcp:masteryscore>80</adlcp:masteryscore>'
	);
	await expect(page.getByRole('status').filter({ hasText: 'scorm12.zip' })).toContainText(
		'5 files'
	);
});
