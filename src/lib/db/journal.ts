/**
 * The quiz journal: every action a student takes is written here, synchronously, before the
 * screen moves on, and dropped once the session write that carries it is stored in IndexedDB.
 * A reload or a closed tab can cut an IndexedDB write short (it takes tens of milliseconds, far
 * more on a slow phone); a localStorage write cannot be cut short, so nothing the student saw taken
 * is lost: the next page that opens the quiz replays what the journal still holds.
 *
 * Each page writes its own journal (key `quire-journal:<session>:<tab>`) and holds a Web Lock
 * named after its tab for its whole life. A journal is replayed only by a page that obtains that
 * lock, i.e. once the tab that wrote it is gone, so two open tabs never replay each other's.
 */
import * as v from 'valibot';
import { count, key, Time } from '../engine/bounds';
import { reduce, type Action, type AttemptEvent, type SessionState } from '../engine/session';
import { StoredAnswer } from './stored-session';

const PREFIX = 'quire-journal:';

const ItemId = key(300);
const At = v.optional(Time);

const JournalAction = v.variant('type', [
	v.object({ type: v.literal('start'), now: Time }),
	v.object({ type: v.literal('answer'), itemId: ItemId, answer: StoredAnswer, now: Time }),
	v.object({ type: v.literal('draft'), itemId: ItemId, answer: StoredAnswer }),
	v.object({ type: v.literal('skip'), now: Time }),
	v.object({ type: v.literal('flag'), itemId: ItemId, flagged: v.optional(v.boolean()) }),
	v.object({ type: v.literal('next'), now: At }),
	v.object({ type: v.literal('previous'), now: At }),
	v.object({ type: v.literal('goto'), index: count(100_000), now: At }),
	v.object({ type: v.literal('submit'), now: Time }),
	v.object({ type: v.literal('timeUp'), now: Time }),
	v.object({ type: v.literal('pause'), now: Time }),
	v.object({ type: v.literal('resume'), now: Time })
]);

/** One action as the journal holds it: its order, and where the quiz stood when it was taken. */
const JournalEntry = v.object({
	seq: count(Number.MAX_SAFE_INTEGER),
	position: count(100_000),
	action: JournalAction
});
export type JournalEntry = v.InferOutput<typeof JournalEntry>;

/** A page's journal for one session, as stored. */
export const StoredJournal = v.object({
	v: v.literal(1),
	entries: v.pipe(v.array(JournalEntry), v.maxLength(10_000))
});

/** The parts of localStorage the journal uses (tests pass a Map-backed one). */
export type JournalStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

/** localStorage, or null where it is blocked (the journal then keeps nothing). */
export function browserStore(): JournalStore | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null;
	}
}

function keyOf(sessionId: string, tab: string) {
	return `${PREFIX}${sessionId}:${tab}`;
}

/** Actions that move the quiz: replayed only where the quiz still stands where they were taken. */
const MOVES = new Set<Action['type']>(['next', 'previous', 'goto', 'skip']);

/** This page's journal for one session. Writes never throw: a full or blocked store keeps less. */
export class Journal {
	private entries: JournalEntry[] = [];
	constructor(
		readonly sessionId: string,
		readonly tab: string,
		private store: JournalStore | null
	) {}

	/**
	 * Records an action before anything else happens; a newer draft replaces the item's older one,
	 * and an entry replaces the one numbered `replaces` (a keystroke the one before it).
	 */
	add(entry: JournalEntry, replaces?: number) {
		const a = entry.action;
		if (a.type === 'draft' || replaces !== undefined)
			this.entries = this.entries.filter(
				(e) =>
					e.seq !== replaces &&
					!(a.type === 'draft' && e.action.type === 'draft' && e.action.itemId === a.itemId)
			);
		this.entries.push(entry);
		this.write();
	}

	/** Drops these entries: a stored write carries them now (or refused them for good). */
	drop(seqs: readonly number[]) {
		if (seqs.length === 0) return;
		const gone = new Set(seqs);
		const before = this.entries.length;
		this.entries = this.entries.filter((e) => !gone.has(e.seq));
		if (this.entries.length !== before) this.write();
	}

	/** What the journal holds, oldest first. */
	get pending(): readonly JournalEntry[] {
		return this.entries;
	}

	private write() {
		if (!this.store) return;
		const k = keyOf(this.sessionId, this.tab);
		try {
			if (this.entries.length === 0) this.store.removeItem(k);
			else this.store.setItem(k, JSON.stringify({ v: 1, entries: this.entries }));
		} catch {
			// A full or blocked localStorage: the IndexedDB write still carries the change.
		}
	}
}

/** A journal another page left for a session: the tab that wrote it, and how to read it. */
export interface LeftJournal {
	tab: string;
	/** The entries, read afresh (the tab may have written more), or [] when unreadable. */
	read(): JournalEntry[];
	remove(): void;
}

