import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { DamagedRowError } from './read';
import { describeStorageError, isFull, reopen, toStorageError } from './storage';

/** An error as Dexie makes them: a name, a message, and the browser's error inside. */
function dexieError(name: string, inner?: unknown, message = `${name} from Dexie`) {
	return Object.assign(new Error(message), { name, inner });
}

describe('toStorageError', () => {
	it('recognises a full disk in every form the engines report', () => {
		const forms: [string, unknown][] = [
			[
				'QuotaExceededError',
				new DOMException('The quota has been exceeded.', 'QuotaExceededError')
			],
			[
				'Dexie AbortError around it',
				dexieError('AbortError', new DOMException('Quota exceeded', 'QuotaExceededError'))
			],
			[
				"Chromium's LevelDB UnknownError",
				new DOMException(
					'IO error: /profile/IndexedDB/http_localhost_4340.indexeddb.leveldb/000012.log: FILE_ERROR_NO_SPACE (ChromeMethodBFE: 3::WritableFileAppend::8)',
					'UnknownError'
				)
			],
			[
				'DatabaseClosedError after Chromium closed the connection',
				dexieError(
					'DatabaseClosedError',
					new DOMException('Internal error: FILE_ERROR_NO_SPACE', 'UnknownError')
				)
			],
			[
				"Chromium's open on a full disk",
				dexieError(
					'OpenFailedError',
					new DOMException(
						'Encountered full disk while opening backing store for indexedDB.open.',
						'QuotaExceededError'
					)
				)
			],
			[
				"Firefox's quota",
				new DOMException(
					'The current transaction exceeded its quota limitations.',
					'QuotaExceededError'
				)
			],
			[
				"Firefox's or WebKit's SQLite",
				new DOMException('database or disk is full (NS_ERROR_FILE_NO_DEVICE_SPACE)', 'UnknownError')
			],
			['a legacy code 22', Object.assign(new Error('quota'), { name: 'Error', code: 22 })]
		];
		for (const [what, error] of forms) {
			expect(isFull(error), what).toBe(true);
			// A bare 'Error' with code 22 is recognised as full by isFull, not as a storage kind.
			if (what !== 'a legacy code 22') expect(toStorageError(error)?.kind, what).toBe('full');
		}
	});

	it('tells the other storage failures apart', () => {
		expect(toStorageError(new DOMException('newer', 'VersionError'))?.kind).toBe('version');
		expect(
			toStorageError(dexieError('OpenFailedError', new DOMException('v', 'VersionError')))?.kind
		).toBe('version');
		expect(toStorageError(new DOMException('insecure', 'SecurityError'))?.kind).toBe('blocked');
		expect(toStorageError(dexieError('MissingAPIError'))?.kind).toBe('blocked');
		expect(toStorageError(dexieError('DatabaseClosedError'))?.kind).toBe('closed');
		expect(
			toStorageError(new DOMException('The database connection is closing.', 'InvalidStateError'))
				?.kind
		).toBe('closed');
		expect(toStorageError(new DOMException('Internal error', 'UnknownError'))?.kind).toBe(
			'unknown'
		);
		// Chromium on a full disk, adding a review log (an auto-increment key), as Dexie hands it on.
		expect(
			toStorageError(
				dexieError('ConstraintError', undefined, 'Maximum key generator value reached.')
			)?.kind
		).toBe('unknown');
	});

	it('gives null for bugs and refused rows, so they are never shown as storage failures', () => {
		const bugs: unknown[] = [
			new TypeError("Cannot read properties of undefined (reading 'answers')"),
			new RangeError('Invalid time value'),
			dexieError('DataError'),
			dexieError('DataCloneError'),
			dexieError('ConstraintError'),
			dexieError('TransactionInactiveError'),
			dexieError('PrematureCommitError'),
			// Dexie wraps what an upgrade function throws: still a bug.
			dexieError('OpenFailedError', new TypeError('x is not a function')),
			new DamagedRowError({ table: 'sessions', key: 's-1', problem: 'state: is not valid' }),
			'a thrown string',
			undefined
		];
		for (const bug of bugs) expect(toStorageError(bug), String(bug)).toBeNull();
	});
});

describe('describeStorageError', () => {
	it('says a bug is a fault in Quire, not the storage', () => {
		const text = describeStorageError(new TypeError('x is not a function'));
		expect(text).toContain('Something went wrong in Quire (TypeError: x is not a function)');
		expect(text).toContain('not in your device');
		expect(text).not.toMatch(/refused|out of storage/);
	});

	it('names a full disk whatever the engine called it', () => {
		expect(
			describeStorageError(new DOMException('… FILE_ERROR_NO_SPACE …', 'UnknownError'))
		).toMatch(/^The device is out of storage space/);
	});
});

describe('reopen', () => {
	it('opens again after a failed open, which Dexie otherwise keeps for the life of the page', async () => {
		const real = new IDBFactory();
		let failOpen = true;
		const flaky = {
			open: (name: string, version?: number) => {
				if (failOpen)
					throw new DOMException(
						'Encountered full disk while opening backing store for indexedDB.open.',
						'QuotaExceededError'
					);
				return real.open(name, version);
			},
			deleteDatabase: (name: string) => real.deleteDatabase(name),
			cmp: (a: unknown, b: unknown) => real.cmp(a, b),
			databases: () => real.databases()
		};
		const db = new Dexie('reopen-test', { indexedDB: flaky, IDBKeyRange });
		db.version(1).stores({ things: 'id' });
		const things = db.table<{ id: string }, string>('things');

		const first = await things.put({ id: 'a' }).catch((e: unknown) => e);
		expect(toStorageError(first)?.kind).toBe('full');
		failOpen = false;
		// Space is back, yet Dexie still answers with the first failure.
		const kept = await things.put({ id: 'a' }).catch((e: unknown) => e);
		expect(kept).toMatchObject({ name: 'DatabaseClosedError' });
		expect(toStorageError(kept)?.kind).toBe('full');

		await reopen(db);
		await things.put({ id: 'b' });
		expect(await things.toCollection().primaryKeys()).toEqual(['b']);
		// An open database is left as it is.
		await reopen(db);
		expect(db.isOpen()).toBe(true);
		db.close();
	});
});
