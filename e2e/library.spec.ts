import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { QuizItem } from '../src/lib/bank/schema';
import { openHydrated, waitForServiceWorker } from './helpers';
import { answerByKeyboard, bank, shownItem } from './quiz';

const SET = 'Year 9 <b>own</b> questions';
const STUDENT = 'Ben <img src=y onerror=alert(3)>';

const axe = async (page: Page) =>
	(
		await new AxeBuilder({ page })
			.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
			.analyze()
	).violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(' ')})`);

/** Axe in light and dark, and nothing wider than a 360 px phone. */
async function checkPage(page: Page) {
	expect(await axe(page)).toEqual([]);
	await page.emulateMedia({ colorScheme: 'dark' });
	expect(await axe(page)).toEqual([]);
	await page.emulateMedia({ colorScheme: 'light' });
	const size = page.viewportSize()!;
	await page.setViewportSize({ width: 360, height: 740 });
	expect(
		await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		)
	).toBe(0);
	await page.setViewportSize(size);
}

function noDialogs(page: Page) {
	page.on('dialog', (d) => {
		throw new Error(`Unexpected dialog: ${d.message()}`);
	});
}

/** Types into the field with this label, from the keyboard. */
async function type(page: Page, label: string | RegExp, text: string) {
	const field = page.getByLabel(label, { exact: typeof label === 'string' });
	await field.focus();
	await page.keyboard.press('ControlOrMeta+A');
	await page.keyboard.type(text);
}

/** Picks an option of a closed select with the arrow keys. */
async function choose(page: Page, label: string, option: string) {
	const select = page.getByLabel(label, { exact: true });
	await select.focus();
	const options = (await select.locator('option').allInnerTexts()).map((t) => t.trim());
	const current = await select.evaluate((s) => (s as HTMLSelectElement).selectedIndex);
	const target = options.indexOf(option);
	expect(target).toBeGreaterThanOrEqual(0);
	for (let i = current; i < target; i++) await page.keyboard.press('ArrowDown');
	for (let i = current; i > target; i--) await page.keyboard.press('ArrowUp');
	await expect(select).toHaveValue(
		(await select.locator('option').nth(target).getAttribute('value')) ?? ''
	);
}

async function saved(page: Page) {
	await page.keyboard.press('ControlOrMeta+S');
	await expect(page.getByRole('alert').filter({ hasText: `Saved in “${SET}”.` })).toBeVisible();
}

test('a teacher writes a set in the editor, assigns it, a student takes it offline, the gradebook shows it', async ({
	browser,
	page: teacher
}, info) => {
	test.slow();
	noDialogs(teacher);
	const b = await bank();
	const builtIn = b.items.find((i) => i.type === 'short' && i.accept.length > 0)!;

	// A new set, typed and submitted from the keyboard.
	await openHydrated(teacher, '/library');
	await expect(teacher.getByRole('heading', { level: 3, name: /^Built-in:/ })).toBeVisible();
	await type(teacher, 'Title', SET);
	await teacher.keyboard.press('Enter');
	await expect(teacher.getByRole('heading', { level: 1, name: SET })).toBeVisible();
	const setUrl = teacher.url();
	const setId = new URL(setUrl).searchParams.get('id')!;

	// 1. Single choice: the first choice is marked right; two spare rows stay blank.
	await teacher.getByRole('link', { name: 'New question' }).click();
	await expect(teacher.getByRole('heading', { level: 1, name: 'New question' })).toBeFocused();
	await type(teacher, 'Question', 'Who signed the treaty for the USSR?');
	await type(teacher, 'Choice 1', 'Gorbachev');
	await type(teacher, 'Choice 2', 'Yeltsin');
	await type(teacher, 'Choice 3', 'Brezhnev');
	// The preview shows what a student sees, and checks an answer.
	const preview = teacher.getByRole('complementary', { name: 'Preview' });
	await expect(
		preview.getByRole('group', { name: 'Who signed the treaty for the USSR?' })
	).toBeVisible();
	await preview.getByRole('radio', { name: /Yeltsin/ }).check();
	await preview.getByRole('button', { name: 'Check' }).click();
	await expect(preview.getByRole('status')).toContainText('Not quite');
	// Undo with the editor's own history: typing in one field goes back in one step.
	await type(teacher, /^Explanation/, 'Oops');
	await teacher.keyboard.press('ControlOrMeta+Z');
	await expect(teacher.getByLabel(/^Explanation/)).toHaveValue('');
	await type(teacher, /^Explanation/, 'Gorbachev signed with Reagan.');
	await expect(
		teacher.getByRole('status').filter({ hasText: 'Draft kept on this device' })
	).toBeVisible();
	await checkPage(teacher);
	await saved(teacher);

	// 2. A number, with a problem named by its field first.
	await teacher.getByRole('link', { name: 'New question' }).click();
	await expect(teacher.getByRole('heading', { level: 1, name: 'New question' })).toBeFocused();
	await choose(teacher, 'Question type', 'Numbers and years');
	await type(teacher, 'Question', 'In which year was the treaty signed?');
	await type(teacher, 'Answer', 'about 1987');
	await teacher.keyboard.press('ControlOrMeta+S');
	const answer = teacher.getByLabel('Answer', { exact: true });
	await expect(answer).toBeFocused();
	await expect(answer).toHaveAttribute('aria-invalid', 'true');
	await expect(teacher.locator(`#${await answer.getAttribute('aria-describedby')}`)).toHaveText(
		'must be a number, e.g. 1987, 5,500 or 2.5'
	);
	await type(teacher, 'Answer', '1987');
	await saved(teacher);

	// 3. A short answer with an accepted variant.
	await teacher.getByRole('link', { name: 'New question' }).click();
	await expect(teacher.getByRole('heading', { level: 1, name: 'New question' })).toBeFocused();
	await choose(teacher, 'Question type', 'Short answer');
	await type(teacher, 'Question', 'Which city hosted the signing?');
	await type(teacher, 'Answer', 'Washington');
	await teacher.getByRole('button', { name: 'Add an accepted answer' }).press('Enter');
	await type(teacher, 'Accepted answer 1', 'Washington D.C.');
	await saved(teacher);

	// 4. A flashcard.
	await teacher.goto(`/library/edit?set=${setId}&kind=flashcard`);
	await expect(teacher.getByRole('heading', { level: 1, name: 'New flashcard' })).toBeFocused();
	await type(teacher, 'Front', 'INF');
	await type(teacher, 'Back', 'Intermediate-Range Nuclear Forces');
	await saved(teacher);

	// Edit one: the single-choice question gets a sharper prompt.
	await teacher.goto(setUrl);
	const entries = teacher.getByRole('region', { name: 'Entries' });
	await expect(entries.getByRole('listitem')).toHaveCount(4);
	await entries.getByRole('link', { name: /Edit: Who signed the treaty/ }).click();
	await expect(teacher.getByRole('heading', { level: 1, name: 'Edit question' })).toBeFocused();
	await type(teacher, 'Question', 'Who signed the INF Treaty for the USSR?');
	await saved(teacher);

	// Edit a copy of a built-in question into this set: its quote is checked as typed.
	await teacher.goto('/library/set?id=builtin');
	await expect(teacher.getByLabel('“Edit a copy” puts the copy in')).toHaveValue(setId);
	await teacher.getByLabel('Search').fill(builtIn.prompt.slice(0, 40));
	await teacher
		.getByRole('button', { name: `Edit a copy: ${builtIn.prompt}` })
		.first()
		.click();
	await expect(teacher.getByRole('heading', { level: 1, name: 'Edit a copy' })).toBeFocused();
	await expect(teacher.getByText('✓ Found word for word')).toBeVisible();
	const quote = teacher.getByLabel('Quote, word for word');
	await quote.focus();
	await teacher.keyboard.press('End');
	await teacher.keyboard.type(' (sic)');
	await expect(teacher.getByText('✗ Not yet word for word')).toBeVisible();
	await teacher.keyboard.press('ControlOrMeta+Z');
	await expect(teacher.getByText('✓ Found word for word')).toBeVisible();
	const copyPrompt = `In your own words: ${builtIn.prompt}`;
	await type(teacher, 'Question', copyPrompt);
	await saved(teacher);
	await teacher.goto(setUrl);
	await expect(entries.getByText(`copy of ${builtIn.id}`)).toBeVisible();
	await expect(teacher.getByRole('list', { name: 'Entries by type' })).toContainText(
		'1 Single choice'
	);
	await checkPage(teacher);

	// Assign the set by link: 4 questions travel inside the link.
	await teacher.getByRole('link', { name: 'Assign' }).click();
	await expect(teacher.getByLabel('From the set')).toHaveValue(setId);
	await type(teacher, 'Title', 'Own set check');
	await teacher.getByRole('radio', { name: /^All 4/ }).check();
	await teacher.getByRole('radio', { name: /^Test/ }).check();
	await teacher.getByRole('button', { name: 'Create the link' }).click();
	const created = teacher.getByRole('region', { name: /Link ready/ });
	const link = await created.getByRole('textbox', { name: 'Assignment link' }).inputValue();
	expect(link).toMatch(/\/a#2[A-Za-z0-9_-]+$/);
	console.log(`own-set link for 4 items: ${link.length} characters`);
	await expect(created.getByRole('img', { name: 'QR code of the assignment link' })).toBeVisible();

	// The student opens it in another browser, keeps it, and takes it offline.
	const studentContext = await browser.newContext({ baseURL: info.project.use.baseURL });
	const student = await studentContext.newPage();
	noDialogs(student);
	await openHydrated(student, '/');
	await waitForServiceWorker(student);
	await student.goto(link.replace(/^https?:\/\/[^/]+/, ''));
	await expect(student.getByRole('heading', { level: 2, name: 'Own set check' })).toBeVisible();
	await student.getByRole('textbox', { name: 'Your name' }).fill(STUDENT);
	await student.getByRole('button', { name: 'Keep this assignment' }).click();
	await studentContext.setOffline(true);
	await student.goto('/');
	await student
		.getByRole('region', { name: 'Assigned to me' })
		.getByRole('link', { name: 'Start: Own set check' })
		.click();
	await student.getByRole('button', { name: 'Start', exact: true }).click();
	await expect(student).toHaveURL(/\/study\/session\?id=/);
	const own = [
		{
			type: 'single',
			prompt: 'Who signed the INF Treaty for the USSR?',
			choices: ['Gorbachev', 'Yeltsin', 'Brezhnev'],
			answer: 'Gorbachev'
		},
		{ type: 'numeric', prompt: 'In which year was the treaty signed?', answer: 1987, tolerance: 0 },
		{
			type: 'short',
			prompt: 'Which city hosted the signing?',
			answer: 'Washington',
			accept: ['Washington D.C.']
		},
		{ ...builtIn, prompt: copyPrompt }
	] as unknown as QuizItem[];
	for (let n = 1; n <= 4; n++) {
		await expect(student.getByText(`Question ${n} of 4`)).toBeVisible();
		const item = await shownItem(student, own);
		// The numeric question is answered wrong: 3 of 4 right.
		await answerByKeyboard(student, item, item.type !== 'numeric');
		if (n < 4) await student.getByRole('button', { name: 'Next', exact: true }).click();
	}
	await student.getByRole('button', { name: 'Submit test' }).click();
	await student
		.getByRole('dialog', { name: 'Submit the test?' })
		.getByRole('button', { name: 'Submit' })
		.click();
	await expect(student.getByRole('region', { name: 'Score' })).toContainText('75%');
	const code = await student.getByRole('textbox', { name: 'Result code' }).inputValue();
	await studentContext.close();

	// The code comes back; the gradebook and the item analysis show the own questions.
	await teacher.getByRole('link', { name: 'Collect results' }).click();
	await teacher.getByRole('textbox', { name: 'Paste result codes, one or many' }).fill(code);
	await teacher.getByRole('button', { name: 'Import codes' }).click();
	const book = teacher.getByRole('region', { name: /Gradebook table/ });
	await expect(book.getByRole('row').filter({ hasText: STUDENT })).toContainText('75%');
	const analysis = teacher.getByRole('region', { name: /Item analysis table/ });
	await expect(analysis.getByRole('row')).toHaveCount(5);
	await expect(
		analysis.getByRole('row').filter({ hasText: 'In which year was the treaty signed?' })
	).toContainText('0%');
	await expect(analysis.getByRole('row').filter({ hasText: copyPrompt })).toContainText('100%');
	await expect(teacher.locator('img[src="y"], main b')).toHaveCount(0);
});

