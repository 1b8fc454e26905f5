/**
 * The SCORM player's state: the quiz a package holds, run by Quire's engine, reported to the LMS
 * through the SCORM 1.2 API (lesson status, score, session time, interactions) with the
 * progress kept in cmi.suspend_data so a relaunch resumes. Outside an LMS it runs on its own and,
 * for an assignment, ends with a result code for the teacher.
 */
import type { AnyItem } from '$lib/bank/set';
import {
	createSession,
	elapsedMs,
	generateQuiz,
	reduce,
	remainingMs,
	summary,
	unanswered,
	type Action,
	type Answer,
	type Quiz,
	type SessionState,
	type Summary
} from '$lib/engine';
import { encryptResult } from '$lib/teach/crypto';
import { cmiTimespan, interactionOf, lessonStatus, type Interaction } from '$lib/teach/scorm/cmi';
import { readContent, type ScormContentT } from '$lib/teach/scorm/content';
import {
	decodeProgress,
	encodeProgress,
	SUSPEND_LIMIT,
	type Progress
} from '$lib/teach/scorm/suspend';
import type { Lms } from './lms';

/** What the page shows. */
export type PlayerStatus = 'loading' | 'problem' | 'intro' | 'active' | 'done' | 'used';

/** An action as the page sends it; the player stamps the time. */
export type PlayerAction =
	| { type: 'answer'; itemId: string; answer: Answer }
	| { type: 'skip' | 'next' | 'previous' | 'submit' }
	| { type: 'flag'; itemId: string }
	| { type: 'goto'; index: number };

/** The score of a submitted attempt, as shown and as reported. */
export interface PlayerResult {
	percent: number;
	correct: number;
	max: number;
	status: 'passed' | 'failed' | 'completed';
}

const FINISHED = new Set(['passed', 'failed', 'completed']);
const MAX_NAME = 60;

export class Player {
	status = $state<PlayerStatus>('loading');
	problem = $state('');
	/** Things the student should know: an LMS that refused a call, progress that did not fit. */
	notices = $state.raw<string[]>([]);
	content = $state.raw<ScormContentT | null>(null);
	/** The LMS, or null outside one. */
	lms: Lms | null = null;
	/** The learner's name from the LMS, or typed outside one. */
	student = $state('');
	state = $state.raw<SessionState | null>(null);
	/** Attempts submitted before this launch and in it. */
	done = $state(0);
	/** The latest submitted attempt's score. */
	last = $state.raw<PlayerResult | null>(null);
	/** The submitted attempt's summary, for the results list. */
	sum = $state.raw<Summary | null>(null);
	/** Outside an LMS, for an assignment: the result code for the teacher. */
	code = $state('');
	/** True once LMSFinish was called: nothing more is sent. */
	finished = false;
	/** Resolves when the latest progress is written to the LMS. */
	saved: Promise<void> = Promise.resolve();

	#items: AnyItem[] = [];
	#byId = new Map<string, AnyItem>();
	#launchedAt = 0;
	#quiz: Quiz | null = null;
	#writing: Promise<void> = Promise.resolve();

	/** The items in quiz order. */
	get items(): readonly AnyItem[] {
		return this.#items;
	}

	/** The item on screen. */
	get item(): AnyItem | null {
		const s = this.state;
		const id = s?.queue[s.position];
		return id === undefined ? null : (this.#byId.get(id) ?? null);
	}

	get attemptsLeft(): number | null {
		const max = this.content?.maxAttempts ?? null;
		return max === null ? null : Math.max(0, max - this.done);
	}

	#notice(text: string) {
		if (!this.notices.includes(text)) this.notices = [...this.notices, text];
	}

