/**
 * Issue 11's acceptance, through the real pages: a teacher imports a Moodle GIFT file with every
 * feature, sees the preview with the bad line named, saves, edits one item, assigns the set by
 * link; a student in another browser takes it offline; the code comes back and the gradebook and
 * item analysis show the teacher's own items.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { parseGift } from '../src/lib/bank/formats/gift';
import type { QuizItem } from '../src/lib/bank/schema';
import { openHydrated, waitForServiceWorker } from './helpers';
import { answerByKeyboard } from './quiz';

const FILE = 'src/lib/bank/formats/fixtures/every-feature.gift';
const STUDENT = 'Dana <img src=z onerror=alert(4)>';
const EDITED = 'The sun rises in the east, as seen from the equator.';

test('a GIFT file with every feature: preview, save, edit, assign, taken offline, graded', async ({
	browser,
	page: teacher
}, info) => {
	test.slow();
	const text = readFileSync(FILE, 'utf8');
	const parsed = parseGift(text);
	// Two questions break editorial rules (a prompt that gives the answer away, a blank's answer
	// also outside the blanks): Moodle takes them, so they are imported, with the advice shown.
	const items = parsed.items;
	const entries = items.length + parsed.flashcards.length;
	expect(entries).toBeGreaterThan(17);

	await openHydrated(teacher, '/library');
	await teacher.getByLabel('Choose a file…').setInputFiles({
		name: 'every-feature.gift',
		mimeType: 'text/plain',
		buffer: Buffer.from(text)
	});
	const heading = teacher.getByRole('heading', {
		name: `every-feature.gift: ${entries} entries to import`
	});
	await expect(heading).toBeFocused();
	await expect(teacher.getByText('Format: Moodle GIFT · 1 problem skipped')).toBeVisible();
	// The one malformed line, named with its number and what is wrong; unsupported parts named
	// too, each with its line; the advice beside its question.
	await expect(
		teacher.getByText('line 77: the weight 300% is outside -100% … 100%; question skipped')
	).toBeVisible();
	await expect(
		teacher.getByText(
			'line 72: essay question (no answer to check): imported as a flashcard with a note that the file gives no model answer on the back'
		)
	).toBeVisible();
	const entombed = teacher
		.getByRole('listitem')
		.filter({ hasText: 'Which two people are entombed in Grant' })
		.filter({ has: teacher.getByRole('list', { name: 'Problems' }) });
	await expect(
		entombed.getByText(
			'line 15: question "entombed-two": prompt gives away the answer "Grant" (advice; imported as written)'
		)
	).toBeVisible();
	await expect(teacher.getByText(/line 35: question "missing-word": .*advice/)).toBeVisible();
	// Nothing is saved before the teacher confirms.
	await teacher.reload();
	await expect(teacher.getByRole('heading', { level: 3, name: 'US presidents' })).toHaveCount(0);
	await teacher.getByLabel('Choose a file…').setInputFiles({
		name: 'every-feature.gift',
		mimeType: 'text/plain',
		buffer: Buffer.from(text)
	});
	await expect(heading).toBeFocused();
	await teacher.getByLabel('Title of the new set').fill('Grant quiz');
	await teacher.getByRole('button', { name: `Import ${entries} entries` }).click();
	await expect(teacher.getByRole('heading', { level: 1, name: 'Grant quiz' })).toBeVisible();
	const setUrl = teacher.url();
	// HTML in the file is shown as text, never rendered.
	await expect(teacher.locator('main img, main b')).toHaveCount(0);

	// Edit one item: the first true/false gets a sharper prompt.
	const list = teacher.getByRole('region', { name: 'Entries' });
	await expect(list.getByRole('listitem')).toHaveCount(entries);
	await list.getByRole('link', { name: 'Edit: The sun rises in the east.' }).click();
	await expect(teacher.getByRole('heading', { level: 1, name: 'Edit question' })).toBeFocused();
	await teacher.getByLabel('Statement to judge', { exact: true }).fill(EDITED);
	await teacher.keyboard.press('ControlOrMeta+S');
	await expect(
		teacher.getByRole('alert').filter({ hasText: 'Saved in “Grant quiz”.' })
	).toBeVisible();
	await teacher.goto(setUrl);
	await expect(list.getByRole('link', { name: `Edit: ${EDITED}` })).toBeVisible();

	// Assign every question of the set by link, as a test.
	await teacher.getByRole('link', { name: 'Assign' }).click();
	await teacher.getByLabel('Title', { exact: true }).fill('Grant check');
	const n = items.length;
	await teacher.getByRole('radio', { name: new RegExp(`^All ${n}`) }).check();
	await teacher.getByRole('radio', { name: /^Test/ }).check();
	await teacher.getByRole('button', { name: 'Create the link' }).click();
	const created = teacher.getByRole('region', { name: /Link ready/ });
	const link = await created.getByRole('textbox', { name: 'Assignment link' }).inputValue();
	expect(link).toMatch(/\/a#2[A-Za-z0-9_-]+$/);
	console.log(`own-set link for ${n} GIFT items: ${link.length} characters`);

	// The student keeps it, then takes it with the network gone.
	const studentContext = await browser.newContext({ baseURL: info.project.use.baseURL });
	const student = await studentContext.newPage();
	await openHydrated(student, '/');
	await waitForServiceWorker(student);
	await student.goto(link.replace(/^https?:\/\/[^/]+/, ''));
	await expect(student.getByRole('heading', { level: 2, name: 'Grant check' })).toBeVisible();
	await student.getByRole('textbox', { name: 'Your name' }).fill(STUDENT);
	await student.getByRole('button', { name: 'Keep this assignment' }).click();
	await studentContext.setOffline(true);
	await student.goto('/');
	await student
		.getByRole('region', { name: 'Assigned to me' })
		.getByRole('link', { name: 'Start: Grant check' })
		.click();
	await student.getByRole('button', { name: 'Start', exact: true }).click();
	await expect(student).toHaveURL(/\/study\/session\?id=/);
	// True/false questions are answered right (their prompts are unique); the rest are left.
	const tf = items
		.filter((i) => i.type === 'truefalse')
		.map((i) => (i.prompt.startsWith('The sun rises') ? { ...i, prompt: EDITED } : i));
	let answered = 0;
	for (let q = 1; q <= n; q++) {
		await expect(student.getByText(`Question ${q} of ${n}`)).toBeVisible();
		const card = student.getByRole('region', { name: /^Question \d+$/ });
		const shown = (await card.innerText()).replace(/\s+/g, ' ');
		const item = tf.find((i) => shown.includes(i.prompt.replace(/\s+/g, ' ')));
		if (item) {
			await answerByKeyboard(student, item as unknown as QuizItem);
			answered++;
		}
		if (q < n) await student.getByRole('button', { name: 'Next', exact: true }).click();
	}
	expect(answered).toBe(tf.length);
	await student.getByRole('button', { name: 'Submit test' }).click();
	await student.getByRole('dialog').getByRole('button', { name: 'Submit' }).click();
	await expect(student.getByRole('region', { name: 'Score' })).toBeVisible();
	const code = await student.getByRole('textbox', { name: 'Result code' }).inputValue();
	await studentContext.close();

	// The code comes back: the gradebook and the item analysis show the own items.
	await teacher.getByRole('link', { name: 'Collect results' }).click();
	await teacher.getByRole('textbox', { name: 'Paste result codes, one or many' }).fill(code);
	await teacher.getByRole('button', { name: 'Import codes' }).click();
	const book = teacher.getByRole('region', { name: /Gradebook table/ });
	await expect(book.getByRole('row').filter({ hasText: STUDENT })).toContainText(
		`${Math.round((tf.length / n) * 1000) / 10}%`
	);
	const analysis = teacher.getByRole('region', { name: /Item analysis table/ });
	await expect(analysis.getByRole('row')).toHaveCount(n + 1);
	await expect(analysis.getByRole('row').filter({ hasText: EDITED })).toContainText('100%');
	await expect(
		analysis.getByRole('row').filter({ hasText: 'Match each country with its capital.' })
	).toContainText('0%');
	await expect(teacher.locator('img[src="z"]')).toHaveCount(0);
});
