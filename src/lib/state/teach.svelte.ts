/** The teacher's side of assignments: the key pair, creating links, and collecting results. */
import bank from 'virtual:quire-bank';
import type { ItemType } from '$lib/bank/schema';
import { BUILTIN_SET_ID, type AnyItem, type SetQuizItem } from '$lib/bank/set';
import * as v from 'valibot';
import type { AddOutcome, AssignmentRow, DamagedRow, ResultRow, TeacherKeyRow } from '$lib/db';
import { databaseExists } from '$lib/db/exists';
import { generateQuiz, randomSeed } from '$lib/engine';
import {
	analyseItems,
	analysisAttempts,
	itemReports,
	gradebook,
	scoreResult,
	studentKey,
	type GradebookRow,
	type ItemReports,
	type ItemStats,
	type ScoredResult
} from '$lib/teach/analysis';
import {
	decryptResult,
	generateTeacherKeys,
	PrivateJwkSchema,
	PublicJwkSchema,
	type PrivateJwk,
	type PublicJwk,
	type StudentResult
} from '$lib/teach/crypto';
import { Time } from '$lib/engine/bounds';
import { REASON_LABELS } from '$lib/engine/report';
import { toCsv, type CsvCell } from '$lib/teach/csv';
import { assignmentUrl, encodeAssignment, MAX_TEXT, type Assignment } from '$lib/teach/link';
import { app } from './app.svelte';

/** The stored assignment row, for pages that show one (they do not import the db room). */
export type { AssignmentRow } from '$lib/db';

const loadDb = () => import('$lib/db');

/** Sentences for damaged rows, one per row. */
async function describeAll(damaged: readonly DamagedRow[]): Promise<string[]> {
	if (!damaged.length) return [];
	const { describeDamaged } = await loadDb();
	return damaged.map(describeDamaged);
}

/** A read failure in words: a damaged row names itself; storage errors say what to do. */
async function describeFailure(error: unknown): Promise<string> {
	const { describeStorageError } = await loadDb();
	return describeStorageError(error);
}

/** What the teacher fills in to make an assignment. */
export interface Draft {
	/** The set the questions come from. */
	setId: string;
	/** Built-in item id → the id of the teacher's edited copy to use instead. */
	versions: Record<string, string>;
	title: string;
	className: string;
	topics: string[];
	types: ItemType[];
	difficulty: (1 | 2 | 3)[];
	/** all: every item the filters match; hand: ticked ones; random: `count` picked with `seed`. */
	pick: 'all' | 'hand' | 'random';
	picked: string[];
	count: number;
	/** Fixes the random pick and the order students see. */
	seed: string;
	mode: 'practice' | 'test';
	/** Minutes; 0 for none. */
	timeLimitMin: number;
	/** A datetime-local value, '' for none. */
	due: string;
	/** 0 for unlimited. */
	maxAttempts: number;
	shuffle: boolean;
	/** Percent. */
	passMark: number;
}

/** A fresh draft, with a random seed. */
export function newDraft(rand: () => number = Math.random): Draft {
	return {
		setId: BUILTIN_SET_ID,
		versions: {},
		title: '',
		className: '',
		topics: [],
		types: [],
		difficulty: [],
		pick: 'hand',
		picked: [],
		count: 10,
		seed: randomSeed(rand),
		mode: 'test',
		timeLimitMin: 0,
		due: '',
		maxAttempts: 1,
		shuffle: true,
		passMark: 50
	};
}

/** A datetime-local value as ms in local time; null when empty or not a date. */
export function parseDue(local: string): number | null {
	if (!local.trim()) return null;
	const ms = new Date(local).getTime();
	return Number.isFinite(ms) ? ms : null;
}

/** A short random id, URL- and file-safe. */
export function newAssignmentId(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(9));
	return btoa(String.fromCharCode(...bytes))
		.replace(/\+/g, '-')
		.replace(/\//g, '_')
		.replace(/=+$/, '');
}

/** The dedupe key of a result: one student's one submission, however many codes carry it. */
export function resultKey(r: StudentResult): string {
	return `${r.assignmentId}|${studentKey(r.student)}|${r.attempt}|${r.submittedAt}`;
}

