import { expect, type Page } from '@playwright/test';
import type { Bank, QuizItem } from '../src/lib/bank/schema';
import { loadBank } from '../src/lib/bank/load';

let cached: Bank | null = null;

/** The compiled bank, read from questions/ the way the build reads it. */
export async function bank(): Promise<Bank> {
	if (!cached) {
		const result = await loadBank('questions');
		if (!result.bank) throw new Error('The question bank does not validate.');
		cached = result.bank;
	}
	return cached;
}

/** One item of each of the eight types, in the engine's type order. */
export async function oneOfEachType(): Promise<QuizItem[]> {
	const b = await bank();
	const types = ['single', 'multi', 'truefalse', 'cloze', 'short', 'numeric', 'order', 'match'];
	return types.map((t) => {
		const item = b.items.find((i) => i.type === t);
		if (!item) throw new Error(`The bank has no ${t} item.`);
		return item;
	});
}

/** Starts a practice/test/learn quiz on exactly these items, through the study page. */
export async function startWith(page: Page, ids: string[], mode = 'practice') {
	await page.goto(`/study?mode=${mode}&retry=${ids.join(',')}`);
	await expect(page).toHaveURL(/\/study\/session\?id=/);
	await expect(page.getByRole('region', { name: /^Question 1$/ })).toBeVisible();
}

/** The item shown now, found by its prompt text. */
export async function shownItem(page: Page, candidates: QuizItem[]): Promise<QuizItem> {
	const card = page.getByRole('region', { name: /^Question \d+$/ });
	const text = (await card.innerText()).replace(/\s+/g, ' ');
	const found = candidates.find((i) =>
		text.includes((i.type === 'cloze' ? i.prompt : i.prompt).replace(/\s+/g, ' '))
	);
	if (!found)
		throw new Error(`No candidate item matches the question on screen: ${text.slice(0, 120)}`);
	// Several cloze items share an instruction: tell them apart by their visible text.
	if (found.type === 'cloze') {
		const cloze = candidates.find(
			(i) => i.type === 'cloze' && text.includes(i.text.split('{{')[0]!.trim().slice(0, 30))
		);
		if (cloze) return cloze;
	}
	return found;
}

function firstAnswer(raw: string) {
	return raw.split('|')[0]!.trim();
}

/**
 * Answers the item on screen using the keyboard only: number keys for options, typing for
 * text, Tab to move, Space and arrow keys in matching's radio groups, Space on the move buttons
 * for ordering. Enter then checks: focus stays in the answer's fields and options, and after
 * ordering it goes to the Check button (Enter on a move button moves the entry, as Space does).
 */
export async function answerByKeyboard(page: Page, item: QuizItem, right = true) {
	const card = page.getByRole('region', { name: /^Question \d+$/ });
	await card.focus();
	switch (item.type) {
		case 'single':
		case 'multi': {
			const labels = (await card.locator('label.choice').allInnerTexts()).map((t) =>
				t.replace(/^\s*\d+\s*/, '').trim()
			);
			const wanted =
				item.type === 'single'
					? [right ? item.answer : item.choices.find((c) => c !== item.answer)!]
					: right
						? item.answers
						: [item.choices.find((c) => !item.answers.includes(c))!];
			for (const w of wanted) await page.keyboard.press(String(labels.indexOf(w) + 1));
			break;
		}
		case 'truefalse':
			await page.keyboard.press(item.answer === right ? '1' : '2');
			break;
		case 'cloze': {
			const blanks = [...item.text.matchAll(/\{\{([^}]+)\}\}/g)].map((m) => firstAnswer(m[1]!));
			for (const [i, b] of blanks.entries()) {
				await page.keyboard.press('Tab');
				await expect(
					card.getByRole('textbox', { name: `Blank ${i + 1} of ${blanks.length}` })
				).toBeFocused();
				await page.keyboard.type(right ? b : 'zzz');
			}
			break;
		}
		case 'short':
			await page.keyboard.press('Tab');
			await page.keyboard.type(right ? item.answer : 'qqqqqq');
			break;
		case 'numeric':
			await page.keyboard.press('Tab');
			await page.keyboard.type(
				right ? String(item.answer) : String(item.answer + (item.tolerance ?? 0) + 11)
			);
			break;
		case 'order': {
			// Selection sort with the "Move up" buttons, each pressed with Space.
			for (let target = 0; target < item.items.length; target++) {
				const entries = (await card.locator('ol.order li .text').allInnerTexts()).map((t) =>
					t.trim()
				);
				let at = entries.indexOf(item.items[right ? target : item.items.length - 1 - target]!);
				const moved = entries[at]!;
				if (at > target) await card.getByRole('button', { name: `Move “${moved}” up` }).focus();
				for (; at > target; at--) {
					await page.keyboard.press('Space');
					// Focus follows the moved entry, so Space can be pressed again.
					await expect(card.locator('button:focus')).toHaveAttribute(
						'aria-label',
						new RegExp(`^Move “${escape(moved)}” (up|down)$`)
					);
				}
			}
			const check = page.getByRole('button', { name: 'Check', exact: true });
			// A test has no Check: Enter on the question itself moves on.
			if (await check.isVisible()) await check.focus();
			else await card.focus();
			break;
		}
		case 'match': {
			for (const [i, pair] of item.pairs.entries()) {
				const group = card.getByRole('group', { name: pair.left, exact: true });
				const wantedRight = right ? pair.right : item.pairs[(i + 1) % item.pairs.length]!.right;
				// In the group, Space picks the focused option and arrow keys move the pick.
				const radios = group.getByRole('radio');
				const names = await radios.evaluateAll((els) =>
					els.map((e) => (e as HTMLInputElement).value)
				);
				await radios.first().focus();
				await page.keyboard.press('Space');
				for (let k = 0; k < names.indexOf(wantedRight); k++) await page.keyboard.press('ArrowDown');
				await expect(group.getByRole('radio', { name: wantedRight, exact: true })).toBeChecked();
			}
			break;
		}
	}
}

function escape(text: string) {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
