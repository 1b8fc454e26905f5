/**
 * Whether Quire's database exists yet, answered without loading Dexie. Dexie is the largest
 * download of a first visit; a page that only reads (Home's resume and assignments, the saved
 * theme) has nothing to read on a first visit and can skip it. Kept apart from the Dexie module
 * so importing it costs a few bytes.
 */

/** The IndexedDB database's name (the one `QuireDB` opens; a test holds them equal). */
export const DB_NAME = 'quire';

/**
 * False only when the browser says for sure that no database named `DB_NAME` exists. When it
 * cannot tell (no `indexedDB.databases()`, storage blocked), true: the caller then opens the
 * database as before and reports any storage problem.
 */
export async function databaseExists(
	factory: () => IDBFactory | undefined = () => globalThis.indexedDB
): Promise<boolean> {
	try {
		const idb = factory();
		if (!idb || typeof idb.databases !== 'function') return true;
		const list = await idb.databases();
		return list.some((d) => d.name === DB_NAME);
	} catch {
		// A browser that blocks storage throws here; opening the database explains why.
		return true;
	}
}