/** Journals of other pages for this session (any session when `sessionId` is null). */
export function journalsLeft(
	sessionId: string | null,
	ownTab: string,
	store: JournalStore | null
): LeftJournal[] {
	if (!store) return [];
	const out: LeftJournal[] = [];
	const keys: string[] = [];
	for (let i = 0; i < store.length; i++) {
		const k = store.key(i);
		if (k?.startsWith(PREFIX)) keys.push(k);
	}
	for (const k of keys) {
		const rest = k.slice(PREFIX.length);
		const cut = rest.lastIndexOf(':');
		const session = rest.slice(0, cut);
		const tab = rest.slice(cut + 1);
		if (cut < 1 || tab === ownTab || (sessionId !== null && session !== sessionId)) continue;
		// If removing is blocked, the entries are replayed once more, where moves are skipped.
		out.push({ tab, ...storedJournal(store, k, StoredJournal) });
	}
	return out;
}

/**
 * Reading and removing one journal another page left under `k`: a damaged or unreadable one
 * reads as empty, and a removal the browser blocks is let be (its entries replay once more).
 * The quiz journal and the rating journal share it.
 */
export function storedJournal<T>(
	store: JournalStore,
	k: string,
	schema: v.GenericSchema<unknown, { entries: T[] }>
): { read: () => T[]; remove: () => void } {
	return {
		read: () => {
			try {
				const parsed = v.safeParse(schema, JSON.parse(store.getItem(k) ?? 'null'));
				return parsed.success ? parsed.output.entries : [];
			} catch {
				return [];
			}
		},
		remove: () => {
			try {
				store.removeItem(k);
			} catch {
				// Blocked: replayed once more, where what is already stored is skipped.
			}
		}
	};
}

/**
 * Applies journal entries to the session as stored now, in order. Answers, drafts, flags and
 * submits are applied as they are (the reducer ignores repeats that would change what is stored:
 * a practice item answered twice, a second submit), except a test answer older than the one
 * stored for its question (another tab's later answer wins, as mergeSessions has it); a move is
 * applied only where the quiz still stands where it was taken, so a move the stored session
 * already made is not made twice.
 */
export function replayJournal(
	state: SessionState,
	entries: readonly JournalEntry[]
): { after: SessionState; attempts: AttemptEvent[] } {
	let after = state;
	const attempts: AttemptEvent[] = [];
	for (const { action, position } of entries) {
		if (MOVES.has(action.type) && after.position !== position) continue;
		if (
			action.type === 'answer' &&
			after.mode === 'test' &&
			(after.answers[action.itemId]?.at ?? -Infinity) > action.now
		)
			continue;
		const next = reduce(after, action);
		if (next !== after) attempts.push(...next.lastEvents);
		after = next;
	}
	return { after, attempts };
}

/** A fresh id for this page. */
export function newTabId(): string {
	return (
		globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`
	);
}

/** The parts of navigator.locks the journal uses. */
export interface LocksLike {
	request(
		name: string,
		options: { ifAvailable?: boolean },
		callback: (lock: unknown) => unknown
	): Promise<unknown>;
}

/** The browser's Web Locks, or null where there are none. */
export function browserLocks(): LocksLike | null {
	return (globalThis.navigator as { locks?: LocksLike } | undefined)?.locks ?? null;
}

export function tabLockName(tab: string) {
	return `quire-tab:${tab}`;
}

/** Holds this page's tab lock until the page is gone; resolves once it is held. */
export function holdTabLock(tab: string, locks: LocksLike | null): Promise<void> {
	if (!locks) return Promise.resolve();
	return new Promise<void>((held) => {
		void locks.request(tabLockName(tab), {}, () => {
			held();
			return new Promise(() => undefined);
		});
	});
}

/**
 * Runs `adopt` once the tab that wrote a journal is gone: at once when its lock is free, else
 * (still open, or still closing: a reload or a closed tab lets go of it a moment later) when it
 * is released. Waits up to `waitMs` for that; resolves true when `adopt` ran by then.
 */
export async function whenTabGone(
	tab: string,
	locks: LocksLike | null,
	adopt: () => Promise<void>,
	waitMs = 0
): Promise<boolean> {
	if (!locks) {
		await adopt();
		return true;
	}
	let now = false;
	await locks.request(tabLockName(tab), { ifAvailable: true }, async (lock) => {
		if (!lock) return;
		now = true;
		await adopt();
	});
	if (now) return true;
	const later = locks.request(tabLockName(tab), {}, adopt).then(() => true);
	if (waitMs <= 0) return false;
	return Promise.race([
		later,
		new Promise<boolean>((resolve) => setTimeout(() => resolve(false), waitMs))
	]);
}
