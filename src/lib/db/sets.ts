/**
 * A teacher's own question sets: the set rows, their entries and the editor's drafts (schema
 * version 5). Every row read back is validated; a row that fails is left in place, skipped and
 * counted, so one damaged entry never hides a whole set.
 */
import Dexie from 'dexie';
import * as v from 'valibot';
import { ITEM_TYPES } from '../bank/schema';
import { groupDigits } from '../bank/digits';
import { MAX_SET_ENTRIES, type SetCounts } from '../bank/set';
import { db } from './database';
import { DamagedRowError, issueText, rowKey } from './read';
import {
	DraftRowSchema,
	SetEntryRowSchema,
	SetRowSchema,
	type DraftRow,
	type SetEntryRow,
	type SetRow,
	type SetTopicT
} from './set-rows';

export {
	DraftRowSchema,
	SetEntryRowSchema,
	SetRowSchema,
	SetTopic,
	type DraftRow,
	type SetEntryRow,
	type SetRow,
	type SetTopicT
} from './set-rows';

const sets = () => db.sets;
const entries = () => db.setItems;
const drafts = () => db.setDrafts;

/** Rows that passed validation, and how many were skipped. */
export interface Checked<T> {
	rows: T[];
	damaged: number;
}

function check<T>(schema: v.GenericSchema<unknown, T>, raw: readonly unknown[]): Checked<T> {
	const rows: T[] = [];
	let damaged = 0;
	for (const r of raw) {
		const parsed = v.safeParse(schema, r);
		if (parsed.success) rows.push(parsed.output);
		else damaged++;
	}
	return { rows, damaged };
}

/** A row read by key: undefined when missing; a damaged one throws DamagedRowError naming it. */
function one<T>(
	table: 'sets' | 'setItems',
	schema: v.GenericSchema<unknown, T>,
	raw: unknown
): T | undefined {
	if (raw === undefined) return undefined;
	const parsed = v.safeParse(schema, raw);
	if (!parsed.success)
		throw new DamagedRowError({
			table,
			key: rowKey(table, raw),
			problem: issueText(parsed.issues)
		});
	return parsed.output;
}

/** No entries of any kind. */
export function emptyCounts(): SetCounts {
	return { ...(Object.fromEntries(ITEM_TYPES.map((t) => [t, 0])) as SetCounts), flashcard: 0 };
}

function countKey(row: Pick<SetEntryRow, 'kind' | 'entry'>): keyof SetCounts {
	return row.kind === 'item' && 'type' in row.entry ? row.entry.type : 'flashcard';
}

function total(counts: SetCounts): number {
	return Object.values(counts).reduce((a, b) => a + b, 0);
}

/** Every own set, most recently changed first. */
export async function listSets(): Promise<Checked<SetRow>> {
	const checked = check(SetRowSchema, await sets().orderBy('updatedAt').toArray());
	return { ...checked, rows: checked.rows.reverse() };
}

/** One set by id; throws when it is stored but damaged. */
export async function getSet(id: string): Promise<SetRow | undefined> {
	return one('sets', SetRowSchema, await sets().get(id));
}

/** Stores a new set (validated first). */
export async function createSet(row: SetRow): Promise<void> {
	await sets().add(v.parse(SetRowSchema, row));
}

/** Changes a set's title, description, language or topics. */
export async function updateSet(
	id: string,
	patch: Partial<Pick<SetRow, 'title' | 'description' | 'lang' | 'topics'>>,
	now: number
): Promise<SetRow> {
	return db.transaction('rw', sets(), async () => {
		const row = one('sets', SetRowSchema, await sets().get(id));
		if (!row) throw new Error('This set is no longer on this device.');
		const next = v.parse(SetRowSchema, { ...row, ...patch, updatedAt: now });
		await sets().put(next);
		return next;
	});
}

/**
 * Deletes a set, its entries and its drafts in one transaction. Sessions, answers, reviews,
 * assignments and collected results stay: an assignment carries its own copy of the items.
 */
export async function deleteSet(id: string): Promise<number> {
	return db.transaction('rw', [sets(), entries(), drafts()], async () => {
		const n = await entries().where('setId').equals(id).delete();
		await drafts().where('setId').equals(id).delete();
		await sets().delete(id);
		return n;
	});
}

/** A set's entries in order. */
export async function listEntries(setId: string): Promise<Checked<SetEntryRow>> {
	const raw = await entries()
		.where('[setId+position]')
		.between([setId, Dexie.minKey], [setId, Dexie.maxKey])
		.toArray();
	return check(SetEntryRowSchema, raw);
}

/**
 * Up to `limit` entries of a set in order, from the first whose position is after `after` (none:
 * from the start). A page reads a long set this way, a part at a time, so no read holds the page.
 */
