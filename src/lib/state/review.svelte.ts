import bank from 'virtual:quire-bank/flashcards';
import { startOfDay } from '$lib/srs/days';
import type { AnyCard, AnyItem, SetCard, SetQuizItem } from '$lib/bank/set';
import {
	dueQueue,
	makeScheduler,
	newCard,
	preview,
	rate,
	ratingForQuizAnswer,
	reverseId,
	CARD_STATE,
	type CardRecord,
	type Grade,
	type PreviewOption,
	type ReviewLogRecord,
	type Scheduler
} from '$lib/srs';
import type { Settings } from '$lib/db';
import { DEFAULT_SETTINGS } from '$lib/db/defaults';
import { databaseExists } from '$lib/db/exists';
import { app } from './app.svelte';
import { loadDb } from './load-db';

/** What one queue entry studies. */
export type ReviewEntry =
	| { kind: 'flashcard'; id: string; card: AnyCard; reverse: boolean }
	| { kind: 'item'; id: string; item: AnyItem };

const flashcards = new Map(bank.flashcards.map((f) => [f.id, f]));
/**
 * The built-in quiz items, by id: a card studies one only once a quiz answered it, so they load
 * with the first stored card of that kind (loadBuiltInItems), not with the page. A first visit's
 * queue is flashcards only.
 */
let items: ReadonlyMap<string, AnyItem> = new Map();

/** Loads the built-in quiz items (the whole bank's module) once. */
async function loadBuiltInItems(): Promise<void> {
	if (items.size) return;
	const { default: full } = await import('virtual:quire-bank');
	items = new Map(full.items.map((i) => [i.id, i]));
}

/** Entries of the teacher's own sets, by id. */
export interface OwnEntries {
	cards: ReadonlyMap<string, SetCard>;
	items: ReadonlyMap<string, SetQuizItem>;
}

const NO_OWN: OwnEntries = { cards: new Map(), items: new Map() };

/**
 * Finds the entry a card id studies in the bank or in own sets, or null when neither has it
 * (any more): its card stays stored but out of the queue.
 */
export function entryFor(id: string, own: OwnEntries = NO_OWN): ReviewEntry | null {
	const reverse = id.endsWith(':reverse');
	const base = reverse ? id.slice(0, -':reverse'.length) : id;
	const card = flashcards.get(base) ?? own.cards.get(base);
	if (card && (!reverse || card.reverse)) return { kind: 'flashcard', id, card, reverse };
	const item = items.get(id) ?? own.items.get(id);
	return item ? { kind: 'item', id, item } : null;
}

/** Every flashcard side, as new cards ordered as in the bank, then own sets (introduced in order). */
function unseenFlashcards(stored: ReadonlyMap<string, CardRecord>, own: OwnEntries): CardRecord[] {
	const out: CardRecord[] = [];
	let order = 0;
	for (const f of [...bank.flashcards, ...own.cards.values()]) {
		for (const id of f.reverse ? [f.id, reverseId(f.id)] : [f.id]) {
			order++;
			if (!stored.has(id)) out.push(newCard(id, 'flashcard', order));
		}
	}
	return out;
}

/** A rating to store: its card and log, and the log's id once stored (-1 before). */
interface Rating {
	card: CardRecord;
	log: ReviewLogRecord;
	logId: number;
}

interface Undo {
	before: CardRecord;
	wasStored: boolean;
	rating: Rating;
	newToday: number;
	reviewedToday: number;
}

/** The review session: due queue within daily limits, ratings, undo. */
export class ReviewState {
	stored = $state.raw<Map<string, CardRecord>>(new Map());
	queue = $state.raw<string[]>([]);
	held = $state.raw({ review: 0, new: 0 });
	nextLearningDue = $state<number | null>(null);
	settings = $state.raw<Pick<Settings, 'newPerDay' | 'reviewsPerDay' | 'retention'>>({
		newPerDay: DEFAULT_SETTINGS.newPerDay,
		reviewsPerDay: DEFAULT_SETTINGS.reviewsPerDay,
		retention: DEFAULT_SETTINGS.retention
	});
	newToday = $state(0);
	reviewedToday = $state(0);
	lastUndo = $state.raw<Undo | null>(null);
	loaded = $state(false);
	/** Flashcards and items of the teacher's own sets. */
	own = $state.raw<OwnEntries>(NO_OWN);
	/** Ratings storage refused (a full disk), kept in order and retried; see app.keep. */
	kept = $state(0);
	private waiting: Rating[] = [];
	private flushing: Promise<void> | null = null;
	private release: (() => void) | null = null;

	/** The entry a card id studies, built-in or own. */
	entry(id: string): ReviewEntry | null {
		return entryFor(id, this.own);
	}
	private scheduler: Scheduler = makeScheduler();

	/** The card on screen, or null when nothing is due. */
	get currentId(): string | null {
		return this.queue[0] ?? null;
	}

	/** The card record for an id: stored, or a fresh new card. */
	record(id: string): CardRecord {
		return this.stored.get(id) ?? newCard(id, this.entry(id)?.kind ?? 'flashcard', 0);
	}

