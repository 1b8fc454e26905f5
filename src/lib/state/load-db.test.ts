import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '$lib/db';
import { readTeacherKeys } from './load-db';

beforeEach(async () => {
	await db.delete();
	await db.open();
});

describe('readTeacherKeys', () => {
	it('gives null and no problem when this device has no key', async () => {
		const problems: string[] = [];
		expect(await readTeacherKeys(problems)).toBeNull();
		expect(problems).toEqual([]);
	});

	it('gives null for a damaged key and says why, then what to do', async () => {
		// A row no schema accepts, written past the repository.
		await db.teacherKeys.put({ id: 'teacher', publicJwk: 'not a key' } as never);
		const problems: string[] = [];
		expect(await readTeacherKeys(problems, ' Import your key file.')).toBeNull();
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatch(/teacher key/i);
		expect(problems[0]).toMatch(/ Import your key file\.$/);
	});
});