export async function listEntriesAfter(
	setId: string,
	after: number | null,
	limit: number
): Promise<Checked<SetEntryRow> & { last: number | null; read: number }> {
	const raw = await entries()
		.where('[setId+position]')
		.between([setId, after ?? Dexie.minKey], [setId, Dexie.maxKey], after === null, true)
		.limit(limit)
		.toArray();
	const lastRaw = raw.at(-1) as { position?: unknown } | undefined;
	const last = typeof lastRaw?.position === 'number' ? lastRaw.position : null;
	return { ...check(SetEntryRowSchema, raw), last, read: raw.length };
}

/** One entry by id; throws when it is stored but damaged. */
export async function getEntry(id: string): Promise<SetEntryRow | undefined> {
	return one('setItems', SetEntryRowSchema, await entries().get(id));
}

/** Entries by id (missing or damaged ones are left out). */
export async function getEntries(ids: readonly string[]): Promise<SetEntryRow[]> {
	return check(SetEntryRowSchema, (await entries().bulkGet([...ids])).filter(Boolean)).rows;
}

/** Every entry of every own set (for review): the valid ones, and how many were skipped. */
export async function allEntries(): Promise<Checked<SetEntryRow>> {
	return check(SetEntryRowSchema, await entries().toArray());
}

/** Own copies of built-in items: built-in id → the copies' rows. */
export async function copiesOfBuiltIn(): Promise<Map<string, SetEntryRow[]>> {
	const { rows } = check(SetEntryRowSchema, await entries().orderBy('copyOf').toArray());
	const map = new Map<string, SetEntryRow[]>();
	for (const row of rows) {
		if (!row.copyOf) continue;
		map.set(row.copyOf, [...(map.get(row.copyOf) ?? []), row]);
	}
	return map;
}

/** What putEntries stores: an entry, its kind and, for a copy, the built-in item it copies. */
export type NewEntry = Pick<SetEntryRow, 'kind' | 'entry'> & { copyOf?: string };

/**
 * Adds or replaces entries of one set in one transaction, with their draft gone, the set's counts
 * and topics brought up to date. New entries go at the end in the order given; a replaced entry
 * keeps its place. `topics` are added to the set's topics when missing.
 */
export async function putEntries(
	setId: string,
	list: readonly NewEntry[],
	topics: readonly SetTopicT[],
	now: number
): Promise<SetRow> {
	return db.transaction('rw', [sets(), entries(), drafts()], async () => {
		const set = one('sets', SetRowSchema, await sets().get(setId));
		if (!set) throw new Error('This set is no longer on this device.');
		const counts = { ...set.counts };
		const existing = await entries().bulkGet(list.map((e) => e.entry.id));
		const last = await entries()
			.where('[setId+position]')
			.between([setId, Dexie.minKey], [setId, Dexie.maxKey])
			.last();
		let position = last ? last.position + 1 : 0;
		let added = 0;
		const rows: SetEntryRow[] = list.map((e, i) => {
			const old = existing[i];
			if (old && old.setId !== setId)
				throw new Error(`The entry ${e.entry.id} belongs to another set.`);
			if (old) counts[countKey(old)]--;
			else added++;
			const row = v.parse(SetEntryRowSchema, {
				id: e.entry.id,
				setId,
				position: old ? old.position : position++,
				...(e.copyOf ? { copyOf: e.copyOf } : {}),
				updatedAt: now,
				kind: e.kind,
				entry: e.entry
			});
			counts[countKey(row)]++;
			return row;
		});
		if (total(set.counts) + added > MAX_SET_ENTRIES)
			throw new RangeError(
				`A set holds at most ${groupDigits(MAX_SET_ENTRIES)} entries; this one would have ${groupDigits(total(set.counts) + added)}.`
			);
		await entries().bulkPut(rows);
		await drafts().bulkDelete(rows.map((r) => `${setId}/${r.id}`));
		const known = new Set(set.topics.map((t) => t.id));
		const next: SetRow = {
			...set,
			topics: [...set.topics, ...topics.filter((t) => !known.has(t.id))],
			counts,
			updatedAt: now
		};
		await sets().put(v.parse(SetRowSchema, next));
		return next;
	});
}

/** How an import is written: entries per write, progress, and a signal that cancels it. */
export interface ImportOptions {
	/** Entries validated and written per step (default 500); the page runs between steps. */
	chunk?: number;
	/** Called after each step with how many entries are written of how many. */
	onProgress?: (done: number, total: number) => void;
	/** Aborting it rolls the whole import back: nothing of it is stored. */
	signal?: AbortSignal;
}

