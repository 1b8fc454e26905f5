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
	type Backup,
	type BackupData
} from './backup-format';
import {
	assignmentRow,
	attemptRow,
	NOW,
	plainSetRow,
	receivedRow,
	resultRow,
	sessionItemsRow,
	sessionRow,
	teacherKeyRow
} from './fixtures';
import { SCHEMA_VERSION } from './schema';
import { DEFAULT_PARAMETERS as DEFAULT_W } from '../srs/fit';

const session = sessionRow;
const attempt = attemptRow;
const teacherKey = teacherKeyRow;
const result = resultRow;
const received = receivedRow;

function sample(): BackupData {
	const scheduler = makeScheduler();
	const reviewed = rate(newCard('q-1', 'item', NOW), Rating.Good, NOW, scheduler, 'quiz');
	return {
		settings: [
			{ key: 'theme', value: 'dark' },
			{ key: 'persistAsked', value: true }
		],
		sessions: [session('s-1', NOW)],
		sessionItems: [sessionItemsRow('s-1')],
		attempts: [attempt('q-1', NOW, true, 1), attempt('q-2', NOW + 5000, false, 2)],
		cards: [reviewed.card, newCard('fc-1:reverse', 'flashcard', NOW)],
		reviewLogs: [{ ...reviewed.log, id: 1 }],
		teacherKeys: [teacherKey('-1')],
		assignments: [assignmentRow('a-1')],
		results: [result('a-1', 'Ana', 1)],
		received: [
			received('r-1', [{ sessionId: 's-1', submittedAt: NOW, code: 'Q1:abc', late: false }])
		],
		sets: [],
		setItems: [],
		setDrafts: [],
		reports: [
			{
				itemId: 'q-1',
				kind: 'item',
				prompt: 'Capital of France?',
				reason: 'typo',
				note: '=HYPERLINK("x")',
				at: NOW
			}
		]
	};
}

