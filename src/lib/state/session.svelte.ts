/**
 * A running quiz, for the session and results pages. Kept apart from the study home's state
 * (study.svelte.ts), which holds the whole question bank: a stored session carries its items.
 */
import {
	attemptsFrom,
	reduce,
	type Action,
	type Answer,
	type AttemptEvent,
	type SessionState
} from '$lib/engine';
import { mergeSessions } from '$lib/engine/merge';
import type { Scheduler } from '$lib/srs';
import type { SessionRow } from '$lib/db';
import { databaseExists } from '$lib/db/exists';
import { app } from './app.svelte';
import { loadDb } from './load-db';

/** Scheduling, loaded with the first save rather than with the page. */
const loadSrs = () => import('$lib/srs');

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
 * never waits on IndexedDB and a reload loses at most the keystrokes of the write in flight.
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
	private failed = false;
	private pending = 0;
	private chain: Promise<void> = Promise.resolve();
	private scheduler: Scheduler | null = null;
	private unwatch: (() => void) | null = null;
	/** Drafts typed since the last save began, newest per item; every save writes them first. */
	private drafts = new Map<string, Answer>();
	/** True while a drafts-only save is queued and not yet started. */
	private draftQueued = false;
	private draftAt = 0;
	/** The state last known stored, to count what is kept; and the keeper's unregistration. */
	private stored: SessionState | null = null;
	private release: (() => void) | null = null;

	/** Loads a session by id, or the unfinished one when no id is given. */
	async load(id: string | null) {
		if (!(await databaseExists())) {
			this.missing = true;
			return;
		}
		const db = await loadDb();
		let row: SessionRow | undefined;
		try {
			row = id ? await db.getSession(id) : (await db.activeSession()).row;
		} catch (error) {
			this.problem = db.describeStorageError(error);
			this.missing = true;
			return;
		}
		if (!row) {
			this.missing = true;
			return;
		}
		const [{ makeScheduler }, retention] = await Promise.all([
			loadSrs(),
			db.getSetting('retention')
		]);
		this.scheduler = makeScheduler({ retention });
		this.adopt(row);
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

	/** Applies an action, then stores the session and any attempt it recorded together. */
	async dispatch(action: Action, now: number) {
		const prev = this.state;
		if (!prev || this.closed) return;
		const next = reduce(prev, action);
		if (next === prev) return;
		this.state = next;
		this.pending++;
		const run = this.chain.then(() => this.persist(action, now));
		this.chain = run.catch(() => undefined);
		try {
			await run;
		} finally {
			this.pending--;
		}
	}

	/** Keeps what is typed on the item on screen before Check, and stores it behind the typing. */
	draft(itemId: string, answer: Answer, now: number) {
		const prev = this.state;
		if (!prev || this.closed) return;
		const next = reduce(prev, { type: 'draft', itemId, answer });
		if (next === prev) return;
		this.state = next;
		this.drafts.set(itemId, answer);
		this.draftAt = now;
		if (this.draftQueued) return;
		this.draftQueued = true;
		this.pending++;
		const run = this.chain.then(() => {
			this.draftQueued = false;
			return this.persist(null, this.draftAt);
		});
		this.chain = run.catch(() => undefined).finally(() => this.pending--);
	}

	/** Resolves once every change made so far is stored: before a reload, or when leaving. */
	async flush() {
		await this.chain;
	}

	/**
	 * Saves one action (or, with null, only the drafts typed since the last save): replayed on the
	 * state stored now, merged with another tab's if it moved.
	 */
	private async persist(action: Action | null, now: number) {
		const base = this.saved;
		if (!base || this.closed) return;
		const drafts = [...this.drafts];
		this.drafts.clear();
		const [{ changeSession }, { makeScheduler, reviewQuizAnswers }] = await Promise.all([
			loadDb(),
			loadSrs()
		]);
		const scheduler = (this.scheduler ??= makeScheduler());
		const rev = this.rev;
		const replay: { after: SessionState | null; attempts: AttemptEvent[]; merged: boolean } = {
			after: null,
			attempts: [],
			merged: false
		};
		/** The drafts and the action replayed on `current`, with the attempts to store. */
		const replayOn = (current: SessionState) => {
			let after = current;
			for (const [itemId, answer] of drafts)
				after = reduce(after, { type: 'draft', itemId, answer });
			if (action) after = reduce(after, action);
			replay.after = after;
			replay.attempts = [...this.unsaved, ...attemptsFrom(current, after)];
			return after;
		};
		let outcome: Awaited<ReturnType<typeof changeSession>> | null = null;
		const ok = await app.save(async () => {
			outcome = await changeSession(
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
				(cards, answers) => reviewQuizAnswers(cards, answers, scheduler)
			);
		});
		const result = outcome as Awaited<ReturnType<typeof changeSession>> | null;
		if (!ok || !result) {
			// Storage refused (e.g. full, or the connection closed before the transaction ran):
			// keep the change in memory; it is written with the next one, or when app retries.
			this.saved = replay.after ?? replayOn(base);
			this.unsaved = replay.attempts;
			this.failed = true;
			this.keep();
			return;
		}
		if (!result.ok) {
			if (!result.row) this.close();
			else this.takeTheirs(result.row);
			return;
		}
		this.unsaved = [];
		this.stored = result.row.state;
		if (this.failed) {
			this.failed = false;
			this.kept = 0;
			this.release?.();
			this.release = null;
		}
		this.saved = result.row.state;
		this.rev = result.row.rev ?? 0;
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
		const run = this.chain.then(() => this.persist(null, now));
		this.chain = run.catch(() => undefined).finally(() => this.pending--);
		return this.chain;
	}
}
