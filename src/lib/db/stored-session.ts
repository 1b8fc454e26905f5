/**
 * A quiz session as IndexedDB and backups hold it, in two parts: the fixed part (the quiz and its
 * questions, table sessionItems), written once when the session starts, and the changing part
 * (answers, position, drafts, time: the `state` of its sessions row), which every save writes.
 * The stored shape is versioned (`v`; 1 was the two parts in one row, see session-split.ts) and
 * mapped field by field from and to the engine's SessionState, so a refactor of the engine
 * changes the mapping, not the data on every student's device.
 */
import * as v from 'valibot';
import { SetItem, type AnyItem } from '../bank/set';
import {
	between,
	count,
	Duration,
	key,
	MAX_DURATION,
	MAX_TIME,
	Share,
	text,
	Time
} from '../engine/bounds';
import type { AnswerRecord, AttemptEvent, SessionState } from '../engine/session';
import type { Presentation } from '../engine/generate';
import type { ScoreResult } from '../engine/score';
import { answerSchema } from '../engine/answer';

/** The stored session format this build writes and reads. */
export const STORED_SESSION_VERSION = 2;

/** Most questions one stored quiz may hold. */
const MAX_QUIZ = 10_000;
/** Learn mode re-queues missed items; the queue may grow well past the quiz. */
const MAX_QUEUE = 100_000;

/** A typed answer as stored: generous limits, so nothing a student can type is refused later. */
export const StoredAnswer = answerSchema(20_000, 1_000);

const ItemId = key(300);

/**
 * A question as the session stored it. Sessions stored before the bank gave every entry a voice
 * and a level (database version 4 and older) are read with the defaults the bank used then: each
 * question was taught as a recall of fact. Nothing else is filled in. Questions of a teacher's own
 * sets may lack the quote, paragraph and explanation (see bank/set.ts); built-in ones have them.
 */
const StoredItem = v.pipe(
	v.unknown(),
	v.transform((input) =>
		input !== null && typeof input === 'object' && !Array.isArray(input)
			? { voice: 'fact', level: 'recall', ...input }
			: input
	),
	SetItem
);
const Ids = (max: number) => v.pipe(v.array(ItemId), v.maxLength(max, `must hold at most ${max}`));
const Indices = v.pipe(v.array(count(1_000)), v.maxLength(1_000));

const StoredScore = v.object({
	score: Share,
	correct: v.boolean(),
	hint: v.optional(v.literal('close')),
	detail: v.optional(v.pipe(v.array(v.boolean()), v.maxLength(1_000))),
	expected: text(20_000)
});

const StoredAnswerRecord = v.object({
	answer: StoredAnswer,
	result: v.nullable(StoredScore),
	timeTakenMs: Duration,
	at: Time,
	attempts: count(1_000_000),
	rightCount: count(1_000_000),
	first: v.nullable(StoredScore)
});

const StoredEvent = v.object({
	itemId: ItemId,
	answer: StoredAnswer,
	score: Share,
	correct: v.boolean(),
	timeTakenMs: Duration,
	at: Time
});

const StoredPresentation = v.object({
	choiceOrder: v.optional(Indices),
	orderShuffle: v.optional(Indices),
	matchRightOrder: v.optional(Indices)
});

/** How many entries an item's presentation orders: its choices, order entries or pairs. */
function entryCount(item: AnyItem): number | null {
	switch (item.type) {
		case 'single':
		case 'multi':
			return item.choices.length;
		case 'order':
			return item.items.length;
		case 'match':
			return item.pairs.length;
		default:
			return null;
	}
}

function isPermutation(order: readonly number[], n: number): boolean {
	return order.length === n && new Set(order).size === n && order.every((i) => i < n);
}

const StoredQuiz = v.object({
	seed: text(200),
	itemIds: v.pipe(Ids(MAX_QUIZ), v.minLength(1, 'must name at least one question')),
	presentation: v.record(ItemId, StoredPresentation)
});

const ItemsFields = v.object({
	id: key(200),
	quiz: StoredQuiz,
	items: v.record(ItemId, StoredItem)
});

const ProgressFields = v.object({
	v: v.literal(STORED_SESSION_VERSION),
	id: key(200),
	mode: v.picklist(['practice', 'test', 'learn']),
	status: v.picklist(['ready', 'active', 'submitted']),
	queue: Ids(MAX_QUEUE),
	position: count(MAX_QUEUE),
	locked: v.boolean(),
	answers: v.record(ItemId, StoredAnswerRecord),
	flags: Ids(MAX_QUIZ),
	visitMs: v.record(ItemId, Duration),
	shownAt: Duration,
	timeLimitMs: v.nullable(v.pipe(Duration, v.minValue(1, 'must be positive'))),
	startedAt: v.nullable(Time),
	submittedAt: v.nullable(Time),
	deadline: v.nullable(between(-MAX_DURATION, MAX_TIME + MAX_DURATION)),
	activeMs: Duration,
	resumedAt: v.nullable(Time),
	lastNow: v.nullable(Time),
	lastEvents: v.pipe(v.array(StoredEvent), v.maxLength(MAX_QUIZ)),
	/** Typed but not yet checked, per question; absent when there are none. */
	drafts: v.optional(v.record(ItemId, StoredAnswer))
});

