import index from 'virtual:quire-bank/index';
import type { ItemType } from '$lib/bank/schema';
import { BUILTIN_SET_ID, type AnyItem } from '$lib/bank/set';
import {
	countMatches,
	createSession,
	generateQuiz,
	randomSeed,
	reduce,
	type Mode,
	type QuizCandidate,
	type QuizFilters
} from '$lib/engine';
import type { SessionRow } from '$lib/db';
import { databaseExists } from '$lib/db/exists';
import { app } from './app.svelte';
import { loadDb, readOwnSet } from './load-db';
import { rowFor } from './session.svelte';

/** What the study home lets a student choose. */
export interface StudyChoice {
	mode: Mode;
	topics: string[];
	types: ItemType[];
	difficulty: (1 | 2 | 3)[];
	paragraphs: string[];
	only: 'all' | 'unseen' | 'wrong';
	count: number;
	/** Minutes; 0 for no limit (test mode only). */
	timeLimitMin: number;
}

/** Defaults for the study home and the one-tap quick quiz. */
export const DEFAULT_CHOICE: StudyChoice = {
	mode: 'practice',
	topics: [],
	types: [],
	difficulty: [],
	paragraphs: [],
	only: 'all',
	count: 10,
	timeLimitMin: 0
};

const MODE_NAMES: Record<Mode, string> = { practice: 'Practice', test: 'Test', learn: 'Learn' };

/** The built-in bank's quiz items, whole: loaded when a quiz is made of them, not with the page. */
async function builtInItems(): Promise<AnyItem[]> {
	return (await import('virtual:quire-bank')).default.items;
}

/**
 * Study home state (the whole built-in bank is its default set): answer history for filters, and
 * the unfinished session if any. The built-in set is counted from the bank's index (what the
 * filters read of each item); its questions and answers load with Start.
 */
export class StudyState {
	seen = $state.raw<string[]>([]);
	wrong = $state.raw<string[]>([]);
	active = $state.raw<SessionRow | null>(null);
	loaded = $state(false);
	/** The set studied: what the filters read of its items, and its topics; the built-in bank until another is chosen. */
	setId = $state(BUILTIN_SET_ID);
	items = $state.raw<QuizCandidate[]>(index.items);
	topics = $state.raw<{ id: string; title: string }[]>(index.topics);
	sets = $state.raw<{ id: string; title: string }[]>([]);
	/** Why the chosen set cannot be studied: not on this device, damaged, or unreadable. */
	setProblem = $state('');
	/** The whole items of the set studied: the built-in ones on demand, an own set's as read. */
	#load: () => Promise<AnyItem[]> = builtInItems;

	/** Lists own sets for the set picker. */
	async loadSets() {
		if (!(await databaseExists())) return;
		const { listSets } = await import('$lib/db/sets');
		this.sets = (await listSets()).rows.map((r) => ({ id: r.id, title: r.title }));
	}

	/** Studies another set; false when it cannot be used, with the reason in `setProblem`. */
	async useSet(id: string): Promise<boolean> {
		this.setProblem = '';
		if (id === BUILTIN_SET_ID) {
			this.setId = id;
			this.items = index.items;
			this.topics = index.topics;
			this.#load = builtInItems;
			return true;
		}
		const read = await readOwnSet(id);
		if (!read.ok) {
			this.setProblem = read.message;
			return false;
		}
		const { set, rows } = read;
		const items = rows.flatMap((r) => (r.kind === 'item' ? [r.entry] : []));
		this.setId = id;
		this.items = items;
		this.topics = set.topics;
		this.#load = () => Promise.resolve(items);
		return true;
	}

	/** Reads history and the unfinished session from IndexedDB (a damaged one is skipped). */
	async load() {
		// A first visit has no history: Dexie waits for the first write.
		if (!(await databaseExists())) {
			this.loaded = true;
			return;
		}
		const { latestAttempts, activeSession } = await loadDb();
		const latest = await latestAttempts();
		this.seen = [...latest.keys()];
		this.wrong = [...latest.values()].filter((a) => !a.correct).map((a) => a.itemId);
		this.active = (await activeSession()).row ?? null;
		this.loaded = true;
	}

	/** Filters for the engine from a choice, with this device's history. */
	filters(choice: StudyChoice, itemIds?: string[]): QuizFilters {
		return {
			topics: choice.topics,
			types: choice.types,
			difficulty: choice.difficulty,
			paragraphs: choice.paragraphs,
			only: choice.only,
			history: { seen: this.seen, wrong: this.wrong },
			itemIds
		};
	}

	/** How many items a choice matches, for live counts. */
	count(choice: StudyChoice): number {
		return countMatches(this.items, this.filters(choice));
	}

	/**
	 * Generates, starts and saves a session. Fails with the engine's reason when nothing matches.
	 * Any unfinished session must have been discarded by the caller, after asking.
	 */
	async start(
		choice: StudyChoice,
		rand: () => number,
		now: number,
		itemIds?: string[]
	): Promise<{ ok: true; id: string; note?: string } | { ok: false; reason: string }> {
		const seed = randomSeed(rand);
		const items = await this.#load();
		const generated = generateQuiz(items, {
			...this.filters(choice, itemIds),
			seed,
			count: choice.count
		});
		if (!generated.ok) return generated;
		const id = `s-${now.toString(36)}-${seed}`;
		const timeLimitMs =
			choice.mode === 'test' && choice.timeLimitMin > 0 ? choice.timeLimitMin * 60_000 : null;
		let state = createSession({
			id,
			mode: choice.mode,
			quiz: generated.quiz,
			items,
			timeLimitMs
		});
		state = reduce(state, { type: 'start', now });
		const n = generated.quiz.itemIds.length;
		const title = `${MODE_NAMES[choice.mode]} · ${n} question${n === 1 ? '' : 's'}`;
		const { addSession } = await loadDb();
		const saved = await app.save(() => addSession(rowFor(state, title, now, now)));
		if (!saved) return { ok: false, reason: 'The quiz could not be saved on this device.' };
		return { ok: true, id, note: generated.note };
	}

	/** Throws away the unfinished session (its answers stay in history). */
	async discardActive() {
		if (!this.active) return;
		const { discardSession } = await loadDb();
		const id = this.active.id;
		await app.save(() => discardSession(id));
		this.active = null;
	}
}
