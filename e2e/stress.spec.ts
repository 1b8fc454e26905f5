/**
 * Fast input against a slow device: every answer the student saw taken must be in the results,
 * in the stored session and after a reload, whatever the CPU and however fast the keys come.
 *
 * Each case runs STRESS_TRIES seeded tries (1 by default, so CI stays short) at each CPU rate of
 * STRESS_RATES ("1,4,10"), throttled through CDP's Emulation.setCPUThrottlingRate. `npm run
 * stress` runs 50 tries each and prints the counts (scripts/stress.mjs reads STRESS_REPORT).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import type { QuizItem } from '../src/lib/bank/schema';
import { createRng, randomInt, shuffle, type Rng } from '../src/lib/engine/rng';
import { storedSessions } from './helpers';
import { bank } from './quiz';

const TRIES = Math.max(1, Number(process.env.STRESS_TRIES ?? 1));
const RATES = (process.env.STRESS_RATES ?? '1,4,10').split(',').map(Number);
const REPORT = process.env.STRESS_REPORT ?? '';
/** Milliseconds between the keys of a burst: a fast typist on a slow phone. */
const GAP = 10;

type Mode = 'practice' | 'test' | 'learn';

interface StoredAnswer {
	answer: { type: string; text?: string; value?: unknown; choice?: string; choices?: string[] };
}
interface StoredSession {
	id: string;
	status: string;
	state: {
		mode: Mode;
		queue: string[];
		quiz: { itemIds: string[]; presentation: Record<string, { choiceOrder?: number[] }> };
		answers: Record<string, StoredAnswer | undefined>;
		activeMs: number;
	};
}

async function session(page: Page, id: string): Promise<StoredSession | undefined> {
	return (await storedSessions<StoredSession>(page)).find((r) => r.id === id);
}

async function throttle(page: Page, rate: number) {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Emulation.setCPUThrottlingRate', { rate });
	return cdp;
}

/** Items the keyboard answers without looking: options by number, typed text. */
const TYPES = ['single', 'multi', 'truefalse', 'short', 'numeric'] as const;

async function pickItems(rng: Rng, n: number, types: readonly string[] = TYPES) {
	const b = await bank();
	const chosen = shuffle([...types], rng).slice(0, n);
	return chosen.map((t) => {
		const pool = b.items.filter((i) => i.type === t);
		return pool[randomInt(rng, pool.length)]!;
	});
}

/** The keys that give the right answer to an item as the session presents it. */
function answerKeys(item: QuizItem, s: StoredSession): string[] {
	const order = s.state.quiz.presentation[item.id]?.choiceOrder;
	const shown = (choices: string[]) => (order ? order.map((i) => choices[i]!) : choices);
	switch (item.type) {
		case 'single':
			return [String(shown(item.choices).indexOf(item.answer) + 1)];
		case 'multi':
			return item.answers.map((a) => String(shown(item.choices).indexOf(a) + 1));
		case 'truefalse':
			return [item.answer ? '1' : '2'];
		case 'short':
			return ['Tab', `=${item.answer}`];
		case 'numeric':
			return ['Tab', `=${item.answer}`];
		default:
			throw new Error(`no keys for ${item.type}`);
	}
}

/**
 * Sends keys one after the other, GAP ms apart: nothing waits for the page to catch up. A key
 * written `=text` types that text, a character every GAP ms.
 */
async function burst(page: Page, keys: string[]) {
	for (const key of keys) {
		if (key.startsWith('=')) await page.keyboard.type(key.slice(1), { delay: GAP });
		else await page.keyboard.press(key);
		await page.waitForTimeout(GAP);
	}
}

async function start(page: Page, items: QuizItem[], mode: Mode): Promise<StoredSession> {
	await page.goto(`/study?mode=${mode}&retry=${items.map((i) => i.id).join(',')}`);
	// The last try's quiz may be unfinished (a reload try): the study page asks first.
	const discard = page.getByRole('button', { name: 'Discard and start' });
	await expect(discard.or(page.getByRole('region', { name: /^Question 1$/ }))).toBeVisible();
	if (await discard.isVisible()) await discard.click();
	await expect(page).toHaveURL(/\/study\/session\?id=/);
	await expect(page.getByRole('region', { name: /^Question 1$/ })).toBeVisible();
	const id = new URL(page.url()).searchParams.get('id')!;
	await expect.poll(async () => (await session(page, id))?.status).toBe('active');
	return (await session(page, id))!;
}