/** Where a stored part disagrees with itself or with the other part, in words. */
export interface Problem {
	path: string;
	message: string;
}

/** A schema whose parts must agree: `problem` names the first way they do not, or null. */
function consistent<S extends v.GenericSchema>(
	schema: S,
	problem: (value: v.InferOutput<S>) => Problem | null
) {
	return v.pipe(
		schema,
		v.rawCheck(({ dataset, addIssue }) => {
			if (!dataset.typed) return;
			const found = problem(dataset.value);
			if (found)
				addIssue({
					message: found.message,
					path: [
						{
							type: 'object',
							origin: 'value',
							input: dataset.value as Record<string, unknown>,
							key: found.path,
							value: undefined
						}
					]
				});
		})
	);
}

/** The first way the fixed part disagrees with itself, or null. */
function itemsProblem(s: v.InferOutput<typeof ItemsFields>): Problem | null {
	const has = (id: string) => Object.prototype.hasOwnProperty.call(s.items, id);
	const missing = s.quiz.itemIds.find((id) => !has(id));
	if (missing) return { path: 'quiz.itemIds', message: `names ${missing}, which it does not hold` };
	for (const [id, p] of Object.entries(s.quiz.presentation)) {
		const item = s.items[id];
		if (!item) return { path: `quiz.presentation.${id}`, message: 'is for a question it lacks' };
		const n = entryCount(item);
		for (const order of [p.choiceOrder, p.orderShuffle, p.matchRightOrder])
			if (order && (n === null || !isPermutation(order, n)))
				return { path: `quiz.presentation.${id}`, message: 'does not fit the question' };
	}
	return null;
}

/** The first way the changing part disagrees with itself, or null. */
function progressProblem(s: v.InferOutput<typeof ProgressFields>): Problem | null {
	if (s.queue.length === 0) return { path: 'queue', message: 'is empty' };
	if (s.position >= s.queue.length)
		return { path: 'position', message: `is past the end of the queue (${s.queue.length})` };
	return null;
}

/**
 * A session's fixed part as stored (table sessionItems): its quiz and its questions, written once
 * when the session starts and never again. Every field bounded, and consistent with itself.
 */
export const StoredSessionItems = consistent(ItemsFields, itemsProblem);
export type StoredSessionItems = v.InferOutput<typeof StoredSessionItems>;

/**
 * A session's changing part as stored (the `state` of a sessions row): answers, position, drafts
 * and time, what each save writes. Every field bounded; read with its fixed part (joinProblem).
 */
export const StoredSessionProgress = consistent(ProgressFields, progressProblem);
export type StoredSessionProgress = v.InferOutput<typeof StoredSessionProgress>;

/**
 * The first way a session's two parts disagree (both already checked on their own), or null: the
 * parts of one session, each question the changing part names held by the fixed part, and each
 * answer and draft of its question's type. Cheap: it looks at the answers, not the questions.
 */
export function joinProblem(items: StoredSessionItems, s: StoredSessionProgress): Problem | null {
	if (items.id !== s.id)
		return { path: 'id', message: `is not its questions' session (${items.id})` };
	const has = (id: string) => Object.prototype.hasOwnProperty.call(items.items, id);
	const stray = s.queue.find((id) => !has(id));
	if (stray) return { path: 'queue', message: `names ${stray}, which the session does not hold` };
	for (const [id, rec] of Object.entries(s.answers)) {
		const item = has(id) ? items.items[id] : undefined;
		if (!item) return { path: `answers.${id}`, message: 'answers a question the session lacks' };
		if (rec.answer.type !== item.type)
			return {
				path: `answers.${id}`,
				message: `is a ${rec.answer.type} answer to a ${item.type} question`
			};
	}
	for (const [id, draft] of Object.entries(s.drafts ?? {})) {
		const item = has(id) ? items.items[id] : undefined;
		if (!item) return { path: `drafts.${id}`, message: 'is a draft for a question it lacks' };
		if (draft.type !== item.type)
			return {
				path: `drafts.${id}`,
				message: `is a ${draft.type} draft for a ${item.type} question`
			};
	}
	return null;
}

