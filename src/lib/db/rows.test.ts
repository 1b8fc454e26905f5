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
import { NOW, sessionItemsRow, sessionRow, sessionState, teacherKeyRow } from './fixtures';
import {
	fromStoredSession,
	joinProblem,
	StoredSessionItems,
	StoredSessionProgress,
	toStoredItems,
	toStoredProgress
} from './stored-session';
import { SCHEMA_VERSIONS } from './schema';
import { splitOldSession, splitOldSessions } from './session-split';
import type { SessionState } from '../engine/session';

function fixture(version: number): { tables: Record<string, unknown[]> } {
	const url = new URL(`../../../e2e/fixtures/db-v${version}.json`, import.meta.url);
	return JSON.parse(readFileSync(url, 'utf8')) as { tables: Record<string, unknown[]> };
}

describe('row schemas', () => {
	it('read every row of every shipped database fixture', () => {
		for (const { version } of SCHEMA_VERSIONS) {
			const { tables } = fixture(version);
			// Sessions of databases before version 7 are split in two by the upgrade (and an import).
			if (version < 7 && tables.sessions) Object.assign(tables, splitOldSessions(tables.sessions));
			for (const [table, rows] of Object.entries(tables)) {
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

/** A session's two stored parts, as IndexedDB holds them. */
interface Parts {
	items: StoredSessionItems;
	progress: StoredSessionProgress;
}

function toParts(s: SessionState): Parts {
	return { items: toStoredItems(s), progress: toStoredProgress(s) };
}

/** The parts read back as the database reads them: each checked, then joined; or the problem. */
function readParts(parts: unknown): SessionState | string {
	const { items, progress } = parts as Record<string, unknown>;
	const fixed = v.safeParse(StoredSessionItems, items);
	if (!fixed.success) return `${v.getDotPath(fixed.issues[0])}: ${fixed.issues[0].message}`;
	const changing = v.safeParse(StoredSessionProgress, progress);
	if (!changing.success)
		return `${v.getDotPath(changing.issues[0])}: ${changing.issues[0].message}`;
	const problem = joinProblem(fixed.output, changing.output);
	if (problem) return `${problem.path}: ${problem.message}`;
	return fromStoredSession(fixed.output, changing.output);
}

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
		const parts = toParts(s);
		expect(readParts(parts)).toEqual(s);
		// Through JSON too, as IndexedDB and backups hold it.
		expect(readParts(JSON.parse(JSON.stringify(parts)))).toEqual(s);
		// The changing part, which every save writes, holds no question.
		expect(JSON.stringify(parts.progress)).not.toContain(oneOfEach[0]!.prompt);
	});

	it('splits a session stored whole (database version 6 and older) into the same two parts', () => {
		let s = sessionState('s-1');
		s = reduce(s, {
			type: 'answer',
			itemId: s.queue[0]!,
			answer: { type: 'single', choice: 'Paris' },
			now: NOW + 1000
		});
		const { items, progress } = toParts(s);
		const whole = { ...progress, v: 1, quiz: items.quiz, items: items.items };
		const row = { ...sessionRow('s-1'), state: whole };
		const split = splitOldSession(JSON.parse(JSON.stringify(row)));
		expect(split).toEqual({
			session: JSON.parse(JSON.stringify({ ...row, state: progress })) as unknown,
			items: JSON.parse(JSON.stringify(items)) as unknown
		});
		expect(readParts({ items: split!.items, progress: split!.session.state })).toEqual(s);
		// A row already split, or not a session at all, is left as it is.
		expect(splitOldSession(sessionRow('s-1'))).toBeNull();
		expect(splitOldSession({ id: 'x', state: { v: 99 } })).toBeNull();
	});

	const broken: [string, (s: Parts) => void, RegExp][] = [
		[
			'a queue naming an item it lacks',
			(s) => s.progress.queue.push('nowhere'),
			/^queue: names nowhere/
		],
		['a position past the queue', (s) => (s.progress.position = 99), /^position: is past the end/],
		[
			'an answer of the wrong type',
			(s) =>
				(s.progress.answers[oneOfEach[0]!.id] = {
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
			(s) => (s.items.quiz.presentation[oneOfEach[0]!.id] = { choiceOrder: [0, 0, 1, 2] }),
			/^quiz\.presentation\.capital: does not fit the question/
		],
		[
			'a draft of the wrong type',
			(s) => (s.progress.drafts = { [oneOfEach[0]!.id]: { type: 'short', text: 'x' } }),
			/^drafts\.capital: is a short draft for a single question/
		],
		[
			'questions of another session',
			(s) => (s.items.id = 's-9'),
			/^id: is not its questions' session/
		],
		['a negative clock', (s) => (s.progress.activeMs = -1), /^activeMs: must not be negative/],
		['a start time of 1e308', (s) => (s.progress.startedAt = 1e308), /^startedAt: /]
	];
	for (const [what, edit, pattern] of broken)
		it(`refuses ${what}`, () => {
			const parts = toParts(sessionState('s-1'));
			edit(parts);
			const read = readParts(parts);
			expect(typeof read).toBe('string');
			expect(read).toMatch(pattern);
		});

	it('drops __proto__ keys of records instead of keeping them', () => {
		const stored: unknown = JSON.parse(
			JSON.stringify(toStoredProgress(sessionState('s-1'))).replace(
				'"visitMs":{}',
				'"visitMs":{"__proto__":{"polluted":1}}'
			)
		);
		const parsed = v.parse(StoredSessionProgress, stored);
		expect(Object.keys(parsed.visitMs)).toEqual([]);
		expect(Object.getPrototypeOf(parsed.visitMs)).toBe(Object.prototype);
	});

	it('keeps a fixture session row and its questions readable', () => {
		expect(checkRow('sessions', sessionRow('s-1')).ok).toBe(true);
		expect(checkRow('sessionItems', sessionItemsRow('s-1')).ok).toBe(true);
	});
});
