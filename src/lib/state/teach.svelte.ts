/** The teacher's side of assignments: the key pair, the assignment form and creating links. */
import bank from 'virtual:quire-bank/index';
import type { ItemIndexEntry } from '$lib/bank/parts';
import type { ItemType } from '$lib/bank/schema';
import { BUILTIN_SET_ID, type SetArticleT, type SetQuizItem } from '$lib/bank/set';
import type { AssignmentRow, TeacherKeyRow } from '$lib/db';
import { databaseExists } from '$lib/db/exists';
import { pickItems, randomSeed } from '$lib/engine';
import type { PublicJwk } from '$lib/teach/crypto';
import type { KeyFile } from '$lib/teach/key-file';
import {
	MAX_ATTEMPTS,
	MAX_ITEMS,
	MAX_PASS_MARK,
	MAX_TEXT,
	MAX_TIME_LIMIT_MIN
} from '$lib/teach/limits';
import type { Assignment } from '$lib/teach/link';
import { app } from './app.svelte';
import { describeAll, describeFailure, loadDb, readOwnSet, readTeacherKeys } from './load-db';

/**
 * A question as the teacher picks it: a built-in one as the bank's index lists it (the answers
 * stay out of this page; built-in questions travel in a link by id), an own set's whole.
 */
export type TeachItem = ItemIndexEntry | SetQuizItem;

/** The stored assignment row, for pages that show one (they do not import the db room). */
export type { AssignmentRow } from '$lib/db';

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

/*
 * The teacher's tools (links, keys, key files) load when a link is made or a key file read, not
 * with the page: the form paints and answers without them.
 */
const codec = () => import('$lib/teach/codec');
const keyFiles = () => import('$lib/teach/key-file');
const teacherKeys = () => import('$lib/teach/crypto');
const links = () => import('$lib/teach/link');

/** A short random id, URL- and file-safe. */
export async function newAssignmentId(): Promise<string> {
	const { toBase64Url } = await codec();
	return toBase64Url(crypto.getRandomValues(new Uint8Array(9)));
}

/** Only the public coordinates of a key: what travels in a link. */
function publicPart(k: PublicJwk): Assignment['teacherKey'] {
	return { kty: k.kty, crv: k.crv, x: k.x, y: k.y };
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
	items = $state.raw<TeachItem[]>(bank.items);
	topics = $state.raw<{ id: string; title: string }[]>(bank.topics);
	/** Own sets to choose from. */
	sets = $state.raw<{ id: string; title: string }[]>([]);
	/** Built-in item id → the teacher's edited copies of it. */
	copies = $state.raw<Map<string, { id: string; set: string; item: SetQuizItem }[]>>(new Map());
	setProblem = $state('');
	private ownItems = new Map<string, SetQuizItem>();
	/** The chosen set's own article, which its items cite; it travels in the link with them. */
	private ownArticle: SetArticleT | null = null;

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
			this.ownArticle = null;
			return true;
		}
		const read = await readOwnSet(id);
		if (!read.ok) {
			this.setProblem = read.message;
			return false;
		}
		const { set, rows } = read;
		const own = rows.flatMap((r) => (r.kind === 'item' ? [r.entry] : []));
		this.items = own;
		this.ownItems = new Map(own.map((i) => [i.id, i]));
		this.ownArticle = set.ownArticle ?? null;
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
		this.keys = await readTeacherKeys(
			problems,
			' Import your exported key file below to replace it.'
		);
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
	matching(d: Pick<Draft, 'topics' | 'types' | 'difficulty'>): TeachItem[] {
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
		const picked = pickItems(this.items, {
			topics: d.topics,
			types: d.types,
			difficulty: d.difficulty,
			seed: d.seed.trim(),
			count: d.count
		});
		if (!picked.ok) return picked;
		return { ok: true, ids: picked.items.map((i) => i.id), note: picked.note };
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
		if (chosen.ids.length > MAX_ITEMS)
			return { ok: false, reason: `An assignment can hold at most ${MAX_ITEMS} questions.` };
		const due = parseDue(d.due);
		if (d.due && due === null) return { ok: false, reason: 'The due date is not a date.' };
		const passMark = Math.round(d.passMark);
		if (!(passMark >= 0 && passMark <= MAX_PASS_MARK))
			return { ok: false, reason: `The pass mark must be between 0 and ${MAX_PASS_MARK}%.` };
		const limit = Math.round(d.timeLimitMin);
		if (!(limit >= 0 && limit <= MAX_TIME_LIMIT_MIN))
			return {
				ok: false,
				reason: `The time limit must be between 0 (none) and ${MAX_TIME_LIMIT_MIN} minutes.`
			};
		const attempts = Math.round(d.maxAttempts);
		if (!(attempts >= 0 && attempts <= MAX_ATTEMPTS))
			return {
				ok: false,
				reason: `Allow between 1 and ${MAX_ATTEMPTS} attempts, or 0 for unlimited.`
			};

		this.busy = true;
		try {
			const [db, { generateTeacherKeys }, { assignmentUrl, encodeAssignment }] = await Promise.all([
				loadDb(),
				teacherKeys(),
				links()
			]);
			const made: { keys?: TeacherKeyRow } = {};
			const madeKeys = await app.save(async () => {
				made.keys = await db.ensureTeacherKeys(generateTeacherKeys, now);
			});
			const keys = made.keys;
			if (!madeKeys || !keys) return { ok: false, reason: 'Your teacher key could not be saved.' };
			this.keys = keys;
			const assignment: Assignment = {
				v: 1,
				id: await newAssignmentId(),
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
				teacherKey: publicPart(keys.publicJwk),
				createdAt: now,
				...(items.length ? { items } : {}),
				// "Show in article" needs the article the set's own items cite.
				...(this.ownArticle && items.length && items.every((i) => this.ownItems.has(i.id))
					? { article: this.ownArticle }
					: {})
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
	async keyFileText(): Promise<string | null> {
		if (!this.keys) return null;
		const { keyFileText } = await keyFiles();
		return keyFileText(this.keys);
	}

	/** Reads a chosen key file; an identical key is a no-op, a different one waits for confirmation. */
	async readKeyFile(text: string, now: number) {
		this.keyMessage = '';
		this.keyError = '';
		const { parseKeyFile, sameKey } = await keyFiles();
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
