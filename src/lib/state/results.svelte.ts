/** The /teach/results page: one assignment's result codes, gradebook, item analysis and exports. */
import bank from 'virtual:quire-bank';
import type { AnyItem } from '$lib/bank/set';
import type { AddOutcome, AssignmentRow, ResultRow, TeacherKeyRow } from '$lib/db';
import { databaseExists } from '$lib/db/exists';
import { scoreAnswer, type Answer, type ScoreResult } from '$lib/engine';
import {
	analyseItems,
	analysisAttempts,
	gradebook,
	itemReports,
	scoreResult,
	studentKey,
	type GradebookRow,
	type ItemReports,
	type ItemStats,
	type ScoredResult
} from '$lib/teach/analysis';
import type { StudentResult } from '$lib/teach/crypto';
import type { Assignment } from '$lib/teach/link';
import {
	entriesFromFiles,
	entriesFromText,
	mismatch,
	resultKey,
	savedOutcome,
	type CodeEntry,
	type ImportOutcome
} from '$lib/teach/results';
import { lmsGradesCsv, type LmsGradesOptions } from '$lib/teach/lms-grades';
import { analysisCsv, gradebookCsv } from '$lib/teach/results-csv';
import { app } from './app.svelte';
import { describeAll, describeFailure, loadDb, readTeacherKeys } from './load-db';

export type { ImportOutcome } from '$lib/teach/results';

/** One answer of an attempt, scored once here, for the detail view. */
export interface AnsweredLine {
	itemId: string;
	item: AnyItem;
	answer: Answer | null;
	timeMs: number;
	score: ScoreResult;
}

/** One student's attempt, scored against this bank. */
export interface StudentAttempt {
	/** The stored result's row id, for deleting it. */
	id: number | undefined;
	result: StudentResult;
	scored: ScoredResult;
	/** The answers to questions this bank has, in the order answered. */
	lines: AnsweredLine[];
}

/** A code as compared for sameness: without the whitespace a chat app wrapped it with. */
const compact = (code: string) => code.replace(/\s/g, '');

/** The /teach/results page: one assignment's codes, gradebook and item analysis. */
export class ResultsState {
	row = $state.raw<AssignmentRow | null>(null);
	assignment = $state.raw<Assignment | null>(null);
	keys = $state.raw<TeacherKeyRow | null>(null);
	results = $state.raw<ResultRow[]>([]);
	outcomes = $state.raw<ImportOutcome[]>([]);
	status = $state<'loading' | 'missing' | 'damaged' | 'ready'>('loading');
	/** Why the assignment itself cannot be shown (status 'damaged'). */
	problem = $state('');
	/** One sentence per stored row this page could not read; the rest still show. */
	problems = $state.raw<string[]>([]);
	/** What the last delete did. */
	deleteMessage = $state('');
	busy = $state(false);
	others = $state.raw<Map<string, string>>(new Map());
	/** The text in the paste box. */
	pasted = $state('');
	/** The student whose answers are open, or null. */
	selected = $state<string | null>(null);
	/** The result waiting for the teacher to confirm its deletion. */
	deleting = $state.raw<{ id: number; label: string } | null>(null);

