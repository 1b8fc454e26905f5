/**
 * A running quiz, for the session and results pages. Kept apart from the study home's state
 * (study.svelte.ts), which holds the whole question bank: a stored session carries its items.
 */
import {
	attemptsFrom,
	isComplete,
	mastery,
	reduce,
	remainingMs,
	unanswered,
	type Action,
	type Answer,
	type AnswerRecord,
	type AttemptEvent,
	type ScoreResult,
	type SessionState
} from '$lib/engine';
import { mergeSessions } from '$lib/engine/merge';
import type { Scheduler } from '$lib/srs';
import type { ChangeOutcome, Journal, JournalEntry, SessionRow } from '$lib/db';
import { databaseExists } from '$lib/db/exists';
import { app } from './app.svelte';
import { loadDb } from './load-db';

/** Scheduling, loaded with the quiz rather than with the page. */
const loadSrs = () => import('$lib/srs');

type Db = Awaited<ReturnType<typeof loadDb>>;
type Srs = Awaited<ReturnType<typeof loadSrs>>;

/** This page's journal tab (see db/journal.ts): one per page, holding its lock while it lives. */
let tab: { id: string; held: Promise<void> } | null = null;
function ownTab(db: Db) {
	tab ??= (() => {
		const id = db.newTabId();
		return { id, held: db.holdTabLock(id, db.browserLocks()) };
	})();
	return tab;
}

/** The stored row of a session. */
export function rowFor(
	state: SessionState,
	title: string,
	createdAt: number,
	now: number,
	assignmentId?: string
): SessionRow {
	const row: SessionRow = {
		id: state.id,
		status: state.status,
		title,
		createdAt,
		updatedAt: now,
		state
	};
	if (assignmentId) row.assignmentId = assignmentId;
	return row;
}

/** Told when a change could not be stored because the quiz is gone from this device. */
const GONE =
	'This quiz is no longer stored on this device: progress was reset or the quiz was discarded, ' +
	'perhaps in another tab. Nothing more is saved from this page; start a new quiz from Study.';
const SUBMITTED_ELSEWHERE =
	'This quiz was submitted in another tab, so this answer was not added. Its results are final.';
const LEARN_ELSEWHERE =
	'This learn-mode quiz moved on in another tab; this page now shows what that tab saved.';
/** Told when the code that saves could not be loaded: Quire was updated while the quiz was open. */
export const OUTDATED =
	'Quire was updated while this quiz was open, and this page can no longer save. Reload the ' +
	'page: every answer you gave is kept on this device and is saved after the reload.';

/** How long opening a quiz waits for a page that is closing to let go of its journal. */
const LEFT_WAIT_MS = 1000;

/** What Enter (or the main button) does on the quiz page now. */
export type PrimaryStep = 'check' | 'next' | 'finish' | 'move' | 'confirm' | null;

/**
 * A running session: every action goes through the reducer at once (the screen never waits), and
 * is then saved in order. Each save re-reads the stored session in its transaction: when another
 * tab wrote it meanwhile, the two are merged (see mergeSessions) and the action is applied again
 * on the merged state, so no answer from either tab is lost. The stored row is also watched, so
 * answers given in another tab appear here. A quiz deleted (reset or discarded) elsewhere is
 * never written back; a failed save (storage full) is retried with the next action.
 *
 * Drafts (typed but not checked) show at once and are saved through the same chain behind the
 * typing: keystrokes made while a save is under way are coalesced into one later save, so typing
 * never waits on IndexedDB.
 *
 * Before any of that, every action and draft is written to this page's journal in localStorage
 * (db/journal.ts), synchronously, and dropped once a stored save carries it. A reload or a closed
 * tab can cut an IndexedDB write short; the next page that opens the quiz (or its results)
 * stores what the journal still holds first, so nothing the student saw taken is lost. The
 * results open only once the submit itself is stored (`finished`).
 */
/** An action as a page sends it, without a time: SessionRunner.act stamps it. */
export type SessionAction = Action extends infer A
	? A extends { type: 'draft' }
		? never
		: Omit<A, 'now'>
	: never;

