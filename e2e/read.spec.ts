import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { waitForServiceWorker } from './helpers';
import { answerByKeyboard, bank, shownItem, startWith } from './quiz';
import { VOICE_TAGS, voiceMarks } from '../src/lib/bank/voice';

test('/read shows the article with attribution and per-paragraph counts, offline', async ({
	page,
	context
}) => {
	// Two axe passes over the whole article: slow on a busy machine.
	test.setTimeout(90_000);
	const b = await bank();
	await page.goto('/');
	await waitForServiceWorker(page);
	await context.setOffline(true);
	const response = await page.goto('/read');
	expect(response?.fromServiceWorker()).toBe(true);
	await expect(page.getByRole('heading', { level: 1, name: b.meta.title })).toBeVisible();
	await expect(page.getByText(`By ${b.meta.author}`)).toBeVisible();
	await expect(page.getByText(b.meta.outlet).first()).toBeVisible();
	// The header prints a name with no role, and so does the page.
	await expect(page.locator('header').getByText(b.meta.editor, { exact: true })).toBeVisible();
	await expect(page.getByText(/editor/i)).toHaveCount(0);
	const sections = page.locator('section.para');
	await expect(sections).toHaveCount(b.paragraphs.filter((p) => p.kind !== 'header').length);
	// p3 is the second paragraph a reader counts: the photo caption (p2) is named, not numbered.
	const p3 = page.getByRole('region', { name: 'Paragraph 2' });
	const n = [...b.items, ...b.flashcards].filter((e) => e.paragraph === 'p3').length;
	await expect(p3).toContainText(`${n} questions and cards`);
	await expect(page.getByText('Related News')).toHaveCount(0);
	for (const scheme of ['light', 'dark'] as const) {
		await page.emulateMedia({ colorScheme: scheme });
		const results = await new AxeBuilder({ page })
			.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
			.analyze();
		expect(results.violations).toEqual([]);
	}
});

test('"Show in article" lands on the highlighted quoted sentence', async ({ page }) => {
	const b = await bank();
	const item = b.items.find((i) => i.type === 'truefalse' && i.paragraph === 'p6')!;
	await startWith(page, [item.id]);
	const shown = await shownItem(page, [item]);
	await answerByKeyboard(page, shown);
	await page.keyboard.press('Enter');
	await page.getByRole('link', { name: 'Show in article' }).click();
	await expect(page).toHaveURL(`/read#p6:${item.id}`);
	const mark = page.locator('mark.quote');
	await expect(mark).toHaveCount(1);
	await expect(mark).toBeInViewport();
	await expect(mark).toBeFocused();
	const text = (await mark.innerText()).replace(/[“”]/g, '"').replace(/[‘’]/g, "'");
	expect(text).toBe(item.source.replace(/[“”]/g, '"').replace(/[‘’]/g, "'").trim());
	await expect(page.getByRole('region', { name: 'Paragraph 5' })).toContainText(
		item.source.slice(0, 20)
	);
});

test('"Show in article" for a fact from the header highlights it there', async ({ page }) => {
	const b = await bank();
	const item = b.items.find((i) => i.id === 'source-outlet')!;
	await page.goto(`/read#${item.paragraph}:${item.id}`);
	const mark = page.locator('header mark.quote');
	await expect(mark).toHaveText('China Military Online');
	await expect(mark).toBeFocused();
});

test('a paragraph starts a quiz on just that paragraph', async ({ page }) => {
	const b = await bank();
	const p9 = b.items.filter((i) => i.paragraph === 'p9');
	await page.goto('/read');
	await page.getByRole('link', { name: /Quiz paragraph 8\b/ }).click();
	await expect(page).toHaveURL(/\/study\/session\?id=/);
	await expect(page.getByText(`Question 1 of ${p9.length}`)).toBeVisible();
	await shownItem(page, p9);
});

test('"Facts and claims" marks each sentence the bank treats as a claim or prediction', async ({
	page
}) => {
	test.setTimeout(90_000);
	const b = await bank();
	const marks = voiceMarks(b);
	await page.goto('/read');
	const toggle = page.getByRole('button', { name: 'Facts and claims' });
	await expect(toggle).toBeEnabled();
	await expect(toggle).toHaveAttribute('aria-pressed', 'false');
	await expect(page.locator('.voice-mark')).toHaveCount(0);

	await toggle.click();
	await expect(toggle).toHaveAttribute('aria-pressed', 'true');
	const total = [...marks.values()].reduce((n, list) => n + list.length, 0);
	await expect(page.locator('.voice-mark')).toHaveCount(total);
	// p6, paragraph 5 as read: each marked sentence, in order, labelled in words, not by colour alone.
	const p6 = b.paragraphs.find((p) => p.id === 'p6')!;
	const expected = marks.get('p6')!;
	const shown = page.getByRole('region', { name: 'Paragraph 5' }).locator('.voice-mark');
	await expect(shown).toHaveCount(expected.length);
	for (const [i, m] of expected.entries()) {
		const labels = m.voices.map((v) => `${VOICE_TAGS[v]}:`).join('');
		await expect(shown.nth(i)).toHaveText(labels + p6.text.slice(m.start, m.end));
	}
	// The caption holds only facts.
	await expect(
		page.getByRole('region', { name: 'Photo caption' }).locator('.voice-mark')
	).toHaveCount(0);
	for (const scheme of ['light', 'dark'] as const) {
		await page.emulateMedia({ colorScheme: scheme });
		const results = await new AxeBuilder({ page })
			.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
			.analyze();
		expect(results.violations).toEqual([]);
	}
	await toggle.click();
	await expect(toggle).toHaveAttribute('aria-pressed', 'false');
	await expect(page.locator('.voice-mark')).toHaveCount(0);
});
