import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { QuizItem } from '../src/lib/bank/schema';
import { bank, shownItem, startWith } from './quiz';
import { storedRows } from './helpers';

const axe = (page: Page) =>
	new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
		.analyze();

const card = (page: Page) => page.getByRole('region', { name: /^Question \d+$/ });

/** The unfinished session's state as stored in IndexedDB. */
function storedState(page: Page) {
	type State = { drafts?: Record<string, unknown>; answers: Record<string, { answer: unknown }> };
	return storedRows<{ status: string; state: State }>(page, 'sessions').then(
		(rows) => rows.find((r) => r.status === 'active')?.state ?? null
	);
}

async function orderShown(page: Page) {
	return (await card(page).locator('ol.order li .text').allInnerTexts()).map((t) => t.trim());
}

/** A palette button's name: its number, then whether it is answered. */
const pill = (n: number, state: 'answered' | 'not answered') => new RegExp(`^${n}\\s*, ${state}$`);

/** The matching item whose longest option is longest: the hardest to show whole on a phone. */
function widestMatch(items: QuizItem[]) {
	const matches = items.filter(
		(i): i is Extract<QuizItem, { type: 'match' }> => i.type === 'match'
	);
	const widest = (i: (typeof matches)[number]) => Math.max(...i.pairs.map((p) => p.right.length));
	const found = [...matches].sort((a, b) => widest(b) - widest(a))[0];
	if (!found) throw new Error('The bank has no matching item.');
	return found;
}

function itemOf<T extends QuizItem['type']>(items: QuizItem[], type: T, id?: string) {
	const found = items.find((i) => i.type === type && (!id || i.id === id));
	if (!found) throw new Error(`The bank has no ${id ?? type} item.`);
	return found as Extract<QuizItem, { type: T }>;
}

test('ordering by keyboard: Space, Enter and click move, Check checks, focus stays predictable', async ({
	page
}) => {
	const item = itemOf((await bank()).items, 'order');
	await startWith(page, [item.id]);
	const before = await orderShown(page);
	const second = before[1]!;
	await card(page)
		.getByRole('button', { name: `Move “${second}” up` })
		.focus();
	await page.keyboard.press('Space');
	expect(await orderShown(page)).toEqual([second, before[0], ...before.slice(2)]);
	// At the top the up button goes; focus moves to the same entry's down button.
	await expect(card(page).getByRole('button', { name: `Move “${second}” down` })).toBeFocused();
	const last = before.at(-1)!;
	await card(page)
		.getByRole('button', { name: `Move “${last}” up` })
		.click();
	const moved = await orderShown(page);
	expect(moved.indexOf(last)).toBe(before.length - 2);
	await expect(card(page).getByRole('button', { name: `Move “${last}” up` })).toBeFocused();

	// Enter on a move button presses it, as Space does: the entry moves, nothing is checked.
	await page.keyboard.press('Enter');
	await expect.poll(async () => (await orderShown(page)).indexOf(last)).toBe(before.length - 3);
	await expect(card(page).locator('button:focus')).toHaveAttribute(
		'aria-label',
		new RegExp(`^Move “${last.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}” (up|down)$`)
	);
	await expect(page.getByRole('region', { name: 'Feedback' })).toHaveCount(0);
	const twice = await orderShown(page);
	// Enter on the Check button checks the order as it stands.
	await page.getByRole('button', { name: 'Check', exact: true }).focus();
	await page.keyboard.press('Enter');
	const feedback = page.getByRole('region', { name: 'Feedback' });
	await expect(feedback.getByRole('status')).toBeVisible();
	expect(await orderShown(page)).toEqual(twice);
	await expect(feedback).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/study\/results\?id=/);
});

test('matching: Enter checks from an option, and focus lands on the feedback', async ({ page }) => {
	const item = itemOf((await bank()).items, 'match');
	await startWith(page, [item.id]);
	const first = item.pairs[0]!;
	const group = card(page).getByRole('group', { name: first.left, exact: true });
	await group.getByRole('radio', { name: first.right, exact: true }).focus();
	await page.keyboard.press('Space');
	await expect(group.getByRole('radio', { name: first.right, exact: true })).toBeChecked();
	await page.keyboard.press('Enter');
	const feedback = page.getByRole('region', { name: 'Feedback' });
	await expect(feedback.getByRole('status')).toContainText(/Partly right|Correct/);
	await expect(feedback).toBeFocused();
});