export class SessionRunner {
	state = $state.raw<SessionState | null>(null);
	title = $state('');
	createdAt = 0;
	/** Set when the session is an attempt at a teacher's assignment. */
	assignmentId = $state<string | undefined>(undefined);
	missing = $state(false);
	/** Why this page's quiz was not found or can't be used, in words for the student. */
	problem = $state('');
	/** What happened to the quiz elsewhere (another tab), for the student. */
	notice = $state('');
	/** True once the quiz is gone from the device: nothing more is written. */
	closed = $state(false);
	/** True once the stored session is submitted: only then may the page show the results. */
	finished = $state(false);
	/** The wall clock the timer last showed (see tick). */
	now = $state(0);
	/**
	 * Answers (or, with none, 1 for other changes) storage refused, kept here and retried when
	 * storage works again (see app.keep); 0 when everything shown is stored.
	 */
	kept = $state(0);

	/** The state as last stored (or, after a failed save, as it should be stored next). */
	private saved: SessionState | null = null;
	/** The stored row's save counter `saved` corresponds to. */
	private rev = 0;
	/** Attempts whose save failed, written with the next save. */
	private unsaved: AttemptEvent[] = [];
	/** Journal entries folded into `saved` by saves that failed: the next stored save carries them. */
	private carried: number[] = [];
	private failed = false;
	private pending = 0;
	private chain: Promise<void> = Promise.resolve();
	private scheduler: Scheduler | null = null;
	private unwatch: (() => void) | null = null;
	/** Drafts typed since the last save began, newest per item, with their journal entry. */
	private drafts = new Map<string, { answer: Answer; seq: number }>();
	/** True while a drafts-only save is queued and not yet started. */
	private draftQueued = false;
	private draftAt = 0;
	/** The modules a save needs, loaded with the quiz so an update mid-quiz cannot take them away. */
	private db: Db | null = null;
	private srs: Srs | null = null;
	private journal: Journal | null = null;
	private seq = 0;
	/** The state last known stored, to count what is kept; and the keeper's unregistration. */
	private stored: SessionState | null = null;
	private release: (() => void) | null = null;

	// What the quiz page shows, derived from the state: the page renders these.

	/** The id of the item on screen. */
	get itemId(): string | undefined {
		const s = this.state;
		return s ? s.queue[s.position] : undefined;
	}
	get item() {
		const id = this.itemId;
		return id ? this.state?.items[id] : undefined;
	}
	/** The stored answer to the item on screen. */
	get record(): AnswerRecord | undefined {
		const id = this.itemId;
		return id ? this.state?.answers[id] : undefined;
	}
	/** Changes whenever another item (or another showing of it) is on screen. */
	get positionKey() {
		const s = this.state;
		return `${s?.id}:${s?.position}:${this.itemId}`;
	}
	get isTest() {
		return this.state?.mode === 'test';
	}
	/** The answer on screen can no longer change. */
	get locked() {
		const s = this.state;
		if (!s || s.status !== 'active') return true;
		return s.mode === 'practice' ? !!this.record : s.mode === 'learn' ? s.locked : false;
	}
	/** The verdict shown under the item (never in a test before submitting). */
	get shownResult(): ScoreResult | null {
		const rec = this.record;
		return !this.isTest && this.locked && rec ? rec.result : null;
	}
	/** The answer the inputs show: the given one, or what is typed but not checked yet. */
	get current(): Answer | null {
		const id = this.itemId;
		if (this.isTest || this.locked) return this.record?.answer ?? null;
		return id ? (this.state?.drafts?.[id] ?? null) : null;
	}
	/** Ms left at the last tick; null without a time limit. */
	get remaining() {
		const s = this.state;
		return s ? remainingMs(s, this.now) : null;
	}
	get masteryPct() {
		const s = this.state;
		return s?.mode === 'learn' ? Math.round(mastery(s) * 100) : 0;
	}
	/** Items with no answer yet, in quiz order. */
	get missingIds() {
		const s = this.state;
		return s ? unanswered(s) : [];
	}
	get lastPosition() {
		const s = this.state;
		return s ? s.position >= s.queue.length - 1 : true;
	}
	/** Nothing is left to answer: the next step is the results. */
	get done() {
		const s = this.state;
		if (!s || s.status !== 'active') return false;
		if (s.mode === 'learn') return isComplete(s);
		return s.mode === 'practice' ? this.lastPosition && !!this.record : false;
	}
	/**
	 * What Enter does now: check the answer, go on, finish (practice and learn), move to the next
	 * question or confirm the submission (test); null when the quiz is not running.
	 */
	get primary(): PrimaryStep {
		const s = this.state;
		if (!s || s.status !== 'active') return null;
		if (this.isTest) return this.lastPosition ? 'confirm' : 'move';
		if (this.locked) return this.done ? 'finish' : 'next';
		return 'check';
	}