	/** The assignment's items from this bank, in assignment order. */
	items = $derived.by(() => {
		const ids = this.assignment?.itemIds ?? [];
		// Own items travel in the assignment itself; built-in ones come from this bank.
		const byId = new Map<string, AnyItem>(
			[...bank.items, ...(this.assignment?.items ?? [])].map((i) => [i.id, i])
		);
		return ids.map((id) => byId.get(id)).filter((i): i is AnyItem => !!i);
	});
	/** Items the link names that this bank no longer has. */
	missingItems = $derived((this.assignment?.itemIds.length ?? 0) - this.items.length);
	bankChanged = $derived(
		!!this.assignment &&
			this.assignment.bank !== bank.version &&
			this.assignment.itemIds.some((id) => !this.assignment?.items?.some((i) => i.id === id))
	);
	studentResults = $derived(this.results.map((r) => r.result));
	book = $derived<GradebookRow[]>(gradebook(this.studentResults, this.items));
	stats = $derived<ItemStats[]>(
		analyseItems(analysisAttempts(this.studentResults, this.items), this.items)
	);
	/** Problems students reported, per item. */
	reports = $derived<Map<string, ItemReports>>(itemReports(this.studentResults, this.items));
	/** How the last import went, counted by outcome. */
	counts = $derived({
		added: this.outcomes.filter((o) => o.status === 'added').length,
		updated: this.outcomes.filter((o) => o.status === 'updated').length,
		duplicate: this.outcomes.filter((o) => o.status === 'duplicate').length,
		error: this.outcomes.filter((o) => o.status === 'error').length
	});

	async load(id: string) {
		if (!(await databaseExists())) {
			this.status = 'missing';
			return;
		}
		const db = await loadDb();
		const problems: string[] = [];
		this.keys = await readTeacherKeys(problems);
		try {
			const all = await db.listAssignments();
			this.others = new Map(all.rows.map((a) => [a.id, a.payload.title]));
		} catch (error) {
			problems.push(await describeFailure(error));
		}
		let row: AssignmentRow | undefined;
		try {
			row = id ? await db.getAssignment(id) : undefined;
		} catch (error) {
			this.problem = await describeFailure(error);
			this.problems = problems;
			this.status = 'damaged';
			return;
		}
		if (!row) {
			this.problems = problems;
			this.status = 'missing';
			return;
		}
		this.row = row;
		this.assignment = row.payload;
		try {
			const results = await db.resultsFor(row.id);
			this.results = results.rows;
			problems.push(...(await describeAll(results.damaged)));
		} catch (error) {
			problems.push(await describeFailure(error));
		}
		this.problems = problems;
		this.status = 'ready';
	}

	/** A student's attempts, oldest first, each scored against the bank once. */
	attemptsOf(student: string): StudentAttempt[] {
		const key = studentKey(student);
		const byId = new Map(this.items.map((i) => [i.id, i]));
		return this.results
			.filter((r) => studentKey(r.result.student) === key)
			.sort(
				(a, b) => a.result.submittedAt - b.result.submittedAt || a.result.attempt - b.result.attempt
			)
			.map((r) => ({
				id: r.id,
				result: r.result,
				scored: scoreResult(r.result, this.items),
				lines: r.result.answers.flatMap((ans) => {
					const item = byId.get(ans.itemId);
					return item
						? [{ ...ans, item, score: scoreAnswer(item, ans.answer) } satisfies AnsweredLine]
						: [];
				})
			}));
	}

	/** Opens a student's answers, or closes them when already open. */
	select(student: string) {
		this.selected = this.selected === student ? null : student;
	}

	/** Deletes the result waiting for confirmation; it can be imported again. */
	async confirmDelete() {
		const target = this.deleting;
		this.deleting = null;
		if (!target) return;
		await this.deleteResult(target.id);
		if (this.selected && this.attemptsOf(this.selected).length === 0) this.selected = null;
	}

	/** Deletes one imported result (after the teacher confirmed); it can be imported again. */
	async deleteResult(id: number) {
		const a = this.assignment;
		const row = this.results.find((r) => r.id === id);
		if (!a || !row) return;
		this.busy = true;
		try {
			const db = await loadDb();
			const ok = await app.save(() => db.deleteResult(id));
			const who = `${row.result.student}, attempt ${row.result.attempt}`;
			this.deleteMessage = ok
				? `Deleted the result of ${who}. Importing its code again brings it back.`
				: `The result of ${who} could not be deleted.`;
			const results = await db.resultsFor(a.id);
			this.results = results.rows;
		} finally {
			this.busy = false;
		}
	}