/**
 * Stores a new set and all its entries in ONE transaction, written a chunk at a time: each chunk
 * is validated and written, then the page gets the main thread back (to paint the progress and
 * hear a Cancel) while the database writes it. Any failure (a row that does not validate, an id
 * already stored, a full disk) or a cancel aborts the transaction, so either the whole set is
 * stored or nothing is: no empty or half set is ever left, whatever happens between the chunks.
 * Entries go in the order given; a cancel rejects with an AbortError.
 */
export async function importSet(
	row: SetRow,
	list: readonly NewEntry[],
	{ chunk = 500, onProgress, signal }: ImportOptions = {}
): Promise<SetRow> {
	const set = v.parse(SetRowSchema, row);
	if (total(set.counts) !== 0) throw new Error('A new set starts with no entries.');
	if (list.length > MAX_SET_ENTRIES)
		throw new RangeError(
			`A set holds at most ${groupDigits(MAX_SET_ENTRIES)} entries; this one would have ${groupDigits(list.length)}.`
		);
	const size = Math.max(1, Math.floor(chunk));
	const stop = () => {
		if (signal?.aborted) throw new DOMException('The import was cancelled.', 'AbortError');
	};
	stop();
	return db.transaction('rw', [sets(), entries()], async () => {
		await sets().add(set);
		const counts = { ...set.counts };
		for (let at = 0; at < list.length; at += size) {
			stop();
			const rows = list.slice(at, at + size).map((e, i) => {
				const row = v.parse(SetEntryRowSchema, {
					id: e.entry.id,
					setId: set.id,
					position: at + i,
					...(e.copyOf ? { copyOf: e.copyOf } : {}),
					updatedAt: set.updatedAt,
					kind: e.kind,
					entry: e.entry
				});
				counts[countKey(row)]++;
				return row;
			});
			// add, not put: an id already stored (in any set) fails the import instead of moving it.
			await entries().bulkAdd(rows);
			onProgress?.(Math.min(at + size, list.length), list.length);
		}
		stop();
		const next = v.parse(SetRowSchema, { ...set, counts });
		await sets().put(next);
		return next;
	});
}

/** Deletes one entry (and its draft) and updates its set's counts. */
export async function deleteEntry(id: string, now: number): Promise<void> {
	await db.transaction('rw', [sets(), entries(), drafts()], async () => {
		const row = await entries().get(id);
		if (!row) return;
		await entries().delete(id);
		await drafts().delete(`${row.setId}/${id}`);
		const set = one('sets', SetRowSchema, await sets().get(row.setId));
		if (!set) return;
		const counts = { ...set.counts };
		counts[countKey(row)] = Math.max(0, counts[countKey(row)] - 1);
		await sets().put({ ...set, counts, updatedAt: now });
	});
}

/** The id of an entry's draft. */
export function draftId(setId: string, entryId: string): string {
	return `${setId}/${entryId}`;
}

/** The draft of one entry, if any; a damaged draft reads as none. */
export async function getDraft(setId: string, entryId: string): Promise<DraftRow | undefined> {
	const raw = await drafts().get(draftId(setId, entryId));
	const parsed = v.safeParse(DraftRowSchema, raw);
	return parsed.success ? parsed.output : undefined;
}

/** Saves a draft. */
export async function saveDraft(row: DraftRow): Promise<void> {
	await drafts().put(v.parse(DraftRowSchema, row));
}

/** Throws a draft away. */
export async function deleteDraft(setId: string, entryId: string): Promise<void> {
	await drafts().delete(draftId(setId, entryId));
}

/** A set's drafts, newest first. */
export async function draftsOf(setId: string): Promise<DraftRow[]> {
	const { rows } = check(DraftRowSchema, await drafts().where('setId').equals(setId).toArray());
	return rows.sort((a, b) => b.savedAt - a.savedAt);
}

/**
 * Stores a new set and its first drafts in one transaction (a set drafted from an article and
 * the drafts waiting for review): either both are stored or neither is.
 */
export async function createSetWithDrafts(row: SetRow, list: readonly DraftRow[]): Promise<void> {
	const set = v.parse(SetRowSchema, row);
	const rows = list.map((d) => v.parse(DraftRowSchema, d));
	if (rows.some((d) => d.setId !== set.id)) throw new Error('A draft belongs to another set.');
	await db.transaction('rw', [sets(), drafts()], async () => {
		await sets().add(set);
		await drafts().bulkPut(rows);
	});
}

/** Throws several drafts of one set away. */
export async function deleteDrafts(setId: string, entryIds: readonly string[]): Promise<void> {
	await drafts().bulkDelete(entryIds.map((id) => draftId(setId, id)));
}
