/**
 * A running quiz, for the session and results pages. Kept apart from the study home's state
 * (study.svelte.ts), which holds the whole question bank: a stored session carries its items.
 */
import {
	isComplete,
	mastery,
	reduce,
	remainingMs,
	unanswered,
	type Action,
	type Answer,
	type AnswerRecord,
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
	'This quiz is no longer stored on this device: progress was reset, the quiz was discarded or ' +
	'a backup without it was imported, perhaps in another tab. Nothing more is saved from this ' +
	'page; start a new quiz from Study.';
/** Told when a backup imported with "replace" (in another tab) brought an older copy of the quiz. */
export const REPLACED =
	'This quiz was replaced by a backup imported in another tab. This page now shows the quiz as ' +
	'the backup holds it: what was answered here after the backup was made is not in it, and ' +
	'nothing from before the import is written over it.';
const SUBMITTED_ELSEWHERE =
	'This quiz was submitted in another tab, so this answer was not added. Its results are final.';
const LEARN_ELSEWHERE =
	'This learn-mode quiz moved on in another tab; this page now shows what that tab saved.';
/** Told when the code that saves could not be loaded: Quire was updated while the quiz was open. */
export const OUTDATED =
	'Quire was updated while this quiz was open, and this page can no longer save. Reload the ' +
	'page: every answer you gave is kept on this device and is saved after the reload.';
/** A save that found nothing to change (the refusal is not shown). */
const UNCHANGED = 'unchanged';

/** How long opening a quiz waits for a page that is closing to let go of its journal. */
const LEFT_WAIT_MS = 1000;

/**
 * Typing (a draft in practice and learn, an answer in a test) is stored at most this long after
 * the first keystroke not yet stored; blur, Enter, any other action, navigation and pagehide store
 * it at once. Every keystroke is in the journal (localStorage) before the screen shows it.
 */
export const TYPING_SAVE_MS = 250;

/** What Enter (or the main button) does on the quiz page now. */
export type PrimaryStep = 'check' | 'next' | 'finish' | 'move' | 'confirm' | null;

/**
 * A running session: every action goes through the reducer at once (the screen never waits), is
 * written to this page's journal in localStorage (db/journal.ts), synchronously, and is queued to
 * be stored. Everything queued is stored together, in one transaction that re-reads the stored
 * session: when another tab wrote it meanwhile, the two are merged (see mergeSessions) and the
 * queued changes are replayed on the merge (db/replayJournal: a move only where the quiz still
 * stands where it was taken, a test answer only when no later one is stored), so no answer from
 * either tab is lost. The screen always shows the stored session (merged with what any tab
 * stored, as soon as it is seen) with this page's queued changes replayed on it, so it is never
 * left showing an old copy of another tab's answer. A quiz deleted elsewhere, or replaced by an
 * older copy (a backup imported with "replace": its save counter went down), is never written
 * over. A failed save (storage full) keeps the queue, and is retried with the next action and
 * by app's retry, without a reload.
 *
 * Typing (drafts in practice and learn, answers in a test) is coalesced: a keystroke replaces the
 * item's queued one, and is stored TYPING_SAVE_MS after the first unsaved keystroke, or at once
 * on blur, Enter, any other action, navigation and pagehide (`save`, `flush`).
 *
 * A reload or a closed tab can cut an IndexedDB write short; the next page that opens the quiz
 * (or its results) stores what the journal still holds first, so nothing the student saw taken is
 * lost. The results open only once the submit itself is stored (`finished`).
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

	/** The session as last stored, merged with any newer version another tab stored. */
	private saved: SessionState | null = null;
	/** The stored row's save counter `saved` corresponds to. */
	private rev = 0;
	/** Changes made on this page and not yet stored, oldest first, as the journal holds them. */
	private queued: JournalEntry[] = [];
	/** How many of `queued` (from the front) the save under way carries. */
	private inflight = 0;
	/** The saves under way, while any is; see kick(). */
	private running: Promise<void> | null = null;
	/** A version another tab stored, seen while a save was under way: taken in after it. */
	private seen: { row: SessionRow | undefined } | null = null;
	private failed = false;
	private scheduler: Scheduler | null = null;
	private unwatch: (() => void) | null = null;
	/** The timer that stores typing (see TYPING_SAVE_MS), and the time of the last keystroke. */
	private typingTimer: ReturnType<typeof setTimeout> | null = null;
	private typedAt = 0;
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
				const [srs, retention, fitted] = [
					srsModule,
					await db.getSetting('retention'),
					await db.getSetting('fsrsParameters')
				];
				this.srs = srs;
				this.scheduler = srs.makeScheduler({ retention, w: fitted?.w });
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

	/** Another tab's write (or this tab's own, echoed back); undefined once the row is gone. */
	private observe(row: SessionRow | undefined) {
		if (this.closed || !this.saved) return;
		// A save under way re-reads the row itself; what is seen meanwhile is looked at after it.
		if (this.running) {
			this.seen = { row };
			return;
		}
		void this.takeIn(row);
	}

	/**
	 * Takes in a stored version: a newer one (another tab's) is merged and shown with this page's
	 * queued changes on it; a missing one, or one whose save counter went down (a backup imported
	 * with "replace"), is checked by reading the row afresh, then treated as gone or replaced.
	 */
	private async takeIn(row: SessionRow | undefined) {
		const rev = row?.rev ?? 0;
		if (row && rev === this.rev) return;
		if (row && rev > this.rev) return this.takeTheirs(row);
		const id = this.saved?.id;
		if (!id || !this.db) return;
		let now: SessionRow | undefined;
		try {
			now = await this.db.getSession(id);
		} catch {
			return; // Unreadable: the next save reports it.
		}
		if (this.closed || this.running) return;
		if (!now) this.close();
		else if ((now.rev ?? 0) < this.rev) this.replacedBy(now);
		else if ((now.rev ?? 0) > this.rev) this.takeTheirs(now);
	}

	/** Shows a newer stored version, merged with this page's, with this page's queue on top. */
	private takeTheirs(row: SessionRow) {
		const mine = this.saved;
		if (!mine) return this.adopt(row);
		const merged = mergeSessions(mine, row.state);
		if (row.state.status === 'submitted' && mine.status !== 'submitted') {
			this.notice = SUBMITTED_ELSEWHERE;
			// A submitted quiz takes nothing more: what is queued here is refused for good.
			this.dropQueued(this.queued.length);
		} else if (merged === row.state && mine.mode === 'learn') this.notice = LEARN_ELSEWHERE;
		this.saved = merged;
		this.stored = row.state;
		this.rev = row.rev ?? 0;
		this.show();
		if (row.state.status === 'submitted') this.finished = true;
	}

	/**
	 * The stored quiz is an older copy (a backup imported with "replace" in another tab): it is
	 * shown as stored, this page's unstored changes are dropped (journal included, so no page
	 * replays them over it), and the student is told.
	 */
	private replacedBy(row: SessionRow) {
		this.dropQueued(this.queued.length);
		this.adopt(row);
		this.notice = REPLACED;
		this.settled();
	}

	/** The screen: the stored (merged) session with this page's queued changes replayed on it. */
	private show() {
		const saved = this.saved;
		if (!saved) return;
		this.state =
			this.queued.length && this.db ? this.db.replayJournal(saved, this.queued).after : saved;
	}

	/** Forgets the first `n` queued changes: stored, or refused for good. */
	private dropQueued(n: number) {
		const gone = this.queued.slice(0, n);
		this.queued = this.queued.slice(n);
		this.inflight = Math.max(0, this.inflight - n);
		this.journal?.drop(gone.map((e) => e.seq));
	}

	private close() {
		this.closed = true;
		this.notice = GONE;
		this.dropQueued(this.queued.length);
		this.clearTyping();
		this.settled();
	}

	/** Nothing is waiting for storage any more: the banner and the retry let go of this page. */
	private settled() {
		this.failed = false;
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
	 * stores it, with any typing queued before it and any attempt it recorded, together.
	 * Resolves once it is stored (or storage refused it: it is then kept and retried).
	 */
	async dispatch(action: Action, now: number) {
		const prev = this.state;
		if (!prev || this.closed) return;
		const next = reduce(prev, action);
		if (next === prev) return;
		this.state = next;
		this.enqueue(action, prev.position, false);
		await this.kick(now);
	}

	/**
	 * What is typed or picked on the item on screen: a draft (practice and learn, before Check),
	 * or the answer itself in a test. Shown at once and journalled; stored behind the typing
	 * (TYPING_SAVE_MS), a newer keystroke replacing the item's queued one.
	 */
	draft(itemId: string, answer: Answer, now: number) {
		const prev = this.state;
		if (!prev || this.closed) return;
		const action: Action =
			prev.mode === 'test'
				? { type: 'answer', itemId, answer, now }
				: { type: 'draft', itemId, answer };
		const next = reduce(prev, action);
		if (next === prev) return;
		this.state = next;
		this.enqueue(action, prev.position, true);
		this.typedAt = now;
		this.typingTimer ??= setTimeout(() => {
			this.typingTimer = null;
			void this.kick(this.typedAt);
		}, TYPING_SAVE_MS);
	}

	/** Stores the typing now (blur, Enter): nothing waits for the typing timer. */
	save(now: number): Promise<void> {
		return this.queued.length > this.inflight || this.running ? this.kick(now) : Promise.resolve();
	}

	/** Resolves once every change made so far is stored: before a reload, or when leaving. */
	async flush(now = Date.now()) {
		await this.kick(now);
	}

	/**
	 * Journals a change and queues it. Typing replaces the same item's typing queued last, when no
	 * save has taken that one yet, so a burst of keystrokes is one change.
	 */
	private enqueue(action: Action, position: number, typing: boolean) {
		const seq = ++this.seq;
		// A toggle is journalled as the state it set, so a replay cannot undo it.
		const journalled =
			action.type === 'flag'
				? { ...action, flagged: this.state?.flags.includes(action.itemId) ?? true }
				: action;
		const entry = { seq, position, action: journalled } as JournalEntry;
		const last = this.queued.at(-1);
		const replaces =
			typing &&
			last &&
			this.queued.length > this.inflight &&
			last.action.type === action.type &&
			'itemId' in last.action &&
			'itemId' in action &&
			last.action.itemId === action.itemId
				? last
				: null;
		this.journal?.add(entry, replaces?.seq);
		if (replaces) this.queued = [...this.queued.slice(0, -1), entry];
		else this.queued = [...this.queued, entry];
	}

	private clearTyping() {
		if (this.typingTimer !== null) clearTimeout(this.typingTimer);
		this.typingTimer = null;
	}

	/**
	 * Stores everything queued, in as few transactions as the saves under way allow: one for
	 * what is queued now, another for what is queued meanwhile. Resolves when the queue is empty,
	 * or storage refused (then it waits for the next action or app's retry).
	 */
	private kick(now: number): Promise<void> {
		this.clearTyping();
		if (this.running) {
			// Queued after the running save took its share: stored once it is done. A fault in that
			// save reaches whoever started it, once; the callers waiting here are not told it again.
			const after = this.running.then(
				() => (this.queued.length && !this.failed ? this.kick(now) : undefined),
				() => undefined
			);
			return after;
		}
		if (!this.queued.length || this.closed) return Promise.resolve();
		const run = (async () => {
			try {
				while (this.queued.length && !this.closed) {
					const stored = await this.persist(this.queued.length, now);
					if (!stored) break;
				}
			} finally {
				this.running = null;
				this.inflight = 0;
				const seen = this.seen;
				this.seen = null;
				if (seen && !this.closed) await this.takeIn(seen.row);
			}
		})();
		this.running = run;
		return run;
	}

	/** The modules a save needs: loaded by load(), loaded again here only if load() could not. */
	private async modules(): Promise<{ db: Db; srs: Srs }> {
		const [db, srs] = await Promise.all([this.db ?? loadDb(), this.srs ?? loadSrs()]);
		this.db = db;
		this.srs = srs;
		return { db, srs };
	}

	/**
	 * Stores the first `n` queued changes, replayed on the session as stored now (merged with
	 * another tab's if it moved). False when storage refused: they stay queued and are kept.
	 */
	private async persist(n: number, now: number): Promise<boolean> {
		const base = this.saved;
		if (!base || this.closed) return false;
		this.inflight = n;
		const batch = this.queued.slice(0, n);
		const rev = this.rev;
		const replay: { current: SessionState | null; merged: boolean; storedRev: number } = {
			current: null,
			merged: false,
			storedRev: rev
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
						const storedRev = stored.rev ?? 0;
						replay.storedRev = storedRev;
						// The save counter went down: an older copy was put in its place (an import).
						if (storedRev < rev) return { refuse: REPLACED };
						replay.merged = storedRev !== rev;
						const current = replay.merged ? mergeSessions(base, stored.state) : base;
						replay.current = current;
						if (current.status === 'submitted' && base.status !== 'submitted')
							return { refuse: SUBMITTED_ELSEWHERE };
						const { after, attempts } = db.replayJournal(current, batch);
						if (after === current) return { refuse: UNCHANGED };
						return {
							write: rowFor(after, this.title, this.createdAt, now, this.assignmentId),
							attempts
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
			// the changes stay queued and on screen; they are stored with the next one, or when
			// app retries.
			this.failed = true;
			this.keep();
			return false;
		}
		if (!result.ok) {
			if (result.reason === UNCHANGED && replay.current) {
				this.dropQueued(n);
				this.saved = replay.current;
				this.rev = replay.storedRev;
				if (result.row) this.stored = result.row.state;
				if (replay.merged) this.show();
				this.storedAgain();
				return true;
			}
			if (!result.row) this.close();
			else if (result.reason === REPLACED) this.replacedBy(result.row);
			else {
				this.dropQueued(n);
				this.takeTheirs(result.row);
			}
			return true;
		}
		this.dropQueued(n);
		this.stored = result.row.state;
		this.saved = result.row.state;
		this.rev = result.row.rev ?? 0;
		this.storedAgain();
		if (result.row.state.status === 'submitted') this.finished = true;
		if (replay.merged) {
			// Show what another tab added, with what is queued here since on top.
			if (base.mode === 'learn' && result.row.state.mode === 'learn') this.notice = LEARN_ELSEWHERE;
			this.show();
		}
		return true;
	}

	/** A save went through after one failed: the full-disk notice and keeper go. */
	private storedAgain() {
		if (!this.failed) return;
		if (this.notice === OUTDATED) this.notice = '';
		this.settled();
	}

	/** Counts what storage refused and asks app to retry it (the full-disk retry; see app.keep). */
	private keep() {
		const kept = this.state?.answers ?? {};
		const stored = this.stored?.answers ?? {};
		const same = (id: string) => {
			const a = kept[id];
			const b = stored[id];
			// Typing is stored coalesced, so the count of attempts may differ: the rest may not.
			const what = (r: typeof a) => r && JSON.stringify([r.answer, r.at, r.result]);
			return !!a && what(a) === what(b);
		};
		this.kept = Math.max(1, Object.keys(kept).filter((id) => !same(id)).length);
		this.release ??= app.keep({
			waiting: () => ({ count: this.kept, noun: 'quiz answer' }),
			retry: () => this.retry(Date.now())
		});
		app.refreshKept();
	}

	/** Writes what storage refused, behind any save under way; app calls it with backoff. */
	retry(now: number): Promise<void> {
		if (!this.failed || this.closed) return Promise.resolve();
		return this.kick(now);
	}
}
