import bank from 'virtual:quire-bank/index';
import { DAY, dayStarts } from '$lib/srs/days';
import type { BankIndex } from '$lib/bank/parts';
import { ITEM_TYPE_NAMES, type ItemType } from '$lib/bank/schema';
import { CARD_STATE, makeScheduler, retrievability } from '$lib/srs';
import {
	accuracyByType,
	forecast,
	hardestItems,
	heatmap,
	streak,
	topicMastery,
	type ForecastDay,
	type HeatmapDay,
	type Streak
} from '$lib/srs/progress';
import { databaseExists } from '$lib/db/exists';
import type { ProgressRows } from '$lib/db/progress';

/** The repository, loaded after first paint so Dexie is not on the critical path. */
const loadDb = () => import('$lib/db/progress');

/** Item types in the order the study page lists them. */
const TYPE_ORDER = Object.keys(ITEM_TYPE_NAMES) as ItemType[];

/** Days the heatmap covers, ending today. */
export const HEATMAP_DAYS = 365;
/** Days the due forecast covers, starting today. */
export const FORECAST_DAYS = 30;
/** Hardest items listed. */
export const HARDEST_LIMIT = 10;

/** One bar of a per-topic or per-type chart. */
export interface ShareRow {
	key: string;
	label: string;
	count: number;
	total: number;
	share: number;
}

/** One of the most-missed items, ready to show. */
export interface HardRow {
	id: string;
	prompt: string;
	topic: string;
	type: string;
	wrong: number;
	total: number;
	accuracy: number;
}

/** Everything the dashboard shows, computed once from the stored rows. */
export interface ProgressView {
	/** Nothing has ever been reviewed or answered on this device. */
	empty: boolean;
	/** Cards studied before and due at `now` (never-studied flashcards are not due). */
	dueNow: number;
	/** Today's study events: flashcard reviews and quiz answers, each counted once. */
	today: { total: number; reviews: number; answers: number };
	streak: Streak;
	/** Study events per local day over the last HEATMAP_DAYS days, oldest first. */
	heatmap: { days: HeatmapDay[]; max: number; total: number };
	forecast: ForecastDay[];
	mastery: ShareRow[];
	accuracy: ShareRow[];
	hardest: HardRow[];
}

/** What summarize reads: the whole rows, plus review logs counted per local day. */
export interface ProgressData extends ProgressRows {
	/** Local midnights, ascending; the last is tomorrow's, so day i is [dayStarts[i], dayStarts[i + 1]). */
	dayStarts: number[];
	/** Review logs (any source) per day of `dayStarts`. */
	reviewsPerDay: number[];
}

/** Index of the day range holding `ms`, or -1 outside them all. */
function dayIndex(starts: readonly number[], ms: number): number {
	if (!(ms >= starts[0]!) || !(ms < starts[starts.length - 1]!)) return -1;
	let lo = 0;
	let hi = starts.length - 2;
	while (lo < hi) {
		const mid = (lo + hi + 1) >> 1;
		if (starts[mid]! <= ms) lo = mid;
		else hi = mid - 1;
	}
	return lo;
}

/**
 * The dashboard's figures at `now`, from one pass over attempts and cards and the review-log
 * counts per day.
 *
 * A study event is a flashcard review or a quiz answer. Every quiz answer is stored twice: as an
 * attempt, and as a review log with source 'quiz' at the same instant (it schedules the item for
 * review). So a day's review logs already include its answers, and a day counts its review logs,
 * or its attempts when there are more of those (answers recorded before review logs existed).
 */