	#lmsProblem() {
		if (this.lms?.lastProblem)
			this.#notice(
				`The LMS refused a call (${this.lms.lastProblem}); your work may not be recorded there.`
			);
	}

	/** Reads the package's quiz, finds the LMS's session and what it kept from earlier launches. */
	async open(value: unknown, lms: Lms | null, now: number) {
		this.#launchedAt = now;
		const read = readContent(value);
		if (!read.ok) {
			this.problem = read.reason;
			this.status = 'problem';
			return;
		}
		const c = read.content;
		const generated = generateQuiz(c.items, {
			itemIds: c.items.map((i) => i.id),
			seed: c.seed,
			count: c.items.length,
			shuffleChoices: c.shuffle
		});
		if (!generated.ok) {
			this.problem = generated.reason;
			this.status = 'problem';
			return;
		}
		const byId = new Map<string, AnyItem>(c.items.map((i) => [i.id, i]));
		this.#items = generated.quiz.itemIds.map((id) => byId.get(id)!);
		this.#byId = byId;
		this.content = c;
		this.#quiz = generated.quiz;

		if (lms && !lms.initialize()) {
			this.#notice(
				`The LMS did not start a session (${lms.lastProblem}): this attempt runs on its own and is not recorded there.`
			);
			lms = null;
		}
		this.lms = lms;
		if (!lms) {
			this.status = 'intro';
			return;
		}
		this.student = lms.get('cmi.core.student_name');
		const kept = lms.get('cmi.suspend_data');
		let progress: Progress | null = await decodeProgress(kept, this.#items);
		if (!progress) {
			this.#notice(
				'The progress your LMS kept for this quiz could not be read, so it starts afresh.'
			);
			progress = { done: 0, last: null, current: null };
		}
		const before = lms.get('cmi.core.lesson_status');
		// An LMS that recorded a finished attempt but no progress (kept by another player) counts it.
		this.done = progress.done === 0 && FINISHED.has(before) ? 1 : progress.done;
		this.last = progress.last
			? {
					...progress.last,
					status: lessonStatus(progress.last.percent, c.passMark)
				}
			: null;
		if (progress.current) {
			let s = this.#fresh();
			const t0 = now - progress.current.activeMs;
			s = reduce(s, { type: 'start', now: t0 });
			for (const [i, answer] of progress.current.answers) {
				const id = this.#items[i]?.id;
				if (!id) continue;
				s = reduce(s, { type: 'goto', index: i, now: t0 });
				s = reduce(s, { type: 'answer', itemId: id, answer, now: t0 });
			}
			for (const f of progress.current.flags) {
				const id = this.#items[f]?.id;
				if (id) s = reduce(s, { type: 'flag', itemId: id, flagged: true });
			}
			// Replayed as of t0, the attempt's clock reads its kept active time at `now`.
			s = reduce(s, { type: 'goto', index: progress.current.position, now: t0 });
			this.state = s;
			this.status = 'active';
			if (s.status === 'submitted') await this.#submitted(now);
			return;
		}
		const left = this.attemptsLeft;
		this.status = left === 0 ? 'used' : 'intro';
	}

	#fresh(): SessionState {
		const c = this.content!;
		return createSession({
			id: `scorm-${c.seed}`,
			mode: c.mode,
			quiz: this.#quiz!,
			items: this.#items,
			timeLimitMs: c.timeLimitMin ? c.timeLimitMin * 60_000 : null
		});
	}

	/** Outside an LMS, an assignment needs the student's name for its result code: '' or why not. */
	nameProblem(name: string): string {
		const n = name.trim().replace(/\s+/g, ' ');
		if (!n) return 'Enter your name, so your teacher knows whose result it is.';
		if (n.length > MAX_NAME) return `Keep your name under ${MAX_NAME} characters.`;
		return '';
	}

	/** Starts an attempt; refused when every allowed attempt is used. */
	async start(now: number, name = ''): Promise<string> {
		if (!this.content || this.status === 'active') return '';
		if (this.attemptsLeft === 0) {
			this.status = 'used';
			return 'You have used every attempt this quiz allows.';
		}
		if (!this.lms && this.content.assignment) {
			const problem = this.nameProblem(name);
			if (problem) return problem;
			this.student = name.trim().replace(/\s+/g, ' ');
		}
		this.state = reduce(this.#fresh(), { type: 'start', now });
		this.sum = null;
		this.code = '';
		this.status = 'active';
		if (this.lms) {
			this.lms.set('cmi.core.lesson_status', 'incomplete');
			this.lms.set('cmi.core.exit', '');
		}
		await this.#keep(true, now);
		return '';
	}

	/** Applies an action at `now`; a submit (or time running out) reports the attempt. */
	async act(action: PlayerAction, now: number) {
		const s = this.state;
		if (!s || s.status !== 'active') return;
		const next = reduce(s, { ...action, now } as Action);
		if (next === s) return;
		this.state = next;
		if (next.status === 'submitted') return this.#submitted(now);
		// Answers are committed at once; moves and flags ride along with the next commit.
		await this.#keep(action.type === 'answer', now);
	}

	/** Called by the page's timer: submits when the time limit is reached. */
	async tick(now: number) {
		const s = this.state;
		if (!s || s.status !== 'active' || s.timeLimitMs === null) return;
		if ((remainingMs(s, now) ?? 1) <= 0) {
			const next = reduce(s, { type: 'timeUp', now });
			if (next !== s) {
				this.state = next;
				await this.#submitted(now);
			}
		}
	}

	/** Ms left of the time limit, or null. */
	remaining(now: number): number | null {
		return this.state ? remainingMs(this.state, now) : null;
	}

	/** Items with no answer yet, by their number in the quiz. */
	get missing(): number[] {
		const s = this.state;
		return s ? unanswered(s).map((id) => s.queue.indexOf(id) + 1) : [];
	}

	#progress(now: number): Progress {
		const s = this.state;
		const current =
			s && s.status === 'active'
				? {
						position: s.position,
						activeMs: elapsedMs(s, now),
						answers: s.queue.flatMap((id, i): [number, Answer][] => {
							const rec = s.answers[id];
							return rec ? [[i, rec.answer]] : [];
						}),
						flags: s.flags.map((id) => s.queue.indexOf(id)).filter((i) => i >= 0)
					}
				: null;
		return {
			done: this.done,
			last: this.last
				? { percent: this.last.percent, correct: this.last.correct, max: this.last.max }
				: null,
			current
		};
	}

	/** Writes the progress to cmi.suspend_data, in order, and commits when asked. */
	#keep(commit: boolean, now: number): Promise<void> {
		const lms = this.lms;
		if (!lms || this.finished) return this.saved;
		const progress = this.#progress(now);
		this.#writing = this.#writing.then(async () => {
			const encoded = await encodeProgress(progress, this.#items, SUSPEND_LIMIT);
			if (this.finished) return;
			const given = progress.current?.answers.length ?? 0;
			if (encoded.kept < given)
				this.#notice(
					`Your LMS keeps ${SUSPEND_LIMIT.toLocaleString('en')} characters of progress (SCORM 1.2): ${encoded.kept} of your ${given} answers fit. Submit before closing, or the answers after that are lost.`
				);
			lms.set('cmi.suspend_data', encoded.text);
			if (commit) lms.commit();
			this.#lmsProblem();
		});
		this.saved = this.#writing;
		return this.saved;
	}

	/** Reports a submitted attempt: interactions, score, status, time; then LMSFinish. */
	async #submitted(now: number) {
		const s = this.state!;
		const c = this.content!;
		const sum = summary(s);
		this.sum = sum;
		const result: PlayerResult = {
			percent: sum.percent,
			correct: sum.correctCount,
			max: sum.max,
			status: lessonStatus(sum.percent, c.passMark)
		};
		this.last = result;
		this.done += 1;
		this.status = 'done';
		const lms = this.lms;
		if (lms && !this.finished) {
			await this.#writing;
			const count = Number(lms.get('cmi.interactions._count'));
			let n = Number.isInteger(count) && count >= 0 ? count : 0;
			for (const row of sum.items) {
				const item = this.#byId.get(row.itemId);
				if (!item) continue;
				const rec: Interaction = interactionOf(item, row.answer, row.result.correct);
				const at = `cmi.interactions.${n}`;
				lms.set(`${at}.id`, rec.id);
				lms.set(`${at}.type`, rec.type);
				lms.set(`${at}.student_response`, rec.student_response);
				lms.set(`${at}.result`, rec.result);
				n++;
			}
			lms.set('cmi.core.score.min', '0');
			lms.set('cmi.core.score.max', '100');
			lms.set('cmi.core.score.raw', String(result.percent));
			lms.set('cmi.core.lesson_status', result.status);
			const encoded = await encodeProgress(this.#progress(now), this.#items);
			lms.set('cmi.suspend_data', encoded.text);
			lms.set('cmi.core.session_time', cmiTimespan(now - this.#launchedAt));
			lms.set('cmi.core.exit', '');
			lms.commit();
			this.#lmsProblem();
			this.finished = true;
			lms.finish();
			this.#lmsProblem();
			return;
		}
		if (c.assignment && this.student) {
			try {
				this.code = await encryptResult(
					{
						v: 1,
						assignmentId: c.assignment.id,
						student: this.student,
						answers: sum.items.map((row) => ({
							itemId: row.itemId,
							answer: row.answer,
							score: row.result.score,
							timeMs: Math.round(row.timeTakenMs)
						})),
						startedAt: s.startedAt ?? now,
						submittedAt: s.submittedAt ?? now,
						late: c.assignment.due !== null && (s.submittedAt ?? now) > c.assignment.due,
						attempt: this.done
					},
					c.assignment.teacherKey
				);
			} catch (error) {
				this.#notice(
					`Your result code could not be made: ${error instanceof Error ? error.message : String(error)}`
				);
			}
		}
	}

	/**
	 * The page is going away (closed, or the LMS unloads its frame): session time, exit, commit
	 * and LMSFinish, synchronously. An attempt under way is suspended so the next launch resumes.
	 */
	leave(now: number) {
		const lms = this.lms;
		if (!lms || this.finished) return;
		this.finished = true;
		const active = this.state?.status === 'active';
		lms.set('cmi.core.session_time', cmiTimespan(now - this.#launchedAt));
		lms.set('cmi.core.exit', active ? 'suspend' : '');
		lms.commit();
		lms.finish();
	}
}