	/** Moves the clock on; true when a time limit ran out (the page then sends timeUp). */
	tick(now: number): boolean {
		this.now = now;
		const s = this.state;
		return s?.status === 'active' && s.timeLimitMs !== null && (remainingMs(s, now) ?? 1) <= 0;
	}

	/**
	 * Loads a session by id, or the unfinished one when no id is given. What a closed or reloaded
	 * page of this quiz left in its journal is stored first, so it shows here.
	 */
	async load(id: string | null, now = Date.now()) {
		this.now = now;
		// A quiz named by its id is on this device: its code is fetched while the browser looks for
		// the database, so a resumed quiz (a cold start, offline) shows one round of imports sooner.
		// With no id, a first visit loads no database code.
		const early = id ? Promise.all([loadDb(), loadSrs()]) : null;
		early?.catch(() => undefined);
		if (!(await databaseExists())) {
			this.missing = true;
			return;
		}
		const [db, srsModule] = await (early ?? Promise.all([loadDb(), loadSrs()]));
		this.db = db;
		let row: SessionRow | undefined;
		try {
			row = id ? await db.getSession(id) : (await db.activeSession()).row;
			if (row) {
				const [srs, retention] = [srsModule, await db.getSetting('retention')];
				this.srs = srs;
				this.scheduler = srs.makeScheduler({ retention });
				const own = ownTab(db);
				await own.held;
				if (await this.replayLeft(row.id, own.id, now)) row = await db.getSession(row.id);
				this.journal = new db.Journal(row?.id ?? '', own.id, db.browserStore());
			}
		} catch (error) {
			this.problem = db.describeStorageError(error);
			this.missing = true;
			return;
		}
		if (!row) {
			this.missing = true;
			return;
		}
		this.adopt(row);
	}

	/**
	 * Stores the journals other pages left for this session: at once for pages that are gone,
	 * later for one still open or closing (its writes then reach this page through watch()).
	 * True when something was stored now.
	 */
	private async replayLeft(id: string, own: string, now: number): Promise<boolean> {
		const db = this.db;
		if (!db) return false;
		let stored = false;
		for (const left of db.journalsLeft(id, own, db.browserStore())) {
			// A page just reloaded or closed lets go of its lock a moment later: wait that long.
			await db.whenTabGone(
				left.tab,
				db.browserLocks(),
				async () => {
					const entries = left.read();
					if (entries.length && (await this.storeReplay(id, entries, now))) stored = true;
					left.remove();
				},
				LEFT_WAIT_MS
			);
		}
		return stored;
	}

	/** Applies journal entries to the stored session in one write; true when it changed. */
	private async storeReplay(id: string, entries: readonly JournalEntry[], now: number) {
		const db = this.db;
		const srs = this.srs;
		if (!db || !srs) return false;
		const scheduler = (this.scheduler ??= srs.makeScheduler());
		let changed = false;
		await app.save(() =>
			db.changeSession(
				id,
				(stored) => {
					if (!stored) return { refuse: GONE };
					const { after, attempts } = db.replayJournal(stored.state, entries);
					if (after === stored.state) return { refuse: 'nothing to replay' };
					changed = true;
					return {
						write: rowFor(after, stored.title, stored.createdAt, now, stored.assignmentId),
						attempts
					};
				},
				(cards, answers) => srs.reviewQuizAnswers(cards, answers, scheduler)
			)
		);
		return changed;
	}

	/** Follows the stored row, so answers given in another tab show here; stop() ends it. */
	async watch() {
		const id = this.state?.id;
		if (!id) return;
		const { watchSession } = await loadDb();
		this.unwatch?.();
		this.unwatch = watchSession(
			id,
			() => this.rev,
			(row) => this.observe(row),
			// A damaged or unreadable version is not shown; the next save reports it.
			() => undefined
		);
	}

	/** Stops following the stored row. */
	stop() {
		this.unwatch?.();
		this.unwatch = null;
	}

