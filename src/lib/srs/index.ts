import {
	createEmptyCard,
	fsrs,
	generatorParameters,
	Rating,
	State,
	type Card,
	type FSRS,
	type Grade,
	type ReviewLog
} from 'ts-fsrs';
import { CARD_STATE } from './card-state';
import { DAY, HOUR, MINUTE } from './days';
import type { CardKind, CardRecord, ReviewLogRecord, ReviewSource } from './records';

export { CARD_STATE, Rating, State, type Grade };

/** A moment in time: epoch ms or a Date. Always passed in, never read from the clock. */
export type Instant = number | Date;

// Types only: the schemas stay in ./records, so a page that schedules cards loads no valibot.
export type {
	CardKind,
	CardRecord,
	FittedParameters,
	ReviewLogRecord,
	ReviewSource
} from './records';

/** The FSRS scheduler the helpers below take. */
export type Scheduler = FSRS;

/** One answer button's outcome, for showing "Good · 3 days" before the student picks. */
export interface PreviewOption {
	rating: Grade;
	due: number;
	intervalText: string;
}

/** The four answer buttons, in display order. */
export const GRADES: readonly Grade[] = [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy];

function toDate(now: Instant): Date {
	// Copy so ts-fsrs can never alias or mutate the caller's Date.
	return new Date(typeof now === 'number' ? now : now.getTime());
}

function toMs(now: Instant): number {
	return typeof now === 'number' ? now : now.getTime();
}

/** The card id of a flashcard's reversed (back-to-front) side. */
export function reverseId(id: string): string {
	return `${id}:reverse`;
}

/** A never-studied card, due at `now`. */
export function newCard(id: string, kind: CardKind, now: Instant): CardRecord {
	return fromFsrsCard(id, kind, createEmptyCard(toDate(now)));
}

/** Converts a stored record to the ts-fsrs Card shape. */
export function toFsrsCard(record: CardRecord): Card {
	const card: Card = {
		due: new Date(record.due),
		stability: record.stability,
		difficulty: record.difficulty,
		elapsed_days: record.elapsed_days,
		scheduled_days: record.scheduled_days,
		learning_steps: record.learning_steps,
		reps: record.reps,
		lapses: record.lapses,
		state: record.state
	};
	if (record.last_review !== null) card.last_review = new Date(record.last_review);
	return card;
}

/** Converts a ts-fsrs Card to a storable record. */
export function fromFsrsCard(id: string, kind: CardKind, card: Card): CardRecord {
	return {
		id,
		kind,
		due: card.due.getTime(),
		stability: card.stability,
		difficulty: card.difficulty,
		elapsed_days: card.elapsed_days,
		scheduled_days: card.scheduled_days,
		learning_steps: card.learning_steps,
		reps: card.reps,
		lapses: card.lapses,
		state: card.state,
		last_review: card.last_review ? card.last_review.getTime() : null
	};
}

function fromFsrsLog(cardId: string, log: ReviewLog, source: ReviewSource): ReviewLogRecord {
	return {
		cardId,
		rating: log.rating,
		state: log.state,
		due: log.due.getTime(),
		stability: log.stability,
		difficulty: log.difficulty,
		elapsed_days: log.elapsed_days,
		last_elapsed_days: log.last_elapsed_days,
		scheduled_days: log.scheduled_days,
		learning_steps: log.learning_steps,
		review: log.review.getTime(),
		source
	};
}

/**
 * An FSRS-6 scheduler aiming at `retention` (0..1), with the student's fitted parameters `w` if
 * any (else ts-fsrs's defaults); fuzz is off so schedules are reproducible.
 */
export function makeScheduler({
	retention = 0.9,
	w
}: { retention?: number; w?: readonly number[] | null } = {}): Scheduler {
	return fsrs(
		generatorParameters({
			request_retention: retention,
			enable_fuzz: false,
			...(w ? { w: [...w] } : {})
		})
	);
}

/** A time span as a button label: "<1 min", "10 min", "5 h", "1 day", "3 days", "2 mo", "1.5 yr". */
export function formatInterval(ms: number): string {
	// Round at each unit first, so 59.7 min reads "1 h" rather than "60 min".
	const minutes = Math.round(ms / MINUTE);
	if (minutes < 1) return '<1 min';
	if (minutes < 60) return `${minutes} min`;
	const hours = Math.round(ms / HOUR);
	if (hours < 24) return `${hours} h`;
	const days = Math.round(ms / DAY);
	if (days < 30) return days === 1 ? '1 day' : `${days} days`;
	const months = Math.round(days / 30.4375);
	if (months < 12) return `${months} mo`;
	const years = Math.round((days / 365.25) * 10) / 10;
	return `${years} yr`;
}

/** What each of Again/Hard/Good/Easy would do to the card if chosen at `now`. */
export function preview(record: CardRecord, now: Instant, scheduler: Scheduler): PreviewOption[] {
	const at = toMs(now);
	const outcomes = scheduler.repeat(toFsrsCard(record), toDate(now));
	return GRADES.map((rating) => {
		const due = outcomes[rating].card.due.getTime();
		return { rating, due, intervalText: formatInterval(due - at) };
	});
}