/** The file an exported teacher key is saved in. */
const KeyFileSchema = v.object({
	format: v.literal('quire-teacher-key'),
	v: v.literal(1),
	createdAt: v.optional(Time),
	publicJwk: PublicJwkSchema,
	privateJwk: PrivateJwkSchema
});

/** An exported teacher key, as read back. */
export interface KeyFile {
	format: 'quire-teacher-key';
	v: 1;
	createdAt: number;
	publicJwk: PublicJwk;
	privateJwk: PrivateJwk;
}

/** Reads an exported key file; a sentence when it is not one. `now` dates a file that has no date. */
export async function parseKeyFile(text: string, now: number): Promise<KeyFile | string> {
	const bad = 'This file is not a Quire teacher key. Choose the .json file you exported.';
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		return bad;
	}
	const parsed = v.safeParse(KeyFileSchema, data);
	if (!parsed.success) return bad;
	const k = parsed.output;
	const { kty, crv, x, y, d } = k.privateJwk;
	if (x !== k.publicJwk.x || y !== k.publicJwk.y) {
		return 'This teacher key file is damaged: its two halves do not match.';
	}
	try {
		const curve = { name: 'ECDH', namedCurve: 'P-256' };
		await crypto.subtle.importKey('jwk', { kty, crv, x, y, d }, curve, false, ['deriveBits']);
	} catch {
		return 'This teacher key file is damaged and cannot be used.';
	}
	return {
		format: 'quire-teacher-key',
		v: 1,
		createdAt: k.createdAt ?? now,
		publicJwk: { kty, crv, x, y },
		privateJwk: { kty, crv, x, y, d }
	};
}

/** Only the public coordinates of a key: what travels in a link. */
function publicPart(k: PublicJwk): Assignment['teacherKey'] {
	return { kty: k.kty, crv: k.crv, x: k.x, y: k.y };
}

function sameKey(a: PublicJwk | undefined, b: PublicJwk | undefined) {
	return !!a && !!b && a.x === b.x && a.y === b.y;
}

/** The /teach page: key pair, the assignment form and the list of assignments. */
export class TeachState {
	keys = $state.raw<TeacherKeyRow | null>(null);
	assignments = $state.raw<AssignmentRow[]>([]);
	counts = $state.raw<Map<string, number>>(new Map());
	loaded = $state(false);
	busy = $state(false);
	/** An imported key waiting for the teacher to confirm it replaces the current one. */
	pendingKey = $state.raw<KeyFile | null>(null);
	keyMessage = $state('');
	keyError = $state('');
	/** One sentence per stored row this page could not read; the rest still show. */
	problems = $state.raw<string[]>([]);
	/** The chosen set's items and topics; the built-in bank until another set is chosen. */
	items = $state.raw<AnyItem[]>(bank.items);
	topics = $state.raw<{ id: string; title: string }[]>(bank.topics);
	/** Own sets to choose from. */
	sets = $state.raw<{ id: string; title: string }[]>([]);
	/** Built-in item id → the teacher's edited copies of it. */
	copies = $state.raw<Map<string, { id: string; set: string; item: SetQuizItem }[]>>(new Map());
	setProblem = $state('');
	private ownItems = new Map<string, SetQuizItem>();

	/** Lists own sets and the copies of built-in items, for the set picker and the versions. */
	async loadSets() {
		if (!(await databaseExists())) return;
		const repo = await import('$lib/db/sets');
		const [listed, copies] = await Promise.all([repo.listSets(), repo.copiesOfBuiltIn()]);
		this.sets = listed.rows.map((r) => ({ id: r.id, title: r.title }));
		const titles = new Map(this.sets.map((s) => [s.id, s.title]));
		const map = new Map<string, { id: string; set: string; item: SetQuizItem }[]>();
		for (const [original, rows] of copies) {
			const list = rows.flatMap((r) =>
				r.kind === 'item' ? [{ id: r.id, set: titles.get(r.setId) ?? 'a set', item: r.entry }] : []
			);
			if (list.length) map.set(original, list);
		}
		this.copies = map;
	}

