import { expect, test, type Page } from '@playwright/test';
import { encryptResult, generateTeacherKeys, sealUnchecked } from '../src/lib/teach/crypto';
import { encodeAssignment, type AssignmentInput } from '../src/lib/teach/link';
import { createRawDb, dumpDb, openBlankOrigin, storesAt } from './fixtures/idb';
import { openHydrated } from './helpers';
import { bank } from './quiz';
import { SCHEMA_VERSION } from '../src/lib/db/schema';

/** Collects uncaught errors and unhandled rejections: any one fails the test. */
function watchErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`));
	return errors;
}

/** A seeded PRNG (mulberry32), so a failing mutation can be replayed. */
function mulberry32(seed: number): () => number {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

async function assignmentFor(extra: Partial<AssignmentInput> = {}) {
	const b = await bank();
	const keys = await generateTeacherKeys();
	const a: AssignmentInput = {
		v: 1,
		id: 'hostile-1',
		bank: b.version,
		title: 'Hostile links',
		className: '',
		itemIds: b.items.slice(0, 3).map((i) => i.id),
		mode: 'practice',
		timeLimitMin: null,
		due: null,
		maxAttempts: null,
		shuffle: true,
		passMark: 50,
		seed: 'seed',
		teacherKey: keys.publicJwk,
		createdAt: Date.UTC(2025, 4, 1),
		...extra
	};
	return { a, keys, fragment: await encodeAssignment(a) };
}

/** Damaged copies of a link: stray and malformed `%` escapes among other edits. */
function mutations(fragment: string, count: number): string[] {
	const rand = mulberry32(0x1ab5);
	const at = () => Math.floor(rand() * (fragment.length + 1));
	const inserts = ['%', '%%', '%zz', '%C3', '%E0%A4%A', '%2', '%25', '#', ' ', '%0A', 'é'];
	const out = [fragment + '%', '%' + fragment, fragment.replace(/A/g, '%')];
	while (out.length < count) {
		const i = at();
		const piece = inserts[Math.floor(rand() * inserts.length)]!;
		const kind = Math.floor(rand() * 3);
		out.push(
			kind === 0
				? fragment.slice(0, i) + piece + fragment.slice(i)
				: kind === 1
					? fragment.slice(0, i) + piece
					: fragment.slice(0, i) + piece + fragment.slice(i + 3)
		);
	}
	return out;
}

const problemHeading = (page: Page) =>
	page.getByRole('heading', { name: 'This assignment link cannot be opened' });

/** The rows of every table that holds any: an empty database and none at all store the same. */
async function storedRows(page: Page) {
	const tables = await dumpDb(page);
	return Object.fromEntries(Object.entries(tables).filter(([, rows]) => rows.length > 0));
}

test('damaged assignment links explain themselves, throw nothing and store nothing', async ({
	page
}) => {
	test.setTimeout(120_000);
	const errors = watchErrors(page);
	const { fragment } = await assignmentFor();
	const links = mutations(fragment, 40);
	await openHydrated(page, '/');
	const before = await storedRows(page);
	for (const [n, link] of links.entries()) {
		// Alternate full loads with in-app navigations, which go through the router.
		if (n % 2 === 0) await page.goto(`/a#${link}`);
		else {
			await page.goto('/');
			await page.evaluate((href) => {
				const a = document.createElement('a');
				a.href = href;
				a.textContent = 'open';
				document.body.append(a);
				a.click();
			}, `/a#${link}`);
		}
		await expect(problemHeading(page), link).toBeVisible();
		await expect(page.getByText('Nothing was saved on this device.')).toBeVisible();
	}
	// Back and forward through the damaged links: the router reads each again.
	for (let i = 0; i < 4; i++) {
		await page.goBack();
		await expect(page.locator('h1')).toBeVisible();
	}
	for (let i = 0; i < 4; i++) {
		await page.goForward();
		await expect(page.locator('h1')).toBeVisible();
	}
	expect(errors).toEqual([]);
	expect(await storedRows(page)).toEqual(before);
});