test.describe('at 360 px', () => {
	test.use({ viewport: { width: 360, height: 740 } });

	test('matching shows every option in full, chosen or not', async ({ page }) => {
		const item = widestMatch((await bank()).items);
		await startWith(page, [item.id]);
		for (const pair of item.pairs) {
			const group = card(page).getByRole('group', { name: pair.left, exact: true });
			await expect(group).toBeVisible();
			for (const option of item.pairs) {
				const label = group.locator('label').filter({ hasText: option.right });
				await expect(label).toBeVisible();
				// Nothing clipped: the text fits its box and the box fits the screen.
				const fit = await label.evaluate((el) => {
					const text = el.querySelector('.text') ?? el;
					const box = el.getBoundingClientRect();
					return {
						text: text.textContent?.trim(),
						clipped: text.scrollWidth > text.clientWidth || el.scrollWidth > el.clientWidth,
						inside: box.left >= 0 && box.right <= document.documentElement.clientWidth
					};
				});
				expect(fit).toEqual({ text: option.right, clipped: false, inside: true });
			}
			await group.getByRole('radio', { name: pair.right, exact: true }).check();
		}
		// The chosen pairs can be re-read before checking.
		for (const pair of item.pairs) {
			const group = card(page).getByRole('group', { name: pair.left, exact: true });
			await expect(group.getByRole('radio', { name: pair.right, exact: true })).toBeChecked();
			await expect(group.getByText(pair.right, { exact: true })).toBeVisible();
		}
		expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(
			true
		);
		expect((await axe(page)).violations).toEqual([]);
	});

	test('checked matching marks each pair and the right answers, axe-clean', async ({ page }) => {
		const item = widestMatch((await bank()).items);
		await startWith(page, [item.id]);
		const [a, b, ...rest] = item.pairs;
		// Two answers swapped, the rest right.
		const given = [[a!.left, b!.right], [b!.left, a!.right], ...rest.map((p) => [p.left, p.right])];
		for (const [left, right] of given)
			await card(page)
				.getByRole('group', { name: left, exact: true })
				.getByRole('radio', { name: right, exact: true })
				.check();
		await page.getByRole('button', { name: 'Check' }).click();
		await expect(page.getByRole('region', { name: 'Feedback' }).getByRole('status')).toContainText(
			'Partly right'
		);
		const wrongGroup = card(page).getByRole('group', { name: `${a!.left} (wrong)` });
		await expect(wrongGroup.locator('label').filter({ hasText: a!.right })).toContainText(
			'correct answer'
		);
		await expect(wrongGroup.getByRole('radio', { name: b!.right, exact: true })).toBeChecked();
		expect((await axe(page)).violations).toEqual([]);
	});
});

test('practice: typed answers survive a reload before Check, order moves too', async ({ page }) => {
	const items = (await bank()).items;
	const short = itemOf(items, 'short');
	const cloze = itemOf(items, 'cloze');
	const numeric = itemOf(items, 'numeric');
	const order = itemOf(items, 'order');
	const all = [short, cloze, numeric, order];
	await startWith(
		page,
		all.map((i) => i.id)
	);
	const typed = new Map<string, string>();
	let moved: string[] = [];
	for (let n = 0; n < all.length; n++) {
		const item = await shownItem(page, all);
		if (item.type === 'order') {
			const shown = await orderShown(page);
			await card(page)
				.getByRole('button', { name: `Move “${shown[1]}” up` })
				.click();
			moved = await orderShown(page);
			expect(moved[0]).toBe(shown[1]);
		} else {
			const text = item.type === 'numeric' ? '1234' : 'draft words';
			await card(page).getByRole('textbox').first().fill(text);
			typed.set(item.id, text);
		}
		// Nothing checked; Skip goes on to the next unanswered item.
		await page.getByRole('button', { name: 'Skip' }).click();
		await expect(page.getByText(`Question ${((n + 1) % all.length) + 1} of 4`)).toBeVisible();
	}
	// Drafts are stored once typing pauses; wait for the last one before reloading.
	await expect
		.poll(async () => Object.keys((await storedState(page))?.drafts ?? {}).sort())
		.toEqual(all.map((i) => i.id).sort());
	expect((await storedState(page))?.answers).toEqual({});

	await page.reload();
	for (let n = 0; n < all.length; n++) {
		await expect(page.getByText(`Question ${n + 1} of 4`)).toBeVisible();
		const item = await shownItem(page, all);
		if (item.type === 'order') expect(await orderShown(page)).toEqual(moved);
		else await expect(card(page).getByRole('textbox').first()).toHaveValue(typed.get(item.id)!);
		await page.getByRole('button', { name: 'Skip' }).click();
	}
});

test('practice: a draft typed just before going elsewhere in the app is kept', async ({ page }) => {
	const short = itemOf((await bank()).items, 'short');
	await startWith(page, [short.id]);
	await card(page).getByRole('textbox').fill('last words');
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Study' }).click();
	await page.getByRole('link', { name: 'Resume' }).click();
	await expect(card(page).getByRole('textbox')).toHaveValue('last words');
});

