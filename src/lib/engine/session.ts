import type { ItemType } from '../bank/schema';
import type { AnyItem } from '../bank/set';
import type { Presentation, Quiz } from './generate';
import { scoreAnswer, type Answer, type ScoreResult } from './score';

/** practice: feedback per item; test: feedback at submit; learn: missed items come back. */
export type Mode = 'practice' | 'test' | 'learn';

/** 'ready' until the start action, then 'active' until submitted or out of time. */
export type Status = 'ready' | 'active' | 'submitted';

/** What the session knows about one item's answer. */
export interface AnswerRecord {
	/** The latest answer given. */
	answer: Answer;
	/** Its result; null in test mode until submit, so nothing leaks early. */
	result: ScoreResult | null;
	/** Time spent on the item before this answer (all visits in test mode, this showing in learn). */
	timeTakenMs: number;
	/** Wall-clock ms of the answer. */
	at: number;
	attempts: number;
	/** Correct answers so far; learn mode needs two. */
	rightCount: number;
	/** Learn mode: the first attempt's result, which the summary scores. */
	first: ScoreResult | null;
}

/** One attempt for the persistence layer to store with the session. */
export interface AttemptEvent {
	itemId: string;
	answer: Answer;
	score: number;
	correct: boolean;
	timeTakenMs: number;
	at: number;
}

/** A whole session as plain JSON: save after every action, restore with JSON.parse. */
export interface SessionState {
	v: 1;
	id: string;
	mode: Mode;
	status: Status;
	quiz: Quiz;
	/** The quiz's items as they were at creation, so a bank update can't change a saved session. */
	items: Record<string, AnyItem>;
	/** Item ids in the order shown; learn mode appends items that come back. */
	queue: string[];
	position: number;
	/** Learn mode: the entry at `position` has been answered and awaits `next`. */
	locked: boolean;
	answers: Record<string, AnswerRecord>;
	/** Flagged ids, in quiz order. */
	flags: string[];
	/** Active ms spent on each item during earlier visits. */
	visitMs: Record<string, number>;
	/** Active-clock ms when the current item was shown. */
	shownAt: number;
	timeLimitMs: number | null;
	startedAt: number | null;
	submittedAt: number | null;
	/** Wall-clock ms when time runs out; null without a limit or while paused. */
	deadline: number | null;
	/** Active ms up to `resumedAt` (or in total when paused or submitted). */
	activeMs: number;
	/** Wall-clock ms the running stretch began; null when paused, not started or submitted. */
	resumedAt: number | null;
	lastNow: number | null;
	/** Attempts recorded by the action that produced this state; read them with attemptsFrom. */
	lastEvents: AttemptEvent[];
	/**
	 * Practice and learn: what was typed or picked on an item before Check, so a reload keeps it.
	 * Cleared when the item is answered; absent in sessions saved before drafts were kept.
	 */
	drafts?: Record<string, Answer>;
}

/** Everything the session reducer understands; `now` is wall-clock ms supplied by the caller. */
export type Action =
	| { type: 'start'; now: number }
	| { type: 'answer'; itemId: string; answer: Answer; now: number }
	| { type: 'draft'; itemId: string; answer: Answer }
	| { type: 'skip'; now: number }
	| { type: 'flag'; itemId: string; flagged?: boolean }
	| { type: 'next'; now?: number }
	| { type: 'previous'; now?: number }
	| { type: 'goto'; index: number; now?: number }
	| { type: 'submit'; now: number }
	| { type: 'timeUp'; now: number }
	| { type: 'pause'; now: number }
	| { type: 'resume'; now: number };

/** Items by id, as an array, a record or a map. */
export type ItemSource =
	readonly AnyItem[] | Readonly<Record<string, AnyItem>> | ReadonlyMap<string, AnyItem>;

/** Options for createSession. */
export interface SessionOptions {
	id: string;
	mode: Mode;
	quiz: Quiz;
	items: ItemSource;
	timeLimitMs?: number | null;
}

// A timer may fire a little early; anything earlier than this is a stray timeUp and is ignored.
const TIMER_SLACK_MS = 1000;
// Learn mode: a miss returns after two other items, a first success after four.
const GAP_WRONG = 2;
const GAP_RIGHT = 4;
const GAP_SKIP = 2;

/** `instanceof Map` narrows to Map<any, any>; this keeps the entry types. */
function isMap(items: ItemSource): items is ReadonlyMap<string, AnyItem> {
	return items instanceof Map;
}

