import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { reduce } from '../engine/session';
import { oneOfEach } from '../engine/fixtures';
import { checkRow, describeDamaged, readRows } from './read';
import {
	longString,
	MAX_SETTING_VALUE,
	MAX_STORED_STRING,
	ROW_SCHEMAS,
	TABLES,
	type TableName
} from './rows';
import { NOW, sessionRow, sessionState, teacherKeyRow } from './fixtures';
import { fromStoredSession, StoredSessionState, toStoredSession } from './stored-session';
import { SCHEMA_VERSIONS } from './schema';

function fixture(version: number): { tables: Record<string, unknown[]> } {
	const url = new URL(`../../../e2e/fixtures/db-v${version}.json`, import.meta.url);
	return JSON.parse(readFileSync(url, 'utf8')) as { tables: Record<string, unknown[]> };
}

describe('row schemas', () => {
	it('read every row of every shipped database fixture', () => {
		for (const { version } of SCHEMA_VERSIONS) {
			for (const [table, rows] of Object.entries(fixture(version).tables)) {
				expect(TABLES).toContain(table);
				for (const row of rows) {
					const checked = checkRow(table as TableName, row);
					expect(checked.ok ? null : checked.damaged, `db-v${version} ${table}`).toBeNull();
				}
			}
		}
	});

	it('have one schema per table', () => {
		expect(Object.keys(ROW_SCHEMAS).sort()).toEqual([...TABLES].sort());
	});

	it('keep a setting only when its value fits, and leave unknown keys alone', () => {
		expect(checkRow('settings', { key: 'theme', value: 'dark' }).ok).toBe(true);
		expect(checkRow('settings', { key: 'retention', value: 0.9 }).ok).toBe(true);
		expect(checkRow('settings', { key: 'from-a-later-build', value: { any: 1 } }).ok).toBe(true);
		const bad = checkRow('settings', { key: 'retention', value: 5 });
		expect(bad.ok ? null : bad.damaged.problem).toBe('retention must be 0.7 to 0.99');
		expect(checkRow('settings', { key: 'newPerDay', value: -1 }).ok).toBe(false);
		expect(checkRow('settings', { key: 'theme', value: 'neon' }).ok).toBe(false);
	});

	it('cap a setting value at MAX_SETTING_VALUE characters of JSON, known key or not', () => {
		const fits = 'x'.repeat(MAX_SETTING_VALUE - 2);
		expect(checkRow('settings', { key: 'later', value: fits }).ok).toBe(true);
		const over = checkRow('settings', { key: 'later', value: `${fits}x` });
		expect(over.ok ? null : over.damaged).toEqual({
			table: 'settings',
			key: 'later',
			problem: `value must be at most ${MAX_SETTING_VALUE} characters (it has ${MAX_SETTING_VALUE + 1})`
		});
		expect(checkRow('settings', { key: 'theme', value: [fits, fits] }).ok).toBe(false);
		expect(checkRow('settings', { key: 'later', value: 10n }).ok).toBe(false);
	});

	it('cap every string of every row at MAX_STORED_STRING characters, naming its path', () => {
		const long = 'x'.repeat(MAX_STORED_STRING + 1);
		expect(longString({ a: [{ b: 'ok' }, { c: long }] }, MAX_STORED_STRING)).toBe('a.1.c');
		expect(longString({ a: ['x'.repeat(MAX_STORED_STRING)] }, MAX_STORED_STRING)).toBeNull();
		const key = { ...teacherKeyRow('k'), createdAt: 1 };
		const bad = checkRow('teacherKeys', {
			...key,
			privateJwk: { ...key.privateJwk, extra: long }
		});
		expect(bad.ok ? null : bad.damaged.problem).toBe(
			`privateJwk.extra: must be at most ${MAX_STORED_STRING} characters`
		);
		expect(checkRow('teacherKeys', key).ok).toBe(true);
	});

	it('name a damaged row by table, key and field', () => {
		const { rows, damaged } = readRows('sessions', [
			sessionRow('s-1'),
			{ ...sessionRow('s-2'), title: 'x'.repeat(400) }
		]);
		expect(rows.map((r) => r.id)).toEqual(['s-1']);
		expect(damaged).toEqual([
			{ table: 'sessions', key: 's-2', problem: 'title: must be at most 300 characters' }
		]);
		expect(describeDamaged(damaged[0]!)).toMatch(
			/^The saved quiz “s-2” stored on this device is damaged \(title: must be at most 300 characters\), so it is left out\./
		);
	});

	it('refuse a session whose state disagrees with its row', () => {
		const row = sessionRow('s-1');
		const other = { ...row, state: { ...row.state, id: 's-9' } };
		const checked = checkRow('sessions', other);
		expect(checked.ok ? null : checked.damaged.problem).toBe(
			'its state belongs to another session'
		);
	});
});