test('test mode: an order question once shown counts its order, as the palette says', async ({
	page
}) => {
	const items = (await bank()).items;
	const single = itemOf(items, 'single');
	const order = itemOf(items, 'order');
	await startWith(page, [single.id, order.id], 'test');
	const palette = page.getByRole('navigation', { name: 'Questions' });
	const orderAt = (await shownItem(page, [single, order])).id === order.id ? 1 : 2;
	const singleAt = 3 - orderAt;
	if (orderAt === 2) {
		await expect(palette.getByRole('button', { name: pill(2, 'not answered') })).toBeVisible();
		await palette.getByRole('button', { name: /^2\b/ }).click();
	}
	const shown = await orderShown(page);
	// Untouched, the order on screen is the answer.
	await expect(palette.getByRole('button', { name: pill(orderAt, 'answered') })).toBeVisible();
	await expect(palette.getByRole('button', { name: pill(singleAt, 'not answered') })).toBeVisible();
	await page.getByRole('button', { name: 'Submit test' }).click();
	const dialog = page.getByRole('dialog', { name: 'Submit the test?' });
	await expect(dialog).toContainText(`1 question not answered: number ${singleAt}.`);
	await dialog.getByRole('button', { name: 'Submit' }).click();
	await expect(page).toHaveURL(/\/study\/results\?id=/);
	const row = page.locator('ol.items > li').filter({ hasText: order.prompt });
	await expect(row).toContainText(shown.join(' → '));
});

test('feedback on a near miss reads "Not quite — close, check your spelling"', async ({ page }) => {
	const short = (await bank()).items.find(
		(i): i is Extract<QuizItem, { type: 'short' }> =>
			i.type === 'short' && i.answer.length >= 6 && !/\d/.test(i.answer)
	)!;
	await startWith(page, [short.id]);
	await card(page).getByRole('textbox').fill(`${short.answer}x`);
	await page.keyboard.press('Enter');
	await expect(page.getByRole('region', { name: 'Feedback' }).getByRole('status')).toHaveText(
		'✗ Not quite — close, check your spelling'
	);
});

/** Presses Enter on a focused control; the page's Enter shortcut must leave it alone. */
async function enterOn(page: Page, control: ReturnType<Page['getByRole']>) {
	await control.focus();
	await expect(control).toBeFocused();
	await page.keyboard.press('Enter');
}

for (const mode of ['practice', 'learn', 'test'] as const) {
	test(`${mode}: Enter on every focused button in the quiz presses that button`, async ({
		page
	}) => {
		const b = await bank();
		const order = itemOf(b.items, 'order');
		const tf = itemOf(b.items, 'truefalse');
		await startWith(page, [order.id, tf.id], mode);
		const feedback = page.getByRole('region', { name: 'Feedback' });
		// The shortcuts button opens its dialog; nothing is checked.
		await enterOn(page, page.getByRole('button', { name: /^Shortcuts/ }));
		const keys = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
		await expect(keys).toBeVisible();
		await enterOn(page, keys.getByRole('button', { name: 'Close' }));
		await expect(keys).toBeHidden();
		if ((await shownItem(page, [order, tf])).id !== order.id) {
			if (mode === 'test') {
				// A palette pill goes to its question.
				await enterOn(page, page.getByRole('button', { name: pill(2, 'not answered') }));
				await expect(page.getByText('Question 2 of 2')).toBeVisible();
			} else {
				// Skip skips: the order question comes up, nothing is answered.
				await enterOn(page, page.getByRole('button', { name: 'Skip', exact: true }));
				await expect.poll(async () => (await shownItem(page, [order, tf])).id).toBe(order.id);
				await expect(feedback).toHaveCount(0);
			}
		}
		expect((await shownItem(page, [order, tf])).id).toBe(order.id);
		// A move button moves its entry, down then up, and checks nothing.
		const before = await orderShown(page);
		await enterOn(page, card(page).getByRole('button', { name: `Move “${before[0]}” down` }));
		await expect.poll(() => orderShown(page)).toEqual([before[1], before[0], ...before.slice(2)]);
		await enterOn(page, card(page).getByRole('button', { name: `Move “${before[0]}” up` }));
		await expect.poll(() => orderShown(page)).toEqual(before);
		await expect(feedback).toHaveCount(0);
		if (mode === 'test') {
			// Flag flags; Submit test asks first.
			await enterOn(page, page.getByRole('button', { name: 'Flag for review' }));
			await expect(page.getByRole('button', { name: 'Flagged', exact: true })).toHaveAttribute(
				'aria-pressed',
				'true'
			);
			await enterOn(page, page.getByRole('button', { name: 'Submit test' }));
			await expect(page.getByRole('dialog', { name: 'Submit the test?' })).toBeVisible();
			await expect(page).toHaveURL(/\/study\/session/);
		} else {
			// Check checks the order as it stands; Next (or See results) then moves on.
			await enterOn(page, page.getByRole('button', { name: 'Check', exact: true }));
			await expect(feedback.getByRole('status')).toBeVisible();
			expect(await orderShown(page)).toEqual(before);
			const next = page.getByRole('button', { name: /^(Next|See results)$/ });
			await enterOn(page, next);
			await expect(feedback).toHaveCount(0);
		}
	});
}