export function summarize(data: ProgressData, content: BankIndex, now: number): ProgressView {
	const { attempts, cards, dayStarts: starts, reviewsPerDay } = data;

	// Attempts: answers per day, and the latest answer per item.
	const answersPerDay = new Array<number>(reviewsPerDay.length).fill(0);
	const latestAt = new Map<string, number>();
	const latestCorrect = new Map<string, boolean>();
	for (const a of attempts) {
		const i = dayIndex(starts, a.at);
		if (i >= 0) answersPerDay[i]!++;
		const prev = latestAt.get(a.itemId);
		if (prev === undefined || a.at >= prev) {
			latestAt.set(a.itemId, a.at);
			latestCorrect.set(a.itemId, a.correct);
		}
	}

	// Study events per day, as instants for the pure statistics: one per event in the heatmap's
	// window, one per studied day for the streak (it only asks whether a day was studied).
	const studiedDays: number[] = [];
	const events: number[] = [];
	const windowStart = reviewsPerDay.length - HEATMAP_DAYS;
	for (let i = 0; i < reviewsPerDay.length; i++) {
		const count = Math.max(reviewsPerDay[i]!, answersPerDay[i]!);
		if (count === 0) continue;
		studiedDays.push(starts[i]!);
		if (i >= windowStart) for (let k = 0; k < count; k++) events.push(starts[i]!);
	}

	// Cards: due now, and how likely each studied item is to be recalled now.
	const scheduler = makeScheduler();
	const recall = new Map<string, number>();
	let dueNow = 0;
	for (const card of cards) {
		if (card.state === CARD_STATE.New) continue;
		if (card.due <= now) dueNow++;
		if (card.kind === 'item') recall.set(card.id, retrievability(card, now, scheduler));
	}

	const heat = heatmap(events, now, HEATMAP_DAYS);
	const total = heat.days.at(-1)?.count ?? 0;
	const answered = Math.min(total, answersPerDay.at(-1) ?? 0);

	const topicTitle = new Map(content.topics.map((t) => [t.id, t.title]));
	const itemById = new Map(content.items.map((i) => [i.id, i]));
	const typeOf = new Map(content.items.map((i) => [i.id, i.type]));
	const known = attempts.filter((a) => itemById.has(a.itemId));

	const mastery = topicMastery(content.items, latestCorrect, recall).map((t) => ({
		key: t.topic,
		label: topicTitle.get(t.topic) ?? t.topic,
		count: t.mastered,
		total: t.total,
		share: t.share
	}));
	const accuracy = accuracyByType(known, typeOf)
		.sort((a, b) => TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type))
		.map((t) => ({
			key: t.type,
			label: ITEM_TYPE_NAMES[t.type],
			count: t.right,
			total: t.total,
			share: t.share
		}));
	const hardest = hardestItems(known, HARDEST_LIMIT).map((h) => {
		const item = itemById.get(h.itemId)!;
		return {
			id: h.itemId,
			prompt: item.prompt,
			topic: topicTitle.get(item.topic) ?? item.topic,
			type: ITEM_TYPE_NAMES[item.type],
			wrong: h.wrong,
			total: h.total,
			accuracy: h.accuracy
		};
	});

	return {
		empty: attempts.length === 0 && data.oldestReview === null,
		dueNow,
		today: { total, reviews: total - answered, answers: answered },
		streak: streak(studiedDays, now),
		heatmap: heat,
		forecast: forecast(cards, now, FORECAST_DAYS),
		mastery,
		accuracy,
		hardest
	};
}

/** The progress dashboard: bulk reads and counts, one summary, held without per-row proxies. */
export class ProgressState {
	view = $state.raw<ProgressView | null>(null);
	error = $state<string | null>(null);
	/** Nothing is stored on this device at all (a first visit): there is nothing to summarize. */
	nothingStored = $state(false);

	/** Reads attempts and cards, counts review logs per day, and summarizes them at `now`. */
	async load(now: number) {
		try {
			// A first visit has nothing stored: the empty dashboard shows without loading Dexie or
			// summarizing a year of empty days (a long task on a slow phone, for nothing shown).
			if (!(await databaseExists())) {
				this.nothingStored = true;
				return;
			}
			const recent = dayStarts(now, HEATMAP_DAYS);
			const { progressRows, reviewCounts } = await loadDb();
			const rows = await progressRows();
			// Days before the first review log hold none: count only from its day on (365 count
			// queries with no history at all blocked the main thread for a third of a second).
			const from =
				rows.oldestReview === null
					? HEATMAP_DAYS
					: Math.max(
							0,
							recent.findLastIndex((start) => start <= rows.oldestReview!)
						);
			const recentCounts = [
				...new Array<number>(from).fill(0),
				...(from < HEATMAP_DAYS ? await reviewCounts(recent.slice(from)) : [])
			];
			let starts = recent;
			let counts = recentCounts;
			// History older than the heatmap still counts for the longest streak.
			let first = rows.oldestReview ?? Infinity;
			for (const a of rows.attempts) if (a.at < first) first = a.at;
			if (first < recent[0]!) {
				const extra = Math.ceil((recent[0]! - first) / DAY) + 1;
				const older = dayStarts(now, HEATMAP_DAYS + extra).slice(0, extra + 1);
				starts = [...older.slice(0, -1), ...recent];
				counts = [...(await reviewCounts(older)), ...recentCounts];
			}
			this.view = summarize({ ...rows, dayStarts: starts, reviewsPerDay: counts }, bank, now);
		} catch (error) {
			const { describeStorageError } = await import('$lib/db');
			this.error = describeStorageError(error);
		}
	}
}
