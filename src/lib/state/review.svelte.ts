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
	type Scheduler
} from '$lib/srs';
import type { RatingsSince, RecordedRating, Settings } from '$lib/db';
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

interface Undo {
	/** What the rating stored, as recordRating reported it. */
	rated: RecordedRating;
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
	 * Rates the current card and stores the card and its log together; false when nothing was
	 * stored. The rating is worked out from the card as stored when it commits, not from this
	 * tab's copy: another tab may have rated it since this one read it.
	 */
	async rate(grade: Grade, now: number): Promise<boolean> {
		const id = this.currentId;
		if (!id) return false;
		const kind = this.entry(id)?.kind ?? 'flashcard';
		const { recordRating } = await loadDb();
		let rated: RecordedRating | undefined;
		const ok = await app.save(
			async () =>
				(rated = await recordRating(id, (stored) =>
					rate(stored ?? newCard(id, kind, 0), grade, now, this.scheduler, 'review')
				))
		);
		if (!ok || !rated) return false;
		void this.watch();
		this.lastUndo = { rated, newToday: this.newToday, reviewedToday: this.reviewedToday };
		if (rated.log.state === CARD_STATE.New) this.newToday++;
		else if (rated.log.state === CARD_STATE.Review) this.reviewedToday++;
		this.stored = new Map(this.stored).set(id, rated.card);
		this.queue = this.queue.filter((q) => q !== id);
		this.rebuild(now);
		return true;
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
		this.stored = stored;
		// An undo is offered only while the card is still as this tab's rating left it.
		const undo = this.lastUndo?.rated.card;
		if (undo && stored.get(undo.id)?.last_review !== undo.last_review) this.lastUndo = null;
		const counts = countStudied(logs);
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
	 * when another tab has rated the card since: its rating stays, and the undo is dropped).
	 */
	async undo(now: number): Promise<boolean> {
		const u = this.lastUndo;
		if (!u) return false;
		const { undoRating } = await loadDb();
		let undone = false;
		const ok = await app.save(async () => (undone = await undoRating(u.rated)));
		if (!ok) return false;
		this.lastUndo = null;
		if (!undone) return false;
		const { before, card } = u.rated;
		const stored = new Map(this.stored);
		if (before) stored.set(card.id, before);
		else stored.delete(card.id);
		this.stored = stored;
		this.newToday = u.newToday;
		this.reviewedToday = u.reviewedToday;
		this.queue = [card.id, ...this.queue.filter((id) => id !== card.id)];
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