	/** Takes the questions from another set; gives false when it cannot be read. */
	async useSet(id: string): Promise<boolean> {
		this.setProblem = '';
		if (id === BUILTIN_SET_ID) {
			this.items = bank.items;
			this.topics = bank.topics;
			this.ownItems = new Map();
			return true;
		}
		const repo = await import('$lib/db/sets');
		const set = await repo.getSet(id).catch(() => undefined);
		if (!set) {
			this.setProblem = 'This set is not on this device.';
			return false;
		}
		const { rows } = await repo.listEntries(id);
		const own = rows.flatMap((r) => (r.kind === 'item' ? [r.entry] : []));
		this.items = own;
		this.ownItems = new Map(own.map((i) => [i.id, i]));
		this.topics = set.topics;
		return true;
	}

	async load() {
		// A first visit has no key and no assignments: Dexie waits for the first write.
		if (!(await databaseExists())) {
			this.loaded = true;
			return;
		}
		const db = await loadDb();
		const problems: string[] = [];
		try {
			this.keys = (await db.getTeacherKeys()) ?? null;
		} catch (error) {
			this.keys = null;
			problems.push(
				`${await describeFailure(error)} Import your exported key file below to replace it.`
			);
		}
		try {
			const [assignments, counts] = await Promise.all([db.listAssignments(), db.resultCounts()]);
			this.assignments = assignments.rows;
			this.counts = counts;
			problems.push(...(await describeAll(assignments.damaged)));
		} catch (error) {
			problems.push(await describeFailure(error));
		}
		this.problems = problems;
		this.loaded = true;
	}

	/** Items the draft's topic, type and difficulty filters allow, in bank order. */
	matching(d: Pick<Draft, 'topics' | 'types' | 'difficulty'>): AnyItem[] {
		return this.items.filter(
			(i) =>
				(d.topics.length === 0 || d.topics.includes(i.topic)) &&
				(d.types.length === 0 || d.types.includes(i.type)) &&
				(d.difficulty.length === 0 || d.difficulty.includes(i.difficulty))
		);
	}

	/** The item ids the draft picks, or why it picks none. */
	chosen(d: Draft): { ok: true; ids: string[]; note?: string } | { ok: false; reason: string } {
		const pool = this.matching(d);
		if (pool.length === 0) return { ok: false, reason: 'No question matches these filters.' };
		if (d.pick === 'all') return { ok: true, ids: pool.map((i) => i.id) };
		if (d.pick === 'hand') {
			const allowed = new Set(pool.map((i) => i.id));
			const ids = d.picked.filter((id) => allowed.has(id));
			return ids.length
				? { ok: true, ids }
				: { ok: false, reason: 'Tick at least one question in the list.' };
		}
		if (!d.seed.trim()) return { ok: false, reason: 'Enter a seed for the random pick.' };
		const generated = generateQuiz(this.items, {
			topics: d.topics,
			types: d.types,
			difficulty: d.difficulty,
			seed: d.seed.trim(),
			count: d.count,
			shuffleChoices: false
		});
		if (!generated.ok) return generated;
		return { ok: true, ids: generated.quiz.itemIds, note: generated.note };
	}

