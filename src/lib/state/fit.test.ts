import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { WorkerLike } from '$lib/draft/client';
import { db, getSetting, setSetting } from '$lib/db';
import { fitLogs } from '$lib/db/fit';
import { createRng } from '$lib/engine/rng';
import { makeScheduler, newCard, rate, type CardRecord, type ReviewLogRecord } from '$lib/srs';
import { DAY } from '$lib/srs/days';
import { SYNTHETIC_PARAMETERS, syntheticHistory } from '$lib/srs/synthetic';
import { runFit, type FitRequest, type FitResponse } from './fit-run';
import { FitState } from './fit.svelte';

const START = new Date(2026, 0, 5).getTime();
const NOW = START + 60 * DAY;

/** Stores a synthetic student's history as the app would have. */
async function store(cards: number) {
	const scheduler = makeScheduler();
	const latest = new Map<string, CardRecord>();
	const logs: ReviewLogRecord[] = [];
	for (const e of syntheticHistory({ cards, days: 60, start: START, rng: createRng('state') })) {
		const before = latest.get(e.cardId) ?? newCard(e.cardId, 'flashcard', e.review);
		const next = rate(before, e.rating, e.review, scheduler, 'review');
		latest.set(e.cardId, next.card);
		logs.push(next.log);
	}
	await db.open();
	await db.transaction('rw', db.cards, db.reviewLogs, async () => {
		await db.cards.bulkPut([...latest.values()]);
		await db.reviewLogs.bulkAdd(logs);
	});
	return logs.length;
}

/**
 * A worker run in this process: the real run over the stored logs, with an optimizer that answers
 * the generating parameters (fsrs-browser itself is tested in srs/fit.test.ts). `hold` keeps the
 * run from starting until released, so a test can act while it "runs".
 */
function fakeWorker(options: { hold?: Promise<void>; fail?: string } = {}) {
	const made: { terminated: boolean; posted: FitRequest[] }[] = [];
	const create = (): WorkerLike => {
		const record = { terminated: false, posted: [] as FitRequest[] };
		made.push(record);
		const worker: WorkerLike = {
			onmessage: null,
			onerror: null,
			postMessage(message) {
				record.posted.push(message as FitRequest);
				void (async () => {
					await options.hold;
					if (options.fail) return worker.onerror?.({ message: options.fail });
					await runFit(
						message as FitRequest,
						{ logs: fitLogs, optimizer: () => Promise.resolve(() => SYNTHETIC_PARAMETERS) },
						(m: FitResponse) => {
							if (!record.terminated) worker.onmessage?.({ data: m });
						}
					);
				})();
			},
			terminate() {
				record.terminated = true;
			}
		};
		return worker;
	};
	return { create, made };
}

async function until(check: () => boolean) {
	for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
	expect(check()).toBe(true);
}

beforeEach(async () => {
	db.close();
	await db.delete();
});

describe('FitState', () => {
	it('under the threshold says what is missing and never starts a worker', async () => {
		await db.open();
		await db.reviewLogs.bulkAdd(
			Array.from({ length: 100 }, (_, i) => ({
				...rate(
					newCard(`c${i}`, 'flashcard', START),
					3,
					START + (i % 5) * DAY,
					makeScheduler(),
					'review'
				).log
			}))
		);
		const { create, made } = fakeWorker();
		const fit = new FitState(create);
		await fit.load();
		expect(fit.readiness).toEqual({
			ready: false,
			reviews: 100,
			days: 4,
			reviewsNeeded: 300,
			daysNeeded: 10
		});
		fit.start(NOW);
		expect(made).toHaveLength(0);
		expect(fit.status).toBe('idle');
	});

	it('fits in the worker, shows stages and the result, applies, keeps and undoes', async () => {
		const reviews = await store(120);
		await setSetting('retention', 0.85);
		const { create, made } = fakeWorker();
		const fit = new FitState(create);
		await fit.load();
		expect(fit.readiness?.ready).toBe(true);
		expect(fit.retention).toBe(0.85);
		expect(fit.applied).toBeNull();

		fit.start(NOW);
		expect(fit.status).toBe('running');
		expect(fit.step).toBe(1);
		expect(made[0]!.posted).toEqual([{ now: NOW, retention: 0.85 }]);
		await until(() => fit.status === 'done');
		expect(made[0]!.terminated).toBe(true);
		const result = fit.result!;
		expect(result.reviews).toBe(reviews);
		expect(result.parameters).toEqual([...SYNTHETIC_PARAMETERS]);
		expect(result.workload.fitted.retention).toBe(0.85);
		// The true parameters predict this student's newest reviews better than the defaults.
		expect(result.after.logLoss).toBeLessThan(result.before.logLoss);

		fit.keep();
		expect(fit.result).toBeNull();
		expect(fit.notice).toBe('Kept the default parameters.');
		expect(await getSetting('fsrsParameters')).toBeNull();

		fit.start(NOW);
		await until(() => fit.status === 'done');
		await fit.apply(NOW + 1000);
		const stored = await getSetting('fsrsParameters');
		expect(stored).toEqual({
			w: [...SYNTHETIC_PARAMETERS],
			appliedAt: NOW + 1000,
			reviews,
			logLoss: { defaults: result.before.logLoss, fitted: result.after.logLoss }
		});
		expect(fit.applied).toEqual(stored);

		// A new page reads what was applied; Undo goes back to the defaults.
		const later = new FitState(create);
		await later.load();
		expect(later.applied).toEqual(stored);
		await later.undo();
		expect(later.applied).toBeNull();
		expect(await getSetting('fsrsParameters')).toBeNull();
	});

	it('cancel ends the worker at once and keeps nothing it says afterwards', async () => {
		await store(120);
		let release = () => {};
		const hold = new Promise<void>((r) => (release = r));
		const { create, made } = fakeWorker({ hold });
		const fit = new FitState(create);
		await fit.load();
		fit.start(NOW);
		fit.cancel();
		expect(made[0]!.terminated).toBe(true);
		expect(fit.status).toBe('idle');
		expect(fit.notice).toBe('Fitting cancelled. Your schedule is unchanged.');
		release();
		await new Promise((r) => setTimeout(r, 50));
		expect(fit.result).toBeNull();
		expect(fit.status).toBe('idle');
		expect(await getSetting('fsrsParameters')).toBeNull();
	});

	it('a worker that fails shows why', async () => {
		await store(120);
		const { create } = fakeWorker({ fail: 'out of memory' });
		const fit = new FitState(create);
		await fit.load();
		fit.start(NOW);
		await until(() => fit.status === 'error');
		expect(fit.error).toBe('out of memory');
		expect(fit.result).toBeNull();
	});
});

describe('FitState storage', () => {
	it('says so when the parameters cannot be stored, and keeps the result to apply later', async () => {
		await store(120);
		const { create } = fakeWorker();
		const fit = new FitState(create);
		await fit.load();
		fit.start(NOW);
		await until(() => fit.status === 'done');
		const put = vi
			.spyOn(db.settings, 'put')
			.mockRejectedValue(new DOMException('The disk is full.', 'QuotaExceededError'));
		await fit.apply(NOW);
		put.mockRestore();
		expect(fit.notice).toMatch(/^Your schedule is unchanged: /);
		expect(fit.applied).toBeNull();
		expect(fit.result).not.toBeNull();
		expect(await getSetting('fsrsParameters')).toBeNull();
	});
});
