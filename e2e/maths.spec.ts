import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openHydrated } from './helpers';

const axe = async (page: Page) =>
	(
		await new AxeBuilder({ page })
			.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
			.analyze()
	).violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(' ')})`);

/** Types into the field with this label, from the keyboard. */
async function type(page: Page, label: string, text: string) {
	const field = page.getByLabel(label, { exact: true });
	await field.focus();
	await page.keyboard.press('ControlOrMeta+A');
	await page.keyboard.type(text);
}

/** The scripts a page fetched (worker scripts too), by address. */
function scripts(page: Page): string[] {
	const seen: string[] = [];
	page.on('request', (r) => {
		if (r.resourceType() === 'script' || /\.js$/.test(new URL(r.url()).pathname))
			seen.push(r.url());
	});
	return seen;
}

/** Those of the scripts that are temml (chunk names are hashes: told by their text). */
async function temmlIn(page: Page, urls: readonly string[]): Promise<string[]> {
	const out: string[] = [];
	for (const url of new Set(urls))
		if (/temml/i.test(await (await page.request.get(url)).text())) out.push(url);
	return out;
}

test('a formula typed in the editor is previewed, stored as MathML and shown on the study page without the converter', async ({
	page
}) => {
	test.slow();
	await openHydrated(page, '/library');
	await type(page, 'Title', 'Algebra');
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { level: 1, name: 'Algebra' })).toBeVisible();
	const setId = new URL(page.url()).searchParams.get('id')!;

	const editorScripts = scripts(page);
	await page.getByRole('link', { name: 'New question' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'New question' })).toBeFocused();
	await type(page, 'Question', 'What is \\(x^2+1\\) when x = 2?');
	await type(page, 'Choice 1', '5');
	await type(page, 'Choice 2', '\\(2^2\\)');
	const preview = page.getByRole('complementary', { name: 'Preview' });
	const previewMath = preview.locator('legend math');
	await expect(previewMath).toHaveAttribute('alttext', 'x^2+1');
	await expect(previewMath.locator('msup')).toHaveText('x2');
	await expect(preview.locator('label math')).toHaveAttribute('alttext', '2^2');
	// The converter was loaded here, where TeX is typed.
	expect(await temmlIn(page, editorScripts)).toHaveLength(1);

	// A formula that is not valid TeX is named, and keeps the entry from being saved.
	await type(page, 'Choice 3', '\\(x^\\)');
	await expect(
		preview.getByText('The formula \\(x^\\) could not be converted: not valid TeX.')
	).toBeVisible();
	await expect(preview.locator('label').getByText('\\(x^\\)', { exact: true })).toBeVisible();
	await page.keyboard.press('ControlOrMeta+S');
	await expect(page.getByRole('alert')).toContainText(
		'The formula \\(x^\\) could not be converted (not valid TeX): fix it before this can be saved.'
	);
	await type(page, 'Choice 3', '\\(\\sqrt{16}\\)');
	await expect(preview.getByText('could not be converted')).toHaveCount(0);
	expect(await axe(page)).toEqual([]);
	await page.keyboard.press('ControlOrMeta+S');
	await expect(page.getByRole('alert').filter({ hasText: 'Saved in “Algebra”.' })).toBeVisible();

	// The study page: MathML from storage, no maths JavaScript.
	const context = page.context();
	const study = await context.newPage();
	const studyScripts = scripts(study);
	await openHydrated(study, `/study?set=${setId}&mode=practice`);
	await study.getByRole('button', { name: 'Start' }).click();
	await expect(study).toHaveURL(/\/study\/session\?id=/);
	const prompt = study.getByRole('group', { name: /What is/ });
	await expect(prompt.locator('legend math')).toHaveAttribute('alttext', 'x^2+1');
	await expect(prompt.locator('legend math msup')).toHaveText('x2');
	await expect(prompt.locator('label math')).toHaveCount(2);
	// Rendered as MathML: the formula is laid out (a box with height), not shown as its source.
	await expect(prompt).not.toContainText('\\(');
	expect(
		await prompt
			.locator('legend math')
			.evaluate((m) => m.namespaceURI === 'http://www.w3.org/1998/Math/MathML')
	).toBe(true);
	const resources = await study.evaluate(() =>
		performance.getEntriesByType('resource').map((r) => r.name)
	);
	expect(studyScripts.length).toBeGreaterThan(0);
	expect(
		await temmlIn(study, [...studyScripts, ...resources.filter((n) => /\.js$/.test(n))])
	).toEqual([]);
	expect(await axe(study)).toEqual([]);
	await study.emulateMedia({ colorScheme: 'dark' });
	expect(await axe(study)).toEqual([]);

	// Answered: the feedback names the right answer with its formula.
	await prompt.getByRole('radio', { name: /^1?\s*5$/ }).check();
	await study.getByRole('button', { name: 'Check' }).click();
	await expect(study.getByText('correct answer')).toBeVisible();
});
