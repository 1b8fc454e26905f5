import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { oneOfEach } from '../engine/fixtures';
import { createSession, reduce, type SessionState } from '../engine/session';
import { NOW } from './fixtures';
import { activeSession, changeSession, db, getSession } from './index';
import { SCHEMA_VERSIONS } from './schema';
import { toStoredItems, toStoredProgress } from './stored-session';

/** A test in progress: two answers typed, the student on the second question. */
function testInProgress(id: string): SessionState {
	let s = createSession({
		id,
		mode: 'test',
		quiz: { seed: 'seed', itemIds: oneOfEach.map((i) => i.id), presentation: {} },
		items: oneOfEach
	});
	s = reduce(s, { type: 'start', now: NOW });
	const short = oneOfEach.find((i) => i.type === 'short')!;
	const single = oneOfEach.find((i) => i.type === 'single')!;
	s = reduce(s, {
		type: 'answer',
		itemId: single.id,
		answer: { type: 'single', choice: single.choices[1]! },
		now: NOW + 1000
	});
	s = reduce(s, { type: 'next', now: NOW + 1500 });
	s = reduce(s, {
		type: 'answer',
		itemId: short.id,
		answer: { type: 'short', text: '5500 bravo' },
		now: NOW + 3000
	});
	return s;
}

/** A session row as a build before database version 7 stored it: one row, questions included. */
function wholeRow(s: SessionState, rev: number) {
	const { quiz, items } = toStoredItems(s);
	return {
		id: s.id,
		status: s.status,
		title: 'Test · 6 questions',
		createdAt: NOW - 1000,
		updatedAt: NOW + 3000,
		state: { ...toStoredProgress(s), v: 1, quiz, items },
		rev
	};
}

describe('the database version 7 upgrade', () => {
	it('opens a version 6 database with a quiz in progress, every answer intact, and saves on', async () => {
		const s = testInProgress('s-in-progress');
		const done = reduce(testInProgress('s-done'), { type: 'submit', now: NOW + 5000 });
		// The database as a version 6 build left it, made by Dexie with the versions shipped then.
		const old = new Dexie('quire');
		for (const v of SCHEMA_VERSIONS.filter((v) => v.version <= 6))
			old.version(v.version).stores(v.stores);
		await old.open();
		await old.table('sessions').bulkAdd([
			wholeRow(s, 7),
			wholeRow(done, 3),
			// A damaged row stays as it was, and is still reported, not dropped.
			{ ...wholeRow(s, 1), id: 's-damaged', updatedAt: NOW, state: { v: 99 } }
		]);
		old.close();

		await db.open();
		expect(db.verno).toBe(7);
		const row = await getSession('s-in-progress');
		expect(row?.state).toEqual(s);
		expect(row?.rev).toBe(7);
		expect(row?.title).toBe('Test · 6 questions');
		expect((await getSession('s-done'))?.state).toEqual(done);
		// Split in two: the changing part keeps no question; the questions are kept once, apart.
		const stored = await db.sessions.get('s-in-progress');
		expect(stored?.state.v).toBe(2);
		expect(stored?.state).not.toHaveProperty('items');
		expect((await db.sessionItems.get('s-in-progress'))?.items).toEqual(s.items);
		expect((await db.sessions.get('s-damaged'))?.state).toEqual({ v: 99 });
		expect(await db.sessionItems.get('s-damaged')).toBeUndefined();

		const active = await activeSession();
		expect(active.row?.id).toBe('s-in-progress');
		expect(active.damaged.map((d) => d.key)).toEqual(['s-damaged']);

		// The upgraded quiz saves on: a later answer is stored beside the old ones.
		const truefalse = oneOfEach.find((i) => i.type === 'truefalse')!;
		const outcome = await changeSession(
			's-in-progress',
			(current) => {
				const next = reduce(current!.state, {
					type: 'answer',
					itemId: truefalse.id,
					answer: { type: 'truefalse', value: true },
					now: NOW + 9000
				});
				return { write: { ...current!, state: next, updatedAt: NOW + 9000 }, attempts: [] };
			},
			() => ({ cards: [], logs: [] })
		);
		expect(outcome.ok).toBe(true);
		const after = await getSession('s-in-progress');
		expect(Object.keys(after!.state.answers).sort()).toEqual(
			[...Object.keys(s.answers), truefalse.id].sort()
		);
		expect(after?.rev).toBe(8);
	});
});