	private adopt(row: SessionRow) {
		this.state = row.state;
		this.saved = row.state;
		this.stored = row.state;
		this.rev = row.rev ?? 0;
		this.title = row.title;
		this.createdAt = row.createdAt;
		this.assignmentId = row.assignmentId;
		this.finished = row.state.status === 'submitted';
	}

	/** Another tab's write (or this tab's own, echoed back). */
	private observe(row: SessionRow | undefined) {
		if (this.pending > 0 || this.closed || !this.saved) return;
		if (!row) {
			this.close();
			return;
		}
		if ((row.rev ?? 0) <= this.rev) return;
		this.takeTheirs(row);
	}

	private takeTheirs(row: SessionRow) {
		const mine = this.saved;
		if (!mine) return this.adopt(row);
		const merged = mergeSessions(mine, row.state);
		if (row.state.status === 'submitted' && mine.status !== 'submitted')
			this.notice = SUBMITTED_ELSEWHERE;
		else if (merged === row.state && mine.mode === 'learn') this.notice = LEARN_ELSEWHERE;
		this.saved = merged;
		this.rev = row.rev ?? 0;
		this.state = merged;
		if (row.state.status === 'submitted') this.finished = true;
	}

	private close() {
		this.closed = true;
		this.notice = GONE;
		this.unsaved = [];
		this.kept = 0;
		this.release?.();
		this.release = null;
	}

	/** Applies a student's action at `now`: the runner stamps the time on it. */
	act(action: SessionAction, now: number): Promise<void> {
		// A flag is timeless; every other action carries the time it happened.
		return this.dispatch(action.type === 'flag' ? action : { ...action, now }, now);
	}

	/**
	 * Applies an action, records it in the journal (so a reload a moment later keeps it), then
	 * stores the session and any attempt it recorded together.
	 */
	async dispatch(action: Action, now: number) {
		const prev = this.state;
		if (!prev || this.closed) return;
		const next = reduce(prev, action);
		if (next === prev) return;
		this.state = next;
		const seq = this.record_(action, prev.position);
		this.pending++;
		const run = this.chain.then(() => this.persist(action, now, seq));
		this.chain = run.catch(() => undefined);
		try {
			await run;
		} finally {
			this.pending--;
		}
	}

	/** Writes an action to this page's journal; its number. */
	private record_(action: Action, position: number): number {
		const seq = ++this.seq;
		// A toggle is journalled as the state it set, so a replay cannot undo it.
		const entry =
			action.type === 'flag'
				? { ...action, flagged: this.state?.flags.includes(action.itemId) ?? true }
				: action;
		this.journal?.add({ seq, position, action: entry });
		return seq;
	}

	/** Keeps what is typed on the item on screen before Check, and stores it behind the typing. */
	draft(itemId: string, answer: Answer, now: number) {
		const prev = this.state;
		if (!prev || this.closed) return;
		const next = reduce(prev, { type: 'draft', itemId, answer });
		if (next === prev) return;
		this.state = next;
		const seq = this.record_({ type: 'draft', itemId, answer }, prev.position);
		this.drafts.set(itemId, { answer, seq });
		this.draftAt = now;
		if (this.draftQueued) return;
		this.draftQueued = true;
		this.pending++;
		const run = this.chain.then(() => {
			this.draftQueued = false;
			return this.persist(null, this.draftAt, null);
		});
		this.chain = run.catch(() => undefined).finally(() => this.pending--);
	}

	/** Resolves once every change made so far is stored: before a reload, or when leaving. */
	async flush() {
		await this.chain;
	}

	/** The modules a save needs: loaded by load(), loaded again here only if load() could not. */
	private async modules(): Promise<{ db: Db; srs: Srs }> {
		const [db, srs] = await Promise.all([this.db ?? loadDb(), this.srs ?? loadSrs()]);
		this.db = db;
		this.srs = srs;
		return { db, srs };
	}

