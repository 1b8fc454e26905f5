/**
 * A made-up student, for tests and benches: a review history drawn from known FSRS parameters.
 * The app schedules each card with the default parameters (as Quire did before any fit), a review
 * happens a little early or late, and whether the student recalls it is drawn from the true
 * parameters' forgetting curve: so the defaults mispredict this student, and a fit can be
 * checked against the parameters that made the history.
 */
import type { Rng } from '../engine/rng';
import { fsrs, generatorParameters } from 'ts-fsrs';
import { DAY, HOUR } from './days';
import { DEFAULT_PARAMETERS, type FitLog } from './fit';

/**
 * A student who forgets faster than the defaults expect: every initial stability at 40 %, a
 * smaller gain from a successful review and a steeper forgetting curve.
 */
export const SYNTHETIC_PARAMETERS: readonly number[] = Object.freeze(
	DEFAULT_PARAMETERS.map((w, i) => {
		if (i <= 3) return Math.round(w * 0.4 * 10_000) / 10_000;
		if (i === 8) return 1.4;
		if (i === 20) return 0.35;
		return w;
	})
);

export interface SyntheticOptions {
	/** The true parameters. */
	w?: readonly number[];
	cards: number;
	/** Days of study; cards are introduced over the first half. */
	days: number;
	/** Epoch ms of the first day's midnight. */
	start: number;
	rng: Rng;
}

/** A review history, oldest first, drawn from `w` (see the module's note). */
export function syntheticHistory(options: SyntheticOptions): FitLog[] {
	const { w = SYNTHETIC_PARAMETERS, cards, days, start, rng } = options;
	const truth = fsrs(generatorParameters({ w: [...w], enable_fuzz: false }));
	const app = fsrs(generatorParameters({ w: [...DEFAULT_PARAMETERS], enable_fuzz: false }));
	const logs: FitLog[] = [];
	const pick = (): number => {
		const x = rng();
		return x < 0.1 ? 2 : x < 0.85 ? 3 : 4;
	};
	for (let c = 0; c < cards; c++) {
		const cardId = `synthetic-${c}`;
		let day = Math.floor(rng() * (days / 2));
		const at = (d: number) => start + d * DAY + (8 + Math.floor(rng() * 13)) * HOUR;
		const first = rng() < 0.25 ? 1 : pick();
		logs.push({ cardId, rating: first, review: at(day) });
		let real = truth.next_state(null, 0, first);
		let seen = app.next_state(null, 0, first);
		for (;;) {
			const interval = app.next_interval(seen.stability, 0);
			// Early or late: 70 % to 150 % of the interval, at least a day.
			const delay = Math.max(1, Math.round(interval * (0.7 + rng() * 0.8)));
			if (day + delay >= days) break;
			day += delay;
			const recalled = rng() < truth.forgetting_curve(delay, real.stability);
			const rating = recalled ? pick() : 1;
			logs.push({ cardId, rating, review: at(day) });
			real = truth.next_state(real, delay, rating);
			seen = app.next_state(seen, delay, rating);
		}
	}
	return logs.sort((a, b) => a.review - b.review);
}
