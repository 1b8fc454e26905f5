/**
 * Issue 23's acceptance for the item-quality checker, through the real pages: a GIFT file whose
 * items have a longest-option cue and a near-duplicate is chosen in the file chooser, the preview
 * names both rules and imports "anyway"; the set page's Quality summary opens the findings, one
 * links to the editor, the fix clears the finding as it is typed, and after the save the summary
 * has changed; a warning dismissed in the editor is stored with the entry and stays dismissed
 * after a reload.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openHydrated } from './helpers';

const GIFT = [
	'::cue:: Which treaty banned ground-launched intermediate-range missiles? {=The Intermediate-Range Nuclear Forces Treaty signed in 1987 ~START ~SALT ~New START}',
	'',
	'::moon:: What is the largest moon of Saturn by diameter? {=Titan ~Rhea ~Iapetus ~Dione}',
	'',
	'::moon-again:: What is the largest moon of Saturn by its diameter? {=Titan ~Mimas ~Enceladus ~Tethys}',
	'',
	'::absolute:: Saturn always has exactly one ring.{F}',
	''
].join('\n');

const axe = async (page: Page) =>
	(
		await new AxeBuilder({ page })
			.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
			.analyze()
	).violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(' ')})`);

test('the checker in the import preview, the set page and the editor', async ({ page }) => {
	test.slow();
	await openHydrated(page, '/library');
	await page.getByLabel('Choose a file…').setInputFiles({
		name: 'cues.gift',
		mimeType: 'text/plain',
		buffer: Buffer.from(GIFT)
	});
	await expect(page.getByRole('heading', { name: 'cues.gift: 4 entries to import' })).toBeFocused();

	// The preview counts findings per rule and names both cues.
	const preview = page.getByRole('region', { name: 'Quality check' });
	await expect(preview.getByRole('rowheader', { name: /^longest-key / })).toBeVisible();
	await expect(preview.getByRole('rowheader', { name: /^near-duplicate / })).toBeVisible();
	await preview.getByText(/^longest-key .*: 1 finding$/).click();
	await expect(
		preview.getByText(/line 1: .*Which treaty banned.* the key is the longest option by far/)
	).toBeVisible();
	expect(await axe(page)).toEqual([]);
	await page.getByRole('button', { name: 'Import 4 entries anyway' }).click();

	// The set page: a quality summary that opens the list of findings.
	await expect(page.getByRole('heading', { level: 1, name: 'cues' })).toBeVisible();
	const quality = page.getByRole('region', { name: 'Quality' });
	const byRule = quality.getByText(/^By rule: /);
	await expect(byRule).toContainText('longest-key 1');
	await expect(byRule).toContainText('near-duplicate 1');
	await expect(quality).toContainText(/key longest in 33% of single-choice items/);
	await quality.getByText('Open the list of findings').click();
	await quality.getByText(/^longest-key .*: 1 finding$/).click();
	expect(await axe(page)).toEqual([]);
	await quality.getByRole('link', { name: /^Which treaty banned/ }).click();

	// The editor shows the finding beside the key, with its fix; the fix clears it as it is typed.
	await expect(page.getByRole('heading', { level: 1, name: 'Edit question' })).toBeFocused();
	const key = page.getByRole('textbox', { name: 'Choice 1', exact: true });
	await expect(key).toHaveValue(/^The Intermediate-Range/);
	const beside = page.locator('[data-rule="longest-key"]');
	await expect(beside).toContainText('Fix:');
	await expect(key).toHaveAttribute('aria-describedby', /w-choices-0/);
	expect(await axe(page)).toEqual([]);
	await key.fill('INF');
	await expect(beside).toHaveCount(0);
	await page.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(page.getByRole('alert').filter({ hasText: 'Saved in “cues”.' })).toBeVisible();

	// Back on the set page the summary no longer counts the cue.
	await page.getByRole('link', { name: 'Back to the set' }).click();
	await expect(byRule).toContainText('near-duplicate 1');
	await expect(byRule).not.toContainText('longest-key');
	await expect(quality).toContainText(/key longest in 0% of single-choice items/);

	// A warning dismissed in the editor is kept with the entry, and stays dismissed.
	await quality.getByText('Open the list of findings').click();
	await quality.getByText(/^absolute-truefalse .*: 1 finding$/).click();
	await quality.getByRole('link', { name: 'Saturn always has exactly one ring.' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Edit question' })).toBeFocused();
	const absolute = page.locator('[data-rule="absolute-truefalse"]');
	await expect(absolute).toContainText('Absolute word');
	await absolute.getByRole('button', { name: /^Dismiss/ }).click();
	await expect(page.getByText('Dismissed warnings (1)')).toBeVisible();
	await page.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(page.getByRole('alert').filter({ hasText: 'Saved in “cues”.' })).toBeVisible();
	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: 'Edit question' })).toBeFocused();
	await expect(page.getByText('Dismissed warnings (1)')).toBeVisible();
	await expect(page.getByRole('button', { name: /^Dismiss/ })).toHaveCount(0);
	await page.getByRole('link', { name: 'Back to the set' }).click();
	await expect(quality.getByRole('status')).toContainText('(1 dismissed)');
	await expect(byRule).not.toContainText('absolute-truefalse');
});
