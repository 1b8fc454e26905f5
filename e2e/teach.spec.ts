import AxeBuilder from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { encodeAssignment, type AssignmentInput } from '../src/lib/teach/link';
import { openHydrated, waitForServiceWorker, storedRows } from './helpers';
import { answerByKeyboard, bank, shownItem } from './quiz';

const TITLE = 'Unit 3 <img src=x onerror=alert(1)>';
const CLASS = 'Year 9 <script>alert(2)</script>';
const NAME = 'Ana <b>Bold</b> <img src=y onerror=alert(3)>';

const axe = async (page: Page) =>
	(
		await new AxeBuilder({ page })
			.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
			.analyze()
	).violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(' ')})`);

/** Fails the test if any page ever opens an alert: injected markup would. */
function noDialogs(page: Page) {
	page.on('dialog', (d) => {
		throw new Error(`Unexpected dialog: ${d.message()}`);
	});
}

/** Asserts that none of the hostile strings became elements. */
async function nothingInjected(page: Page) {
	await expect(page.locator('img[src="x"], img[src="y"]')).toHaveCount(0);
	await expect(page.locator('main b')).toHaveCount(0);
	expect(
		await page.evaluate(() =>
			[...document.scripts].some((s) => (s.textContent ?? '').includes('alert('))
		)
	).toBe(false);
}

/** Rows in IndexedDB's 'received' table. */
function receivedCount(page: Page) {
	return storedRows(page, 'received').then((rows) => rows.length);
}

test('a teacher assigns a set, a student takes it offline, the teacher reads the code', async ({
	browser,
	page: teacher
}, info) => {
	test.slow();
	const b = await bank();
	const items = (['single', 'truefalse', 'short'] as const).map((t) =>
		b.items.find((i) => i.type === t)!
	);
	noDialogs(teacher);

	// The teacher makes an assignment by ticking three questions.
	await openHydrated(teacher, '/teach');
	// The picker draws its first rows with the page and the rest a few per task: all of them.
	await expect(
		teacher.getByRole('list', { name: 'Questions to choose from' }).getByRole('checkbox')
	).toHaveCount(b.items.length);
	await teacher.getByRole('textbox', { name: 'Title' }).fill(TITLE);
	await teacher.getByRole('textbox', { name: /Class name/ }).fill(CLASS);
	for (const item of items) {
		await teacher.getByRole('searchbox', { name: 'Search questions' }).fill(item.id);
		await teacher
			.getByRole('list', { name: 'Questions to choose from' })
			.getByRole('checkbox')
			.first()
			.check();
	}
	await teacher.getByRole('searchbox', { name: 'Search questions' }).fill('');
	await expect(teacher.getByText('3 ticked')).toBeVisible();
	await teacher.getByRole('radio', { name: /^Test/ }).check();
	await teacher.getByRole('spinbutton', { name: /Attempts allowed/ }).fill('2');
	expect(await axe(teacher)).toEqual([]);
	await teacher.getByRole('button', { name: 'Create the link' }).click();

	const created = teacher.getByRole('region', { name: /Link ready/ });
	await expect(created.getByRole('heading', { name: `Link ready: ${TITLE}` })).toBeFocused();
	const link = await created.getByRole('textbox', { name: 'Assignment link' }).inputValue();
	expect(link).toMatch(/\/a#1[A-Za-z0-9_-]+$/);
	console.log(`assignment link: ${link.length} characters`);
	await expect(created.getByRole('img', { name: 'QR code of the assignment link' })).toBeVisible();
	await created.getByRole('button', { name: 'Show to class' }).click();
	const big = teacher.getByRole('dialog', { name: TITLE });
	await expect(big).toBeVisible();
	expect(await axe(teacher)).toEqual([]);
	await teacher.keyboard.press('Escape');
	await expect(big).toBeHidden();
	await expect(teacher.getByRole('link', { name: TITLE })).toBeVisible();
	await nothingInjected(teacher);

	// The key pair was made on first use; it exports alone and re-imports as a no-op.
	const keyDownload = teacher.waitForEvent('download');
	await teacher.getByRole('button', { name: 'Export key' }).click();
	const keyFile = await keyDownload;
	const keyText = await readFile(await keyFile.path(), 'utf8');
	expect(JSON.parse(keyText)).toMatchObject({
		format: 'quire-teacher-key',
		privateJwk: { kty: 'EC', crv: 'P-256', d: expect.any(String) }
	});
	await teacher.getByLabel('Teacher key file').setInputFiles({
		name: keyFile.suggestedFilename(),
		mimeType: 'application/json',
		buffer: Buffer.from(keyText)
	});
	await expect(teacher.getByText('This is already your teacher key')).toBeVisible();

	// The student opens the link in another browser, names themself, then goes offline.
	const studentContext = await browser.newContext({ baseURL: info.project.use.baseURL });
	const student = await studentContext.newPage();
	noDialogs(student);
	await openHydrated(student, '/');
	await waitForServiceWorker(student);
	await student.goto(link.replace(/^https?:\/\/[^/]+/, ''));
	await expect(student.getByRole('heading', { level: 2, name: TITLE })).toBeVisible();
	const facts = student.locator('dl.facts');
	await expect(facts).toContainText(CLASS);
	await expect(facts).toContainText('3');
	await expect(facts).toContainText('Test: no feedback until you submit');
	await expect(facts).toContainText('2 of 2 left');
	await student.getByRole('textbox', { name: 'Your name' }).fill(NAME);
	expect(await axe(student)).toEqual([]);
	await student.getByRole('button', { name: 'Keep this assignment' }).click();
	await expect(student.getByRole('heading', { name: `Ready, ${NAME}` })).toBeVisible();
	await nothingInjected(student);

	await studentContext.setOffline(true);
	await student.goto('/');
	const assigned = student.getByRole('region', { name: 'Assigned to me' });
	await expect(assigned).toContainText(TITLE);
	await expect(assigned).toContainText('2 attempts left');
	await assigned.getByRole('link', { name: `Start: ${TITLE}` }).click();
	await expect(student.getByRole('heading', { level: 2, name: TITLE })).toBeVisible();
	await student.getByRole('button', { name: 'Start', exact: true }).click();
	await expect(student).toHaveURL(/\/study\/session\?id=/);
	// Two right, the short answer wrong.
	for (let n = 1; n <= 3; n++) {
		await expect(student.getByText(`Question ${n} of 3`)).toBeVisible();
		const item = await shownItem(student, items);
		await answerByKeyboard(student, item, item.type !== 'short');
		if (n < 3) await student.getByRole('button', { name: 'Next', exact: true }).click();
	}
	await student.getByRole('button', { name: 'Submit test' }).click();
	await student
		.getByRole('dialog', { name: 'Submit the test?' })
		.getByRole('button', { name: 'Submit' })
		.click();
	await expect(student).toHaveURL(/\/a\/result\?session=/);
	await expect(student.getByRole('region', { name: 'Score' })).toContainText('67%');
	const code = await student.getByRole('textbox', { name: 'Result code' }).inputValue();
	expect(code).toMatch(/^Q1:[A-Za-z0-9_-]+$/);
	console.log(`result code: ${code.length} characters`);
	await expect(student.getByRole('img', { name: 'QR code of your result code' })).toBeVisible();
	const fileDownload = student.waitForEvent('download');
	await student.getByRole('button', { name: 'Download .quire-result file' }).click();
	const file = await fileDownload;
	const resultFileName = file.suggestedFilename();
	expect(resultFileName).toMatch(
		/^unit-3-img-src-x-onerror-alert-1-ana-b-bold-b-.*-1\.quire-result$/
	);
	expect(await readFile(await file.path(), 'utf8')).toBe(code);
	await expect(student.getByText('attempts left: 1')).toBeVisible();
	expect(await axe(student)).toEqual([]);
	await student.emulateMedia({ colorScheme: 'dark' });
	expect(await axe(student)).toEqual([]);
	await nothingInjected(student);
	await studentContext.close();

	// The teacher pastes the code and a tampered copy.
	await teacher.getByRole('link', { name: TITLE }).click();
	await expect(teacher.getByRole('heading', { level: 1, name: 'Results' })).toBeVisible();
	const mid = Math.floor(code.length / 2);
	const tampered = code.slice(0, mid) + (code[mid] === 'A' ? 'B' : 'A') + code.slice(mid + 1);
	await teacher
		.getByRole('textbox', { name: 'Paste result codes, one or many' })
		.fill(`${code}\n\n${tampered}\n`);
	await teacher.getByRole('button', { name: 'Import codes' }).click();
	const outcomes = teacher.getByRole('list', { name: 'Import results' });
	await expect(outcomes.locator('li').nth(0)).toContainText(`Imported ${NAME}, attempt 1: 66.7%`);
	await expect(outcomes.locator('li').nth(1)).toContainText(
		`Line 3 (${tampered.slice(0, 14)}…): Not imported. This code was made for another teacher`
	);
	await expect(teacher.getByRole('status').filter({ hasText: '2 read' })).toContainText(
		'1 imported, 0 already there, 1 with a problem'
	);

	const book = teacher.getByRole('region', { name: /Gradebook table/ });
	const row = book.getByRole('row').filter({ hasText: NAME });
	await expect(row).toContainText('66.7%');
	await expect(row.getByRole('cell').nth(2)).toHaveText('1');
	await book.getByRole('button', { name: /^Best/ }).click();
	await expect(book.getByRole('columnheader', { name: /^Best/ })).toHaveAttribute(
		'aria-sort',
		'descending'
	);
	await row.getByRole('button', { name: NAME }).click();
	const detail = teacher.getByRole('region', { name: `Answers of ${NAME}` });
	await expect(detail).toBeFocused();
	await expect(detail).toContainText('qqqqqq');
	await expect(detail).toContainText('✗ wrong');

	const analysis = teacher.getByRole('region', { name: /Item analysis table/ });
	await expect(analysis.getByRole('row')).toHaveCount(4);
	const single = items[0]!;
	const singleRow = analysis.getByRole('row').filter({ hasText: single.prompt });
	await expect(singleRow).toContainText('100%');
	await expect(singleRow).toContainText('too easy');
	if (single.type === 'single') await expect(singleRow).toContainText(`${single.answer}: 1`);
	expect(await axe(teacher)).toEqual([]);
	await teacher.emulateMedia({ colorScheme: 'dark' });
	expect(await axe(teacher)).toEqual([]);
	await nothingInjected(teacher);
	// At phone width the tables scroll inside their regions, not the page.
	await teacher.setViewportSize({ width: 360, height: 740 });
	expect(
		await teacher.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		)
	).toBe(0);
	await teacher.setViewportSize({ width: 1280, height: 720 });

	// The same code again is a no-op.
	await teacher.getByRole('textbox', { name: 'Paste result codes, one or many' }).fill(code);
	await teacher.getByRole('button', { name: 'Import codes' }).click();
	await expect(outcomes.locator('li').first()).toContainText('Already imported');
	await expect(book.getByRole('row')).toHaveCount(2);
	// So is the student's .quire-result file, chosen from disk.
	await teacher.getByLabel('Result files').setInputFiles({
		name: resultFileName,
		mimeType: 'text/plain',
		buffer: Buffer.from(code)
	});
	await expect(outcomes.locator('li').first()).toContainText(
		`${resultFileName}: Already imported: ${NAME}, attempt 1`
	);

	// CSV export: the header and the student's row.
	const csvDownload = teacher.waitForEvent('download');
	await teacher.getByRole('button', { name: 'Download gradebook (CSV)' }).click();
	const csv = await readFile(await (await csvDownload).path(), 'utf8');
	const lines = csv.trim().split('\r\n');
	expect(lines[0]).toBe(
		'Student,Attempts,Best %,Last %,Passed,Time (s),Last submitted (reported by student),Late (reported by student),Late attempts (reported by student)'
	);
	expect(lines).toHaveLength(2);
	expect(lines[1]).toMatch(/^Ana <b>Bold<\/b> <img src=y onerror=alert\(3\)>,1,66.7,66.7,TRUE,/);
	const itemsDownload = teacher.waitForEvent('download');
	await teacher.getByRole('button', { name: 'Download item analysis (CSV)' }).click();
	const itemsCsv = await readFile(await (await itemsDownload).path(), 'utf8');
	expect(itemsCsv.split('\r\n')[0]).toContain('Facility %');
	expect(itemsCsv.trim().split('\r\n')).toHaveLength(4);

	// The same gradebook as Canvas imports it, matched on the SIS Login ID.
	await teacher.getByLabel('LMS').selectOption('canvas');
	await teacher.getByLabel('The typed name is the student’s').selectOption('SIS Login ID');
	const lmsDownload = teacher.waitForEvent('download');
	await teacher.getByRole('button', { name: 'Download for Canvas (CSV)' }).click();
	const lms = await lmsDownload;
	expect(lms.suggestedFilename()).toMatch(/-canvas-grades\.csv$/);
	const lmsLines = (await readFile(await lms.path(), 'utf8')).trim().split('\r\n');
	expect(lmsLines[0]).toMatch(/^Student,ID,SIS User ID,SIS Login ID,Section,/);
	expect(lmsLines[1]).toBe('    Points Possible,,,,,100');
	expect(lmsLines[2]).toMatch(/^Ana <b>Bold<\/b> <img src=y onerror=alert\(3\)>,,,Ana .*,,66.7$/);
});

test('a damaged link and a link for another bank version explain themselves and store nothing', async ({
	page
}) => {
	noDialogs(page);
	await openHydrated(page, '/a#1AAAAthis-is-not-an-assignment');
	await expect(
		page.getByRole('heading', { name: 'This assignment link cannot be opened' })
	).toBeVisible();
	await expect(page.getByText(/damaged or incomplete/)).toBeVisible();
	await expect(page.getByText('Nothing was saved on this device.')).toBeVisible();
	expect(await axe(page)).toEqual([]);

	const b = await bank();
	const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, [
		'deriveBits'
	]);
	const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
	const assignment: AssignmentInput = {
		v: 1,
		id: 'other-bank',
		bank: b.version === 'abc123' ? 'abc124' : 'abc123',
		title: 'From another bank',
		className: '',
		itemIds: [b.items[0]!.id],
		mode: 'practice',
		timeLimitMin: null,
		due: null,
		maxAttempts: null,
		shuffle: true,
		passMark: 50,
		seed: 'seed',
		teacherKey: jwk,
		createdAt: Date.now()
	};
	await page.goto(`/a#${await encodeAssignment(assignment)}`);
	await page.reload();
	await expect(
		page.getByRole('heading', { name: 'This assignment link cannot be opened' })
	).toBeVisible();
	await expect(page.getByText(/different version of the question bank/)).toBeVisible();
	await expect(page.getByRole('textbox', { name: 'Your name' })).toHaveCount(0);
	expect(await receivedCount(page)).toBe(0);
	await page.goto('/');
	await expect(page.getByRole('region', { name: 'Assigned to me' })).toHaveCount(0);
});
