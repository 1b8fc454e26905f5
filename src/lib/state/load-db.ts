/** The db room, loaded after first paint so Dexie is not on the critical path; failures in words. */
import type { DamagedRow, TeacherKeyRow } from '$lib/db';
import type { SetEntryRow, SetRow } from '$lib/db/sets';

/** The repositories, imported on demand so Dexie is not on the critical path. */
export const loadDb = () => import('$lib/db');

/** Sentences for damaged rows, one per row. */
export async function describeAll(damaged: readonly DamagedRow[]): Promise<string[]> {
	if (!damaged.length) return [];
	const { describeDamaged } = await loadDb();
	return damaged.map(describeDamaged);
}

/** A read failure in words: a damaged row names itself; storage errors say what to do. */
export async function describeFailure(error: unknown): Promise<string> {
	const { describeStorageError } = await loadDb();
	return describeStorageError(error);
}

/**
 * The teacher's keys on this device, or null when there are none or they cannot be read; then the
 * reason (and `then`, what the teacher can do) is added to `problems`.
 */
export async function readTeacherKeys(
	problems: string[],
	then = ''
): Promise<TeacherKeyRow | null> {
	try {
		return (await (await loadDb()).getTeacherKeys()) ?? null;
	} catch (error) {
		problems.push(`${await describeFailure(error)}${then}`);
		return null;
	}
}

/** An own set read for study or an assignment, or why it cannot be used. */
export type OwnSetRead =
	| { ok: true; set: SetRow; rows: SetEntryRow[] }
	| { ok: false; problem: 'missing' | 'damaged' | 'unreadable'; message: string };

/**
 * Reads an own set and its entries, telling a set that is not on this device from one stored but
 * damaged, and from storage that could not be read (each in words). A fault in Quire is thrown.
 */
export async function readOwnSet(id: string): Promise<OwnSetRead> {
	const [repo, { toStorageError }] = await Promise.all([import('$lib/db/sets'), loadDb()]);
	try {
		const set = await repo.getSet(id);
		if (!set) return { ok: false, problem: 'missing', message: 'This set is not on this device.' };
		const { rows } = await repo.listEntries(id);
		return { ok: true, set, rows };
	} catch (error) {
		if (error instanceof Error && error.name === 'DamagedRowError')
			return { ok: false, problem: 'damaged', message: error.message };
		if (!toStorageError(error)) throw error;
		return {
			ok: false,
			problem: 'unreadable',
			message: `This set could not be read from this device’s storage. ${await describeFailure(error)}`
		};
	}
}
