/** The shapes srs hands to storage: a card's schedule and a review's log, as plain JSON. */
import * as v from 'valibot';
import { between, count, key, Time } from '../engine/bounds';

/** What a card studies: a flashcard side or a quiz item. */
export const CardKindSchema = v.picklist(['flashcard', 'item']);

/** Where a rating came from: the flashcard review screen or a quiz answer. */
export const ReviewSourceSchema = v.picklist(['review', 'quiz']);

export { CARD_STATE } from './card-state';

// ts-fsrs keeps intervals under 36,500 days and stability likewise; these bounds leave room.
const Days = between(0, 100_000);
const FsrsState = v.pipe(count(3), v.description('0 new, 1 learning, 2 review, 3 relearning'));

/** A ts-fsrs card as plain JSON, ready for IndexedDB and backups. */
export const CardRecordSchema = v.object({
	/** The bank item or flashcard id; a reversed flashcard's back-to-front side is `${id}:reverse`. */
	id: key(300),
	kind: CardKindSchema,
	/** Epoch ms, so the database can index it. */
	due: Time,
	stability: Days,
	difficulty: between(0, 10),
	elapsed_days: Days,
	scheduled_days: Days,
	learning_steps: count(1000),
	reps: count(10_000_000),
	lapses: count(10_000_000),
	/** A ts-fsrs State: 0 new, 1 learning, 2 review, 3 relearning. */
	state: FsrsState,
	/** Epoch ms; null until the first review. */
	last_review: v.nullable(Time)
});

/** A ts-fsrs review log as plain JSON, tagged with its card and source. */
export const ReviewLogRecordSchema = v.object({
	cardId: key(300),
	/** 1 Again, 2 Hard, 3 Good, 4 Easy. */
	rating: v.pipe(count(4), v.minValue(1, 'must be 1 to 4')),
	/** The card's state before this review. */
	state: FsrsState,
	due: Time,
	stability: Days,
	difficulty: between(0, 10),
	elapsed_days: Days,
	last_elapsed_days: Days,
	scheduled_days: Days,
	learning_steps: count(1000),
	/** Epoch ms of the review. */
	review: Time,
	source: ReviewSourceSchema
});

export type CardKind = v.InferOutput<typeof CardKindSchema>;
export type ReviewSource = v.InferOutput<typeof ReviewSourceSchema>;
export type CardRecord = v.InferOutput<typeof CardRecordSchema>;
export type ReviewLogRecord = v.InferOutput<typeof ReviewLogRecordSchema>;

/**
 * FSRS parameters fitted to the student by "Fit my schedule" and applied: the 21 weights, when
 * they were applied, from how many reviews, and the held-out log loss of the defaults and of the
 * fit that the student saw before applying them.
 */
export const FittedParametersSchema = v.object({
	w: v.pipe(
		v.array(v.pipe(v.number(), v.finite(), v.minValue(-100), v.maxValue(100))),
		v.length(21, 'must be 21 numbers')
	),
	appliedAt: Time,
	reviews: count(100_000_000),
	logLoss: v.object({ defaults: between(0, 100), fitted: between(0, 100) })
});

export type FittedParameters = v.InferOutput<typeof FittedParametersSchema>;
