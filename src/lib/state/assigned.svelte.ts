/**
 * The student's side of assignments: the /a landing page, the result-code screen and Home's
 * "Assigned to me" list. Home imports this file, so the bank, the engine and the crypto are only
 * ever loaded with import() inside the actions that need them.
 */
import type { DamagedRow, ReceivedRow, SessionRow } from '$lib/db';
import type { Assignment } from '$lib/teach/link';
import { databaseExists } from '$lib/db/exists';
import { app } from './app.svelte';

import { describeAll, describeFailure, loadDb } from './load-db';

/** Longest student name kept, in characters. */
export const MAX_NAME = 60;

/** What Home and the landing page show about one received assignment. */
export interface AssignedView {
	id: string;
	title: string;
	className: string;
	student: string;
	itemCount: number;
	mode: Assignment['mode'];
	timeLimitMin: number | null;
	due: number | null;
	passMark: number;
	maxAttempts: number | null;
	/** Attempts submitted or in progress. */
	used: number;
	/** Attempts left to start; null without a limit. */
	left: number | null;
	/** The session of the unfinished attempt, if any. */
	active: string | null;
	/** The newest submitted attempt's session, for its result code. */
	lastSubmitted: string | null;
	overdue: boolean;
}

/** The assignment stored in a received row (checked against its schema when read). */
export function assignmentOf(row: ReceivedRow): Assignment {
	return row.payload;
}

/** Sums up a received assignment and its attempts' sessions at time `now`. */
export function describeAssigned(
	row: ReceivedRow,
	sessions: ReadonlyMap<string, SessionRow>,
	now: number
): AssignedView {
	const a = assignmentOf(row);
	let used = 0;
	let active: string | null = null;
	let lastSubmitted: string | null = null;
	for (const attempt of row.attempts) {
		const session = sessions.get(attempt.sessionId);
		// An attempt whose session was discarded unfinished never counted.
		if (attempt.submittedAt === null && !session) continue;
		used++;
		if (attempt.submittedAt !== null || session?.status === 'submitted')
			lastSubmitted = attempt.sessionId;
		else active = attempt.sessionId;
	}
	return {
		id: row.id,
		title: a.title,
		className: a.className,
		student: row.student,
		itemCount: a.itemIds.length,
		mode: a.mode,
		timeLimitMin: a.timeLimitMin,
		due: a.due,
		passMark: a.passMark,
		maxAttempts: a.maxAttempts,
		used,
		left: a.maxAttempts === null ? null : Math.max(0, a.maxAttempts - used),
		active,
		lastSubmitted,
		overdue: a.due !== null && now > a.due
	};
}

async function viewsOf(
	rows: readonly ReceivedRow[],
	now: number
): Promise<{ views: AssignedView[]; damaged: DamagedRow[] }> {
	const { sessionsById } = await loadDb();
	const { sessions, damaged } = await sessionsById(
		rows.flatMap((r) => r.attempts.map((a) => a.sessionId))
	);
	return { views: rows.map((r) => describeAssigned(r, sessions, now)), damaged };
}

/** Home's "Assigned to me": received assignments, newest first. */
export class AssignedList {
	items = $state.raw<AssignedView[]>([]);
	/** One sentence per stored row that could not be read; the rest still show. */
	problems = $state.raw<string[]>([]);
	loaded = $state(false);

	async load(now: number) {
		if (await databaseExists()) {
			try {
				const { listReceived } = await loadDb();
				const received = await listReceived();
				const { views, damaged } = await viewsOf(received.rows, now);
				this.items = views;
				this.problems = await describeAll([...received.damaged, ...damaged]);
			} catch (error) {
				this.problems = [await describeFailure(error)];
			}
		}
		this.loaded = true;
	}
}