	/** Makes the key pair on first use, then the assignment and its link, and stores it. */
	async create(
		d: Draft,
		now: number,
		origin: string
	): Promise<{ ok: true; row: AssignmentRow } | { ok: false; reason: string }> {
		const title = d.title.trim();
		const className = d.className.trim();
		if (!title) return { ok: false, reason: 'Give the assignment a title.' };
		if (title.length > MAX_TEXT || className.length > MAX_TEXT)
			return { ok: false, reason: `Keep the title and class name under ${MAX_TEXT} characters.` };
		const picked = this.chosen(d);
		if (!picked.ok) return picked;
		// The teacher's edited copy replaces a built-in item where they chose it.
		const chosen = { ...picked, ids: picked.ids.map((id) => d.versions[id] ?? id) };
		const own = new Map(this.ownItems);
		for (const list of this.copies.values()) for (const c of list) own.set(c.id, c.item);
		const items = chosen.ids.flatMap((id) => (own.has(id) ? [own.get(id)!] : []));
		if (chosen.ids.length > 200)
			return { ok: false, reason: 'An assignment can hold at most 200 questions.' };
		const due = parseDue(d.due);
		if (d.due && due === null) return { ok: false, reason: 'The due date is not a date.' };
		const passMark = Math.round(d.passMark);
		if (!(passMark >= 0 && passMark <= 100))
			return { ok: false, reason: 'The pass mark must be between 0 and 100%.' };
		const limit = Math.round(d.timeLimitMin);
		if (!(limit >= 0 && limit <= 1440))
			return { ok: false, reason: 'The time limit must be between 0 (none) and 1440 minutes.' };
		const attempts = Math.round(d.maxAttempts);
		if (!(attempts >= 0 && attempts <= 100))
			return { ok: false, reason: 'Allow between 1 and 100 attempts, or 0 for unlimited.' };

		this.busy = true;
		try {
			const db = await loadDb();
			let keys: TeacherKeyRow | null = null;
			const madeKeys = await app.save(async () => {
				keys = await db.ensureTeacherKeys(generateTeacherKeys, now);
			});
			if (!madeKeys || !keys) return { ok: false, reason: 'Your teacher key could not be saved.' };
			this.keys = keys;
			const assignment: Assignment = {
				v: 1,
				id: newAssignmentId(),
				bank: bank.version,
				title,
				className,
				itemIds: chosen.ids,
				mode: d.mode,
				timeLimitMin: limit > 0 ? limit : null,
				due,
				maxAttempts: attempts > 0 ? attempts : null,
				shuffle: d.shuffle,
				passMark,
				seed: d.seed.trim() || randomSeed(Math.random),
				teacherKey: publicPart((keys as TeacherKeyRow).publicJwk),
				createdAt: now,
				...(items.length ? { items } : {})
			};
			let link: string;
			try {
				link = assignmentUrl(origin, await encodeAssignment(assignment));
			} catch (error) {
				return { ok: false, reason: error instanceof Error ? error.message : String(error) };
			}
			const row: AssignmentRow = { id: assignment.id, createdAt: now, payload: assignment, link };
			const saved = await app.save(() => db.saveAssignment(row));
			if (!saved) return { ok: false, reason: 'The assignment could not be saved.' };
			this.assignments = [row, ...this.assignments];
			return { ok: true, row };
		} finally {
			this.busy = false;
		}
	}

	/** The key pair as a file's text, for the download. */
	keyFileText(): string | null {
		if (!this.keys) return null;
		const file: KeyFile = {
			format: 'quire-teacher-key',
			v: 1,
			createdAt: this.keys.createdAt,
			publicJwk: this.keys.publicJwk,
			privateJwk: this.keys.privateJwk
		};
		return JSON.stringify(file, null, '\t');
	}

	/** Reads a chosen key file; an identical key is a no-op, a different one waits for confirmation. */
	async readKeyFile(text: string, now: number) {
		this.keyMessage = '';
		this.keyError = '';
		const parsed = await parseKeyFile(text, now);
		if (typeof parsed === 'string') {
			this.keyError = parsed;
			return;
		}
		if (sameKey(parsed.publicJwk, this.keys?.publicJwk)) {
			this.keyMessage = 'This is already your teacher key: nothing changed.';
			return;
		}
		if (!this.keys) await this.useKey(parsed);
		else this.pendingKey = parsed;
	}

	/** Replaces the key pair with the one waiting for confirmation. */
	async confirmKey() {
		const key = this.pendingKey;
		this.pendingKey = null;
		if (key) await this.useKey(key);
	}

	private async useKey(key: KeyFile) {
		const db = await loadDb();
		const row = { publicJwk: key.publicJwk, privateJwk: key.privateJwk, createdAt: key.createdAt };
		let stored: TeacherKeyRow | null = null;
		const ok = await app.save(async () => {
			stored = await db.putTeacherKeys(row);
		});
		if (!ok || !stored) {
			this.keyError = 'The key could not be saved.';
			return;
		}
		this.keys = stored;
		this.problems = this.problems.filter((p) => !p.includes('teacher key'));
		this.keyMessage =
			'Teacher key imported: result codes for its assignments can now be read here.';
	}
}

