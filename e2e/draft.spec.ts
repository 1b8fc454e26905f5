import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { openHydrated, waitForServiceWorker } from './helpers';
import { startOwnServer } from './server';

// An article written for this test and never used while building the drafter (see
// e2e/fixtures/articles/README.md for its licence).
const ARTICLE = readFileSync('e2e/fixtures/articles/lighthouse-keepers.txt', 'utf8');
const TITLE = 'The Last Keepers of the Northern Lights';
const ASSIGNMENT = 'Lighthouse keepers check';

const axe = async (page: Page) =>
	(
		await new AxeBuilder({ page })
			.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
			.analyze()
	).violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(' ')})`);

/** Axe in light and dark, and nothing wider than a 360 px phone. */
async function checkPage(page: Page) {
	expect(await axe(page)).toEqual([]);
	await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
	expect(await axe(page)).toEqual([]);
	await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
	const size = page.viewportSize()!;
	await page.setViewportSize({ width: 360, height: 740 });
	expect(
		await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		)
	).toBe(0);
	await page.setViewportSize(size);
}

/** "3 drafts to review", "1 draft to review", as the review's lead says it. */
const toReview = (n: number) => `${n} draft${n === 1 ? '' : 's'} to review`;

/** A fixed Math.random (mulberry32), as an init script: the same ids, drafts and order each run. */
function seedMathRandom() {
	let state = 0x9e3779b9;
	Math.random = () => {
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Answers whatever question is shown, right or wrong: the test only needs its feedback. */
async function answerAnything(page: Page) {
	const card = page.getByRole('region', { name: /^Question \d+$/ });
	const radios = card.getByRole('radio');
	if ((await radios.count()) > 0) await radios.first().check();
	for (const box of await card.getByRole('textbox').all()) await box.fill('1');
	for (const box of await card.getByRole('spinbutton').all()) await box.fill('1');
	for (const select of await card.getByRole('combobox').all()) {
		await select.selectOption({ index: 1 });
	}
}

test('a teacher drafts a set from an article, reviews it, assigns it; a student takes it offline and finds the quote', async ({
	browser,
	page
}, info) => {
	test.setTimeout(240_000);
	page.on('dialog', (d) => {
		throw new Error(`Unexpected dialog: ${d.message()}`);
	});

	// The new set's id seeds the drafter, and the id comes from Math.random: a fixed sequence makes
	// the drafts, and so every step below, the same on each run.
	await page.addInitScript(seedMathRandom);

	// 1. Paste the article: the title, outlet and author come from its heading and byline.
	await openHydrated(page, '/library');
	await page.getByRole('link', { name: 'New set from an article' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'New set from an article' })
	).toBeFocused();
	await page.getByLabel('Paste the text').fill(ARTICLE);
	await expect(page.getByLabel('Title')).toHaveValue(TITLE);
	await expect(page.getByLabel('Outlet (optional)')).toHaveValue('Shoreline Quarterly');
	await expect(page.getByLabel('Author (optional)')).toHaveValue('Tomas Lindqvist');
	await expect(page.getByText('8 paragraphs found.')).toBeVisible();
	await page.getByLabel('Date (optional)').fill('Spring 2026');
	await checkPage(page);

	// 2. Draft in the worker: the page answers while it works.
	const started = Date.now();
	await page.getByRole('button', { name: 'Draft questions' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Review drafts' })).toBeVisible({
		timeout: 60_000
	});
	console.log(
		`drafting ${ARTICLE.split(/\s+/).length} words in the browser, saved and listed: ${Date.now() - started} ms`
	);
	const drafts = page
		.getByRole('list')
		.filter({ has: page.getByRole('button', { name: /^Accept draft/ }) })
		.getByRole('listitem');
	// The list is drawn after the heading (all its drafts in one update): count once it is there.
	await expect(drafts.first()).toBeVisible();
	const drafted = await drafts.count();
	console.log(`drafts to review: ${drafted}`);
	// About one item per 45 words and a few cards: a 383-word article gives 8 or more.
	expect(drafted).toBeGreaterThan(7);
	await expect(page.getByText(`${drafted} drafts to review, 0 entries in the set.`)).toBeVisible();
	// Every draft shows its paragraph with the quote highlighted in it.
	const first = drafts.first();
	await expect(first.locator('blockquote mark')).toHaveCount(1);
	expect(await first.locator('blockquote').innerText()).toContain(
		await first.locator('blockquote mark').innerText()
	);
	await checkPage(page);

	// 3. Review: reject one, accept five in bulk (from the keyboard), edit one in the editor.
	await page.getByRole('button', { name: 'Reject draft 1', exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Rejected 1 draft.' })).toBeVisible();
	await expect(drafts).toHaveCount(drafted - 1);
	for (let i = 1; i <= 5; i++) {
		const box = page.getByRole('checkbox', { name: `Select draft ${i}`, exact: true });
		await box.focus();
		await page.keyboard.press('Space');
		await expect(box).toBeChecked();
	}
	await page.getByRole('button', { name: 'Accept 5 selected' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: `Accepted 5 drafts into “${TITLE}”.` })
	).toBeVisible();
	await expect(drafts).toHaveCount(drafted - 6);
	await expect(page.getByText(`${toReview(drafted - 6)}, 5 entries in the set.`)).toBeVisible();

	// Edit the first draft whose editor has one prompt field ("Question", or "Statement to judge"
	// for true or false); a cloze shows its text with blanks instead, a flashcard its two sides.
	const asQuestion = drafts
		.filter({
			hasNot: page.locator('.tag', { hasText: /^(Fill in the blanks|Flashcard)$/ })
		})
		.first();
	await asQuestion.getByRole('link', { name: /^Edit draft \d+$/ }).click();
	await expect(page).toHaveURL(/\/library\/edit\?set=set-[a-z0-9]+&item=/);
	const setId = new URL(page.url()).searchParams.get('set')!;
	const prompt = page.getByLabel(/^(Question|Statement to judge)$/);
	await expect(prompt).not.toHaveValue('');
	const edited = `${await prompt.inputValue()} (Answer from the article.)`;
	await prompt.fill(edited);
	await page.keyboard.press('ControlOrMeta+S');
	await expect(page.getByRole('alert').filter({ hasText: `Saved in “${TITLE}”.` })).toBeVisible();
	await page.getByRole('link', { name: 'Back to the drafts' }).click();
	await expect(page.getByText(`${toReview(drafted - 7)}, 6 entries in the set.`)).toBeVisible();

	// The set lists six entries, the edited one among them, and reads its own article.
	await page.goto(`/library/set?id=${setId}`);
	await expect(page.getByRole('paragraph').filter({ hasText: edited })).toBeVisible();
	await expect(page.getByText('6 of 6 shown')).toBeVisible();
	await page.getByRole('link', { name: 'Read its article' }).click();
	await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
	await expect(
		page.getByText('The Northern Lighthouse Board (NLB), which is the body')
	).toBeVisible();
	await checkPage(page);

	// 4. Assign the set by link, in practice mode so each answer shows its feedback.
	await page.goto(`/library/set?id=${setId}`);
	await page.getByRole('link', { name: 'Assign' }).click();
	await expect(page.getByLabel('From the set')).toHaveValue(setId);
	await page.getByLabel('Title', { exact: true }).fill(ASSIGNMENT);
	await page.getByRole('radio', { name: /^All \d+/ }).check();
	await page.getByRole('radio', { name: /^Practice/ }).check();
	await page.getByRole('button', { name: 'Create the link' }).click();
	const created = page.getByRole('region', { name: /Link ready/ });
	const link = await created.getByRole('textbox', { name: 'Assignment link' }).inputValue();
	expect(link).toMatch(/\/a#2[A-Za-z0-9_-]+$/);
	console.log(`link for 6 questions and their article: ${link.length} characters`);

	// 5. A student in another browser keeps it, then the server goes away.
	const server = await startOwnServer();
	const studentContext = await browser.newContext({ baseURL: info.project.use.baseURL });
	await studentContext.addInitScript(seedMathRandom);
	const student = await studentContext.newPage();
	try {
		try {
			await openHydrated(student, `${server.url}/`);
			await waitForServiceWorker(student);
			await student.goto(`${server.url}${link.replace(/^https?:\/\/[^/]+/, '')}`);
			await expect(student.getByRole('heading', { level: 2, name: ASSIGNMENT })).toBeVisible();
			await student.getByRole('textbox', { name: 'Your name' }).fill('Ada');
			await student.getByRole('button', { name: 'Keep this assignment' }).click();
			await expect(student.getByRole('button', { name: 'Start', exact: true })).toBeVisible();
		} finally {
			await server.stop();
		}
		const home = await student.goto(`${server.url}/`);
		expect(home?.fromServiceWorker()).toBe(true);
		await student
			.getByRole('region', { name: 'Assigned to me' })
			.getByRole('link', { name: `Start: ${ASSIGNMENT}` })
			.click();
		await student.getByRole('button', { name: 'Start', exact: true }).click();
		await expect(student).toHaveURL(/\/study\/session\?id=/);
		await answerAnything(student);
		await student.getByRole('button', { name: 'Check' }).click();
		const feedback = student.locator('.feedback');
		const quote = (await feedback.locator('blockquote').innerText({ timeout: 20_000 }))
			.trim()
			.replace(/^“|”$/g, '');
		expect(quote.length).toBeGreaterThan(10);
		expect(ARTICLE).toContain(quote);

		// 6. "Show in article" opens the article the link carried, offline, on the quote.
		await feedback.getByRole('link', { name: 'Show in article' }).click();
		await expect(student).toHaveURL(/\/read#p\d+:/);
		await expect(student.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
		const mark = student.locator('mark.quote');
		await expect(mark).toHaveText(quote);
		await expect(mark).toBeFocused();
		await checkPage(student);
	} finally {
		await studentContext.close();
	}
});

test('a text the drafter cannot use is refused with a message saying why, and nothing is stored', async ({
	page
}) => {
	test.setTimeout(120_000);
	await openHydrated(page, '/library/draft');
	const text = page.getByLabel('Paste the text');
	const title = page.getByLabel('Title');
	const draft = page.getByRole('button', { name: 'Draft questions' });
	const alert = page.getByRole('alert');

	// Empty: said on the page, before any drafting.
	await draft.click();
	await expect(alert).toHaveText('Paste the article or open a file first.');

	// Too short.
	await text.fill('The keepers trimmed the wicks at dusk and wrote the weather in a logbook.');
	await title.fill('Keepers');
	await draft.click();
	await expect(alert).toHaveText(
		'The text has 14 words: too short to draft a set from. Paste at least 150 words (a few paragraphs). Nothing was saved.'
	);

	// The same sentence over and over.
	await text.fill(
		Array.from({ length: 40 }, () => 'The keepers trimmed the wicks at dusk.').join(' ')
	);
	await title.fill('Keepers');
	await draft.click();
	await expect(alert).toContainText('repeats the same sentences over and over');

	// Not English: the language is named, and the drafter does not pretend to read it.
	const french = Array.from(
		{ length: 12 },
		(_, i) =>
			`Les gardiens du phare numéro ${i} taillaient les mèches au crépuscule et notaient le temps dans un registre toutes les quatre heures.`
	).join('\n\n');
	await text.fill(french);
	await title.fill('Les gardiens');
	await draft.click();
	await expect(alert).toContainText('This text looks like French. The drafter reads English only');

	// Nothing was stored: the library has no set of either title.
	await page.goto('/library');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(page.getByText('Keepers', { exact: true })).toHaveCount(0);
	await expect(page.getByText('Les gardiens', { exact: true })).toHaveCount(0);
	await checkPage(page);
});