function lookup(items: ItemSource, id: string): AnyItem | undefined {
	if (Array.isArray(items)) return (items as readonly AnyItem[]).find((i) => i.id === id);
	if (isMap(items)) return items.get(id);
	const rec = items as Readonly<Record<string, AnyItem>>;
	return Object.prototype.hasOwnProperty.call(rec, id) ? rec[id] : undefined;
}

function indexItems(items: ItemSource): (id: string) => AnyItem | undefined {
	if (Array.isArray(items)) {
		const byId = new Map((items as readonly AnyItem[]).map((i) => [i.id, i]));
		return (id) => byId.get(id);
	}
	return (id) => lookup(items, id);
}

function clone<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

/** A new session for a generated quiz; throws if the quiz names items the source lacks. */
export function createSession(options: SessionOptions): SessionState {
	const find = indexItems(options.items);
	const items: Record<string, AnyItem> = {};
	for (const id of options.quiz.itemIds) {
		const item = find(id);
		if (!item) throw new Error(`Quiz item '${id}' is not in the bank.`);
		items[id] = clone(item);
	}
	const limit = options.timeLimitMs;
	return {
		v: 1,
		id: options.id,
		mode: options.mode,
		status: 'ready',
		quiz: clone(options.quiz),
		items,
		queue: [...options.quiz.itemIds],
		position: 0,
		locked: false,
		answers: {},
		flags: [],
		visitMs: {},
		shownAt: 0,
		timeLimitMs: limit !== undefined && limit !== null && limit > 0 ? limit : null,
		startedAt: null,
		submittedAt: null,
		deadline: null,
		activeMs: 0,
		resumedAt: null,
		lastNow: null,
		lastEvents: []
	};
}

/** Active (unpaused) ms since start at wall time `now`. */
function clockAt(s: SessionState, now: number): number {
	// A clock set backwards must not make time run in reverse.
	return s.resumedAt === null ? s.activeMs : s.activeMs + Math.max(0, now - s.resumedAt);
}

function deadlineOf(
	s: Pick<SessionState, 'timeLimitMs' | 'resumedAt' | 'activeMs'>
): number | null {
	if (s.timeLimitMs === null || s.resumedAt === null) return null;
	return s.resumedAt + s.timeLimitMs - s.activeMs;
}

/** Folds the running stretch into activeMs so later clock jumps only affect the time since now. */
function tick(s: SessionState, now: number): SessionState {
	if (s.resumedAt === null) return { ...s, lastNow: now, lastEvents: [] };
	const next = { ...s, activeMs: clockAt(s, now), resumedAt: now, lastNow: now, lastEvents: [] };
	return { ...next, deadline: deadlineOf(next) };
}

function timeIsUp(s: SessionState): boolean {
	return s.timeLimitMs !== null && s.activeMs >= s.timeLimitMs;
}

/** Moves to another queue position, crediting the time spent on the item being left. */
function moveTo(s: SessionState, position: number, clock: number): SessionState {
	const id = s.queue[s.position];
	const visitMs =
		id === undefined
			? s.visitMs
			: { ...s.visitMs, [id]: (s.visitMs[id] ?? 0) + (clock - s.shownAt) };
	return { ...s, position, visitMs, shownAt: clock, locked: false };
}

function eventOf(itemId: string, rec: AnswerRecord, result: ScoreResult): AttemptEvent {
	return {
		itemId,
		answer: rec.answer,
		score: result.score,
		correct: result.correct,
		timeTakenMs: rec.timeTakenMs,
		at: rec.at
	};
}

function sanitise(answer: Answer): Answer {
	// NaN and Infinity would not survive JSON; keep what was typed instead.
	if (
		answer.type === 'numeric' &&
		typeof answer.value === 'number' &&
		!Number.isFinite(answer.value)
	) {
		return { type: 'numeric', value: String(answer.value) };
	}
	return clone(answer);
}

function submit(s: SessionState, now: number): SessionState {
	const t = tick(s, now);
	const capped = t.timeLimitMs === null ? t.activeMs : Math.min(t.activeMs, t.timeLimitMs);
	const id = t.queue[t.position];
	const visitMs =
		id === undefined
			? t.visitMs
			: { ...t.visitMs, [id]: (t.visitMs[id] ?? 0) + Math.max(0, capped - t.shownAt) };
	let answers = t.answers;
	const lastEvents: AttemptEvent[] = [];
	if (t.mode === 'test') {
		answers = {};
		for (const itemId of t.quiz.itemIds) {
			const rec = t.answers[itemId];
			const item = t.items[itemId];
			if (!rec || !item) continue;
			const result = scoreAnswer(item, rec.answer);
			answers[itemId] = { ...rec, result, rightCount: result.correct ? 1 : 0, first: result };
			lastEvents.push(eventOf(itemId, rec, result));
		}
	}
	return {
		...t,
		status: 'submitted',
		submittedAt: now,
		activeMs: capped,
		resumedAt: null,
		shownAt: capped,
		visitMs,
		answers,
		locked: true,
		lastEvents
	};
}

