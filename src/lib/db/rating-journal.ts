/**
 * The review journal: a flashcard rating the student gave is written here, synchronously, before
 * the next card shows, and dropped once IndexedDB stores it. Storage may refuse the write (a full
 * disk) and the tab may then be closed: the next review page replays what a gone page left, each
 * rating applied to its card as stored then, once (see replayable).
 *
 * As the quiz journal (journal.ts): one key per page, `quire-ratings:<tab>`, replayed only by a
 * page that obtains that tab's Web Lock, i.e. once the page that wrote it is gone.
 */
import * as v from 'valibot';
import { count, key, Time } from '../engine/bounds';
import type { CardRecord } from '../srs/records';
import { storedJournal, type JournalStore } from './journal';

const PREFIX = 'quire-ratings:';

/** One rating as the journal holds it: which card, how well, when. */
const RatingEntry = v.object({
	seq: count(Number.MAX_SAFE_INTEGER),
	id: key(300),
	kind: v.picklist(['flashcard', 'item']),
	grade: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(4)),
	now: Time
});
export type RatingEntry = v.InferOutput<typeof RatingEntry>;

const StoredRatings = v.object({
	v: v.literal(1),
	entries: v.pipe(v.array(RatingEntry), v.maxLength(10_000))
});

/** This page's review journal. Writes never throw: a full or blocked store keeps less. */
export class RatingJournal {
	private entries: RatingEntry[] = [];
	constructor(
		readonly tab: string,
		private store: JournalStore | null
	) {}

	add(entry: RatingEntry) {
		this.entries.push(entry);
		this.write();
	}

	/** Drops these entries: stored now (or given up for good). */
	drop(seqs: readonly number[]) {
		const gone = new Set(seqs);
		const before = this.entries.length;
		this.entries = this.entries.filter((e) => !gone.has(e.seq));
		if (this.entries.length !== before) this.write();
	}

	private write() {
		if (!this.store) return;
		const k = `${PREFIX}${this.tab}`;
		try {
			if (this.entries.length === 0) this.store.removeItem(k);
			else this.store.setItem(k, JSON.stringify({ v: 1, entries: this.entries }));
		} catch {
			// A full or blocked localStorage: the page still holds the rating and retries it.
		}
	}
}

/** A review journal another page left: its tab, its entries read afresh, and its removal. */
export interface LeftRatings {
	tab: string;
	read(): RatingEntry[];
	remove(): void;
}

/** Review journals of other pages. */
export function ratingsLeft(ownTab: string, store: JournalStore | null): LeftRatings[] {
	if (!store) return [];
	const out: LeftRatings[] = [];
	const keys: string[] = [];
	for (let i = 0; i < store.length; i++) {
		const k = store.key(i);
		if (k?.startsWith(PREFIX) && k !== `${PREFIX}${ownTab}`) keys.push(k);
	}
	// If removing is blocked, the ratings replay once more, where a stored rating is skipped.
	for (const k of keys)
		out.push({ tab: k.slice(PREFIX.length), ...storedJournal(store, k, StoredRatings) });
	return out;
}

/**
 * Whether a journalled rating still needs storing, seen against its card as stored now: not
 * when the card's last review is at or after the rating (this rating, stored before the page
 * could drop it, or a later one: a rating is never applied out of order).
 */
export function replayable(stored: CardRecord | undefined, rating: RatingEntry): boolean {
	return !stored || stored.last_review === null || stored.last_review < rating.now;
}
