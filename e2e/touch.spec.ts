import { expect, test, type Page } from '@playwright/test';
import { bank, startWith } from './quiz';

/** Records navigator.vibrate calls (Chromium has it; the test reads what the page asked for). */
async function spyVibrate(page: Page) {
	await page.addInitScript(() => {
		const calls: unknown[] = [];
		(window as unknown as { vibrations: unknown[] }).vibrations = calls;
		Object.defineProperty(Navigator.prototype, 'vibrate', {
			configurable: true,
			value: (pattern: unknown) => (calls.push(pattern), true)
		});
	});
}

const vibrations = (page: Page) =>
	page.evaluate(() => (window as unknown as { vibrations: unknown[] }).vibrations);

/** Swipes the shown card's answer by dx px, as a finger does. */
async function swipe(page: Page, dx: number) {
	const card = page.getByRole('region', { name: 'Flashcard' });
	await page.getByRole('button', { name: 'Show answer' }).click();
	const box = await card.boundingBox();
	if (!box) throw new Error('no card');
	const y = box.y + box.height / 2;
	const x = box.x + box.width / 2;
	const at = (clientX: number) => ({ pointerType: 'touch', clientX, clientY: y, isPrimary: true });
	await card.dispatchEvent('pointerdown', at(x));
	await card.dispatchEvent('pointermove', at(x + dx));
	await card.dispatchEvent('pointerup', at(x + dx));
}

test('a swipe rating on /review gives a short vibration: one tick for Good, two for Again', async ({
	page
}) => {
	await spyVibrate(page);
	await page.goto('/review');
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeEnabled();
	await swipe(page, 150);
	await expect(page.getByText(/Rated Good/)).toBeAttached();
	await swipe(page, -150);
	await expect(page.getByText(/Rated Again/)).toBeAttached();
	expect(await vibrations(page)).toEqual([12, [12, 60, 12]]);
});

test('with reduced motion a swipe rating does not vibrate', async ({ page }) => {
	await page.emulateMedia({ reducedMotion: 'reduce' });
	await spyVibrate(page);
	await page.goto('/review');
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeEnabled();
	await swipe(page, 150);
	await expect(page.getByText(/Rated Good/)).toBeAttached();
	expect(await vibrations(page)).toEqual([]);
});

test('at 360×640 the on-screen keyboard does not cover the answer box or the Check button', async ({
	page
}) => {
	// Engine-neutral stand-in for a keyboard: the viewport loses the keyboard's 300 px, as the
	// visual viewport does when a phone's keyboard opens (iOS; Android with resizes-content).
	await page.setViewportSize({ width: 360, height: 640 });
	const b = await bank();
	const item = b.items.find((i) => i.type === 'short');
	if (!item) throw new Error('The bank has no short item.');
	await startWith(page, [item.id]);
	const field = page.getByRole('region', { name: /^Question 1$/ }).getByRole('textbox');
	const check = page.getByRole('button', { name: 'Check', exact: true });
	await field.fill('x');
	await expect(check).toBeEnabled();
	const hidden = 300;
	// What shows once the keyboard is up: above it, and above the tab bar when that floats over it.
	const shownBottom = async () =>
		page.evaluate(() => {
			const vv = window.visualViewport;
			const bottom = vv ? vv.offsetTop + vv.height : window.innerHeight;
			const bar = document.querySelector('nav.tabs')?.getBoundingClientRect();
			return bar && bar.top < bottom ? Math.min(bottom, bar.top) : bottom;
		});
	const bottomOf = async (l: typeof check) => {
		const box = await l.boundingBox();
		if (!box) throw new Error('not shown');
		return box.y + box.height;
	};
	// The page at its top, as it opens: the Check button sits where the keyboard will be.
	await page.evaluate(() => window.scrollTo(0, 0));
	await field.blur();
	expect(await bottomOf(check)).toBeGreaterThan(640 - hidden - 66);
	await field.focus();
	await page.setViewportSize({ width: 360, height: 640 - hidden });
	await expect.poll(async () => (await bottomOf(check)) <= (await shownBottom())).toBe(true);
	const box = await field.boundingBox();
	expect(box && box.y).toBeGreaterThanOrEqual(0);
	await expect(field).toBeFocused();
	await expect(field).toBeInViewport();
	await expect(check).toBeInViewport();
});
