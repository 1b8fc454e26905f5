import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { bank, startWith } from './quiz';

test('a refused typed answer shows the accepted forms and can be reported as one that should count', async ({
	page
}) => {
	const b = await bank();
	const item = b.items.find((i) => i.type === 'short' && i.accept.length > 0);
	if (!item || item.type !== 'short') throw new Error('The bank has no short item with variants.');
	await startWith(page, [item.id]);
	const card = page.getByRole('region', { name: /^Question 1$/ });
	await card.getByRole('textbox').fill('Ministry of Silly Walks');
	await page.keyboard.press('Enter');
	const feedback = page.getByRole('region', { name: 'Feedback' });
	await expect(feedback).toContainText('Accepted:');
	for (const form of [item.answer, ...item.accept]) await expect(feedback).toContainText(form);
	const button = feedback.getByRole('button', { name: 'My answer should count' });
	await button.click();
	const dialog = page.getByRole('dialog', { name: 'Report a problem' });
	await expect(dialog.getByRole('radio', { name: 'My answer should count' })).toBeChecked();
	await dialog
		.getByRole('textbox', { name: 'Note (optional)' })
		.fill('I typed Ministry of Silly Walks');
	expect(
		(await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze())
			.violations
	).toEqual([]);
	await dialog.getByRole('button', { name: 'Send report' }).click();
	await expect(dialog).toBeHidden();
	await expect(feedback).toContainText('You reported: My answer should count');
});

test('a right typed answer shows no accepted list and no suggested report', async ({ page }) => {
	const b = await bank();
	const item = b.items.find((i) => i.type === 'short');
	if (!item || item.type !== 'short') throw new Error('The bank has no short item.');
	await startWith(page, [item.id]);
	await page
		.getByRole('region', { name: /^Question 1$/ })
		.getByRole('textbox')
		.fill(item.answer);
	await page.keyboard.press('Enter');
	const feedback = page.getByRole('region', { name: 'Feedback' });
	await expect(feedback.getByRole('button', { name: 'Report a problem' })).toBeVisible();
	await expect(feedback).not.toContainText('Accepted:');
});
