/**
 * Fitting FSRS to one student's review logs, without the optimizer itself: what history is
 * enough, the logs as the optimizer reads them, a split by time into a training part and a
 * held-out part, how well a set of parameters predicts the held-out reviews (log loss, RMSE) and
 * what a set of parameters does to the workload. The optimizer (fsrs-rs compiled to WebAssembly,
 * the `fsrs-browser` package) is passed in, so this runs, and is tested, anywhere.
 */
import { createEmptyCard, default_w, fsrs, generatorParameters } from 'ts-fsrs';
import { DAY } from './days';
import { startOfDay } from './days';

/** FSRS-6 has 21 parameters, w0 … w20. */
export const PARAMETER_COUNT = 21;

/** ts-fsrs's FSRS-6 defaults: what every student starts with. */
export const DEFAULT_PARAMETERS: readonly number[] = Object.freeze([...default_w]);

/**
 * Enough history to fit: at least this many reviews, spread over at least this many days. Anki
 * offers its optimizer from a few hundred reviews; fsrs-rs learns from reviews a day or more
 * after the previous one, and a fortnight gives it intervals of a week and more to learn from.
 */
export const FIT_MIN_REVIEWS = 400;
export const FIT_MIN_DAYS = 14;

/** The share of the history, oldest first, the optimizer learns from; the rest is held out. */
export const TRAIN_SHARE = 0.8;

/** Desired retentions the advice compares. */
export const ADVICE_RETENTIONS: readonly number[] = [0.8, 0.85, 0.9, 0.95];

/** What fitting reads of a review log row. */
export interface FitLog {
	cardId: string;
	/** 1 Again, 2 Hard, 3 Good, 4 Easy. */
	rating: number;
	/** Epoch ms of the review. */
	review: number;
}

/** Whether a history is enough to fit, and if not, what is missing. */
export interface Readiness {
	ready: boolean;
	reviews: number;
	/** Whole days from the first review to the last. */
	days: number;
	reviewsNeeded: number;
	daysNeeded: number;
}

/** Whole local days between two instants (a DST day counts as one). */
export function daysBetween(from: number, to: number): number {
	return Math.round((startOfDay(to) - startOfDay(from)) / DAY);
}

/** Whether `reviews` reviews, the first at `first` and the last at `last` (epoch ms), are enough to fit. */
export function readinessOf(reviews: number, first: number | null, last: number | null): Readiness {
	const days = reviews && first !== null && last !== null ? daysBetween(first, last) : 0;
	const reviewsNeeded = Math.max(0, FIT_MIN_REVIEWS - reviews);
	const daysNeeded = Math.max(0, FIT_MIN_DAYS - days);
	return { ready: !reviewsNeeded && !daysNeeded, reviews, days, reviewsNeeded, daysNeeded };
}

/** Whether `logs` are enough history to fit, and how many more reviews or days it needs. */
export function readiness(logs: readonly Pick<FitLog, 'review'>[]): Readiness {
	let first = Infinity;
	let last = -Infinity;
	for (const l of logs) {
		if (l.review < first) first = l.review;
		if (l.review > last) last = l.review;
	}
	return logs.length ? readinessOf(logs.length, first, last) : readinessOf(0, null, null);
}

/** One review as the optimizer reads it: the rating, and whole days since the card's last review. */
export interface Review {
	rating: number;
	deltaT: number;
}

/**
 * A card's reviews up to and including one to predict (the last): the optimizer's FSRSItem.
 * `at` is the time of that last review.
 */
export interface Item {
	reviews: Review[];
	at: number;
}

/** Each card's reviews, oldest first. */
function byCard(logs: readonly FitLog[]): FitLog[][] {
	const cards = new Map<string, FitLog[]>();
	for (const l of logs) {
		const list = cards.get(l.cardId);
		if (list) list.push(l);
		else cards.set(l.cardId, [l]);
	}
	const out = [...cards.values()];
	for (const list of out) list.sort((a, b) => a.review - b.review);
	return out;
}

