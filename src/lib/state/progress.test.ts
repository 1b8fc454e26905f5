import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import bank from 'virtual:quire-bank';
import { db } from '$lib/db';
import * as v from 'valibot';
import { attemptRow as looseRow } from '$lib/db/fixtures';
import { AttemptRowSchema } from '$lib/db/rows';
import { dayStarts } from '$lib/srs/days';
import { HEATMAP_DAYS, ProgressState, summarize } from './progress.svelte';

const NOW = new Date(2026, 0, 10, 15).getTime();
const attemptRow = (itemId: string, at: number, correct = true) =>
	v.parse(AttemptRowSchema, looseRow(itemId, at, correct));
const none = { attempts: [], cards: [], oldestReview: null };

describe('summarize', () => {
	it('shows an empty dashboard with a full year of zero days', () => {
		const starts = dayStarts(NOW, HEATMAP_DAYS);
		const view = summarize(
			{ ...none, dayStarts: starts, reviewsPerDay: new Array<number>(HEATMAP_DAYS).fill(0) },
			bank,
			NOW
		);
		expect(view.today).toEqual({ total: 0, reviews: 0, answers: 0 });
		expect(view.heatmap.days).toHaveLength(HEATMAP_DAYS);
		expect(view.heatmap.total).toBe(0);
		expect(view.streak.current).toBe(0);
	});

	it('counts today’s answers, or the review logs when there are more', () => {
		const starts = dayStarts(NOW, HEATMAP_DAYS);
		const item = bank.items[0]!;
		const attempts = [attemptRow(item.id, NOW - 1000), attemptRow(item.id, NOW - 500, false)];
		const logs = new Array<number>(HEATMAP_DAYS).fill(0);
		const view = summarize(
			{ ...none, attempts, dayStarts: starts, reviewsPerDay: logs },
			bank,
			NOW
		);
		expect(view.today.answers).toBe(2);
		expect(view.today.total).toBe(2);
		logs[HEATMAP_DAYS - 1] = 5;
		const more = summarize(
			{ ...none, attempts, dayStarts: starts, reviewsPerDay: logs },
			bank,
			NOW
		);
		expect(more.today.total).toBe(5);
		expect(more.streak).toMatchObject({ current: 1, studiedToday: true });
	});
});

describe('ProgressState', () => {
	it('reads stored answers into the view', async () => {
		await db.open();
		await Promise.all(db.tables.map((t) => t.clear()));
		await db.attempts.add(attemptRow(bank.items[0]!.id, NOW - 1000));
		const progress = new ProgressState();
		await progress.load(NOW);
		expect(progress.error).toBeNull();
		expect(progress.view?.today.answers).toBe(1);
	});

	it('shows a first visit as empty without summarizing: nothing stored, no database made', async () => {
		await db.delete();
		const progress = new ProgressState();
		await progress.load(NOW);
		expect(progress.error).toBeNull();
		expect(progress.nothingStored).toBe(true);
		expect(progress.view).toBeNull();
		expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(db.name);
	});
});