	/** Reads cards, limits and today's counts from IndexedDB and builds the queue. */
	async load(now: number) {
		// A first visit has nothing stored: every card is new and the limits are the defaults, so
		// the first card shows without loading Dexie.
		if (!(await databaseExists())) {
			this.rebuild(now);
			this.loaded = true;
			return;
		}
		const [{ allCards, getSetting, studiedSince }, { allEntries }] = await Promise.all([
			loadDb(),
			import('$lib/db/sets')
		]);
		const [cards, newPerDay, reviewsPerDay, retention, today, own] = await Promise.all([
			allCards(),
			getSetting('newPerDay'),
			getSetting('reviewsPerDay'),
			getSetting('retention'),
			studiedSince(startOfDay(now)),
			allEntries()
		]);
		this.own = {
			cards: new Map(own.rows.flatMap((r) => (r.kind === 'flashcard' ? [[r.id, r.entry]] : []))),
			items: new Map(own.rows.flatMap((r) => (r.kind === 'item' ? [[r.id, r.entry]] : [])))
		};
		if (cards.some((c) => c.kind === 'item' && !this.own.items.has(c.id))) await loadBuiltInItems();
		this.stored = new Map(cards.filter((c) => this.entry(c.id)).map((c) => [c.id, c]));
		this.settings = { newPerDay, reviewsPerDay, retention };
		this.scheduler = makeScheduler({ retention });
		this.newToday = today.newToday;
		this.reviewedToday = today.reviewedToday;
		this.rebuild(now);
		this.loaded = true;
	}

	/** Recomputes the queue at `now`, keeping the card on screen first. */
	rebuild(now: number) {
		const candidates = [...this.stored.values(), ...unseenFlashcards(this.stored, this.own)];
		const q = dueQueue(candidates, now, {
			newLimit: this.settings.newPerDay,
			reviewLimit: this.settings.reviewsPerDay,
			newToday: this.newToday,
			reviewedToday: this.reviewedToday
		});
		const current = this.queue[0];
		this.queue =
			current && q.ids.includes(current)
				? [current, ...q.ids.filter((id) => id !== current)]
				: q.ids;
		this.held = q.held;
		this.nextLearningDue = q.nextLearningDue;
	}

	/** What each rating would schedule for the current card. */
	previews(now: number): PreviewOption[] {
		const id = this.currentId;
		return id ? preview(this.record(id), now, this.scheduler) : [];
	}

	/**
	 * Rates the current card and stores the card and its log together. When storage refuses (a
	 * full disk), the rating is kept in memory and written, in order, with the next rating or
	 * when app retries: the student goes on either way. False when nothing was rated.
	 */
	async rate(grade: Grade, now: number): Promise<boolean> {
		const id = this.currentId;
		if (!id) return false;
		const before = this.record(id);
		const wasStored = this.stored.has(id);
		const { card, log } = rate(before, grade, now, this.scheduler, 'review');
		const rating: Rating = { card, log, logId: -1 };
		this.waiting.push(rating);
		await this.flush();
		this.lastUndo = {
			before,
			wasStored,
			rating,
			newToday: this.newToday,
			reviewedToday: this.reviewedToday
		};
		if (before.state === CARD_STATE.New) this.newToday++;
		else if (before.state === CARD_STATE.Review) this.reviewedToday++;
		this.stored = new Map(this.stored).set(id, card);
		this.queue = this.queue.slice(1);
		this.rebuild(now);
		return true;
	}

	/** A quiz item answered in review: right → Good, wrong → Again. */
	rateAnswer(correct: boolean, now: number): Promise<boolean> {
		return this.rate(ratingForQuizAnswer(correct), now);
	}

	/** Writes the kept ratings in order, one at a time; stops at the first storage refuses. */
	private flush(): Promise<void> {
		this.flushing ??= (async () => {
			try {
				const { recordRating } = await loadDb();
				while (this.waiting.length) {
					const next = this.waiting[0]!;
					let ok: boolean;
					try {
						ok = await app.save(async () => {
							next.logId = await recordRating(next.card, next.log);
						});
					} catch (bug) {
						// A fault in Quire, not storage: retrying cannot help (app.save logged it).
						this.waiting.shift();
						throw bug;
					}
					if (!ok) break;
					this.waiting.shift();
				}
			} finally {
				this.flushing = null;
				this.counted();
			}
		})();
		return this.flushing;
	}

	/** Tells app how many ratings are kept, so its banner says so and it retries them. */
	private counted() {
		this.kept = this.waiting.length;
		if (this.kept && !this.release)
			this.release = app.keep({
				waiting: () => ({ count: this.kept, noun: 'flashcard rating' }),
				retry: () => this.flush()
			});
		else if (!this.kept && this.release) {
			this.release();
			this.release = null;
		}
		app.refreshKept();
	}

	/** Takes back the last rating and shows that card again; false when nothing was undone. */
	async undo(now: number): Promise<boolean> {
		const u = this.lastUndo;
		if (!u) return false;
		await this.flushing;
		const at = this.waiting.indexOf(u.rating);
		if (at >= 0) {
			// Never stored: it only leaves the queue of kept ratings.
			this.waiting.splice(at, 1);
			this.counted();
		} else {
			const { undoRating } = await loadDb();
			const ok = await app.save(() => undoRating(u.before, u.wasStored, u.rating.logId));
			if (!ok) return false;
		}
		const stored = new Map(this.stored);
		if (u.wasStored) stored.set(u.before.id, u.before);
		else stored.delete(u.before.id);
		this.stored = stored;
		this.newToday = u.newToday;
		this.reviewedToday = u.reviewedToday;
		this.lastUndo = null;
		this.queue = [u.before.id, ...this.queue.filter((id) => id !== u.before.id)];
		this.rebuild(now);
		return true;
	}

	/** Saves the daily limits and desired retention, then rebuilds the queue. */
	async saveSettings(
		next: Pick<Settings, 'newPerDay' | 'reviewsPerDay' | 'retention'>,
		now: number
	) {
		const { setSetting } = await loadDb();
		await app.save(async () => {
			await setSetting('newPerDay', next.newPerDay);
			await setSetting('reviewsPerDay', next.reviewsPerDay);
			await setSetting('retention', next.retention);
		});
		this.settings = next;
		this.scheduler = makeScheduler({ retention: next.retention });
		this.rebuild(now);
	}
}