function answer(
	s: SessionState,
	itemId: string,
	given: Answer,
	clock: number,
	now: number
): SessionState {
	const item = s.items[itemId];
	if (!item) return s;
	const prev = s.answers[itemId];
	const isCurrent = s.queue[s.position] === itemId;
	const thisVisit = isCurrent ? clock - s.shownAt : 0;
	const base = { answer: sanitise(given), at: now, attempts: (prev?.attempts ?? 0) + 1 };

	if (s.mode === 'test') {
		const rec: AnswerRecord = {
			...base,
			result: null,
			timeTakenMs: (s.visitMs[itemId] ?? 0) + thisVisit,
			rightCount: 0,
			first: null
		};
		return { ...s, answers: { ...s.answers, [itemId]: rec } };
	}

	if (s.mode === 'practice') {
		if (prev) return s;
		const result = scoreAnswer(item, base.answer);
		const rec: AnswerRecord = {
			...base,
			result,
			timeTakenMs: (s.visitMs[itemId] ?? 0) + thisVisit,
			rightCount: result.correct ? 1 : 0,
			first: result
		};
		return {
			...s,
			answers: { ...s.answers, [itemId]: rec },
			drafts: withoutDraft(s.drafts, itemId),
			lastEvents: [eventOf(itemId, rec, result)]
		};
	}

	// learn: only the entry on screen, once.
	if (!isCurrent || s.locked) return s;
	const result = scoreAnswer(item, base.answer);
	const rightCount = (prev?.rightCount ?? 0) + (result.correct ? 1 : 0);
	const rec: AnswerRecord = {
		...base,
		result,
		timeTakenMs: thisVisit,
		rightCount,
		first: prev?.first ?? result
	};
	let queue = s.queue;
	if (rightCount < 2) {
		const at = Math.min(s.position + 1 + (result.correct ? GAP_RIGHT : GAP_WRONG), queue.length);
		queue = [...queue.slice(0, at), itemId, ...queue.slice(at)];
	}
	return {
		...s,
		queue,
		locked: true,
		answers: { ...s.answers, [itemId]: rec },
		drafts: withoutDraft(s.drafts, itemId),
		lastEvents: [eventOf(itemId, rec, result)]
	};
}

function withoutDraft(drafts: SessionState['drafts'], itemId: string) {
	if (!drafts || !(itemId in drafts)) return drafts;
	const rest = { ...drafts };
	delete rest[itemId];
	return rest;
}

/** Practice and learn: keeps an unchecked answer for the item on screen; nothing is scored. */
function draft(s: SessionState, itemId: string, given: Answer): SessionState {
	if (s.mode === 'test' || s.queue[s.position] !== itemId || !s.items[itemId]) return s;
	if (s.mode === 'practice' ? !!s.answers[itemId] : s.locked) return s;
	return { ...s, drafts: { ...s.drafts, [itemId]: sanitise(given) }, lastEvents: [] };
}

/** The entries of an order item as first shown, before the student moves any. */
export function shownOrder(item: AnyItem, presentation: Presentation | undefined): string[] {
	if (item.type !== 'order') return [];
	const order = presentation?.orderShuffle;
	return order
		? order.map((i) => item.items[i]).filter((e): e is string => e !== undefined)
		: [...item.items];
}

/**
 * Test mode: an order item has no empty state, so once it is on screen its shown order is the
 * answer, as Check takes it in practice; the palette then shows it answered. An item never shown
 * stays unanswered.
 */
function withShownOrder(s: SessionState, now: number): SessionState {
	if (s.mode !== 'test' || s.status !== 'active') return s;
	const id = s.queue[s.position];
	const item = id === undefined ? undefined : s.items[id];
	if (!id || item?.type !== 'order' || s.answers[id]) return s;
	const rec: AnswerRecord = {
		answer: { type: 'order', order: shownOrder(item, s.quiz.presentation[id]) },
		result: null,
		timeTakenMs: 0,
		at: now,
		attempts: 0,
		rightCount: 0,
		first: null
	};
	return { ...s, answers: { ...s.answers, [id]: rec } };
}

