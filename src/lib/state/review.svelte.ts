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
import type { RatingJournal, RatingsSince, RecordedRating, Settings } from '$lib/db';
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

/**
 * A rating the student gave: which card, how well, when, and what it makes of this tab's copy
 * of the card (shown at once). It is stored by re-reading the card in the write's transaction
 * (another tab may have rated it since), so `card` and `log` are only what the screen shows
 * until then; `rated` is what was stored.
 */
interface Rating {
	seq: number;
	id: string;
	kind: 'flashcard' | 'item';
	grade: Grade;
	now: number;
	card: CardRecord;
	log: ReviewLogRecord;
	rated: RecordedRating | null;
}

interface Undo {
	/** The rating, stored (its `rated`) or still waiting for storage. */
	rating: Rating;
	/** The card as this tab had it before the rating (undefined: it was new). */
	before: CardRecord | undefined;
	newToday: number;
	reviewedToday: number;
}

/** This page's review journal tab (see db/rating-journal.ts): one per page, holding its lock. */
let tab: { id: string; held: Promise<void> } | null = null;

/** How long opening the review waits for a page that is closing to let go of its journal. */
const LEFT_WAIT_MS = 1000;

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
	/**
	 * Ratings storage refused (a full disk), kept on the page in order and written as soon as
	 * storage works again, without a reload (see app.keep); 0 when every rating is stored.
	 */
	kept = $state(0);
	/** Ratings given and not stored yet, oldest first. */
	private waiting: Rating[] = [];
	private flushing: Promise<void> | null = null;
	private release: (() => void) | null = null;
	private journal: RatingJournal | null = null;
	private seq = 0;

	/** The entry a card id studies, built-in or own. */
	entry(id: string): ReviewEntry | null {
		return entryFor(id, this.own);
	}
	private scheduler: Scheduler = makeScheduler();
	/** The student's fitted FSRS parameters (from /progress), or null for the defaults. */
	private weights: readonly number[] | null = null;

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
		await this.replayLeft();
		const [cards, newPerDay, reviewsPerDay, retention, fitted, today, own] = await Promise.all([
			allCards(),
			getSetting('newPerDay'),
			getSetting('reviewsPerDay'),
			getSetting('retention'),
			getSetting('fsrsParameters'),
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
		this.weights = fitted?.w ?? null;
		this.scheduler = makeScheduler({ retention, w: this.weights });
		this.newToday = today.newToday;
		this.reviewedToday = today.reviewedToday;
		this.rebuild(now);
		this.loaded = true;
		void this.watch();
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
	 * Rates the current card: the rating is journalled, shown at once (the card leaves the queue)
	 * and stored, its card re-read in the write's transaction, so a rating another tab stored
	 * meanwhile is built on (never a card introduced twice). When storage refuses (a full disk)
	 * it is kept on the page, in order, and written when storage works again. False when nothing
	 * was rated (no card, or a rating storage refused for good: a damaged card row).
	 */
	async rate(grade: Grade, now: number): Promise<boolean> {
		const id = this.currentId;
		if (!id) return false;
		const kind = this.entry(id)?.kind ?? 'flashcard';
		const before = this.stored.get(id);
		const { card, log } = rate(this.record(id), grade, now, this.scheduler, 'review');
		const rating: Rating = { seq: ++this.seq, id, kind, grade, now, card, log, rated: null };
		await this.journalled();
		this.journal?.add({ seq: rating.seq, id, kind, grade, now });
		this.waiting.push(rating);
		const undo: Undo = {
			rating,
			before,
			newToday: this.newToday,
			reviewedToday: this.reviewedToday
		};
		await this.flush();
		// Refused for good (not a storage failure): nothing was rated.
		if (!rating.rated && !this.waiting.includes(rating)) return false;
		this.lastUndo = undo;
		const shown = rating.rated ?? rating;
		if (shown.log.state === CARD_STATE.New) this.newToday++;
		else if (shown.log.state === CARD_STATE.Review) this.reviewedToday++;
		this.stored = new Map(this.stored).set(id, shown.card);
		this.queue = this.queue.filter((q) => q !== id);
		this.rebuild(now);
		void this.watch();
		return true;
	}

	/** This page's review journal, with its tab lock held (see db/rating-journal.ts). */
	private async journalled() {
		if (this.journal) return;
		const db = await loadDb();
		tab ??= (() => {
			const id = db.newTabId();
			return { id, held: db.holdTabLock(`review-${id}`, db.browserLocks()) };
		})();
		await tab.held;
		this.journal ??= new db.RatingJournal(tab.id, db.browserStore());
	}

	/**
	 * Stores the ratings pages that are gone left in their journals (a full disk, then a closed
	 * tab): each applied to its card as stored now, once, in the order given.
	 */
	private async replayLeft() {
		const db = await loadDb();
		await this.journalled();
		const own = tab?.id ?? '';
		for (const left of db.ratingsLeft(own, db.browserStore())) {
			await db.whenTabGone(
				`review-${left.tab}`,
				db.browserLocks(),
				async () => {
					const entries = [...left.read()].sort((x, y) => x.now - y.now);
					let stored = true;
					for (const e of entries) {
						const ok = await app.save(() =>
							db.recordRating(e.id, (card) =>
								db.replayable(card, e)
									? rate(card ?? newCard(e.id, e.kind, 0), e.grade, e.now, this.scheduler, 'review')
									: null
							)
						);
						if (!ok) {
							stored = false;
							break;
						}
					}
					// Kept when storage refused: a later page stores it.
					if (stored) left.remove();
				},
				LEFT_WAIT_MS
			);
		}
	}

	/**
	 * Writes the waiting ratings in order, one transaction each, each from its card as stored
	 * then; stops at the first storage refuses (they stay, and app retries them).
	 */
	private flush(): Promise<void> {
		this.flushing ??= (async () => {
			try {
				const { recordRating } = await loadDb();
				while (this.waiting.length) {
					const next = this.waiting[0]!;
					let rated: RecordedRating | null = null;
					let ok = false;
					try {
						ok = await app.save(
							async () =>
								(rated = await recordRating(next.id, (stored) =>
									rate(
										stored ?? newCard(next.id, next.kind, 0),
										next.grade,
										next.now,
										this.scheduler,
										'review'
									)
								))
						);
					} catch (bug) {
						// A fault in Quire, not storage: retrying cannot help (app.save logged it).
						this.forget(next);
						throw bug;
					}
					if (!ok) {
						// A refused row (damaged, invalid) is refused for good; a storage failure waits.
						if (app.storageKind === null) this.forget(next);
						break;
					}
					next.rated = rated;
					this.forget(next);
				}
			} finally {
				this.flushing = null;
				this.counted();
			}
		})();
		return this.flushing;
	}

	/** Takes a rating off the waiting list and the journal. */
	private forget(rating: Rating) {
		this.waiting = this.waiting.filter((r) => r !== rating);
		this.journal?.drop([rating.seq]);
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

	/** The clock `follow` was given, and how to stop following (null while not). */
	private clock: (() => number) | null = null;
	private unwatch: (() => void) | null = null;

	/**
	 * Follows ratings stored by any tab from the start of the day, once the cards are loaded: a
	 * card rated elsewhere leaves or moves in this tab's queue, and the daily counts follow. A
	 * first visit has no database to follow yet (none is opened before the first write):
	 * following starts with this tab's first rating. Returns the stop function.
	 */
	follow(now: () => number): () => void {
		this.clock = now;
		void this.watch();
		return () => {
			this.clock = null;
			this.unwatch?.();
			this.unwatch = null;
		};
	}

	private async watch() {
		const clock = this.clock;
		if (!clock || this.unwatch || !this.loaded || !(await databaseExists())) return;
		const { watchRatings } = await loadDb();
		if (this.clock !== clock || this.unwatch) return;
		this.unwatch = watchRatings(
			startOfDay(clock()),
			(ratings) => void this.applyRatings(ratings, clock()),
			// An unreadable version is not shown; the next rating reports the storage problem.
			() => undefined
		);
	}

	/** Takes in the ratings stored since the day began, as any tab stored them. */
	async applyRatings({ logs, cards }: RatingsSince, now: number) {
		const { countStudied } = await loadDb();
		const needsItems = [...cards.values()].some(
			(c) => c?.kind === 'item' && !this.own.items.has(c.id)
		);
		if (needsItems) await loadBuiltInItems();
		const stored = new Map(this.stored);
		for (const [id, card] of cards) {
			if (card && this.entry(id)) stored.set(id, card);
			else stored.delete(id);
		}
		// Ratings waiting for storage show as this tab worked them out.
		for (const r of this.waiting) stored.set(r.id, r.card);
		this.stored = stored;
		// An undo is offered only while the card is still as this tab's rating left it.
		const undo = this.lastUndo?.rating.rated?.card;
		if (undo && stored.get(undo.id)?.last_review !== undo.last_review) this.lastUndo = null;
		const counts = countStudied([...logs, ...this.waiting.map((r) => r.log)]);
		this.newToday = counts.newToday;
		this.reviewedToday = counts.reviewedToday;
		this.rebuild(now);
	}

	/** A quiz item answered in review: right → Good, wrong → Again. */
	rateAnswer(correct: boolean, now: number): Promise<boolean> {
		return this.rate(ratingForQuizAnswer(correct), now);
	}

	/**
	 * Takes back the last rating and shows that card again; false when nothing was undone (also
	 * when another tab has rated the card since: its rating stays, and the undo is dropped). A
	 * rating still waiting for storage only leaves the waiting list.
	 */
	async undo(now: number): Promise<boolean> {
		const u = this.lastUndo;
		if (!u) return false;
		await this.flushing;
		const { rating } = u;
		if (this.waiting.includes(rating)) {
			this.forget(rating);
			this.counted();
		} else {
			const rated = rating.rated;
			if (!rated) return false;
			const { undoRating } = await loadDb();
			let undone = false;
			const ok = await app.save(async () => (undone = await undoRating(rated)));
			if (!ok) return false;
			if (!undone) {
				this.lastUndo = null;
				return false;
			}
		}
		this.lastUndo = null;
		const before = rating.rated ? rating.rated.before : u.before;
		const stored = new Map(this.stored);
		if (before) stored.set(rating.id, before);
		else stored.delete(rating.id);
		this.stored = stored;
		this.newToday = u.newToday;
		this.reviewedToday = u.reviewedToday;
		this.queue = [rating.id, ...this.queue.filter((id) => id !== rating.id)];
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
		this.scheduler = makeScheduler({ retention: next.retention, w: this.weights });
		this.rebuild(now);
	}
}