/** The link fragment inside an assignment file, or the problem to show. */
export function assignmentFileLink(text: string): string | Problem {
	const title = 'This file cannot be opened';
	let data: unknown;
	try {
		data = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch {
		return {
			title,
			text: 'It is not an assignment file from Quire. Ask your teacher for the file again.'
		};
	}
	const rec = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
	if (rec.format === 'quire-set')
		return {
			title: 'This is a question set, not an assignment',
			text: 'Open it in the Library to study it: Library → Import a set file.'
		};
	const link = typeof rec.link === 'string' ? rec.link : '';
	const hash = link.indexOf('#');
	if (rec.format !== 'quire-assignment' || rec.version !== 1 || hash < 0)
		return {
			title,
			text: 'It is not an assignment file from Quire. Ask your teacher for the file again.'
		};
	return link.slice(hash + 1);
}

/** A reason the landing page can show, with a heading. */
export interface Problem {
	title: string;
	text: string;
}

/** The /a page: reads a link, previews it, keeps it with the student's name, starts attempts. */
export class AssignmentLanding {
	status = $state<'loading' | 'problem' | 'preview' | 'saved'>('loading');
	problem = $state.raw<Problem | null>(null);
	assignment = $state.raw<Assignment | null>(null);
	view = $state.raw<AssignedView | null>(null);
	/** Stored rows this assignment's attempts could not read, in words. */
	problems = $state.raw<string[]>([]);
	busy = $state(false);

	private unreadable(text: string) {
		this.problem = { title: 'This assignment cannot be opened', text };
		this.status = 'problem';
	}

	/**
	 * Opens what the landing page's address holds: a link's fragment, else a kept assignment's
	 * id (Home links with ?id=), else says the link is incomplete.
	 */
	async open(fragment: string, id: string | null, now: number) {
		this.status = 'loading';
		if (fragment) return this.openLink(fragment, now);
		if (id) return this.openStored(id, now);
		this.problem = {
			title: 'No assignment in this link',
			text: 'Open the whole link your teacher sent, or find assignments you kept on Home.'
		};
		this.status = 'problem';
	}

	/** Reads a link's fragment; stores nothing. A known assignment shows as saved. */
	async openLink(fragment: string, now: number) {
		const [{ default: bank }, { decodeAssignment }] = await Promise.all([
			import('virtual:quire-bank'),
			import('$lib/teach/link')
		]);
		const decoded = await decodeAssignment(
			fragment,
			bank.version,
			new Set(bank.items.map((i) => i.id))
		);
		if (!decoded.ok) {
			this.problem = { title: 'This assignment link cannot be opened', text: decoded.error };
			this.status = 'problem';
			return;
		}
		let stored: ReceivedRow | undefined;
		try {
			const { getReceived } = await loadDb();
			stored = await getReceived(decoded.assignment.id);
		} catch (error) {
			return this.unreadable(await describeFailure(error));
		}
		if (stored) return this.show(stored, now);
		this.assignment = decoded.assignment;
		this.status = 'preview';
	}

	/**
	 * Reads an assignment file (`.quire.json` from the teacher, for a link too long for a QR code)
	 * and opens the link inside it; stores nothing.
	 */
	async openFile(text: string, now: number) {
		this.status = 'loading';
		const fragment = assignmentFileLink(text);
		if (typeof fragment !== 'string') {
			this.problem = fragment;
			this.status = 'problem';
			return;
		}
		await this.openLink(fragment, now);
	}

	/** Shows an assignment already kept on this device (Home links here with ?id=). */
	async openStored(id: string, now: number) {
		let stored: ReceivedRow | undefined;
		try {
			const { getReceived } = await loadDb();
			stored = await getReceived(id);
		} catch (error) {
			return this.unreadable(await describeFailure(error));
		}
		if (!stored) {
			this.problem = {
				title: 'Assignment not found',
				text: 'This assignment is not stored on this device. Open the link your teacher sent.'
			};
			this.status = 'problem';
			return;
		}
		await this.show(stored, now);
	}

	private async show(row: ReceivedRow, now: number) {
		try {
			const { views, damaged } = await viewsOf([row], now);
			this.assignment = assignmentOf(row);
			this.view = views[0] ?? null;
			this.problems = await describeAll(damaged);
			this.status = 'saved';
		} catch (error) {
			this.unreadable(await describeFailure(error));
		}
	}

	/** Keeps the previewed assignment with the student's name; returns an error sentence or ''. */
	async save(name: string, now: number): Promise<string> {
		const a = this.assignment;
		const student = name.trim().replace(/\s+/g, ' ');
		if (!a) return 'There is no assignment to keep.';
		if (!student) return 'Enter your name, so your teacher knows whose result it is.';
		if (student.length > MAX_NAME) return `Keep your name under ${MAX_NAME} characters.`;
		this.busy = true;
		try {
			const { saveReceived } = await loadDb();
			let row: ReceivedRow | null = null;
			const ok = await app.save(async () => {
				row = await saveReceived({
					id: a.id,
					openedAt: now,
					student,
					payload: a,
					attempts: []
				});
			});
			if (!ok || !row) return 'The assignment could not be saved on this device.';
			await this.show(row, now);
			return '';
		} finally {
			this.busy = false;
		}
	}

	/**
	 * Starts a new attempt (or finds the unfinished one); gives the session to open. The attempt
	 * limit is checked again inside the write, so a second tab cannot start one past it.
	 */
	async start(
		now: number
	): Promise<{ ok: true; sessionId: string } | { ok: false; reason: string }> {
		const a = this.assignment;
		const view = this.view;
		if (!a || !view) return { ok: false, reason: 'Keep the assignment first.' };
		if (view.active) return { ok: true, sessionId: view.active };
		if (view.left === 0) return { ok: false, reason: 'You have used every attempt.' };
		this.busy = true;
		try {
			const [{ default: bank }, engine, db] = await Promise.all([
				import('virtual:quire-bank'),
				import('$lib/engine'),
				loadDb()
			]);
			// A teacher's own items travel in the assignment; built-in ones come from this bank.
			const items = [...bank.items, ...(a.items ?? [])];
			const generated = engine.generateQuiz(items, {
				itemIds: a.itemIds,
				seed: a.seed,
				count: a.itemIds.length,
				shuffleChoices: a.shuffle
			});
			if (!generated.ok) return generated;
			const id = `s-${now.toString(36)}-${engine.randomSeed(Math.random)}`;
			const make = (): SessionRow => {
				let state = engine.createSession({
					id,
					mode: a.mode,
					quiz: generated.quiz,
					items,
					timeLimitMs: a.timeLimitMin ? a.timeLimitMin * 60_000 : null
				});
				state = engine.reduce(state, { type: 'start', now });
				return {
					id,
					status: state.status,
					title: a.title,
					createdAt: now,
					updatedAt: now,
					state,
					assignmentId: a.id
				};
			};
			let outcome: Awaited<ReturnType<typeof db.startAssignedSession>> | null = null;
			const ok = await app.save(async () => {
				outcome = await db.startAssignedSession(a.id, make);
			});
			const started = outcome as Awaited<ReturnType<typeof db.startAssignedSession>> | null;
			if (!ok || !started)
				return { ok: false, reason: 'The attempt could not be saved on this device.' };
			if (!started.ok) {
				// Another tab used the attempt: show the attempts as they are stored now.
				await this.openStored(a.id, now);
				return started;
			}
			return { ok: true, sessionId: started.sessionId };
		} finally {
			this.busy = false;
		}
	}
}

/** The /a/result screen: one submitted attempt, its score and its result code. */
export class AttemptResult {
	status = $state<'loading' | 'missing' | 'unfinished' | 'ready' | 'error'>('loading');
	message = $state('');
	code = $state('');
	qr = $state<string | null>(null);
	view = $state.raw<AssignedView | null>(null);
	sessionId = $state('');
	attempt = $state(0);
	late = $state(false);
	submittedAt = $state(0);
	/** True once this page made a fresh code for the attempt because its reports changed. */
	revised = $state(false);
	score = $state.raw<{ percent: number; correct: number; max: number; passed: boolean } | null>(
		null
	);

	/**
	 * Reads the attempt and its code, making the code when there is none yet. With `revise`, makes
	 * a fresh code for the same attempt (same answers and submission, revised at `now`) carrying the
	 * reports as they are now, and stores it in place of the old one.
	 */
	async load(sessionId: string, now: number, revise = false) {
		try {
			await this.read(sessionId, now, revise);
		} catch (error) {
			this.message = await describeFailure(error);
			this.status = 'error';
		}
	}

	private async read(sessionId: string, now: number, revise: boolean) {
		this.sessionId = sessionId;
		if (!(await databaseExists())) {
			this.status = 'missing';
			return;
		}
		const db = await loadDb();
		const session = sessionId ? await db.getSession(sessionId) : undefined;
		const received = session
			? session.assignmentId
				? await db.getReceived(session.assignmentId)
				: await db.receivedForSession(sessionId)
			: undefined;
		const index = received?.attempts.findIndex((x) => x.sessionId === sessionId) ?? -1;
		if (!session || !received || index < 0) {
			this.status = 'missing';
			return;
		}
		const a = assignmentOf(received);
		const { sessions } = await db.sessionsById(received.attempts.map((x) => x.sessionId));
		this.view = describeAssigned(received, sessions, now);
		if (session.status !== 'submitted' || session.state.submittedAt === null) {
			this.status = 'unfinished';
			return;
		}
		const engine = await import('$lib/engine');
		const sum = engine.summary(session.state);
		this.score = {
			percent: sum.percent,
			correct: sum.correctCount,
			max: sum.max,
			passed: sum.percent >= a.passMark
		};
		const entry = received.attempts[index]!;
		const submittedAt = session.state.submittedAt;
		this.attempt = index + 1;
		this.late = a.due !== null && submittedAt > a.due;
		this.submittedAt = submittedAt;
		let code = revise ? null : entry.code;
		if (!code) {
			const { encryptResult } = await import('$lib/teach/crypto');
			// Problems the student reported on this assignment's questions travel with the result.
			const reported = (await db.reportsFor(a.itemIds)).rows.map((r) => ({
				itemId: r.itemId,
				reason: r.reason,
				note: r.note
			}));
			try {
				code = await encryptResult(
					{
						v: 1,
						assignmentId: a.id,
						student: received.student,
						answers: sum.items.map((row) => ({
							itemId: row.itemId,
							answer: row.answer,
							score: row.result.score,
							timeMs: Math.round(row.timeTakenMs)
						})),
						startedAt: session.state.startedAt ?? session.createdAt,
						submittedAt,
						late: this.late,
						attempt: this.attempt,
						...(reported.length || revise ? { reports: reported } : {}),
						...(revise ? { revisedAt: Math.max(Math.round(now), submittedAt + 1) } : {})
					},
					a.teacherKey
				);
			} catch (error) {
				this.message = `Your result code could not be made: ${error instanceof Error ? error.message : String(error)}`;
				this.status = 'error';
				return;
			}
			const made = code;
			const saved = await app.save(() =>
				db.recordResultCode(received.id, sessionId, submittedAt, made, this.late)
			);
			if (revise && saved) this.revised = true;
		}
		this.code = code;
		const { tryQrSvg } = await import('$lib/teach/qr');
		this.qr = tryQrSvg(code);
		this.status = 'ready';
	}
}