function skip(s: SessionState, clock: number): SessionState {
	if (s.mode === 'learn') {
		if (s.locked) return s.position + 1 < s.queue.length ? moveTo(s, s.position + 1, clock) : s;
		const id = s.queue[s.position];
		if (id === undefined) return s;
		const rest = [...s.queue.slice(0, s.position), ...s.queue.slice(s.position + 1)];
		const at = Math.min(s.position + GAP_SKIP, rest.length);
		const queue = [...rest.slice(0, at), id, ...rest.slice(at)];
		const left = moveTo(s, s.position, clock);
		return { ...left, queue };
	}
	// Later, not never: jump to the next unanswered item, wrapping round.
	const n = s.queue.length;
	for (let step = 1; step < n; step++) {
		const p = (s.position + step) % n;
		const id = s.queue[p];
		if (id !== undefined && !s.answers[id]) return moveTo(s, p, clock);
	}
	return s.position + 1 < n ? moveTo(s, s.position + 1, clock) : s;
}

/** Applies one action; returns the same object when the action is ignored or refused. */
export function reduce(state: SessionState, action: Action): SessionState {
	const s = state;
	if (s.status === 'submitted') return s;
	if (s.status === 'ready') {
		if (action.type !== 'start') return s;
		return withShownOrder(
			{
				...s,
				status: 'active',
				startedAt: action.now,
				resumedAt: action.now,
				activeMs: 0,
				shownAt: 0,
				lastNow: action.now,
				deadline: s.timeLimitMs === null ? null : action.now + s.timeLimitMs,
				lastEvents: []
			},
			action.now
		);
	}
	const paused = s.resumedAt === null;

	switch (action.type) {
		case 'start':
			return s;
		case 'flag': {
			if (!s.items[action.itemId]) return s;
			const on = action.flagged ?? !s.flags.includes(action.itemId);
			if (on === s.flags.includes(action.itemId)) return s;
			const flags = s.quiz.itemIds.filter((id) =>
				id === action.itemId ? on : s.flags.includes(id)
			);
			return { ...s, flags, lastEvents: [] };
		}
		case 'submit':
			return submit(s, action.now);
		case 'draft':
			return draft(s, action.itemId, action.answer);
		case 'timeUp': {
			if (s.timeLimitMs === null) return s;
			const t = tick(s, action.now);
			return t.timeLimitMs !== null && t.timeLimitMs - t.activeMs <= TIMER_SLACK_MS
				? submit(s, action.now)
				: s;
		}
		case 'pause': {
			// A time limit is a promise to the teacher; pausing would stretch it.
			if (paused || s.timeLimitMs !== null) return s;
			const t = tick(s, action.now);
			return { ...t, resumedAt: null, deadline: null };
		}
		case 'resume': {
			if (!paused) return s;
			const t = { ...s, resumedAt: action.now, lastNow: action.now, lastEvents: [] };
			return { ...t, deadline: deadlineOf(t) };
		}
	}

	if (paused) return s;
	const now = action.now;
	const t = now === undefined ? { ...s, lastEvents: [] } : tick(s, now);
	// Once time is up, the next thing that happens is submission; a late answer is not recorded.
	if (now !== undefined && timeIsUp(t)) return submit(s, now);
	const clock = t.activeMs;
	const at = now ?? s.lastNow ?? 0;

	switch (action.type) {
		case 'answer':
			return unchangedOr(s, t, answer(t, action.itemId, action.answer, clock, action.now));
		case 'skip':
			return unchangedOr(s, t, withShownOrder(skip(t, clock), at));
		case 'next': {
			if (s.mode === 'learn' && !s.locked) return s;
			return s.position + 1 < s.queue.length
				? withShownOrder(moveTo(t, s.position + 1, clock), at)
				: s;
		}
		case 'previous':
			if (s.mode === 'learn') return s;
			return s.position > 0 ? withShownOrder(moveTo(t, s.position - 1, clock), at) : s;
		case 'goto': {
			if (s.mode === 'learn') return s;
			const i = action.index;
			if (!Number.isInteger(i) || i < 0 || i >= s.queue.length || i === s.position) return s;
			return withShownOrder(moveTo(t, i, clock), at);
		}
	}
}

/** Keeps "ignored" meaning "same object" even though the clock was ticked first. */
function unchangedOr(
	original: SessionState,
	ticked: SessionState,
	result: SessionState
): SessionState {
	return result === ticked ? original : result;
}