	/**
	 * Saves one action (or, with null, only the drafts typed since the last save): replayed on the
	 * state stored now, merged with another tab's if it moved.
	 */
	private async persist(action: Action | null, now: number, seq: number | null) {
		const base = this.saved;
		if (!base || this.closed) return;
		const drafts = [...this.drafts];
		this.drafts.clear();
		const carries = [...this.carried, ...drafts.map(([, d]) => d.seq)];
		if (seq !== null) carries.push(seq);
		const rev = this.rev;
		const replay: { after: SessionState | null; attempts: AttemptEvent[]; merged: boolean } = {
			after: null,
			attempts: [],
			merged: false
		};
		/** The drafts and the action replayed on `current`, with the attempts to store. */
		const replayOn = (current: SessionState) => {
			let after = current;
			for (const [itemId, d] of drafts)
				after = reduce(after, { type: 'draft', itemId, answer: d.answer });
			if (action) after = reduce(after, action);
			replay.after = after;
			replay.attempts = [...this.unsaved, ...attemptsFrom(current, after)];
			return after;
		};
		let outcome: ChangeOutcome | null = null;
		let outdated = false;
		const before = app.storageError;
		const ok = await app
			.save(async () => {
				// Loaded inside the guard: a module an update took away is a save that failed, and said so.
				const { db, srs } = await this.modules().catch((error: unknown) => {
					outdated = true;
					throw error;
				});
				const scheduler = (this.scheduler ??= srs.makeScheduler());
				outcome = await db.changeSession(
					base.id,
					(stored) => {
						if (!stored) return { refuse: GONE };
						replay.merged = (stored.rev ?? 0) !== rev;
						const current = replay.merged ? mergeSessions(base, stored.state) : base;
						if (current.status === 'submitted' && base.status !== 'submitted')
							return { refuse: SUBMITTED_ELSEWHERE };
						const after = replayOn(current);
						return {
							write: rowFor(after, this.title, this.createdAt, now, this.assignmentId),
							attempts: replay.attempts
						};
					},
					(cards, answers) => srs.reviewQuizAnswers(cards, answers, scheduler)
				);
			})
			.catch((error: unknown) => {
				if (!outdated) throw error;
				return false;
			});
		const result = outcome as ChangeOutcome | null;
		if (outdated) {
			// Not a storage failure: the journal keeps the change for the page that reloads.
			app.storageError = before;
			this.notice = OUTDATED;
		}
		if (!ok || !result) {
			// Storage refused (e.g. full, or the connection closed before the transaction ran):
			// keep the change in memory; it is written with the next one, or when app retries.
			this.saved = replay.after ?? replayOn(base);
			this.unsaved = replay.attempts;
			this.carried = carries;
			this.failed = true;
			this.keep();
			return;
		}
		this.carried = [];
		this.journal?.drop(carries);
		if (!result.ok) {
			if (!result.row) this.close();
			else this.takeTheirs(result.row);
			return;
		}
		this.unsaved = [];
		this.stored = result.row.state;
		if (this.failed) {
			this.failed = false;
			if (this.notice === OUTDATED) this.notice = '';
			this.kept = 0;
			this.release?.();
			this.release = null;
		}
		this.saved = result.row.state;
		this.rev = result.row.rev ?? 0;
		if (result.row.state.status === 'submitted') this.finished = true;
		// Show what another tab added; with more actions queued, the last save shows it.
		if (replay.merged && this.pending <= 1) {
			if (base.mode === 'learn' && result.row.state.mode === 'learn') this.notice = LEARN_ELSEWHERE;
			if (result.row.state.status === 'submitted' && this.state?.status !== 'submitted')
				this.notice = SUBMITTED_ELSEWHERE;
			this.state = result.row.state;
		}
	}

	/** Counts what storage refused and asks app to retry it (the full-disk retry; see app.keep). */
	private keep() {
		const kept = this.saved?.answers ?? {};
		const stored = this.stored?.answers ?? {};
		this.kept = Math.max(1, Object.keys(kept).filter((id) => kept[id] !== stored[id]).length);
		this.release ??= app.keep({
			waiting: () => ({ count: this.kept, noun: 'quiz answer' }),
			retry: () => this.retry(Date.now())
		});
		app.refreshKept();
	}

	/** Writes what storage refused, behind any save under way; app calls it with backoff. */
	retry(now: number): Promise<void> {
		if (!this.failed || this.closed) return Promise.resolve();
		this.pending++;
		const run = this.chain.then(() => this.persist(null, now, null));
		this.chain = run.catch(() => undefined).finally(() => this.pending--);
		return this.chain;
	}
}
