/** The db room, loaded after first paint so Dexie is not on the critical path; failures in words. */
import type { DamagedRow } from '$lib/db';

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