/** The item on screen, or null before the first or after the last. */
export function currentItemId(state: SessionState): string | null {
	return state.queue[state.position] ?? null;
}

/** Quiz item ids with no answer yet, in quiz order. */
export function unanswered(state: SessionState): string[] {
	return state.quiz.itemIds.filter((id) => !state.answers[id]);
}

/** Learn-mode progress: each item counts up to two right answers; 1 means mastered. */
export function mastery(state: SessionState): number {
	const ids = state.quiz.itemIds;
	if (ids.length === 0) return 1;
	let sum = 0;
	for (const id of ids) sum += Math.min(state.answers[id]?.rightCount ?? 0, 2);
	return sum / (2 * ids.length);
}

/** True when there is nothing left to do: all answered, or (learn) all mastered. */
export function isComplete(state: SessionState): boolean {
	return state.mode === 'learn' ? mastery(state) === 1 : unanswered(state).length === 0;
}

/** Active ms so far at wall time `now` (frozen once submitted or paused). */
export function elapsedMs(state: SessionState, now: number): number {
	return clockAt(state, now);
}

/** Ms left at wall time `now`, never below 0; null without a time limit. */
export function remainingMs(state: SessionState, now: number): number | null {
	if (state.timeLimitMs === null) return null;
	return Math.max(0, state.timeLimitMs - clockAt(state, now));
}

/** Attempts to persist for the step prev → next; empty when the action changed nothing. */
export function attemptsFrom(prev: SessionState, next: SessionState): AttemptEvent[] {
	return prev === next ? [] : next.lastEvents;
}

/** The result that counts for an item: the first attempt in learn mode, else the latest. */
function countedResult(state: SessionState, item: AnyItem): ScoreResult {
	const rec = state.answers[item.id];
	if (!rec) return scoreAnswer(item, null);
	if (state.mode === 'learn') return rec.first ?? scoreAnswer(item, rec.answer);
	return rec.result ?? scoreAnswer(item, rec.answer);
}

/** One row of a summary. */
export interface SummaryItem {
	itemId: string;
	answer: Answer | null;
	result: ScoreResult;
	attempts: number;
	timeTakenMs: number;
	flagged: boolean;
}

/** Scores for the results screen. */
export interface Summary {
	score: number;
	max: number;
	/** Whole percent, 0..100. */
	percent: number;
	correctCount: number;
	timeMs: number;
	byTopic: { topic: string; score: number; max: number }[];
	byType: { type: ItemType; score: number; max: number }[];
	items: SummaryItem[];
}

/** Totals by topic and type; learn mode scores first attempts. `items` overrides the snapshot. */
export function summary(state: SessionState, items?: ItemSource): Summary {
	const byTopic = new Map<string, { topic: string; score: number; max: number }>();
	const byType = new Map<ItemType, { type: ItemType; score: number; max: number }>();
	const rows: SummaryItem[] = [];
	let score = 0;
	let correctCount = 0;
	const find = items ? indexItems(items) : () => undefined;
	for (const id of state.quiz.itemIds) {
		const item = find(id) ?? state.items[id];
		if (!item) continue;
		const result = countedResult(state, item);
		const rec = state.answers[id];
		score += result.score;
		if (result.correct) correctCount++;
		const topic = byTopic.get(item.topic) ?? { topic: item.topic, score: 0, max: 0 };
		byTopic.set(item.topic, { ...topic, score: topic.score + result.score, max: topic.max + 1 });
		const type = byType.get(item.type) ?? { type: item.type, score: 0, max: 0 };
		byType.set(item.type, { ...type, score: type.score + result.score, max: type.max + 1 });
		rows.push({
			itemId: id,
			answer: rec?.answer ?? null,
			result,
			attempts: rec?.attempts ?? 0,
			timeTakenMs: rec?.timeTakenMs ?? 0,
			flagged: state.flags.includes(id)
		});
	}
	const max = rows.length;
	return {
		score,
		max,
		percent: max === 0 ? 0 : Math.round((score / max) * 100),
		correctCount,
		timeMs: state.activeMs,
		byTopic: [...byTopic.values()],
		byType: [...byType.values()],
		items: rows
	};
}

/** Ids not fully right (unanswered included), in quiz order, for "Retry the ones I missed". */
export function missedItemIds(state: SessionState): string[] {
	return state.quiz.itemIds.filter((id) => {
		const item = state.items[id];
		return !item || !countedResult(state, item).correct;
	});
}