	/** Imports the pasted codes; the box empties when every code went in. */
	async importPasted(now: number) {
		const { findCodes } = await import('$lib/teach/codes');
		await this.importCodes(entriesFromText(this.pasted, findCodes), now);
		if (this.outcomes.every((o) => o.status !== 'error')) this.pasted = '';
	}

	/** Imports dropped or chosen files (.quire-result, text, CSV, .eml): one outcome per code or unusable file. */
	async importFiles(files: readonly File[], now: number) {
		if (files.length === 0) return;
		const { findCodes } = await import('$lib/teach/codes');
		await this.importCodes(await entriesFromFiles(files, findCodes), now);
	}

	/** Decrypts, checks, deduplicates and stores codes; one outcome per code, in order. */
	async importCodes(entries: readonly CodeEntry[], now: number) {
		const a = this.assignment;
		const keys = this.keys;
		if (!a) return;
		if (!keys) {
			this.outcomes = entries.map((e) => ({
				label: e.label,
				status: 'error',
				text: 'There is no teacher key on this device, so no code can be read. Import your key on the Teach page.'
			}));
			return;
		}
		this.busy = true;
		try {
			// The decoder loads with the first import, not with the page.
			const { decryptResult } = await import('$lib/teach/crypto');
			const outcomes: ImportOutcome[] = [];
			const rows: ResultRow[] = [];
			const error = (label: string, text: string) =>
				outcomes.push({ label, status: 'error', text });
			// A code given twice in one import (pasted from two emails) is stored from its first copy.
			const seen = new Map<string, string>();
			for (const entry of entries) {
				if (entry.error) {
					error(entry.label, entry.error);
					continue;
				}
				const same = seen.get(compact(entry.code));
				if (same) {
					outcomes.push({
						label: entry.label,
						status: 'duplicate',
						text: `The same code as ${same}; read once.`
					});
					continue;
				}
				let { label, code } = entry;
				let opened = await decryptResult(code, keys.privateJwk);
				for (const reading of entry.shorter ?? []) {
					if (opened.ok) break;
					const shorter = await decryptResult(reading.code, keys.privateJwk);
					if (shorter.ok) ({ label, code, opened } = { ...reading, opened: shorter });
				}
				if (!opened.ok) {
					error(label, opened.error);
					continue;
				}
				const r = opened.result;
				const wrong = mismatch(r, a, this.others);
				if (wrong) {
					error(label, wrong);
					continue;
				}
				outcomes.push({ label, status: 'added', text: '' });
				seen.set(compact(code), label);
				rows.push({
					assignmentId: a.id,
					dedupe: resultKey(r),
					student: r.student,
					submittedAt: r.submittedAt,
					importedAt: now,
					result: r
				});
			}
			const db = await loadDb();
			let added: AddOutcome[] = [];
			const ok = rows.length
				? await app.save(async () => {
						added = await db.addResults(rows);
					})
				: true;
			let k = 0;
			for (const outcome of outcomes) {
				if (outcome.status !== 'added') continue;
				const r = rows[k]!.result;
				const saved = !ok ? 'failed' : (added[k] ?? 'duplicate');
				Object.assign(outcome, savedOutcome(r, scoreResult(r, this.items).percent, saved));
				k++;
			}
			this.outcomes = outcomes;
			this.results = (await db.resultsFor(a.id)).rows;
		} finally {
			this.busy = false;
		}
	}

	/** The gradebook as CSV. */
	gradebookCsv(): string {
		return gradebookCsv(this.book, this.assignment?.passMark ?? 0);
	}

	/** The gradebook as the chosen LMS imports it (Moodle's or Canvas's layout). */
	lmsGradesCsv(options: Omit<LmsGradesOptions, 'title'>): string {
		return lmsGradesCsv(this.book, { ...options, title: this.assignment?.title ?? '' });
	}

	/** The item analysis as CSV. */
	analysisCsv(label: (item: AnyItem) => string): string {
		return analysisCsv(this.stats, this.items, label, this.reports);
	}
}
