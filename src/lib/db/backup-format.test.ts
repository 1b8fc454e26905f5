import { describe, expect, it } from 'vitest';
import { makeScheduler, newCard, Rating, rate } from '../srs';
import {
	BACKUP_FORMAT,
	BACKUP_VERSION,
	BACKUP_TABLES,
	canonicalJson,
	countRows,
	decodeBackup,
	encodeBackup,
	mergeData,
	teacherKeyConflict,
	type BackupData
} from './backup-format';
import { SCHEMA_VERSION } from './schema';

const NOW = Date.UTC(2025, 4, 1, 9);

function session(id: string, updatedAt: number, title = id) {
	return {
		id,
		status: 'submitted',
		title,
		createdAt: NOW - 10_000,
		updatedAt,
		state: { v: 1, id, status: 'submitted' }
	};
}

function attempt(itemId: string, at: number, correct = true, id?: number) {
	return {
		...(id === undefined ? {} : { id }),
		sessionId: 's-1',
		itemId,
		answer: { type: 'single', choice: 'A' },
		score: correct ? 1 : 0,
		correct,
		timeTakenMs: 4200,
		at
	};
}

function sample(): BackupData {
	const scheduler = makeScheduler();
	const reviewed = rate(newCard('q-1', 'item', NOW), Rating.Good, NOW, scheduler, 'quiz');
	return {
		settings: [
			{ key: 'theme', value: 'dark' },
			{ key: 'persistAsked', value: true }
		],
		sessions: [session('s-1', NOW)],
		attempts: [attempt('q-1', NOW, true, 1), attempt('q-2', NOW + 5000, false, 2)],
		cards: [reviewed.card, newCard('fc-1:reverse', 'flashcard', NOW)],
		reviewLogs: [{ ...reviewed.log, id: 1 }],
		teacherKeys: [teacherKey('x-1')],
		assignments: [
			{ id: 'a-1', createdAt: NOW, payload: { title: 'Dates' }, link: 'https://q.example/#a=1' }
		],
		results: [result('a-1', 'Ana', 1)],
		received: [
			received('r-1', [{ sessionId: 's-1', submittedAt: NOW, code: 'QR1-abc', late: false }])
		]
	};
}

function teacherKey(x: string) {
	const jwk = { kty: 'EC', crv: 'P-256', x, y: 'y-1' };
	return { id: 'teacher', publicJwk: jwk, privateJwk: { ...jwk, d: 'd-1' }, createdAt: NOW };
}

function result(assignmentId: string, student: string, id?: number) {
	return {
		...(id === undefined ? {} : { id }),
		assignmentId,
		dedupe: `${assignmentId}:${student}`,
		student,
		submittedAt: NOW,
		importedAt: NOW + 1000,
		result: { score: 7, max: 10 }
	};
}

type ReceivedAttempt = {
	sessionId: string;
	submittedAt: number | null;
	code: string | null;
	late: boolean;
};

function received(id: string, attempts: ReceivedAttempt[]) {
	return { id, openedAt: NOW, student: 'Ana', payload: { title: 'Dates' }, attempts };
}

/** The parts of a parsed backup file the tests edit. */
interface FileView {
	format: string;
	version: number;
	data: { attempts: { correct: boolean }[]; cards?: unknown[]; received?: unknown[] };
}

/** Edits the parsed file and re-serialises it, keeping the old checksum. */
function tamper(text: string, edit: (file: FileView) => void): string {
	const file = JSON.parse(text) as FileView;
	edit(file);
	return JSON.stringify(file);
}

async function expectError(text: string, pattern: RegExp) {
	const result = await decodeBackup(text);
	expect(result.ok).toBe(false);
	if (!result.ok) expect(result.error).toMatch(pattern);
}

