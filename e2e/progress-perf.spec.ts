import { expect, test, type Page } from '@playwright/test';
import { createAppDatabase, openHydrated } from './helpers';
import { bank } from './quiz';

const LOGS = 50_000;
const ATTEMPTS = 3_000;
const LOADS = 3;

interface Seed {
	itemIds: string[];
	flashcardIds: string[];
	logs: number;
	attempts: number;
}

/**
 * Runs in the page: writes a year of study straight into the app's IndexedDB ('quire', at the
 * version the app created). Every 9th day (4, 13, 22… days ago) is skipped, so the current
 * streak is 4 days and the longest 8. The first `attempts` logs are quiz answers, each stored
 * as an attempt plus a 'quiz' review log at the same instant, as the app stores them.
 */
function seedInPage({ itemIds, flashcardIds, logs, attempts }: Seed) {
	const DAY = 86_400_000;
	const now = Date.now();
	const studied: number[] = [];
	for (let d = 0; d < 365; d++) if (d % 9 !== 4) studied.push(d);
	const midnight = (daysAgo: number) => {
		const t = new Date(now);
		return new Date(t.getFullYear(), t.getMonth(), t.getDate() - daysAgo).getTime();
	};
	const starts = studied.map(midnight);
	let today = 0;
	const timeOf = (i: number) => {
		const k = i % studied.length;
		const start = starts[k]!;
		// Spread each day's rows from 08:00 to 20:00; today's from midnight to a second ago.
		const frac = ((i * 7919) % 10_007) / 10_007;
		if (studied[k] === 0) {
			today++;
			return start + Math.floor(frac * Math.max(0, now - start - 1000));
		}
		return start + 8 * 3_600_000 + Math.floor(frac * 12 * 3_600_000);
	};
	const cardIds = [...itemIds, ...flashcardIds];
	const base = {
		state: 2,
		due: now,
		stability: 12,
		difficulty: 5,
		elapsed_days: 3,
		last_elapsed_days: 3,
		scheduled_days: 12,
		learning_steps: 0
	};
	const logRows: object[] = [];
	const attemptRows: object[] = [];
	for (let i = 0; i < logs; i++) {
		const review = timeOf(i);
		if (i < attempts) {
			const itemId = itemIds[i % itemIds.length]!;
			const correct = (i * 31) % 10 < 7;
			attemptRows.push({
				sessionId: `seed-${Math.floor(i / 10)}`,
				itemId,
				answer: null,
				score: correct ? 1 : 0,
				correct,
				timeTakenMs: 8000,
				at: review
			});
			logRows.push({ ...base, cardId: itemId, rating: correct ? 3 : 1, review, source: 'quiz' });
		} else {
			const cardId = flashcardIds[i % flashcardIds.length]!;
			logRows.push({ ...base, cardId, rating: 1 + (i % 4), review, source: 'review' });
		}
	}
	// Every card studied: 5 in 40 overdue by a day or more, the rest due over the next 35 days.
	let due = 0;
	const cardRows = cardIds.map((id, k) => {
		const offset = (k % 40) - 5;
		if (offset < 0) due++;
		return {
			id,
			kind: k < itemIds.length ? 'item' : 'flashcard',
			due: now + offset * DAY + (offset < 0 ? 0 : 3_600_000),
			stability: 5 + (k % 30),
			difficulty: 3 + (k % 6),
			elapsed_days: 4,
			scheduled_days: 10,
			learning_steps: 0,
			reps: 4,
			lapses: k % 3,
			state: 2,
			last_review: now - 4 * DAY
		};
	});
	return new Promise<{ today: number; due: number }>((resolve, reject) => {
		const open = indexedDB.open('quire');
		open.onerror = () => reject(open.error ?? new Error('Opening the IndexedDB database failed'));
		open.onsuccess = () => {
			const idb = open.result;
			const tx = idb.transaction(['reviewLogs', 'attempts', 'cards'], 'readwrite');
			const logStore = tx.objectStore('reviewLogs');
			for (const row of logRows) logStore.add(row);
			const attemptStore = tx.objectStore('attempts');
			for (const row of attemptRows) attemptStore.add(row);
			const cardStore = tx.objectStore('cards');
			for (const row of cardRows) cardStore.put(row);
			tx.oncomplete = () => {
				idb.close();
				resolve({ today, due });
			};
			tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
		};
	});
}

async function renderedAt(page: Page): Promise<number> {
	await page.waitForFunction(() => performance.getEntriesByName('progress-rendered').length > 0);
	return page.evaluate(() => performance.getEntriesByName('progress-rendered')[0]!.startTime);
}

test('the dashboard renders a year of heavy study (50,000 review logs)', async ({ page }) => {
	test.slow();
	const b = await bank();
	const itemIds = b.items.map((i) => i.id);
	const flashcardIds = b.flashcards.flatMap((f) =>
		f.reverse ? [f.id, `${f.id}:reverse`] : [f.id]
	);

	// Let the app create the database at its current schema version first (a first visit to
	// /progress opens none; Settings does).
	await openHydrated(page, '/progress');
	await expect(page.getByRole('heading', { name: 'Nothing studied yet' })).toBeVisible();
	await createAppDatabase(page);
	const seeded = await page.evaluate(seedInPage, {
		itemIds,
		flashcardIds,
		logs: LOGS,
		attempts: ATTEMPTS
	});

	const times: number[] = [];
	for (let i = 0; i < LOADS; i++) {
		await page.goto('/progress');
		times.push(await renderedAt(page));
	}
	const median = [...times].sort((a, z) => a - z)[Math.floor(LOADS / 2)]!;
	console.log(
		`progress render with ${LOGS.toLocaleString('en-US')} review logs, ` +
			`${ATTEMPTS.toLocaleString('en-US')} attempts, ${itemIds.length + flashcardIds.length} cards: ` +
			`${Math.round(median)} ms (median of ${LOADS} loads: ${times.map((t) => Math.round(t)).join(', ')} ms)`
	);
	expect(Number.isFinite(median)).toBe(true);

	// Every quiz answer is both an attempt and a 'quiz' log: 50,000 study events in all.
	await expect(
		page.getByText('50,000 reviews and answers on 324 of the last 365 days')
	).toBeVisible();
	const streak = page.locator('[data-stat="streak"]');
	await expect(streak.locator('.big')).toHaveText('4');
	await expect(streak).toContainText('Longest: 8 days.');
	await expect(page.locator('[data-stat="today"] .big')).toHaveText(
		seeded.today.toLocaleString('en-US')
	);
	await expect(page.locator('[data-stat="due"] .big')).toHaveText(
		seeded.due.toLocaleString('en-US')
	);
	await expect(page.locator('svg[role="img"] rect[data-day]')).toHaveCount(365 + 30);
});
