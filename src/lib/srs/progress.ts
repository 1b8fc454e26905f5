import { keyOf, zone } from './days';
import { CARD_STATE, type CardRecord, type Instant } from './index';

export { dayKey } from './days';

/** Retrievability at or above which a correctly answered item counts as mastered. */
export const MASTERY_RETRIEVABILITY = 0.9;

function toMs(now: Instant): number {
	return typeof now === 'number' ? now : now.getTime();
}

/** Consecutive study days. */
export interface Streak {
	/** Days in the run ending today, or yesterday if today has no activity yet. */
	current: number;
	longest: number;
	studiedToday: boolean;
}

/** Study streaks from the times of reviews and answers, counted in local calendar days. */
export function streak(activityMs: readonly number[], now: Instant, timeZone?: string): Streak {
	const z = zone(timeZone);
	const today = z.day(toMs(now));
	const days = new Set<number>();
	for (const ms of activityMs) {
		if (!Number.isFinite(ms)) continue;
		const d = z.day(ms);
		// A future-dated row means a wrong device clock, not study.
		if (d <= today) days.add(d);
	}
	let longest = 0;
	for (const d of days) {
		if (days.has(d - 1)) continue;
		let run = 1;
		while (days.has(d + run)) run++;
		if (run > longest) longest = run;
	}
	const studiedToday = days.has(today);
	let current = 0;
	for (let d = studiedToday ? today : today - 1; days.has(d); d--) current++;
	return { current, longest, studiedToday };
}

/** One day of the activity heatmap. */
export interface HeatmapDay {
	day: string;
	count: number;
	/** 0 Sunday … 6 Saturday, for laying days out in week columns. */
	weekday: number;
}

/** Activity per local day for the `days` days ending today, oldest first. */
export function heatmap(
	activityMs: readonly number[],
	now: Instant,
	days = 365,
	timeZone?: string
): { days: HeatmapDay[]; max: number; total: number } {
	const z = zone(timeZone);
	const today = z.day(toMs(now));
	const first = today - days + 1;
	const counts = new Array<number>(Math.max(0, days)).fill(0);
	let total = 0;
	for (const ms of activityMs) {
		if (!Number.isFinite(ms)) continue;
		const i = z.day(ms) - first;
		if (i < 0 || i >= counts.length) continue;
		counts[i] = (counts[i] ?? 0) + 1;
		total++;
	}
	let max = 0;
	const out = counts.map((count, i) => {
		if (count > max) max = count;
		const d = first + i;
		// 1970-01-01 was a Thursday.
		return { day: keyOf(d), count, weekday: (((d + 4) % 7) + 7) % 7 };
	});
	return { days: out, max, total };
}

/** Cards falling due on one local day. */
export interface ForecastDay {
	day: string;
	count: number;
}

/**
 * Cards due per local day for the `days` days starting today; overdue cards count today. New
 * cards are left out: they are introduced by the daily new-card limit, not by a due date.
 */
export function forecast(
	cards: readonly CardRecord[],
	now: Instant,
	days = 30,
	timeZone?: string
): ForecastDay[] {
	const z = zone(timeZone);
	const today = z.day(toMs(now));
	const counts = new Array<number>(Math.max(0, days)).fill(0);
	for (const card of cards) {
		if (card.state === CARD_STATE.New) continue;
		const i = Math.max(0, z.day(card.due) - today);
		if (i < counts.length) counts[i] = (counts[i] ?? 0) + 1;
	}
	return counts.map((count, i) => ({ day: keyOf(today + i), count }));
}

/** How much of one topic is mastered. */
export interface TopicMastery {
	topic: string;
	mastered: number;
	total: number;
	/** mastered / total, 0 when the topic has no items. */
	share: number;
}

/**
 * Per topic, in first-seen order: items whose last answer was right and whose retrievability is
 * still at least MASTERY_RETRIEVABILITY.
 */
export function topicMastery(
	items: readonly { id: string; topic: string }[],
	latestCorrect: ReadonlyMap<string, boolean>,
	retrievability: ReadonlyMap<string, number>
): TopicMastery[] {
	const byTopic = new Map<string, TopicMastery>();
	for (const item of items) {
		let t = byTopic.get(item.topic);
		if (!t) {
			t = { topic: item.topic, mastered: 0, total: 0, share: 0 };
			byTopic.set(item.topic, t);
		}
		t.total++;
		if (
			latestCorrect.get(item.id) === true &&
			(retrievability.get(item.id) ?? 0) >= MASTERY_RETRIEVABILITY
		)
			t.mastered++;
	}
	const out = [...byTopic.values()];
	for (const t of out) t.share = t.total ? t.mastered / t.total : 0;
	return out;
}

/** Right answers out of all answers for one item type. */
export interface TypeAccuracy<T extends string = string> {
	type: T;
	right: number;
	total: number;
	share: number;
}

/**
 * Accuracy per item type, sorted by type name. Attempts on items no longer in the bank (absent
 * from `typeOf`) are skipped.
 */
export function accuracyByType<T extends string>(
	attempts: readonly { itemId: string; correct: boolean }[],
	typeOf: ReadonlyMap<string, T>
): TypeAccuracy<T>[] {
	const byType = new Map<T, TypeAccuracy<T>>();
	for (const a of attempts) {
		const type = typeOf.get(a.itemId);
		if (type === undefined) continue;
		let t = byType.get(type);
		if (!t) {
			t = { type, right: 0, total: 0, share: 0 };
			byType.set(type, t);
		}
		t.total++;
		if (a.correct) t.right++;
	}
	const out = [...byType.values()].sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
	for (const t of out) t.share = t.total ? t.right / t.total : 0;
	return out;
}

/** One item's answer record, for the "hardest items" list. */
export interface HardItem {
	itemId: string;
	wrong: number;
	right: number;
	total: number;
	accuracy: number;
}

/**
 * Items answered at least twice and wrong at least once, lowest accuracy first, then most wrong
 * answers, then id. A single wrong answer is too little evidence to call an item hard.
 */
export function hardestItems(
	attempts: readonly { itemId: string; correct: boolean }[],
	limit = 10
): HardItem[] {
	const byItem = new Map<string, HardItem>();
	for (const a of attempts) {
		let h = byItem.get(a.itemId);
		if (!h) {
			h = { itemId: a.itemId, wrong: 0, right: 0, total: 0, accuracy: 0 };
			byItem.set(a.itemId, h);
		}
		h.total++;
		if (a.correct) h.right++;
		else h.wrong++;
	}
	const out: HardItem[] = [];
	for (const h of byItem.values()) {
		if (h.total < 2 || h.wrong === 0) continue;
		h.accuracy = h.right / h.total;
		out.push(h);
	}
	out.sort(
		(a, b) =>
			a.accuracy - b.accuracy ||
			b.wrong - a.wrong ||
			(a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0)
	);
	return out.slice(0, Math.max(0, limit));
}