function byId(items: QuizItem[]) {
	return new Map(items.map((i) => [i.id, i]));
}

/** What the results page shows, as text, once it has loaded. */
async function resultsText(page: Page) {
	await expect(page).toHaveURL(/\/study\/results\?id=/);
	const score = page.getByRole('region', { name: 'Score' });
	await expect(score).toBeVisible();
	return (await page.locator('main').innerText()).replace(/\s+/g, ' ');
}

/** Problems found in one try; empty when the student's work is all there. */
type Check = string[];

/** The keys that finish the quiz from the last item's answer, per mode. */
function finishKeys(mode: Mode): string[] {
	// Test: Enter opens the confirmation, whose first button is "Go back": Tab to Submit, Enter.
	return mode === 'test' ? ['Enter', 'Tab', 'Enter'] : ['Enter', 'Enter'];
}

/**
 * Enter–Enter: the last two items answered in one burst of keys GAP ms apart (answer, Check,
 * Next/Finish), then the results are compared with the stored session and with a reload.
 */
async function enterEnter(page: Page, mode: Mode, rng: Rng): Promise<Check> {
	const items = await pickItems(rng, 3);
	const s = await start(page, items, mode);
	const find = byId(items);
	const queue = s.state.queue.map((id) => find.get(id)!);
	const keys: string[] = [];
	// The first item at an ordinary pace; learn mode then sees the rest come back.
	await burst(page, answerKeys(queue[0]!, s));
	await page.keyboard.press('Enter');
	if (mode !== 'test') {
		await expect(page.getByRole('region', { name: 'Feedback' })).toBeVisible();
		await page.keyboard.press('Enter');
	}
	await expect(page.getByText(mode === 'learn' ? /^Item 2 ·/ : /Question 2 of 3/)).toBeVisible();
	if (mode === 'learn') {
		// Learn mode goes on until each item is right twice: each item in one burst from the page.
		for (let guard = 0; guard < 12; guard++) {
			const score = page.getByRole('region', { name: 'Score' });
			await expect(
				page.getByRole('button', { name: 'Check', exact: true }).or(score)
			).toBeVisible();
			if (await score.isVisible()) break;
			const region = page.getByRole('region', { name: /^Question \d+$/ });
			const text = (await region.innerText()).replace(/\s+/g, ' ');
			const item = items.find((i) => text.includes(i.prompt.replace(/\s+/g, ' ')))!;
			await burst(page, [...answerKeys(item, s), 'Enter', 'Enter']);
		}
	} else {
		for (const [k, item] of queue.slice(1).entries()) {
			keys.push(...answerKeys(item, s));
			if (mode === 'test') keys.push(...(k === 0 ? ['Enter'] : finishKeys('test')));
			else keys.push('Enter', 'Enter');
		}
		await burst(page, keys);
	}
	const first = await resultsText(page);
	const problems: Check = [];
	const stored = await session(page, s.id);
	if (stored?.status !== 'submitted') problems.push(`stored status ${stored?.status}`);
	for (const item of items)
		if (!stored?.state.answers[item.id]) problems.push(`${item.type} answer not stored`);
	if (!first.includes('100%')) problems.push(`first results not 100%: ${first.slice(0, 140)}`);
	await page.reload();
	const again = await resultsText(page);
	if (again !== first) problems.push(`results changed on reload: ${again.slice(0, 140)}`);
	return problems;
}

/**
 * Answer, then reload or close the tab 50–100 ms later: the answer must be stored and shown.
 * Practice and learn check the answer; test types it (each keystroke is the answer).
 */