/** Applies one rating at `now`: the card's new schedule and the log row to store with it. */
export function rate(
	record: CardRecord,
	rating: Grade,
	now: Instant,
	scheduler: Scheduler,
	source: ReviewSource
): { card: CardRecord; log: ReviewLogRecord } {
	const { card, log } = scheduler.next(toFsrsCard(record), toDate(now), rating);
	return {
		card: fromFsrsCard(record.id, record.kind, card),
		log: fromFsrsLog(record.id, log, source)
	};
}

/** A quiz answer counts as a review: right is Good, wrong is Again. */
export function ratingForQuizAnswer(correct: boolean): Grade {
	return correct ? Rating.Good : Rating.Again;
}

/** A quiz answer as scheduling sees it. */
export interface QuizAnswerEvent {
	itemId: string;
	correct: boolean;
	/** Epoch ms of the answer. */
	at: number;
}

/**
 * Counts quiz answers as reviews (right → Good, wrong → Again), in order: the cards as they
 * become and one log per answer, for storage to write as given. `cards` holds the stored card of
 * each answered item, if any; an item answered twice is rated twice, the second time from the
 * first rating's result.
 */
export function reviewQuizAnswers(
	cards: ReadonlyMap<string, CardRecord>,
	answers: readonly QuizAnswerEvent[],
	scheduler: Scheduler
): { cards: CardRecord[]; logs: ReviewLogRecord[] } {
	const latest = new Map(cards);
	const logs: ReviewLogRecord[] = [];
	for (const a of answers) {
		const card = latest.get(a.itemId) ?? newCard(a.itemId, 'item', a.at);
		const next = rate(card, ratingForQuizAnswer(a.correct), a.at, scheduler, 'quiz');
		latest.set(a.itemId, next.card);
		logs.push(next.log);
	}
	const touched = new Set(answers.map((a) => a.itemId));
	return { cards: [...latest.values()].filter((c) => touched.has(c.id)), logs };
}

/** Probability (0..1) the student still recalls the card at `now`; 0 for a card never studied. */
export function retrievability(record: CardRecord, now: Instant, scheduler: Scheduler): number {
	if (record.state === CARD_STATE.New || record.last_review === null) return 0;
	const r = scheduler.get_retrievability(toFsrsCard(record), toDate(now), false);
	return Number.isFinite(r) ? Math.min(1, Math.max(0, r)) : 0;
}

/** The card's FSRS state, named. */
export type StateName = 'new' | 'learning' | 'review' | 'relearning';

const STATE_NAMES: readonly StateName[] = ['new', 'learning', 'review', 'relearning'];

/** The card's FSRS state as a lower-case name. */
export function stateName(record: CardRecord): StateName {
	return STATE_NAMES[record.state] ?? 'new';
}

/** Daily limits and what has already been studied today. */
export interface QueueLimits {
	/** New cards to introduce per day. */
	newLimit: number;
	/** Review-state cards to show per day. */
	reviewLimit: number;
	/** New cards already introduced today. */
	newToday: number;
	/** Review-state cards already reviewed today. */
	reviewedToday: number;
}

/** What to study now, and what the limits held back. */
export interface DueQueue {
	/** Learning cards first (their steps are minutes long), then most overdue reviews, then new. */
	ids: string[];
	counts: { learning: number; review: number; new: number; total: number };
	/** Cards that could be studied now but are over today's limits. */
	held: { review: number; new: number };
	/** Earliest due time among learning cards not yet due, so the UI can say "back in 4 min". */
	nextLearningDue: number | null;
}

/**
 * Cards to study at `now` within the daily limits. Learning and relearning cards are never held
 * back: stopping mid-step would waste the step. New cards come in creation order (`due`), ties in
 * input order, so the same cards are introduced whatever order the database returns.
 */
export function dueQueue(
	cards: readonly CardRecord[],
	now: Instant,
	limits: QueueLimits
): DueQueue {
	const at = toMs(now);
	const learning: CardRecord[] = [];
	const review: CardRecord[] = [];
	const fresh: { card: CardRecord; index: number }[] = [];
	let nextLearningDue: number | null = null;
	for (const [index, card] of cards.entries()) {
		if (card.state === CARD_STATE.New) fresh.push({ card, index });
		else if (card.state === CARD_STATE.Review) {
			if (card.due <= at) review.push(card);
		} else if (card.due <= at) learning.push(card);
		else if (nextLearningDue === null || card.due < nextLearningDue) nextLearningDue = card.due;
	}
	learning.sort((a, b) => a.due - b.due);
	review.sort((a, b) => a.due - b.due);
	fresh.sort((a, b) => a.card.due - b.card.due || a.index - b.index);

	const reviewRoom = Math.max(0, limits.reviewLimit - limits.reviewedToday);
	const newRoom = Math.max(0, limits.newLimit - limits.newToday);
	const reviews = review.slice(0, reviewRoom);
	const news = fresh.slice(0, newRoom).map((f) => f.card);
	const ids = [...learning, ...reviews, ...news].map((c) => c.id);
	return {
		ids,
		counts: {
			learning: learning.length,
			review: reviews.length,
			new: news.length,
			total: ids.length
		},
		held: { review: review.length - reviews.length, new: fresh.length - news.length },
		nextLearningDue
	};
}
