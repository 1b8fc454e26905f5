import { describe, expect, it } from 'vitest';
import { db } from '$lib/db';
import { DB_NAME, databaseExists } from './exists';

/** An IDBFactory stand-in that knows only `databases()`. */
const factory = (databases?: () => Promise<IDBDatabaseInfo[]>) => () =>
	({ databases }) as unknown as IDBFactory;

describe('databaseExists', () => {
	it('names the database the app opens', () => {
		expect(db.name).toBe(DB_NAME);
	});

	it('is false when the browser lists no Quire database (a first visit)', async () => {
		expect(await databaseExists(factory(() => Promise.resolve([])))).toBe(false);
		expect(
			await databaseExists(factory(() => Promise.resolve([{ name: 'other', version: 3 }])))
		).toBe(false);
	});

	it('is true once the database exists', async () => {
		expect(
			await databaseExists(factory(() => Promise.resolve([{ name: DB_NAME, version: 5 }])))
		).toBe(true);
	});

	it('is true when the browser cannot tell, so the caller opens storage and reports problems', async () => {
		expect(await databaseExists(() => undefined)).toBe(true);
		expect(await databaseExists(factory(undefined))).toBe(true);
		const blocked = new DOMException('blocked', 'SecurityError');
		expect(await databaseExists(factory(() => Promise.reject(blocked)))).toBe(true);
		expect(
			await databaseExists(() => {
				throw blocked;
			})
		).toBe(true);
	});
});