async function answerThenLeave(
	page: Page,
	context: BrowserContext,
	mode: Mode,
	rng: Rng,
	rate: number
): Promise<{ problems: Check; page: Page }> {
	const items = await pickItems(rng, 3, ['short', 'numeric', 'single', 'truefalse']);
	const s = await start(page, items, mode);
	const item = items.find((i) => i.id === s.state.queue[0])!;
	const keys = answerKeys(item, s);
	await burst(page, mode === 'test' ? keys : [...keys, 'Enter']);
	if (mode !== 'test')
		await expect(page.getByRole('region', { name: 'Feedback' }).getByRole('status')).toContainText(
			'Correct'
		);
	await page.waitForTimeout(50 + randomInt(rng, 51));
	const close = rng() < 0.5;
	const url = page.url();
	let now = page;
	if (close) {
		await page.close({ runBeforeUnload: false });
		now = await context.newPage();
		await throttle(now, rate);
		await now.goto(url);
	} else {
		await page.reload();
	}
	await expect(now.getByRole('region', { name: /^Question 1$/ })).toBeVisible();
	const problems: Check = [];
	const how = close ? 'close' : 'reload';
	// The page shows the quiz once it has stored what the closed page left: read it then.
	if (mode !== 'test')
		await now
			.getByRole('region', { name: 'Feedback' })
			.waitFor({ timeout: 5_000 })
			.catch(() => undefined);
	const stored = (await session(now, s.id))?.state.answers[item.id]?.answer;
	const want = item.type === 'short' ? item.answer : item.type === 'numeric' ? item.answer : null;
	if (!stored) problems.push(`${how}: ${item.type} answer lost from storage`);
	else if (want !== null && String(stored.text ?? stored.value) !== String(want))
		problems.push(`${how}: stored ${JSON.stringify(stored)} for ${String(want)}`);
	if (mode === 'test') {
		if (want !== null) {
			const box = now.getByRole('textbox');
			if ((await box.inputValue()) !== String(want))
				problems.push(`${how}: the box shows “${await box.inputValue()}”`);
		}
	} else if (!(await now.getByRole('region', { name: 'Feedback' }).isVisible()))
		problems.push(`${how}: no feedback shown after the reload`);
	return { problems, page: now };
}

interface Tally {
	mode: Mode;
	scenario: string;
	rate: number;
	tries: number;
	failed: number;
	problems: string[];
}

function report(t: Tally) {
	if (!REPORT) return;
	mkdirSync(REPORT, { recursive: true });
	writeFileSync(join(REPORT, `${t.scenario}-${t.mode}-${t.rate}.json`), JSON.stringify(t));
}

test.describe.configure({ mode: 'parallel' });

for (const mode of ['practice', 'test', 'learn'] as const) {
	for (const rate of RATES) {
		test(`${mode}: Enter–Enter over the last two items at ${rate}× CPU`, async ({ page }) => {
			test.setTimeout(90_000 + TRIES * 20_000 * Math.max(1, rate / 2));
			await throttle(page, rate);
			const tally: Tally = {
				mode,
				scenario: 'enter-enter',
				rate,
				tries: 0,
				failed: 0,
				problems: []
			};
			for (let t = 0; t < TRIES; t++) {
				const problems = await enterEnter(page, mode, createRng(`enter-${mode}-${rate}-${t}`));
				tally.tries++;
				if (problems.length) {
					tally.failed++;
					tally.problems.push(`try ${t}: ${problems.join('; ')}`);
				}
			}
			report(tally);
			expect(tally.problems).toEqual([]);
		});

		test(`${mode}: answer, then reload or close at ${rate}× CPU`, async ({ page, context }) => {
			test.setTimeout(90_000 + TRIES * 20_000 * Math.max(1, rate / 2));
			await throttle(page, rate);
			const tally: Tally = { mode, scenario: 'reload', rate, tries: 0, failed: 0, problems: [] };
			let current = page;
			for (let t = 0; t < TRIES; t++) {
				const out = await answerThenLeave(
					current,
					context,
					mode,
					createRng(`reload-${mode}-${rate}-${t}`),
					rate
				);
				current = out.page;
				tally.tries++;
				if (out.problems.length) {
					tally.failed++;
					tally.problems.push(`try ${t}: ${out.problems.join('; ')}`);
				}
			}
			report(tally);
			expect(tally.problems).toEqual([]);
		});
	}
}