describe('the stored session shape', () => {
	it('maps from and to the engine state without loss, answers and results included', () => {
		let s = sessionState('s-1');
		s = reduce(s, {
			type: 'answer',
			itemId: s.queue[0]!,
			answer: { type: 'single', choice: 'Paris' },
			now: NOW + 1000
		});
		s = reduce(s, { type: 'flag', itemId: s.queue[1]! });
		s = reduce(s, { type: 'next', now: NOW + 2000 });
		s = reduce(s, {
			type: 'draft',
			itemId: s.queue[1]!,
			answer: { type: 'multi', choices: ['A'] }
		});
		expect(s.drafts).toBeDefined();
		const stored = toStoredSession(s);
		expect(v.is(StoredSessionState, stored)).toBe(true);
		expect(fromStoredSession(v.parse(StoredSessionState, stored))).toEqual(s);
		// Through JSON too, as IndexedDB and backups hold it.
		const back = v.parse(StoredSessionState, JSON.parse(JSON.stringify(stored)));
		expect(fromStoredSession(back)).toEqual(s);
	});

	const broken: [string, (s: ReturnType<typeof toStoredSession>) => void, RegExp][] = [
		['a queue naming an item it lacks', (s) => s.queue.push('nowhere'), /^queue: names nowhere/],
		['a position past the queue', (s) => (s.position = 99), /^position: is past the end/],
		[
			'an answer of the wrong type',
			(s) =>
				(s.answers[oneOfEach[0]!.id] = {
					answer: { type: 'short', text: 'x' },
					result: null,
					timeTakenMs: 1,
					at: NOW,
					attempts: 1,
					rightCount: 0,
					first: null
				}),
			/is a short answer to a single question/
		],
		[
			'a presentation that is no permutation',
			(s) => (s.quiz.presentation[oneOfEach[0]!.id] = { choiceOrder: [0, 0, 1, 2] }),
			/^quiz\.presentation\.capital: does not fit the question/
		],
		[
			'a draft of the wrong type',
			(s) => (s.drafts = { [oneOfEach[0]!.id]: { type: 'short', text: 'x' } }),
			/^drafts\.capital: is a short draft for a single question/
		],
		['a negative clock', (s) => (s.activeMs = -1), /^activeMs: must not be negative/],
		['a start time of 1e308', (s) => (s.startedAt = 1e308), /^startedAt: /]
	];
	for (const [what, edit, pattern] of broken)
		it(`refuses ${what}`, () => {
			const stored = toStoredSession(sessionState('s-1'));
			edit(stored);
			const parsed = v.safeParse(StoredSessionState, stored);
			expect(parsed.success).toBe(false);
			if (!parsed.success) {
				const issue = parsed.issues[0];
				expect(`${v.getDotPath(issue)}: ${issue.message}`).toMatch(pattern);
			}
		});

	it('drops __proto__ keys of records instead of keeping them', () => {
		const stored: unknown = JSON.parse(
			JSON.stringify(toStoredSession(sessionState('s-1'))).replace(
				'"visitMs":{}',
				'"visitMs":{"__proto__":{"polluted":1}}'
			)
		);
		const parsed = v.parse(StoredSessionState, stored);
		expect(Object.keys(parsed.visitMs)).toEqual([]);
		expect(Object.getPrototypeOf(parsed.visitMs)).toBe(Object.prototype);
	});
});