describe('encodeBackup / decodeBackup', () => {
	it('round-trips the data with its envelope', async () => {
		const data = sample();
		const text = await encodeBackup(data, NOW);
		const file = JSON.parse(text);
		expect(file.format).toBe(BACKUP_FORMAT);
		expect(file.version).toBe(BACKUP_VERSION);
		expect(file.exportedAt).toBe(NOW);
		expect(file.schemaVersion).toBeGreaterThanOrEqual(2);
		expect(file.checksum).toMatch(/^[0-9a-f]{64}$/);
		const result = await decodeBackup(text);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.backup.data).toEqual(data);
		expect(result.backup.checksum).toBe(file.checksum);
		expect(result.backup.exportedAt).toBe(NOW);
	});

	it('carries every database table, including the teacher tables', async () => {
		const data = sample();
		expect(Object.keys(data).sort()).toEqual([...BACKUP_TABLES].sort());
		const file = JSON.parse(await encodeBackup(data, NOW));
		expect(Object.keys(file.data).sort()).toEqual([...BACKUP_TABLES].sort());
		expect(file.data.teacherKeys[0].privateJwk.d).toBe('d-1');
		expect(countRows(data)).toEqual({
			settings: 2,
			sessions: 1,
			attempts: 2,
			cards: 2,
			reviewLogs: 1,
			teacherKeys: 1,
			assignments: 1,
			results: 1,
			received: 1
		});
	});

	it('accepts a byte-order mark and whitespace', async () => {
		const text = `\uFEFF\n${await encodeBackup(sample(), NOW)}\n`;
		const result = await decodeBackup(text);
		expect(result.ok && result.backup.data.assignments).toEqual(sample().assignments);
	});

	it('checksums the data independent of key order', async () => {
		expect(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }] })).toBe(
			'{"a":[{"c":"x","d":null}],"b":1}'
		);
		const a = JSON.parse(await encodeBackup(sample(), NOW));
		const reordered = Object.fromEntries(Object.entries(sample()).reverse()) as BackupData;
		const b = JSON.parse(await encodeBackup(reordered, NOW));
		expect(b.checksum).toBe(a.checksum);
	});

	it('rejects text that is not JSON', async () => {
		await expectError('<html>hello</html>', /^This is not a Quire backup file/);
		await expectError('', /empty/);
	});

	it('rejects a truncated file', async () => {
		const text = await encodeBackup(sample(), NOW);
		for (const cut of [text.length - 1, Math.floor(text.length / 2), 12])
			await expectError(
				text.slice(0, cut),
				/^The file is not a complete Quire backup: it ends unexpectedly/
			);
	});

	it('rejects a file without the Quire format marker', async () => {
		await expectError('{"hello":"world"}', /^This is not a Quire backup file$/);
		await expectError('[1,2,3]', /^This is not a Quire backup file$/);
		const text = await encodeBackup(sample(), NOW);
		await expectError(
			tamper(text, (f) => (f.format = 'anki-backup')),
			/^This is not a Quire backup file$/
		);
	});

	it('rejects a backup from a newer format version', async () => {
		const text = await encodeBackup(sample(), NOW);
		const result = await decodeBackup(tamper(text, (f) => (f.version = 2)));
		expect(result).toEqual({
			ok: false,
			error:
				'This backup was made by a newer version of Quire (format 2); update the app to import it'
		});
	});

	it('rejects a backup from a newer database version', async () => {
		const text = await encodeBackup(sample(), NOW, SCHEMA_VERSION + 1);
		await expectError(
			text,
			new RegExp(`newer version of Quire \\(database version ${SCHEMA_VERSION + 1}\\)`)
		);
		// An older database version is fine: its tables are a subset of today's.
		expect((await decodeBackup(await encodeBackup(sample(), NOW, 1))).ok).toBe(true);
	});

	it('rejects a changed value under the old checksum', async () => {
		const text = await encodeBackup(sample(), NOW);
		const changed = tamper(text, (f) => (f.data.attempts[1]!.correct = true));
		const result = await decodeBackup(changed);
		expect(result).toEqual({
			ok: false,
			error: 'The backup has been changed or damaged since it was exported (checksum mismatch)'
		});
		// A removed row is caught too.
		await expectError(
			tamper(text, (f) => f.data.cards?.pop()),
			/checksum mismatch/
		);
	});

	it('rejects a missing table', async () => {
		const text = await encodeBackup(sample(), NOW);
		await expectError(
			tamper(text, (f) => delete f.data.cards),
			/damaged: the cards table is missing/
		);
		await expectError(
			tamper(text, (f) => delete f.data.received),
			/damaged: the received table is missing/
		);
	});

	it('names the table and row index of a badly shaped row', async () => {
		const bad = (edit: (d: BackupData) => void) => {
			const data = sample();
			edit(data);
			return encodeBackup(data, NOW);
		};
		await expectError(
			await bad((d) => (d.attempts[1] = { ...attempt('q-2', NOW), correct: 'yes' })),
			/row 1 of the attempts table is invalid \(correct: .*boolean/
		);
		await expectError(
			await bad((d) => d.settings.push({ value: 1 })),
			/row 2 of the settings table is invalid \(key: /
		);
		await expectError(
			await bad((d) => (d.sessions[0] = { ...session('s-1', NOW), status: 'paused' })),
			/row 0 of the sessions table is invalid \(status: /
		);
		await expectError(
			await bad((d) => d.cards.push({ ...newCard('x', 'item', NOW), state: 7 })),
			/row 2 of the cards table is invalid \(state: /
		);
		await expectError(
			await bad((d) => (d.reviewLogs[0] = { ...(d.reviewLogs[0] as object), source: 'exam' })),
			/row 0 of the reviewLogs table is invalid \(source: /
		);
		await expectError(
			await bad((d) => (d.sessions[0] = 'session')),
			/row 0 of the sessions table is invalid/
		);
		await expectError(
			await bad((d) => (d.teacherKeys = [teacherKey('x'), 3])),
			/row 1 of the teacherKeys table is invalid/
		);
		await expectError(
			await bad((d) => (d.teacherKeys = [{ ...teacherKey('x'), privateJwk: 'secret' }])),
			/row 0 of the teacherKeys table is invalid \(privateJwk: /
		);
		await expectError(
			await bad((d) => (d.assignments = [{ id: 'a-1', createdAt: NOW, payload: {} }])),
			/row 0 of the assignments table is invalid \(link: /
		);
		await expectError(
			await bad((d) => (d.results = [{ ...result('a-1', 'Ana'), dedupe: 7 }])),
			/row 0 of the results table is invalid \(dedupe: /
		);
		await expectError(
			await bad(
				(d) => (d.received = [received('r-1', [{ sessionId: 's', submittedAt: 'now' } as never])])
			),
			/row 0 of the received table is invalid \(attempts\.0\.submittedAt: /
		);
	});

	it('rejects duplicate primary keys, naming both rows', async () => {
		const dup = async (edit: (d: BackupData) => void) => {
			const data = sample();
			edit(data);
			return encodeBackup(data, NOW);
		};
		await expectError(
			await dup((d) => d.settings.push({ key: 'theme', value: 'light' })),
			/rows 0 and 2 of the settings table have the same key "theme"/
		);
		await expectError(
			await dup((d) => d.cards.push({ ...newCard('q-1', 'item', NOW) })),
			/rows 0 and 2 of the cards table have the same id "q-1"/
		);
		await expectError(
			await dup((d) => d.attempts.push(attempt('q-9', NOW, true, 2))),
			/rows 1 and 2 of the attempts table have the same id 2/
		);
		await expectError(
			await dup((d) => d.results.push(result('a-1', 'Ana'))),
			/rows 0 and 1 of the results table have the same dedupe "a-1:Ana"/
		);
		await expectError(
			await dup((d) => d.teacherKeys.push(teacherKey('x-2'))),
			/rows 0 and 1 of the teacherKeys table have the same id "teacher"/
		);
		// Attempts without ids are fine: the database numbers them.
		const ok = await dup((d) => d.attempts.push(attempt('q-9', NOW), attempt('q-8', NOW)));
		expect((await decodeBackup(ok)).ok).toBe(true);
	});
});

describe('mergeData', () => {
	const empty: BackupData = {
		settings: [],
		sessions: [],
		attempts: [],
		cards: [],
		reviewLogs: [],
		teacherKeys: [],
		assignments: [],
		results: [],
		received: []
	};

	it('lets incoming settings win and keeps settings only one side has', () => {
		const merged = mergeData(
			{
				...empty,
				settings: [
					{ key: 'theme', value: 'dark' },
					{ key: 'a', value: 1 }
				]
			},
			{
				...empty,
				settings: [
					{ key: 'theme', value: 'light' },
					{ key: 'b', value: 2 }
				]
			}
		);
		expect(merged.settings).toEqual([
			{ key: 'theme', value: 'light' },
			{ key: 'a', value: 1 },
			{ key: 'b', value: 2 }
		]);
	});

	it('keeps the session with the newer updatedAt', () => {
		const merged = mergeData(
			{ ...empty, sessions: [session('s-1', 200, 'mine'), session('s-2', 100, 'mine')] },
			{
				...empty,
				sessions: [session('s-1', 100, 'theirs'), session('s-2', 300, 'theirs'), session('s-3', 1)]
			}
		);
		expect(merged.sessions.map((s) => (s as { title: string }).title)).toEqual([
			'mine',
			'theirs',
			's-3'
		]);
	});

	it('unions attempts and review logs by (item, time) and drops numeric ids', () => {
		const scheduler = makeScheduler();
		const log = (id: string, at: number) => ({
			...rate(newCard(id, 'item', at), Rating.Good, at, scheduler, 'review').log,
			id: 7
		});
		const merged = mergeData(
			{
				...empty,
				attempts: [attempt('q-1', 100, true, 1), attempt('q-2', 200, true, 2)],
				reviewLogs: [log('q-1', 100)]
			},
			{
				...empty,
				attempts: [attempt('q-1', 100, true, 9), attempt('q-1', 300, false, 1)],
				reviewLogs: [log('q-1', 100), log('q-1', 500)]
			}
		);
		expect(merged.attempts).toEqual([
			attempt('q-1', 100),
			attempt('q-2', 200),
			attempt('q-1', 300, false)
		]);
		expect(merged.attempts.every((a) => !('id' in (a as object)))).toBe(true);
		expect(merged.reviewLogs.map((l) => (l as { review: number }).review)).toEqual([100, 500]);
		expect(merged.reviewLogs.every((l) => !('id' in (l as object)))).toBe(true);
	});

	it('keeps the card with the newer last_review', () => {
		const scheduler = makeScheduler();
		const fresh = newCard('q-1', 'item', 0);
		const early = rate(fresh, Rating.Again, 1000, scheduler, 'review').card;
		const late = rate(fresh, Rating.Easy, 2000, scheduler, 'review').card;
		const other = newCard('q-2', 'item', 0);
		expect(
			mergeData({ ...empty, cards: [late] }, { ...empty, cards: [early, other] }).cards
		).toEqual([late, other]);
		expect(mergeData({ ...empty, cards: [early] }, { ...empty, cards: [late] }).cards).toEqual([
			late
		]);
		// A reviewed card beats a never-reviewed one from either side.
		expect(mergeData({ ...empty, cards: [early] }, { ...empty, cards: [fresh] }).cards).toEqual([
			early
		]);
	});

	it("keeps the device's teacher key and assignments, and reports a different key", () => {
		const mine = teacherKey('x-mine');
		const theirs = teacherKey('x-theirs');
		const a1 = { id: 'a-1', createdAt: 1, payload: { v: 'mine' }, link: 'l1' };
		const merged = mergeData(
			{ ...empty, teacherKeys: [mine], assignments: [a1] },
			{
				...empty,
				teacherKeys: [theirs],
				assignments: [
					{ ...a1, payload: { v: 'theirs' } },
					{ ...a1, id: 'a-2' }
				]
			}
		);
		expect(merged.teacherKeys).toEqual([mine]);
		expect(merged.assignments).toEqual([a1, { ...a1, id: 'a-2' }]);
		expect(
			teacherKeyConflict({ ...empty, teacherKeys: [mine] }, { ...empty, teacherKeys: [theirs] })
		).toBe(true);
		expect(
			teacherKeyConflict({ ...empty, teacherKeys: [mine] }, { ...empty, teacherKeys: [mine] })
		).toBe(false);
		expect(teacherKeyConflict(empty, { ...empty, teacherKeys: [theirs] })).toBe(false);
		// A device without a key takes the backup's.
		expect(mergeData(empty, { ...empty, teacherKeys: [theirs] }).teacherKeys).toEqual([theirs]);
	});

	it('unions results by their dedupe key, without numeric ids', () => {
		const merged = mergeData(
			{ ...empty, results: [result('a-1', 'Ana', 1), result('a-1', 'Ben', 2)] },
			{ ...empty, results: [result('a-1', 'Ben', 5), result('a-2', 'Ana', 1)] }
		);
		expect(merged.results).toEqual([
			result('a-1', 'Ana'),
			result('a-1', 'Ben'),
			result('a-2', 'Ana')
		]);
	});

	it('merges the attempts of a received assignment, a submitted attempt winning', () => {
		const open = { sessionId: 's-1', submittedAt: null, code: null, late: false };
		const done = { sessionId: 's-1', submittedAt: NOW, code: 'QR1-x', late: false };
		const other = { sessionId: 's-2', submittedAt: NOW, code: 'QR1-y', late: true };
		const merged = mergeData(
			{ ...empty, received: [received('r-1', [open]), received('r-2', [])] },
			{ ...empty, received: [received('r-1', [done, other]), received('r-3', [])] }
		);
		expect(merged.received).toEqual([
			received('r-1', [done, other]),
			received('r-2', []),
			received('r-3', [])
		]);
		// The device's submitted attempt is never replaced by an open copy.
		expect(
			mergeData(
				{ ...empty, received: [received('r-1', [done])] },
				{ ...empty, received: [received('r-1', [open])] }
			).received
		).toEqual([received('r-1', [done])]);
	});

	it('produces data that encodes and decodes cleanly', async () => {
		const merged = mergeData(sample(), sample());
		expect(merged.attempts).toHaveLength(2);
		const result = await decodeBackup(await encodeBackup(merged, NOW));
		expect(result.ok).toBe(true);
	});
});
