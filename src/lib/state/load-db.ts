/** The db room, loaded after first paint so Dexie is not on the critical path; failures in words. */
import type { DamagedRow, TeacherKeyRow } from '$lib/db';

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