/** Every prediction a history holds: for each card, each of its reviews after the first. */
export function items(logs: readonly FitLog[]): Item[] {
	const out: Item[] = [];
	for (const list of byCard(logs)) {
		const reviews: Review[] = list.map((l, i) => ({
			rating: l.rating,
			deltaT: i === 0 ? 0 : daysBetween(list[i - 1]!.review, l.review)
		}));
		for (let n = 2; n <= reviews.length; n++)
			out.push({ reviews: reviews.slice(0, n), at: list[n - 1]!.review });
	}
	return out;
}

/**
 * Splits the predictions by time: those whose review comes before the moment that leaves
 * `TRAIN_SHARE` of all reviews behind it train; the later ones are held out.
 */
export function splitByTime(
	logs: readonly FitLog[],
	all: readonly Item[] = items(logs)
): { train: Item[]; heldOut: Item[]; cut: number } {
	const times = logs.map((l) => l.review).sort((a, b) => a - b);
	const cut = times[Math.min(times.length - 1, Math.floor(times.length * TRAIN_SHARE))] ?? 0;
	return {
		train: all.filter((i) => i.at < cut),
		heldOut: all.filter((i) => i.at >= cut),
		cut
	};
}

/** The optimizer's input: every item's reviews one after another, and each item's length. */
export interface TrainingSet {
	ratings: Uint32Array;
	deltaTs: Uint32Array;
	lengths: Uint32Array;
}

/** Items packed as fsrs-browser's computeParameters takes them. */
export function trainingSet(list: readonly Item[]): TrainingSet {
	const total = list.reduce((n, i) => n + i.reviews.length, 0);
	const ratings = new Uint32Array(total);
	const deltaTs = new Uint32Array(total);
	const lengths = new Uint32Array(list.length);
	let k = 0;
	for (const [n, item] of list.entries()) {
		lengths[n] = item.reviews.length;
		for (const r of item.reviews) {
			ratings[k] = r.rating;
			deltaTs[k] = r.deltaT;
			k++;
		}
	}
	return { ratings, deltaTs, lengths };
}

/** A kept FSRS optimizer: fsrs-browser's `Fsrs#computeParameters`, or anything that answers alike. */
export type Optimizer = (set: TrainingSet) => ArrayLike<number>;

/** 21 finite numbers, or a RangeError naming what is wrong. */
export function checkedParameters(w: ArrayLike<number>): number[] {
	const out = Array.from(w, (x) => Math.round(x * 10_000) / 10_000);
	if (out.length !== PARAMETER_COUNT)
		throw new RangeError(`The optimizer gave ${out.length} parameters, not ${PARAMETER_COUNT}.`);
	if (!out.every(Number.isFinite))
		throw new RangeError('The optimizer gave a parameter that is not a number.');
	return out;
}

/** How well parameters predict recall: mean log loss and the RMSE of predicted recall against what happened. */
export interface Accuracy {
	logLoss: number;
	rmse: number;
	/** Predictions scored: reviews a day or more after the card's last one. */
	count: number;
}

const EPS = 1e-6;

/** The predicted chance of recall at each long-term item's last review, and whether it was recalled. */
export function predictions(
	w: readonly number[],
	list: readonly Item[]
): { p: number; recalled: boolean }[] {
	const model = fsrs(generatorParameters({ w: [...w], enable_fuzz: false }));
	const out: { p: number; recalled: boolean }[] = [];
	for (const item of list) {
		const last = item.reviews[item.reviews.length - 1]!;
		if (last.deltaT < 1) continue;
		let state: { stability: number; difficulty: number } | null = null;
		for (const r of item.reviews.slice(0, -1)) state = model.next_state(state, r.deltaT, r.rating);
		if (!state) continue;
		const p = model.forgetting_curve(last.deltaT, state.stability);
		out.push({ p: Math.min(1 - EPS, Math.max(EPS, p)), recalled: last.rating > 1 });
	}
	return out;
}

/** Log loss and RMSE of `w` over `list`'s long-term reviews. */
export function accuracy(w: readonly number[], list: readonly Item[]): Accuracy {
	const preds = predictions(w, list);
	let loss = 0;
	let sq = 0;
	for (const { p, recalled } of preds) {
		loss -= recalled ? Math.log(p) : Math.log(1 - p);
		sq += ((recalled ? 1 : 0) - p) ** 2;
	}
	const n = preds.length || 1;
	return { logLoss: loss / n, rmse: Math.sqrt(sq / n), count: preds.length };
}

