import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { waitForServiceWorker, storedRows } from './helpers';
import { answerByKeyboard, bank, shownItem, startWith } from './quiz';
import { VOICE_TAGS } from '../src/lib/bank/voice';

async function storedCards(page: Page) {
	return storedRows<{ id: string; state: number; due: number; kind: string }>(page, 'cards');
}

async function openReview(page: Page) {
	await page.goto('/review');
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeEnabled();
}

test('a review session by keyboard: flip, rate with previews, undo', async ({ page }) => {
	const b = await bank();
	await openReview(page);
	const first = b.flashcards[0]!;
	const card = page.getByRole('region', { name: 'Flashcard' });
	await expect(card).toContainText(first.front);
	// The face says when the card holds the author's claim or prediction rather than a fact.
	const tag = VOICE_TAGS[first.voice];
	if (tag === null) await expect(card.locator('.voice-tag')).toHaveCount(0);
	else await expect(card.locator('.voice-tag')).toHaveText(tag);
	await page.keyboard.press('Space');
	await expect(card).toContainText(first.back);
	const ratings = page.getByRole('group', { name: 'How well did you remember?' });
	for (const name of ['Again', 'Hard', 'Good', 'Easy'])
		await expect(ratings.getByRole('button', { name: new RegExp(`^${name}`) })).toBeVisible();
	// Each button shows the interval ts-fsrs would give; Easy is never sooner than Again.
	await expect(ratings.getByRole('button', { name: /^Easy/ })).toContainText(/day/);
	expect(
		(
			await new AxeBuilder({ page })
				.withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'])
				.analyze()
		).violations
	).toEqual([]);
	await page.keyboard.press('3');
	await expect(card).not.toContainText(first.back);
	let cards = await storedCards(page);
	const rated = cards.find((c) => c.id === first.id)!;
	expect(rated.state).toBe(1); // learning: a new card rated Good takes its first learning step
	expect(rated.due).toBeGreaterThan(Date.now());

	await page.keyboard.press('u');
	await expect(card).toContainText(first.front);
	cards = await storedCards(page);
	expect(cards.find((c) => c.id === first.id)).toBeUndefined();
});

test('a review by swipe: right is Good, left is Again', async ({ page }) => {
	const b = await bank();
	await openReview(page);
	const card = page.getByRole('region', { name: 'Flashcard' });
	const swipe = async (dx: number) => {
		await page.getByRole('button', { name: 'Show answer' }).click();
		const box = (await card.boundingBox())!;
		const y = box.y + box.height / 2;
		const x = box.x + box.width / 2;
		await card.dispatchEvent('pointerdown', {
			pointerType: 'touch',
			clientX: x,
			clientY: y,
			isPrimary: true
		});
		await card.dispatchEvent('pointermove', {
			pointerType: 'touch',
			clientX: x + dx,
			clientY: y,
			isPrimary: true
		});
		await card.dispatchEvent('pointerup', {
			pointerType: 'touch',
			clientX: x + dx,
			clientY: y,
			isPrimary: true
		});
	};
	await swipe(150);
	await expect(card).toContainText(b.flashcards[1]!.front);
	await swipe(-150);
	await expect(page.getByText(/Rated Again/)).toBeAttached();
	const cards = await storedCards(page);
	expect(cards.map((c) => c.id).sort()).toEqual([b.flashcards[0]!.id, b.flashcards[1]!.id].sort());
});

test('answering a quiz item counts as a review: right → Good, wrong → Again', async ({ page }) => {
	const b = await bank();
	const items = b.items.filter((i) => i.type === 'truefalse').slice(0, 2);
	await startWith(
		page,
		items.map((i) => i.id)
	);
	const plan = new Map([
		[items[0]!.id, true],
		[items[1]!.id, false]
	]);
	for (let n = 0; n < 2; n++) {
		const item = await shownItem(page, items);
		await answerByKeyboard(page, item, plan.get(item.id));
		await page.keyboard.press('Enter');
		await expect(page.getByRole('region', { name: 'Feedback' })).toBeVisible();
		await page.keyboard.press('Enter');
	}
	await expect(page).toHaveURL(/results/);
	const cards = await storedCards(page);
	const right = cards.find((c) => c.id === items[0]!.id)!;
	const wrong = cards.find((c) => c.id === items[1]!.id)!;
	expect(right.kind).toBe('item');
	// Good on a new card schedules further out than Again.
	expect(right.due).toBeGreaterThan(wrong.due);
});

test('review works offline', async ({ page, context }) => {
	const b = await bank();
	await page.goto('/');
	await waitForServiceWorker(page);
	await context.setOffline(true);
	await openReview(page);
	await page.keyboard.press('Space');
	await page.keyboard.press('3');
	await expect(page.getByRole('region', { name: 'Flashcard' })).toContainText(
		b.flashcards[1]!.front
	);
	await page.goto('/cards');
	await page.getByRole('searchbox', { name: 'Search' }).fill(b.flashcards[0]!.front.slice(0, 12));
	await expect(page.locator('ul.list > li').first()).toContainText('learning');
});

test('the card list tags claims and predictions, and only those', async ({ page }) => {
	const b = await bank();
	await page.goto('/cards');
	const list = page.locator('ul.list > li');
	await expect(list).toHaveCount(b.flashcards.length);
	for (const voice of ['fact', 'claim', 'prediction'] as const) {
		const f = b.flashcards.find((c) => c.voice === voice)!;
		const row = list.filter({ hasText: f.back }).first();
		await expect(row).toContainText(f.front);
		if (voice === 'fact') await expect(row.locator('.voice-tag')).toHaveCount(0);
		else await expect(row.locator('.voice-tag')).toHaveText(VOICE_TAGS[voice]!);
	}
});
