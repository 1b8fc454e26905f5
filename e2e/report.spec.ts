import AxeBuilder from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { openHydrated } from './helpers';
import { answerByKeyboard, bank, shownItem } from './quiz';

const NOTE = 'The key says 1987 <img src=x onerror=alert(1)> but p2 says otherwise';
const NAME = 'Rosa Report';

const axe = async (page: Page) =>
	(
		await new AxeBuilder({ page })
			.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
			.analyze()
	).violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(' ')})`);

function noDialogs(page: Page) {
	page.on('dialog', (d) => {
		throw new Error(`Unexpected dialog: ${d.message()}`);
	});
}

async function nothingInjected(page: Page) {
	await expect(page.locator('img[src="x"]')).toHaveCount(0);
}

test('a student reports a problem on an assignment question and the teacher sees it in item analysis', async ({
	browser,
	page: teacher
}, info) => {
	test.slow();
	const b = await bank();
	const items = (['truefalse', 'single'] as const).map((t) => b.items.find((i) => i.type === t)!);
	noDialogs(teacher);

	// The teacher makes a practice assignment of two questions.
	await openHydrated(teacher, '/teach');
	await teacher.getByRole('textbox', { name: 'Title' }).fill('Reports check');
	for (const item of items) {
		await teacher.getByRole('searchbox', { name: 'Search questions' }).fill(item.id);
		await teacher
			.getByRole('list', { name: 'Questions to choose from' })
			.getByRole('checkbox')
			.first()
			.check();
	}
	await teacher.getByRole('radio', { name: /^Practice/ }).check();
	await teacher.getByRole('button', { name: 'Create the link' }).click();
	const created = teacher.getByRole('region', { name: /Link ready/ });
	const link = await created.getByRole('textbox', { name: 'Assignment link' }).inputValue();

	// The student, in another browser, takes it and reports a problem with one question.
	const studentContext = await browser.newContext({ baseURL: info.project.use.baseURL });
	const student = await studentContext.newPage();
	noDialogs(student);
	await student.goto(link.replace(/^https?:\/\/[^/]+/, ''));
	await student.getByRole('textbox', { name: 'Your name' }).fill(NAME);
	await student.getByRole('button', { name: 'Keep this assignment' }).click();
	await student.getByRole('button', { name: 'Start', exact: true }).click();
	await expect(student).toHaveURL(/\/study\/session\?id=/);

	const first = await shownItem(student, items);
	await answerByKeyboard(student, first);
	await student.keyboard.press('Enter');
	const feedback = student.getByRole('region', { name: 'Feedback' });
	await expect(feedback).toBeFocused();
	const open = feedback.getByRole('button', { name: 'Report a problem' });
	await open.click();
	const dialog = student.getByRole('dialog', { name: 'Report a problem' });
	await expect(dialog).toBeVisible();
	await expect(dialog).toContainText(first.prompt);
	// Keyboard only: the first reason has focus, arrows move, the page's shortcuts stay out.
	await expect(dialog.getByRole('radio', { name: 'Wrong answer' })).toBeFocused();
	// Sending with no reason picked says what is missing.
	await dialog.getByRole('button', { name: 'Send report' }).click();
	await expect(dialog.getByRole('alert')).toHaveText(
		'Choose what is wrong: wrong answer, my answer should count, unclear, typo or other.'
	);
	await dialog.getByRole('radio', { name: 'My answer should count' }).focus();
	await student.keyboard.press('ArrowUp');
	await expect(dialog.getByRole('radio', { name: 'Wrong answer' })).toBeChecked();
	await student.keyboard.press('Tab');
	const note = dialog.getByRole('textbox', { name: 'Note (optional)' });
	await expect(note).toBeFocused();
	await student.keyboard.type('2');
	await note.fill(NOTE);
	await expect(dialog).toContainText(`${NOTE.length} of 500 characters`);
	expect(await axe(student)).toEqual([]);
	await student.emulateMedia({ colorScheme: 'dark' });
	expect(await axe(student)).toEqual([]);
	await student.emulateMedia({ colorScheme: 'light' });
	await student.setViewportSize({ width: 360, height: 740 });
	const box = await dialog.boundingBox();
	expect(box && box.x >= 0 && box.x + box.width <= 360).toBe(true);
	await dialog.getByRole('button', { name: 'Send report' }).click();
	await expect(dialog).toBeHidden();
	await expect(feedback.getByText('Thank you: your report is saved on this device.')).toBeVisible();
	await expect(feedback).toContainText('You reported: Wrong answer');
	await expect(feedback.getByRole('button', { name: 'Change your report' })).toBeFocused();
	await nothingInjected(student);
	await student.setViewportSize({ width: 1280, height: 720 });

	await student.getByRole('button', { name: 'Next', exact: true }).click();
	const second = await shownItem(student, items);
	await answerByKeyboard(student, second);
	await student.keyboard.press('Enter');
	await expect(student.getByRole('region', { name: 'Feedback' })).toContainText('Report a problem');
	await student.getByRole('button', { name: 'See results' }).click();
	await expect(student).toHaveURL(/\/a\/result\?session=/);
	const code = await student.getByRole('textbox', { name: 'Result code' }).inputValue();
	expect(code).toMatch(/^Q1:[A-Za-z0-9_-]+$/);

	// Settings lists the report, exports it and can delete it.
	await openHydrated(student, '/settings');
	const section = student.getByRole('region', { name: 'Reported problems' });
	const listed = section.getByRole('list', { name: 'Your reports' }).getByRole('listitem');
	await expect(listed).toHaveCount(1);
	await expect(listed).toContainText(first.prompt);
	await expect(listed).toContainText('Wrong answer');
	await expect(listed).toContainText(NOTE);
	const csvDownload = student.waitForEvent('download');
	await section.getByRole('button', { name: 'Export reports (CSV)' }).click();
	const csv = await readFile(await (await csvDownload).path(), 'utf8');
	expect(csv.split('\r\n')[0]).toBe('Date,Kind,Id,Question or card,Reason,Note');
	expect(csv).toContain(`,Question,${first.id},`);
	expect(csv).toContain(`,Wrong answer,${NOTE}`);
	const jsonDownload = student.waitForEvent('download');
	await section.getByRole('button', { name: 'Export reports (JSON)' }).click();
	const json = JSON.parse(await readFile(await (await jsonDownload).path(), 'utf8')) as {
		reports: unknown[];
	};
	expect(json.reports).toEqual([
		expect.objectContaining({ itemId: first.id, reason: 'wrong', note: NOTE, kind: 'item' })
	]);
	expect(await axe(student)).toEqual([]);
	await nothingInjected(student);
	await studentContext.close();

	// The teacher imports the code and sees the flagged question, its reason and the note.
	await teacher.getByRole('link', { name: 'Reports check' }).click();
	await teacher.getByRole('textbox', { name: 'Paste result codes, one or many' }).fill(code);
	await teacher.getByRole('button', { name: 'Import codes' }).click();
	await expect(
		teacher.getByRole('list', { name: 'Import results' }).locator('li').first()
	).toContainText(`Imported ${NAME}, attempt 1`);
	const analysis = teacher.getByRole('region', { name: /Item analysis table/ });
	const flagged = analysis.getByRole('row').filter({ hasText: first.prompt });
	await expect(flagged).toContainText('1 student reported');
	await expect(flagged).toContainText('Wrong answer: 1');
	await expect(flagged.getByRole('list', { name: 'Notes' })).toContainText(
		`${NAME} (Wrong answer): ${NOTE}`
	);
	const other = analysis.getByRole('row').filter({ hasText: second.prompt });
	await expect(other).not.toContainText('reported');
	await nothingInjected(teacher);
	expect(await axe(teacher)).toEqual([]);
	await teacher.emulateMedia({ colorScheme: 'dark' });
	expect(await axe(teacher)).toEqual([]);
	const itemsDownload = teacher.waitForEvent('download');
	await teacher.getByRole('button', { name: 'Download item analysis (CSV)' }).click();
	const itemsCsv = await readFile(await (await itemsDownload).path(), 'utf8');
	expect(itemsCsv.split('\r\n')[0]).toMatch(/,Reports,Report reasons,Report notes$/);
	expect(itemsCsv).toContain(`1,Wrong answer: 1,${NAME} (Wrong answer): ${NOTE}`);
});

test('flashcards in review and on /cards can be reported; Settings deletes the report', async ({
	page
}) => {
	const b = await bank();
	const card = b.flashcards[0]!;
	await openHydrated(page, '/cards');
	const item = page.getByRole('listitem').filter({ hasText: card.front }).first();
	await item.getByRole('button', { name: 'Report a problem' }).click();
	const dialog = page.getByRole('dialog', { name: 'Report a problem' });
	await dialog.getByRole('radio', { name: 'Typo' }).check();
	await dialog.getByRole('button', { name: 'Send report' }).click();
	await expect(item).toContainText('You reported: Typo');
	expect(await axe(page)).toEqual([]);

	// The review screen knows it too, and Escape closes the dialog without changing it.
	await page.goto('/review');
	const region = page.getByRole('region', { name: 'Flashcard' });
	await expect(region).toContainText(card.front);
	await page.getByRole('button', { name: 'Show answer' }).click();
	await expect(region).toContainText('You reported: Typo');
	await region.getByRole('button', { name: 'Change your report' }).click();
	await expect(dialog.getByRole('radio', { name: 'Typo' })).toBeChecked();
	await expect(dialog.getByRole('radio', { name: 'Typo' })).toBeFocused();
	// Number keys inside the dialog do not rate the card.
	await page.keyboard.press('3');
	await page.keyboard.press('Escape');
	await expect(dialog).toBeHidden();
	await expect(region.getByRole('button', { name: 'Change your report' })).toBeFocused();
	await expect(region).toContainText('You reported: Typo');

	await openHydrated(page, '/settings');
	const section = page.getByRole('region', { name: 'Reported problems' });
	await expect(section.getByRole('listitem')).toHaveCount(1);
	await section.getByRole('button', { name: `Delete report on ${card.front}` }).click();
	await expect(section).toContainText('You have not reported any problems.');
	await expect(section.getByRole('status')).toContainText('Deleted your report');
	await openHydrated(page, '/cards');
	await expect(
		page.getByRole('listitem').filter({ hasText: card.front }).first().getByRole('button', {
			name: 'Report a problem'
		})
	).toBeVisible();
});

test('in a test-mode assignment a student reports during the test and after submitting; the newer code replaces the reports', async ({
	browser,
	page: teacher
}, info) => {
	test.slow();
	const b = await bank();
	const items = (['truefalse', 'single'] as const).map((t) => b.items.find((i) => i.type === t)!);
	noDialogs(teacher);

	await openHydrated(teacher, '/teach');
	await teacher.getByRole('textbox', { name: 'Title' }).fill('Test reports');
	for (const item of items) {
		await teacher.getByRole('searchbox', { name: 'Search questions' }).fill(item.id);
		await teacher
			.getByRole('list', { name: 'Questions to choose from' })
			.getByRole('checkbox')
			.first()
			.check();
	}
	await teacher.getByRole('radio', { name: /^Test/ }).check();
	await teacher.getByRole('button', { name: 'Create the link' }).click();
	const link = await teacher
		.getByRole('region', { name: /Link ready/ })
		.getByRole('textbox', { name: 'Assignment link' })
		.inputValue();

	const studentContext = await browser.newContext({ baseURL: info.project.use.baseURL });
	const student = await studentContext.newPage();
	noDialogs(student);
	await student.goto(link.replace(/^https?:\/\/[^/]+/, ''));
	await student.getByRole('textbox', { name: 'Your name' }).fill(NAME);
	await student.getByRole('button', { name: 'Keep this assignment' }).click();
	await student.getByRole('button', { name: 'Start', exact: true }).click();
	await expect(student).toHaveURL(/\/study\/session\?id=/);

	// During the test there is no feedback, yet the question card offers the report.
	const first = await shownItem(student, items);
	await answerByKeyboard(student, first);
	const card = student.getByRole('region', { name: /^Question \d+$/ });
	await expect(student.getByRole('region', { name: 'Feedback' })).toHaveCount(0);
	await card.getByRole('button', { name: 'Report a problem' }).click();
	const dialog = student.getByRole('dialog', { name: 'Report a problem' });
	await expect(dialog).toContainText(first.prompt);
	await dialog.getByRole('radio', { name: 'Unclear' }).check();
	await dialog.getByRole('textbox', { name: 'Note (optional)' }).fill('Two readings of p8');
	await dialog.getByRole('button', { name: 'Send report' }).click();
	await expect(dialog).toBeHidden();
	await expect(card).toContainText('You reported: Unclear');
	expect(await axe(student)).toEqual([]);
	await student.getByRole('button', { name: 'Next', exact: true }).click();
	const second = await shownItem(student, items);
	expect(second.id).not.toBe(first.id);
	await expect(card.getByRole('button', { name: 'Report a problem' })).toBeVisible();
	await answerByKeyboard(student, second);
	await student.getByRole('button', { name: 'Submit test' }).click();
	await student.getByRole('dialog').getByRole('button', { name: 'Submit' }).click();
	await expect(student.getByRole('region', { name: 'Score' })).toBeVisible();
	const firstCode = await student.getByRole('textbox', { name: 'Result code' }).inputValue();
	expect(firstCode).toMatch(/^Q1:/);

	// After submitting, from the results page: a second report makes a fresh code.
	await student.getByRole('link', { name: 'See each answer' }).click();
	await expect(student).toHaveURL(/\/study\/results\?id=/);
	const row = student.getByRole('listitem').filter({ hasText: second.prompt });
	await row.getByRole('button', { name: 'Report a problem' }).click();
	await dialog.getByRole('radio', { name: 'Typo' }).check();
	await dialog.getByRole('button', { name: 'Send report' }).click();
	await expect(row).toContainText('You reported: Typo');
	const updated = student.getByRole('region', { name: 'Your result code was updated' });
	await expect(updated).toContainText('Send this new code to your teacher');
	const newCode = updated.getByRole('textbox', { name: 'Updated result code' });
	await expect(newCode).toHaveValue(/^Q1:/);
	const latestCode = await newCode.inputValue();
	expect(latestCode).not.toBe(firstCode);
	expect(await axe(student)).toEqual([]);
	// The stored code is the new one.
	await student.goBack();
	await expect(student.getByRole('textbox', { name: 'Result code' })).toHaveValue(latestCode);
	await studentContext.close();

	// The teacher imports the first code, then the latest: one attempt, both reports.
	await teacher.getByRole('link', { name: 'Test reports' }).click();
	const paste = teacher.getByRole('textbox', { name: 'Paste result codes, one or many' });
	const outcomes = teacher.getByRole('list', { name: 'Import results' }).locator('li');
	await paste.fill(firstCode);
	await teacher.getByRole('button', { name: 'Import codes' }).click();
	await expect(outcomes.first()).toContainText(`Imported ${NAME}, attempt 1`);
	await paste.fill(latestCode);
	await teacher.getByRole('button', { name: 'Import codes' }).click();
	await expect(outcomes.first()).toContainText(`Updated ${NAME}, attempt 1`);
	// The older code again changes nothing.
	await paste.fill(firstCode);
	await teacher.getByRole('button', { name: 'Import codes' }).click();
	await expect(outcomes.first()).toContainText(`Already imported: ${NAME}, attempt 1`);

	const analysis = teacher.getByRole('region', { name: /Item analysis table/ });
	const one = analysis.getByRole('row').filter({ hasText: first.prompt });
	await expect(one).toContainText('1 student reported');
	await expect(one).toContainText('Unclear: 1');
	await expect(one.getByRole('list', { name: 'Notes' })).toContainText(
		`${NAME} (Unclear): Two readings of p8`
	);
	const two = analysis.getByRole('row').filter({ hasText: second.prompt });
	await expect(two).toContainText('1 student reported');
	await expect(two).toContainText('Typo: 1');
	const book = teacher.getByRole('region', { name: /Gradebook table/ });
	await expect(book.getByRole('row').filter({ hasText: NAME })).toHaveCount(1);
	await expect(book.getByRole('row').filter({ hasText: NAME })).toContainText('100%');
	expect(await axe(teacher)).toEqual([]);
});