/** A teacher's device: the key pair and one assignment, as the app stores them. */
async function teacherDevice(page: Page) {
	const { a, keys, fragment } = await assignmentFor({ id: 'results-1', title: 'Results' });
	const { kty, crv, x, y } = keys.publicJwk;
	await openBlankOrigin(page);
	await createRawDb(page, {
		version: SCHEMA_VERSION,
		description: 'a teacher with one assignment',
		stores: storesAt(SCHEMA_VERSION),
		tables: {
			teacherKeys: [{ id: 'teacher', ...keys, createdAt: a.createdAt }],
			assignments: [
				{
					id: a.id,
					createdAt: a.createdAt,
					payload: { ...a, teacherKey: { kty, crv, x, y } },
					link: `http://localhost/a#${fragment}`
				}
			]
		}
	});
	const code = (student: string, submittedAt: number, attempt = 1) =>
		encryptResult(
			{
				v: 1,
				assignmentId: a.id,
				student,
				answers: a.itemIds.map((itemId) => ({ itemId, answer: null, score: 0, timeMs: 1000 })),
				startedAt: submittedAt - 60_000,
				submittedAt,
				late: true,
				attempt
			},
			keys.publicJwk
		);
	return { a, keys, code };
}

async function paste(page: Page, text: string) {
	await page.getByLabel('Paste result codes, one or many').fill(text);
	await page.getByRole('button', { name: 'Import codes' }).click();
}

test('hostile result codes and files are refused one line each; a result can be deleted', async ({
	page
}) => {
	test.setTimeout(90_000);
	const errors = watchErrors(page);
	const { a, keys, code } = await teacherDevice(page);
	await openHydrated(page, `/teach/results?id=${a.id}`);
	const outcomes = page.getByRole('list', { name: 'Import results' });

	// A code sealed with the teacher's key whose submission time no Date can hold.
	const far = 8.64e15 + 1000;
	const forged = await sealUnchecked(
		[
			1,
			a.id,
			'Mallory',
			a.itemIds.map((id) => [id, null, 0, 1000]),
			Date.UTC(2025, 4, 1),
			far,
			0,
			1
		],
		keys.publicJwk
	);
	await paste(page, forged);
	await expect(outcomes).toContainText(
		/Line 1 \(Q1:[A-Za-z0-9_-]{11}…\):\s+Not imported\.\s+This result code has an invalid submission time \(must not be after year 9999\)/
	);
	await expect(page.getByText('No results yet.')).toBeVisible();

	// Good codes still import, and the gradebook and its CSV work.
	await paste(
		page,
		`${await code('Ana', Date.UTC(2025, 4, 2))}\n${await code('Ben', Date.UTC(2025, 4, 3))}`
	);
	await expect(outcomes).toContainText(
		'Imported Ana, attempt 1: 0%, late (as reported by the student’s device).'
	);
	const book = page.getByRole('table', { name: /Gradebook/ });
	await expect(book.getByRole('row')).toHaveCount(3);
	await expect(book.getByRole('columnheader', { name: /Late \(as reported\)/ })).toBeVisible();
	const [csv] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Download gradebook (CSV)' }).click()
	]);
	expect(csv.suggestedFilename()).toMatch(/\.csv$/);

	// Files: one too large, one picture, one good file.
	const big = Buffer.alloc(1_200_000, 'Q');
	const png = Buffer.from(
		'89504E470D0A1A0A0000000D49484452000000010000000108060000001F15C4890000000A49444154789C6300010000050001' +
			'0D0A2DB40000000049454E44AE426082'.repeat(40),
		'hex'
	);
	await page.getByLabel('Result files').setInputFiles([
		{ name: 'huge.quire-result', mimeType: 'text/plain', buffer: big },
		{ name: 'photo.png', mimeType: 'image/png', buffer: png }
	]);
	await expect(outcomes.getByRole('listitem')).toHaveCount(2);
	await expect(outcomes.getByRole('listitem').nth(0)).toContainText(
		'huge.quire-result: Not imported. This file is too large to be a result code (1.2 MB'
	);
	await expect(outcomes.getByRole('listitem').nth(1)).toContainText(
		'photo.png: Not imported. There is no result code in this file.'
	);

	// Delete Ben's result, after confirming.
	const before = (await storedRows(page)).results!.length;
	await book.getByRole('button', { name: 'Ben' }).click();
	await page.getByRole('button', { name: 'Delete this result…' }).click();
	const dialog = page.getByRole('dialog', { name: 'Delete this result?' });
	await expect(dialog).toContainText('Ben, attempt 1');
	await dialog.getByRole('button', { name: 'Cancel' }).click();
	expect((await storedRows(page)).results).toHaveLength(before);
	await page.getByRole('button', { name: 'Delete this result…' }).click();
	await dialog.getByRole('button', { name: 'Delete result' }).click();
	await expect(page.getByText('Deleted the result of Ben, attempt 1.')).toBeVisible();
	await expect(book.getByRole('row')).toHaveCount(2);
	expect((await storedRows(page)).results).toHaveLength(before - 1);
	expect(errors).toEqual([]);
});