/** How one pasted code or dropped file fared. */
export interface ImportOutcome {
	label: string;
	status: 'added' | 'updated' | 'duplicate' | 'error';
	text: string;
}

/** One student's attempts, re-scored, for the detail view. */
export interface StudentAttempt {
	/** The stored result's row id, for deleting it. */
	id: number | undefined;
	result: StudentResult;
	scored: ScoredResult;
}

/** The largest .quire-result file read: a result code of 200 questions is far smaller. */
export const MAX_RESULT_FILE = 1_000_000;

/** Pasted text split into result codes; see splitCodes. */
export type CodeSplitter = (text: string) => string[];

/**
 * Reads dropped or chosen files into entries for importCodes: each code in a file is one entry;
 * a file too large, unreadable, or holding no code gets one entry that says so.
 */
export async function entriesFromFiles(
	files: readonly File[],
	split: CodeSplitter
): Promise<{ label: string; code: string; error?: string }[]> {
	const entries: { label: string; code: string; error?: string }[] = [];
	for (const file of files) {
		if (file.size > MAX_RESULT_FILE) {
			entries.push({
				label: file.name,
				code: '',
				error: `This file is too large to be a result code (${(file.size / 1_000_000).toFixed(1)} MB; a .quire-result file is well under 1 MB).`
			});
			continue;
		}
		let text: string;
		try {
			text = await file.text();
		} catch {
			entries.push({ label: file.name, code: '', error: 'This file could not be read.' });
			continue;
		}
		const codes = split(text).filter((c) => /^Q\d+:/.test(c));
		if (codes.length === 0) {
			entries.push({
				label: file.name,
				code: '',
				error:
					'There is no result code in this file. Result codes start with “Q1:”; choose the .quire-result file the student sent.'
			});
			continue;
		}
		codes.forEach((code, n) =>
			entries.push({ label: codes.length > 1 ? `${file.name} (${n + 1})` : file.name, code })
		);
	}
	return entries;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

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

	async load(id: string) {
		if (!(await databaseExists())) {
			this.status = 'missing';
			return;
		}
		const db = await loadDb();
		const problems: string[] = [];
		try {
			this.keys = (await db.getTeacherKeys()) ?? null;
		} catch (error) {
			this.keys = null;
			problems.push(await describeFailure(error));
		}
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

	/** A student's attempts, oldest first, re-scored against the bank. */
	attemptsOf(student: string): StudentAttempt[] {
		const key = studentKey(student);
		return this.results
			.filter((r) => studentKey(r.result.student) === key)
			.sort(
				(a, b) => a.result.submittedAt - b.result.submittedAt || a.result.attempt - b.result.attempt
			)
			.map((r) => ({ id: r.id, result: r.result, scored: scoreResult(r.result, this.items) }));
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

	/** Imports dropped or chosen .quire-result files: one outcome per code or per unusable file. */
	async importFiles(files: readonly File[], split: CodeSplitter, now: number) {
		if (files.length === 0) return;
		await this.importCodes(await entriesFromFiles(files, split), now);
	}

	/** Decrypts, checks, deduplicates and stores codes; one outcome per code, in order. */
	async importCodes(
		entries: readonly { label: string; code: string; error?: string }[],
		now: number
	) {
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
			const allowed = new Set(a.itemIds);
			const outcomes: ImportOutcome[] = [];
			const rows: { at: number; row: ResultRow }[] = [];
			for (const [n, entry] of entries.entries()) {
				if (entry.error) {
					outcomes.push({ label: entry.label, status: 'error', text: entry.error });
					continue;
				}
				const opened = await decryptResult(entry.code, keys.privateJwk);
				if (!opened.ok) {
					outcomes.push({ label: entry.label, status: 'error', text: opened.error });
					continue;
				}
				const r = opened.result;
				if (r.assignmentId !== a.id) {
					const other = this.others.get(r.assignmentId);
					outcomes.push({
						label: entry.label,
						status: 'error',
						text: other
							? `This code is for your assignment “${other}”, not this one. Import it there.`
							: 'This code is for a different assignment, not this one.'
					});
					continue;
				}
				const stray = r.answers.filter((x) => !allowed.has(x.itemId));
				if (stray.length) {
					outcomes.push({
						label: entry.label,
						status: 'error',
						text: 'This code answers questions that are not in this assignment, so it was not imported.'
					});
					continue;
				}
				outcomes.push({ label: entry.label, status: 'added', text: '' });
				rows.push({
					at: n,
					row: {
						assignmentId: a.id,
						dedupe: resultKey(r),
						student: r.student,
						submittedAt: r.submittedAt,
						importedAt: now,
						result: r
					}
				});
			}
			const db = await loadDb();
			let added: AddOutcome[] = [];
			const ok = rows.length
				? await app.save(async () => {
						added = await db.addResults(rows.map((x) => x.row));
					})
				: true;
			let k = 0;
			for (const outcome of outcomes) {
				if (outcome.status !== 'added') continue;
				const r = rows[k]!.row.result;
				const done = added[k];
				const pct = round1(scoreResult(r, this.items).percent);
				const who = `${r.student}, attempt ${r.attempt}`;
				if (!ok) {
					outcome.status = 'error';
					outcome.text = `${who}: could not be saved on this device.`;
				} else if (done === 'added') {
					outcome.text = `Imported ${who}: ${pct}%${r.late ? ', late (as reported by the student’s device)' : ''}.`;
				} else if (done === 'replaced') {
					outcome.status = 'updated';
					outcome.text = `Updated ${who}: a newer code for the same attempt; its reported problems replace the earlier ones.`;
				} else if (done === 'conflict') {
					outcome.status = 'error';
					outcome.text = `${who}: another code for this attempt, with the same submission time, holds different answers, so this one was not imported.`;
				} else {
					outcome.status = 'duplicate';
					outcome.text = `Already imported: ${who}. Nothing changed.`;
				}
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
		const pass = this.assignment?.passMark ?? 0;
		const rows: CsvCell[][] = [
			[
				'Student',
				'Attempts',
				'Best %',
				'Last %',
				'Passed',
				'Time (s)',
				'Last submitted (reported by student)',
				'Late (reported by student)',
				'Late attempts (reported by student)'
			],
			...this.book.map((r) => [
				r.student,
				r.attempts,
				round1(r.best),
				round1(r.last),
				r.best >= pass,
				Math.round(r.totalTimeMs / 1000),
				new Date(r.submittedAt).toISOString(),
				r.late,
				r.lateAttempts
			])
		];
		return toCsv(rows);
	}

	/** The item analysis as CSV. */
	analysisCsv(label: (item: AnyItem) => string): string {
		const byId = new Map(this.items.map((i) => [i.id, i]));
		const rows: CsvCell[][] = [
			[
				'Number',
				'Item id',
				'Question',
				'Type',
				'Attempts',
				'Facility %',
				'Discrimination',
				'Options picked',
				'Flags',
				'Reports',
				'Report reasons',
				'Report notes'
			],
			...this.stats.map((s, n) => {
				const item = byId.get(s.itemId);
				const reported = this.reports.get(s.itemId);
				return [
					n + 1,
					s.itemId,
					item ? label(item) : '',
					s.type,
					s.attempts,
					s.facility === null ? null : round1(s.facility * 100),
					s.discrimination === null ? null : Math.round(s.discrimination * 100) / 100,
					s.options
						? s.options
								.map((o) => `${o.option}${o.correct ? ' (right)' : ''}: ${o.count}`)
								.join('; ')
						: null,
					s.flags.join('; '),
					reported?.count ?? 0,
					reported
						? reported.reasons.map((x) => `${REASON_LABELS[x.reason]}: ${x.count}`).join('; ')
						: null,
					reported
						? reported.notes
								.map((x) => `${x.student} (${REASON_LABELS[x.reason]}): ${x.note}`)
								.join(' | ')
						: null
				];
			})
		];
		return toCsv(rows);
	}
}