/** Reviews falling due tomorrow, and tomorrow through a week from today. */
export interface Workload {
	retention: number;
	tomorrow: number;
	week: number;
}

/**
 * Each card's next due time if its whole history had been scheduled with `w` at `retention`:
 * the ratings replayed through ts-fsrs's scheduler at the times they were given.
 */
export function replayedDues(
	logs: readonly FitLog[],
	w: readonly number[],
	retention: number
): number[] {
	const scheduler = fsrs(
		generatorParameters({ w: [...w], request_retention: retention, enable_fuzz: false })
	);
	const dues: number[] = [];
	for (const list of byCard(logs)) {
		let card = createEmptyCard(new Date(list[0]!.review));
		for (const l of list) card = scheduler.next(card, new Date(l.review), l.rating).card;
		dues.push(card.due.getTime());
	}
	return dues;
}

/** How many of `dues` fall tomorrow and in the seven days from tomorrow on (local days). */
export function workloadOf(dues: readonly number[], now: number, retention: number): Workload {
	const d = new Date(now);
	const day = (k: number) => new Date(d.getFullYear(), d.getMonth(), d.getDate() + k).getTime();
	const [tomorrow, dayAfter, weekEnd] = [day(1), day(2), day(8)];
	let t = 0;
	let wk = 0;
	for (const due of dues) {
		if (due >= tomorrow && due < dayAfter) t++;
		if (due >= tomorrow && due < weekEnd) wk++;
	}
	return { retention, tomorrow: t, week: wk };
}

/** The workload `w` gives at `retention`, from `logs`, as of `now`. */
export function workload(
	logs: readonly FitLog[],
	w: readonly number[],
	retention: number,
	now: number
): Workload {
	return workloadOf(replayedDues(logs, w, retention), now, retention);
}

/** Everything a fit finds, for the page to show and, if the student applies it, to store. */
export interface FitResult {
	parameters: number[];
	reviews: number;
	trainItems: number;
	heldOutItems: number;
	before: Accuracy;
	after: Accuracy;
	workload: { defaults: Workload; fitted: Workload };
	/** The fitted parameters' workload at each of ADVICE_RETENTIONS. */
	advice: Workload[];
}

/** The stages of a fit, in order, for a progress line. */
export const FIT_STAGES = ['reading', 'fitting', 'scoring', 'workload', 'advice'] as const;
export type FitStage = (typeof FIT_STAGES)[number];

/**
 * The whole fit: split, fit on the older part with `optimize`, score the defaults and the fit on
 * the held-out part, and the workload of each at `retention`, then the fit's at each advised
 * retention. `onStage` hears each stage as it starts.
 */
export function fit(
	logs: readonly FitLog[],
	options: {
		optimize: Optimizer;
		retention: number;
		now: number;
		onStage?: (stage: FitStage) => void;
	}
): FitResult {
	const { optimize, retention, now, onStage } = options;
	onStage?.('reading');
	const ready = readiness(logs);
	if (!ready.ready)
		throw new RangeError(
			`Fitting needs ${FIT_MIN_REVIEWS} reviews over ${FIT_MIN_DAYS} days; this history has ${ready.reviews} over ${ready.days}.`
		);
	const { train, heldOut } = splitByTime(logs);
	onStage?.('fitting');
	const parameters = checkedParameters(optimize(trainingSet(train)));
	onStage?.('scoring');
	const before = accuracy(DEFAULT_PARAMETERS, heldOut);
	const after = accuracy(parameters, heldOut);
	onStage?.('workload');
	const defaults = workload(logs, DEFAULT_PARAMETERS, retention, now);
	const fitted = workload(logs, parameters, retention, now);
	onStage?.('advice');
	const advice = ADVICE_RETENTIONS.map((r) =>
		r === retention ? fitted : workload(logs, parameters, r, now)
	);
	return {
		parameters,
		reviews: logs.length,
		trainItems: train.length,
		heldOutItems: heldOut.length,
		before,
		after,
		workload: { defaults, fitted },
		advice
	};
}