function scoreTo(r: ScoreResult): StoredSessionProgress['answers'][string]['first'] & object {
	const out: ReturnType<typeof scoreTo> = {
		score: r.score,
		correct: r.correct,
		expected: r.expected
	};
	if (r.hint !== undefined) out.hint = r.hint;
	if (r.detail !== undefined) out.detail = [...r.detail];
	return out;
}

function scoreFrom(r: ReturnType<typeof scoreTo>): ScoreResult {
	const out: ScoreResult = { score: r.score, correct: r.correct, expected: r.expected };
	if (r.hint !== undefined) out.hint = r.hint;
	if (r.detail !== undefined) out.detail = [...r.detail];
	return out;
}

function recordTo(r: AnswerRecord): StoredSessionProgress['answers'][string] {
	return {
		answer: r.answer,
		result: r.result && scoreTo(r.result),
		timeTakenMs: r.timeTakenMs,
		at: r.at,
		attempts: r.attempts,
		rightCount: r.rightCount,
		first: r.first && scoreTo(r.first)
	};
}

function recordFrom(r: StoredSessionProgress['answers'][string]): AnswerRecord {
	return {
		answer: r.answer,
		result: r.result && scoreFrom(r.result),
		timeTakenMs: r.timeTakenMs,
		at: r.at,
		attempts: r.attempts,
		rightCount: r.rightCount,
		first: r.first && scoreFrom(r.first)
	};
}

function eventTo(e: AttemptEvent): StoredSessionProgress['lastEvents'][number] {
	const { itemId, answer, score, correct, timeTakenMs, at } = e;
	return { itemId, answer, score, correct, timeTakenMs, at };
}

function presentationTo(p: Presentation): StoredSessionItems['quiz']['presentation'][string] {
	const out: ReturnType<typeof presentationTo> = {};
	if (p.choiceOrder) out.choiceOrder = [...p.choiceOrder];
	if (p.orderShuffle) out.orderShuffle = [...p.orderShuffle];
	if (p.matchRightOrder) out.matchRightOrder = [...p.matchRightOrder];
	return out;
}

function mapValues<A, B>(record: Readonly<Record<string, A>>, f: (a: A) => B): Record<string, B> {
	return Object.fromEntries(Object.entries(record).map(([k, a]) => [k, f(a)]));
}

/** The engine's session's fixed part in its stored shape: written once, when it starts. */
export function toStoredItems(s: SessionState): StoredSessionItems {
	return {
		id: s.id,
		quiz: {
			seed: s.quiz.seed,
			itemIds: [...s.quiz.itemIds],
			presentation: mapValues(s.quiz.presentation, presentationTo)
		},
		items: { ...s.items }
	};
}

/** The engine's session's changing part in its stored shape: what each save writes. */
export function toStoredProgress(s: SessionState): StoredSessionProgress {
	return {
		v: STORED_SESSION_VERSION,
		id: s.id,
		mode: s.mode,
		status: s.status,
		queue: [...s.queue],
		position: s.position,
		locked: s.locked,
		answers: mapValues(s.answers, recordTo),
		flags: [...s.flags],
		visitMs: { ...s.visitMs },
		shownAt: s.shownAt,
		timeLimitMs: s.timeLimitMs,
		startedAt: s.startedAt,
		submittedAt: s.submittedAt,
		deadline: s.deadline,
		activeMs: s.activeMs,
		resumedAt: s.resumedAt,
		lastNow: s.lastNow,
		lastEvents: s.lastEvents.map(eventTo),
		...(s.drafts && Object.keys(s.drafts).length > 0 ? { drafts: { ...s.drafts } } : {})
	};
}

/**
 * A session's two validated stored parts, joined, as the engine's state. The caller checks
 * joinProblem first. The questions are shared with `items`, never copied: they do not change.
 */
export function fromStoredSession(
	items: StoredSessionItems,
	s: StoredSessionProgress
): SessionState {
	return {
		v: 1,
		id: s.id,
		mode: s.mode,
		status: s.status,
		quiz: {
			seed: items.quiz.seed,
			itemIds: [...items.quiz.itemIds],
			presentation: mapValues(items.quiz.presentation, presentationTo)
		},
		items: items.items,
		queue: [...s.queue],
		position: s.position,
		locked: s.locked,
		answers: mapValues(s.answers, recordFrom),
		flags: [...s.flags],
		visitMs: { ...s.visitMs },
		shownAt: s.shownAt,
		timeLimitMs: s.timeLimitMs,
		startedAt: s.startedAt,
		submittedAt: s.submittedAt,
		deadline: s.deadline,
		activeMs: s.activeMs,
		resumedAt: s.resumedAt,
		lastNow: s.lastNow,
		lastEvents: s.lastEvents.map(eventTo),
		...(s.drafts && Object.keys(s.drafts).length > 0 ? { drafts: { ...s.drafts } } : {})
	};
}