test('deleting a set asks first and keeps what was collected; an import is previewed before saving', async ({
	page
}) => {
	await openHydrated(page, '/library');
	await page.getByLabel('Title', { exact: true }).fill('Short-lived');
	await page.getByRole('button', { name: 'Create set' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Short-lived' })).toBeVisible();

	// A set file with one good entry and one bad one, line named.
	const file = [
		'{',
		'\t"format": "quire-set",',
		'\t"version": 1,',
		'\t"title": "Imported <img src=x onerror=alert(1)>",',
		'\t"topics": [{"id": "general", "title": "General"}],',
		'\t"items": [',
		'\t\t{"id": "a-1", "type": "truefalse", "prompt": "The INF Treaty was signed in 1987.", "answer": true, "topic": "general", "difficulty": 1, "voice": "fact"},',
		'\t\t{"id": "a-2", "type": "single", "prompt": "Pick", "choices": ["A", "B"], "answer": "C", "topic": "general", "difficulty": 1, "voice": "fact"}',
		'\t],',
		'\t"flashcards": []',
		'}'
	].join('\n');
	await page.goto('/library');
	await page.getByLabel('Choose a file…').setInputFiles({
		name: 'mixed.quire.json',
		mimeType: 'application/json',
		buffer: Buffer.from(file)
	});
	const heading = page.getByRole('heading', { name: 'mixed.quire.json: 1 entry to import' });
	await expect(heading).toBeFocused();
	await expect(
		page.getByText('line 8: single question skipped: answer: "C" is not one of the choices')
	).toBeVisible();
	await expect(page.getByLabel('Title of the new set')).toHaveValue(
		'Imported <img src=x onerror=alert(1)>'
	);
	expect(await axe(page)).toEqual([]);
	await page.getByRole('button', { name: 'Import 1 entry' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Imported <img src=x onerror=alert(1)>' })
	).toBeVisible();
	await expect(page.locator('img[src="x"]')).toHaveCount(0);

	// Delete asks first; cancelling keeps the set.
	await page.goto('/library');
	const card = page.getByRole('listitem').filter({ hasText: 'Short-lived' });
	await card.getByRole('button', { name: /Delete/ }).click();
	const dialog = page.getByRole('dialog', { name: 'Delete “Short-lived”?' });
	await expect(dialog).toContainText('results you collected are kept');
	await dialog.getByRole('button', { name: 'Keep it' }).click();
	await expect(card).toBeVisible();
	await card.getByRole('button', { name: /Delete/ }).click();
	await dialog.getByRole('button', { name: 'Delete the set' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Deleted “Short-lived”' })).toBeVisible();
	await expect(page.getByRole('listitem').filter({ hasText: 'Short-lived' })).toHaveCount(0);
	await page.reload();
	await expect(
		page.getByRole('heading', { level: 3, name: 'Imported <img src=x onerror=alert(1)>' })
	).toBeVisible();
	await expect(page.getByRole('heading', { level: 3, name: 'Short-lived' })).toHaveCount(0);
});

test('the editor takes a matching question pair by pair, each side labelled, and keeps it', async ({
	page
}) => {
	noDialogs(page);
	await openHydrated(page, '/library');
	await type(page, 'Title', SET);
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { level: 1, name: SET })).toBeVisible();
	const setUrl = page.url();

	await page.getByRole('link', { name: 'New question' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'New question' })).toBeFocused();
	await choose(page, 'Question type', 'Matching');
	await type(page, 'Question', 'Match each abbreviation to the treaty it names.');
	await page.getByRole('button', { name: 'Add a pair' }).press('Enter');
	const pairs = [
		['INF', 'Intermediate-Range Nuclear Forces Treaty'],
		['ABM', 'Anti-Ballistic Missile Treaty'],
		['START', 'Strategic Arms Reduction Treaty']
	] as const;
	for (const [i, [left, right]] of pairs.entries()) {
		await type(page, `Left ${i + 1}`, left);
		await type(page, `Right ${i + 1}`, right);
	}
	await page.getByRole('button', { name: 'Remove pair 2' }).click();
	await expect(page.getByLabel('Left 2', { exact: true })).toHaveValue('START');
	await expect(page.getByLabel('Right 2', { exact: true })).toHaveValue(
		'Strategic Arms Reduction Treaty'
	);
	await expect(page.getByLabel('Left 3', { exact: true })).toHaveCount(0);
	await saved(page);

	// Opened again from the set, the two pairs are as typed.
	await page.goto(setUrl);
	await page
		.getByRole('link', { name: 'Edit: Match each abbreviation to the treaty it names.' })
		.click();
	await expect(page.getByLabel('Left 1', { exact: true })).toHaveValue('INF');
	await expect(page.getByLabel('Right 1', { exact: true })).toHaveValue(
		'Intermediate-Range Nuclear Forces Treaty'
	);
	await expect(page.getByLabel('Left 2', { exact: true })).toHaveValue('START');
});