/** The data as a backup made before database version 7 holds it: each session whole. */
function asOld(data: BackupData): Partial<BackupData> {
	const items = new Map(
		(data.sessionItems as { id: string; quiz: unknown; items: unknown }[]).map((r) => [r.id, r])
	);
	const old: Partial<BackupData> = { ...data };
	delete old.sessionItems;
	old.sessions = (data.sessions as { id: string; state: object }[]).map((row) => {
		const fixed = items.get(row.id)!;
		return { ...row, state: { ...row.state, v: 1, quiz: fixed.quiz, items: fixed.items } };
	});
	return old;
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
	it('carries fitted FSRS parameters, and refuses a set that is not 21 numbers', async () => {
		// A backup from before "Fit my schedule" has no such row: sample() is one, and imports above.
		const fitted = {
			w: [...DEFAULT_W],
			appliedAt: NOW,
			reviews: 2000,
			logLoss: { defaults: 0.43, fitted: 0.42 }
		};
		const data = sample();
		data.settings.push({ key: 'fsrsParameters', value: fitted });
		const result = await decodeBackup(await encodeBackup(data, NOW));
		expect(result.ok).toBe(true);
		if (result.ok)
			expect(result.backup.data.settings).toContainEqual({ key: 'fsrsParameters', value: fitted });
		const short = sample();
		short.settings.push({ key: 'fsrsParameters', value: { ...fitted, w: fitted.w.slice(1) } });
		await expectError(
			await encodeBackup(short, NOW),
			/row 3 \(fsrsParameters\) of the settings table is invalid: fsrsParameters must be 21 numbers/
		);
	});

	it('round-trips the data with its envelope', async () => {
		const data = sample();
		const text = await encodeBackup(data, NOW);
		const file = JSON.parse(text) as Backup;
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
		const file = JSON.parse(await encodeBackup(data, NOW)) as Backup;
		expect(Object.keys(file.data).sort()).toEqual([...BACKUP_TABLES].sort());
		expect(file.data.teacherKeys[0]?.privateJwk.d).toBe(teacherKey('-1').privateJwk.d);
		expect(countRows(data)).toEqual({
			settings: 2,
			sessions: 1,
			sessionItems: 1,
			attempts: 2,
			cards: 2,
			reviewLogs: 1,
			teacherKeys: 1,
			assignments: 1,
			results: 1,
			received: 1,
			sets: 0,
			setItems: 0,
			setDrafts: 0,
			reports: 1
		});
	});

	it('imports a backup made before own sets (database version 3) with no set tables', async () => {
		const old = asOld(sample());
		delete old.sets;
		delete old.setItems;
		delete old.setDrafts;
		delete old.reports;
		const text = await encodeBackup(old as BackupData, NOW, 3);
		const result = await decodeBackup(text);
		expect(result.ok && result.backup.data.sets).toEqual([]);
		// Its sessions, stored whole then, are split as the database upgrade splits them.
		expect(result.ok && result.backup.data.sessions).toEqual(sample().sessions);
		expect(result.ok && result.backup.data.sessionItems).toEqual(sample().sessionItems);
		// A current backup without them is damaged, and says which table is missing.
		const fresh: Partial<BackupData> = sample();
		delete fresh.sets;
		const current = await decodeBackup(await encodeBackup(fresh as BackupData, NOW));
		expect(current.ok).toBe(false);
		expect(!current.ok && current.error).toMatch(/the sets table is missing/);
	});

	it('imports a backup made before reports (database version 5) with no reports table', async () => {
		const old = asOld(sample());
		delete old.reports;
		const result = await decodeBackup(await encodeBackup(old as BackupData, NOW, 5));
		expect(result.ok && result.backup.data.reports).toEqual([]);
		expect(result.ok && result.backup.data.results).toEqual(sample().results);
		const fresh: Partial<BackupData> = sample();
		delete fresh.reports;
		const current = await decodeBackup(await encodeBackup(fresh as BackupData, NOW));
		expect(!current.ok && current.error).toMatch(/the reports table is missing/);
	});

	it('refuses a session whose questions are missing or disagree with its answers', async () => {
		const missing = sample();
		missing.sessionItems = [];
		await expectError(
			await encodeBackup(missing, NOW),
			/row 1 \(s-1\) of the sessions table is invalid: its questions are missing/
		);
		const other = sample();
		other.sessionItems = [{ ...(other.sessionItems[0] as object), id: 's-2' }];
		other.sessions = [{ ...(other.sessions[0] as object) }];
		await expectError(
			await encodeBackup(other, NOW),
			/row 1 \(s-1\) of the sessions table is invalid: its questions are missing/
		);
		const stray = sample();
		(stray.sessions[0] as { state: { queue: string[] } }).state.queue.push('nowhere');
		await expectError(
			await encodeBackup(stray, NOW),
			/row 1 \(s-1\) of the sessions table is invalid: state\.queue: names nowhere/
		);
	});

	it('refuses a report with an unknown reason or an overlong note, naming the row', async () => {
		const bad = sample();
		bad.reports = [{ ...(bad.reports[0] as object), reason: 'spam' }];
		const r1 = await decodeBackup(await encodeBackup(bad, NOW));
		expect(!r1.ok && r1.error).toBe(
			'The backup file is damaged: row 1 (q-1) of the reports table is invalid: reason: must be wrong, should-count, unclear, typo or other'
		);
		bad.reports = [{ ...(sample().reports[0] as object), note: 'x'.repeat(501) }];
		const r2 = await decodeBackup(await encodeBackup(bad, NOW));
		expect(!r2.ok && r2.error).toMatch(
			/reports table is invalid: note: must be at most 500 characters/
		);
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
		const a = JSON.parse(await encodeBackup(sample(), NOW)) as Backup;
		const reordered = Object.fromEntries(Object.entries(sample()).reverse()) as BackupData;
		const b = JSON.parse(await encodeBackup(reordered, NOW)) as Backup;
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
		expect((await decodeBackup(await encodeBackup(asOld(sample()) as BackupData, NOW, 1))).ok).toBe(
			true
		);
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

	it('names the table, the row and the field of a badly shaped row', async () => {
		const bad = (edit: (d: BackupData) => void) => {
			const data = sample();
			edit(data);
			return encodeBackup(data, NOW);
		};
		await expectError(
			await bad((d) => (d.attempts[1] = { ...attempt('q-2', NOW, true, 2), correct: 'yes' })),
			/row 2 \(2\) of the attempts table is invalid: correct: .*boolean/
		);
		await expectError(
			await bad((d) => d.settings.push({ value: 1 })),
			/row 3 of the settings table is invalid: key: /
		);
		await expectError(
			await bad((d) => (d.sessions[0] = { ...session('s-1', NOW), status: 'paused' })),
			/row 1 \(s-1\) of the sessions table is invalid: status: /
		);
		await expectError(
			await bad((d) => d.cards.push({ ...newCard('x', 'item', NOW), state: 7 })),
			/row 3 \(x\) of the cards table is invalid: state: must be at most 3/
		);
		await expectError(
			await bad((d) => (d.reviewLogs[0] = { ...(d.reviewLogs[0] as object), source: 'exam' })),
			/row 1 \(1\) of the reviewLogs table is invalid: source: /
		);
		await expectError(
			await bad((d) => (d.sessions[0] = 'session')),
			/row 1 of the sessions table is invalid/
		);
		await expectError(
			await bad((d) => (d.teacherKeys = [teacherKey('x'), 3])),
			/row 2 of the teacherKeys table is invalid/
		);
		await expectError(
			await bad((d) => (d.teacherKeys = [{ ...teacherKey('x'), privateJwk: 'secret' }])),
			/row 1 \(teacher\) of the teacherKeys table is invalid: privateJwk: /
		);
		await expectError(
			await bad((d) => (d.assignments = [{ id: 'a-1', createdAt: NOW, payload: {} }])),
			/row 1 \(a-1\) of the assignments table is invalid: payload.v: /
		);
		await expectError(
			await bad((d) => (d.results = [{ ...result('a-1', 'Ana'), dedupe: 7 }])),
			/row 1 of the results table is invalid: dedupe: /
		);
		await expectError(
			await bad(
				(d) => (d.received = [received('r-1', [{ sessionId: 's', submittedAt: 'now' } as never])])
			),
			/row 1 \(r-1\) of the received table is invalid: attempts\.0\.submittedAt: /
		);
	});

	// Edits a hostile user could make and re-checksum: each must be refused, naming the row.
	const crafted: [string, (d: BackupData) => void, RegExp][] = [
		[
			'a negative due date',
			(d) => ((d.cards[0] as { due: number }).due = -5),
			/row 1 \(q-1\) of the cards table is invalid: due: must not be before 1970/
		],
		[
			'a due date of 1e308',
			(d) => ((d.cards[0] as { due: number }).due = 1e308),
			/cards table is invalid: due: /
		],
		[
			'a 10 MB title',
			(d) => ((d.sessions[0] as { title: string }).title = 'x'.repeat(10_000_000)),
			/row 1 \(s-1\) of the sessions table is invalid: title: must be at most 300 characters/
		],
		[
			'an assignment payload {}',
			(d) => ((d.assignments[0] as { payload: unknown }).payload = {}),
			/assignments table is invalid: payload\.v: /
		],
		[
			'a result "garbage"',
			(d) => ((d.results[0] as { result: unknown }).result = 'garbage'),
			/row 1 \(1\) of the results table is invalid: result: /
		],
		[
			'a received payload 42',
			(d) => ((d.received[0] as { payload: unknown }).payload = 42),
			/row 1 \(r-1\) of the received table is invalid: payload: /
		],
		[
			'a session state {}',
			(d) => ((d.sessions[0] as { state: unknown }).state = {}),
			/row 1 \(s-1\) of the sessions table is invalid: state\.v: /
		],
		[
			'a score of 99',
			(d) => ((d.attempts[0] as { score: number }).score = 99),
			/row 1 \(1\) of the attempts table is invalid: score: must be 0 to 1/
		],
		[
			'a teacher key that is not a key',
			(d) => ((d.teacherKeys[0] as { publicJwk: unknown }).publicJwk = { kty: 'RSA' }),
			/teacherKeys table is invalid: publicJwk\.kty: /
		],
		[
			'a submittedAt past the last valid date',
			(d) => {
				const r = d.results[0] as { submittedAt: number; result: { submittedAt: number } };
				r.submittedAt = r.result.submittedAt = 8.64e15 + 1000;
			},
			/results table is invalid: submittedAt: must not be after year 9999/
		],
		[
			'a 10 MB setting value under a key a later build might use',
			(d) => d.settings.push({ key: 'notes', value: 'x'.repeat(10_000_000) }),
			/row 3 \(notes\) of the settings table is invalid: value must be at most 10000 characters \(it has 10000002\)/
		],
		[
			'a 10 MB value of a known setting',
			(d) => ((d.settings[0] as { value: unknown }).value = { dark: 'x'.repeat(10_000_000) }),
			/row 1 \(theme\) of the settings table is invalid: value must be at most 10000 characters/
		],
		[
			'a 2 MB explanation in an own set',
			(d) => {
				d.sets.push(plainSetRow('set-caps01'));
				d.setItems.push({
					id: 'own-card01',
					setId: 'set-caps01',
					position: 0,
					updatedAt: NOW,
					kind: 'flashcard',
					entry: {
						id: 'own-card01',
						front: 'INF',
						back: 'Intermediate-Range Nuclear Forces',
						explanation: 'x'.repeat(2_000_000),
						topic: 'treaty',
						difficulty: 1,
						voice: 'fact',
						tags: []
					}
				});
			},
			/row 1 \(own-card01\) of the setItems table is invalid: entry\.explanation: must be at most 1048576 characters/
		],
		[
			'a 2 MB field of an editor draft',
			(d) =>
				d.setDrafts.push({
					id: 'set-caps01/own-1',
					setId: 'set-caps01',
					entryId: 'own-1',
					form: { prompt: 'x'.repeat(2_000_000) },
					savedAt: NOW
				}),
			/row 1 \(set-caps01\/own-1\) of the setDrafts table is invalid: form\.prompt: must be at most 1048576 characters/
		],
		[
			'a 2 MB field slipped into a teacher key',
			(d) =>
				((d.teacherKeys[0] as { publicJwk: object }).publicJwk = {
					...(d.teacherKeys[0] as { publicJwk: object }).publicJwk,
					note: 'x'.repeat(2_000_000)
				}),
			/row 1 \(teacher\) of the teacherKeys table is invalid: publicJwk\.note: must be at most 1048576 characters/
		],
		[
			'a session whose position is past its queue',
			(d) => ((d.sessions[0] as { state: { position: number } }).state.position = 50),
			/sessions table is invalid: state\.position: is past the end of the queue/
		]
	];
	for (const [what, edit, pattern] of crafted)
		it(`refuses a crafted backup with ${what}, though its checksum is valid`, async () => {
			const data = sample();
			edit(data);
			await expectError(await encodeBackup(data, NOW), pattern);
		});

	it('drops __proto__ keys instead of storing them', async () => {
		const text = await encodeBackup(sample(), NOW);
		// JSON.parse makes "__proto__" an own key; re-checksum the edited file as an attacker would.
		const file = JSON.parse(text) as { data: BackupData; checksum: string };
		const hostile = JSON.parse(
			'{"key":"theme","value":"dark","__proto__":{"polluted":true}}'
		) as object;
		file.data.settings[0] = hostile;
		const forged = await encodeBackup(file.data, NOW);
		const result = await decodeBackup(forged);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const row = result.backup.data.settings[0]!;
		expect(Object.keys(row)).toEqual(['key', 'value']);
		expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it('rejects duplicate primary keys, naming both rows', async () => {
		const dup = async (edit: (d: BackupData) => void) => {
			const data = sample();
			edit(data);
			return encodeBackup(data, NOW);
		};
		await expectError(
			await dup((d) => d.settings.push({ key: 'theme', value: 'light' })),
			/rows 1 and 3 of the settings table have the same key "theme"/
		);
		await expectError(
			await dup((d) => d.cards.push({ ...newCard('q-1', 'item', NOW) })),
			/rows 1 and 3 of the cards table have the same id "q-1"/
		);
		await expectError(
			await dup((d) => d.attempts.push(attempt('q-9', NOW, true, 2))),
			/rows 2 and 3 of the attempts table have the same id 2/
		);
		await expectError(
			await dup((d) => d.results.push(result('a-1', 'Ana'))),
			/rows 1 and 2 of the results table have the same dedupe "a-1:Ana"/
		);
		await expectError(
			await dup((d) => d.teacherKeys.push(teacherKey('x-2'))),
			/rows 1 and 2 of the teacherKeys table have the same id "teacher"/
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
		sessionItems: [],
		attempts: [],
		cards: [],
		reviewLogs: [],
		teacherKeys: [],
		assignments: [],
		results: [],
		received: [],
		sets: [],
		setItems: [],
		setDrafts: [],
		reports: []
	};

	it('keeps one report per entry, the later one', () => {
		const report = (itemId: string, at: number, reason: string) => ({
			itemId,
			kind: 'item',
			prompt: 'P',
			reason,
			note: '',
			at
		});
		const merged = mergeData(
			{ ...empty, reports: [report('a', 5, 'typo'), report('b', 5, 'typo')] },
			{
				...empty,
				reports: [report('a', 9, 'wrong'), report('b', 1, 'wrong'), report('c', 1, 'other')]
			}
		);
		expect(merged.reports).toEqual([
			report('a', 9, 'wrong'),
			report('b', 5, 'typo'),
			report('c', 1, 'other')
		]);
	});

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

	it("keeps a session's questions from the side whose session it kept", () => {
		const mine = {
			...sessionItemsRow('s-1'),
			quiz: { ...sessionItemsRow('s-1').quiz, seed: 'mine' }
		};
		const theirs = { ...sessionItemsRow('s-1'), quiz: { ...mine.quiz, seed: 'theirs' } };
		const newer = mergeData(
			{ ...empty, sessions: [session('s-1', 100)], sessionItems: [mine] },
			{ ...empty, sessions: [session('s-1', 200)], sessionItems: [theirs] }
		);
		expect(newer.sessionItems).toEqual([theirs]);
		const older = mergeData(
			{ ...empty, sessions: [session('s-1', 300)], sessionItems: [mine] },
			{ ...empty, sessions: [session('s-1', 200)], sessionItems: [theirs] }
		);
		expect(older.sessionItems).toEqual([mine]);
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
