import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../engine/rng';
import { DAY, HOUR } from './days';
import {
	accuracy,
	checkedParameters,
	DEFAULT_PARAMETERS,
	fit,
	FIT_MIN_DAYS,
	FIT_MIN_REVIEWS,
	items,
	predictions,
	readiness,
	splitByTime,
	trainingSet,
	workloadOf,
	type FitLog,
	type Optimizer
} from './fit';
import { SYNTHETIC_PARAMETERS, syntheticHistory } from './synthetic';

const START = new Date(2026, 0, 5).getTime();

/** fsrs-browser, the optimizer the page runs in its worker, loaded into node. */
async function optimizer(): Promise<Optimizer> {
	// Its thread-pool helper (never started here) listens on `self` when imported.
	(globalThis as { self?: unknown }).self ??= new EventTarget();
	const wasm = await import('fsrs-browser');
	wasm.initSync({ module: readFileSync('node_modules/fsrs-browser/fsrs_browser_bg.wasm') });
	return (set) =>
		new wasm.Fsrs().computeParameters(set.ratings, set.deltaTs, set.lengths, null, true);
}

const log = (cardId: string, rating: number, review: number): FitLog => ({
	cardId,
	rating,
	review
});

describe('readiness', () => {
	it('says how many reviews and days a history still needs', () => {
		const logs = Array.from({ length: 100 }, (_, i) => log(`c${i % 10}`, 3, START + (i % 5) * DAY));
		expect(readiness(logs)).toEqual({
			ready: false,
			reviews: 100,
			days: 4,
			reviewsNeeded: FIT_MIN_REVIEWS - 100,
			daysNeeded: FIT_MIN_DAYS - 4
		});
		const enough = Array.from({ length: FIT_MIN_REVIEWS }, (_, i) =>
			log(`c${i % 10}`, 3, START + (i % (FIT_MIN_DAYS + 1)) * DAY)
		);
		expect(readiness(enough)).toMatchObject({ ready: true, reviewsNeeded: 0, daysNeeded: 0 });
		expect(readiness([])).toMatchObject({ ready: false, reviews: 0, days: 0 });
	});
});

describe('items and the split', () => {
	it("turns a card's reviews into one prediction per review after the first, in whole days", () => {
		const logs = [
			log('a', 3, START + 9 * HOUR),
			log('a', 1, START + 2 * DAY + 20 * HOUR),
			log('a', 3, START + 3 * DAY + 8 * HOUR),
			log('b', 4, START + 10 * HOUR)
		];
		expect(items(logs).map((i) => i.reviews)).toEqual([
			[
				{ rating: 3, deltaT: 0 },
				{ rating: 1, deltaT: 2 }
			],
			[
				{ rating: 3, deltaT: 0 },
				{ rating: 1, deltaT: 2 },
				{ rating: 3, deltaT: 1 }
			]
		]);
		const set = trainingSet(items(logs));
		expect([...set.lengths]).toEqual([2, 3]);
		expect([...set.ratings]).toEqual([3, 1, 3, 1, 3]);
		expect([...set.deltaTs]).toEqual([0, 2, 0, 2, 1]);
	});

	it('holds out the latest fifth of the reviews: nothing held out comes before anything trained on', () => {
		const logs = syntheticHistory({ cards: 40, days: 60, start: START, rng: createRng('split') });
		const { train, heldOut, cut } = splitByTime(logs);
		expect(train.length).toBeGreaterThan(heldOut.length);
		expect(heldOut.length).toBeGreaterThan(0);
		expect(Math.max(...train.map((i) => i.at))).toBeLessThan(cut);
		expect(Math.min(...heldOut.map((i) => i.at))).toBeGreaterThanOrEqual(cut);
	});
});

describe('scores and workload', () => {
	it('gives a lower log loss to the parameters that made a history than to the defaults', () => {
		const logs = syntheticHistory({ cards: 150, days: 60, start: START, rng: createRng('score') });
		const all = items(logs);
		const truth = accuracy(SYNTHETIC_PARAMETERS, all);
		const defaults = accuracy(DEFAULT_PARAMETERS, all);
		expect(truth.count).toBe(all.length);
		expect(truth.logLoss).toBeLessThan(defaults.logLoss);
		expect(truth.rmse).toBeLessThan(defaults.rmse);
	});

	it('counts cards due tomorrow and in the seven days from tomorrow', () => {
		const now = new Date(2026, 2, 10, 15).getTime();
		const at = (d: number, h: number) => new Date(2026, 2, 10 + d, h).getTime();
		const dues = [at(0, 20), at(1, 0), at(1, 23), at(2, 1), at(7, 23), at(8, 0), at(-3, 9)];
		expect(workloadOf(dues, now, 0.9)).toEqual({ retention: 0.9, tomorrow: 2, week: 4 });
	});

	it('refuses an answer that is not 21 numbers', () => {
		expect(() => checkedParameters([1, 2])).toThrow(/2 parameters/);
		expect(() => checkedParameters([...DEFAULT_PARAMETERS.slice(1), NaN])).toThrow(/not a number/);
	});
});

describe('fitting with fsrs-browser', () => {
	// 400 cards over 90 days: about 2,700 reviews, drawn from SYNTHETIC_PARAMETERS.
	const logs = syntheticHistory({ cards: 400, days: 90, start: START, rng: createRng('fit') });
	const now = START + 90 * DAY;

	it('refuses a history under the threshold', async () => {
		const optimize = await optimizer();
		expect(() => fit(logs.slice(0, 300), { optimize, retention: 0.9, now })).toThrow(/needs 400/);
	});

	it('beats the defaults on held-out log loss and recovers the generating parameters', async () => {
		const stages: string[] = [];
		const result = fit(logs, {
			optimize: await optimizer(),
			retention: 0.9,
			now,
			onStage: (s) => stages.push(s)
		});
		expect(stages).toEqual(['reading', 'fitting', 'scoring', 'workload', 'advice']);
		expect(result.parameters).toHaveLength(21);
		// Held out: the latest fifth of the reviews, never shown to the optimizer.
		expect(result.after.count).toBeGreaterThan(300);
		expect(result.after.logLoss).toBeLessThan(result.before.logLoss);
		expect(result.after.rmse).toBeLessThan(result.before.rmse);

		// Recovery, within these tolerances: the initial stabilities after Again, Hard and Good
		// (w0–w2, the ones this history has plenty of) within 35 % of the true ones, where the
		// defaults are 2.5 times them; and the fitted forgetting curves predict recall on the
		// held-out reviews within 0.03 of the true curves on average, closer than the defaults do.
		for (const i of [0, 1, 2])
			expect(Math.abs(result.parameters[i]! / SYNTHETIC_PARAMETERS[i]! - 1)).toBeLessThan(0.35);
		const { heldOut } = splitByTime(logs);
		const truth = predictions(SYNTHETIC_PARAMETERS, heldOut);
		const gap = (w: readonly number[]) =>
			predictions(w, heldOut).reduce((s, p, k) => s + Math.abs(p.p - truth[k]!.p), 0) /
			truth.length;
		expect(gap(result.parameters)).toBeLessThan(0.03);
		expect(gap(result.parameters)).toBeLessThan(gap(DEFAULT_PARAMETERS));

		// This student forgets faster than the defaults expect: fitted, more cards come due.
		expect(result.workload.fitted.week).toBeGreaterThan(result.workload.defaults.week);
		expect(result.advice.map((a) => a.retention)).toEqual([0.8, 0.85, 0.9, 0.95]);
		expect(result.advice[3]!.week).toBeGreaterThanOrEqual(result.advice[0]!.week);
	});
});
