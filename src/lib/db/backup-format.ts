import * as v from 'valibot';
import { issueText, rowKey } from './read';
import { joinStoredRow, ROW_SCHEMAS, TABLES, type RowOf, type TableName } from './rows';
import { splitOldSessions } from './session-split';
import { TABLE_SINCE } from './tables';
import { SCHEMA_VERSION } from './schema';

/** The marker every Quire backup file carries in its `format` field. */
export const BACKUP_FORMAT = 'quire-backup';
/** The backup file format this build writes and the newest it reads. */
export const BACKUP_VERSION = 1;

/**
 * Every table a backup holds, named as in the database, in the order they are written. A backup
 * always carries all of them, so "replace" can never leave half of the old data behind.
 */
export const BACKUP_TABLES = TABLES;

/** One table of a backup. */
export type BackupTable = TableName;

/** Every table in a backup, as arrays of rows (as read from the database, unchecked). */
export type BackupData = Record<BackupTable, unknown[]>;

/** Every table of a decoded backup, each row checked against its schema. */
export type CheckedData = { [T in BackupTable]: RowOf<T>[] };

/** Rows per table. */
export type TableCounts = Record<BackupTable, number>;

/**
 * The tables "Reset progress" clears: a student's own study history. Settings, the teacher key,
 * the teacher's assignments and their students' results stay.
 */
export const PROGRESS_TABLES = [
	'sessions',
	'sessionItems',
	'attempts',
	'cards',
	'reviewLogs',
	'received'
] as const satisfies readonly BackupTable[];

/** A decoded, fully validated backup file. */
export interface Backup {
	format: typeof BACKUP_FORMAT;
	version: number;
	exportedAt: number;
	schemaVersion: number;
	checksum: string;
	data: CheckedData;
}

/** decodeBackup's answer: the backup, or why it can't be imported, in words for the student. */
export type DecodeResult = { ok: true; backup: Backup } | { ok: false; error: string };

/**
 * Fields the database keeps unique per table: the primary key, plus unique indexes. `optional`
 * fields (auto-increment ids) may be absent. A duplicate would abort the import's transaction, so
 * decodeBackup refuses it up front instead.
 */
const UNIQUE_FIELDS: Record<BackupTable, { field: string; optional: boolean }[]> = {
	settings: [{ field: 'key', optional: false }],
	sessions: [{ field: 'id', optional: false }],
	sessionItems: [{ field: 'id', optional: false }],
	attempts: [{ field: 'id', optional: true }],
	cards: [{ field: 'id', optional: false }],
	reviewLogs: [{ field: 'id', optional: true }],
	teacherKeys: [{ field: 'id', optional: false }],
	assignments: [{ field: 'id', optional: false }],
	results: [
		{ field: 'id', optional: true },
		{ field: 'dedupe', optional: false }
	],
	received: [{ field: 'id', optional: false }],
	sets: [{ field: 'id', optional: false }],
	setItems: [{ field: 'id', optional: false }],
	setDrafts: [{ field: 'id', optional: false }],
	reports: [{ field: 'itemId', optional: false }]
};

function isPlainObject(x: unknown): x is Record<string, unknown> {
	return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** JSON with object keys sorted at every level, so equal data always hashes the same. */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map((x) => canonicalJson(x ?? null)).join(',')}]`;
	if (isPlainObject(value)) {
		const fields: string[] = [];
		for (const key of Object.keys(value).sort()) {
			const field = value[key];
			if (field !== undefined) fields.push(`${JSON.stringify(key)}:${canonicalJson(field)}`);
		}
		return `{${fields.join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

async function sha256Hex(text: string): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
	return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The backup file's text: an envelope with a SHA-256 checksum of the canonical data. */
export async function encodeBackup(
	data: BackupData,
	now: number,
	schemaVersion = SCHEMA_VERSION
): Promise<string> {
	// Hash exactly what a reader will parse back: JSON drops undefined and turns Dates to strings.
	const plain = JSON.parse(JSON.stringify(data)) as BackupData;
	const checksum = await sha256Hex(canonicalJson(plain));
	return JSON.stringify({
		format: BACKUP_FORMAT,
		version: BACKUP_VERSION,
		exportedAt: now,
		schemaVersion,
		checksum,
		data: plain
	});
}

/** True when the text stops inside a string or before its brackets close. */
function endsEarly(text: string): boolean {
	let depth = 0;
	let inString = false;
	let escaped = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inString) {
			if (escaped) escaped = false;
			else if (c === 0x5c) escaped = true;
			else if (c === 0x22) inString = false;
		} else if (c === 0x22) inString = true;
		else if (c === 0x7b || c === 0x5b) depth++;
		else if (c === 0x7d || c === 0x5d) depth--;
	}
	return inString || depth > 0;
}

const NOT_A_BACKUP = 'This is not a Quire backup file';

function fail(error: string): DecodeResult {
	return { ok: false, error };
}

function damaged(what: string): DecodeResult {
	return fail(`The backup file is damaged: ${what}`);
}

/**
 * Parses and checks a backup file completely (envelope, version, checksum, every row's shape and
 * unique keys) so an import never starts writing a file it would reject halfway.
 */
export async function decodeBackup(text: string): Promise<DecodeResult> {
	const body = text.replace(/^\uFEFF/, '').trim();
	if (!body) return fail('The file is empty');
	let parsed: unknown;
	try {
		parsed = JSON.parse(body);
	} catch {
		if (body.startsWith('{') && endsEarly(body))
			return fail(
				'The file is not a complete Quire backup: it ends unexpectedly. It may have been cut off ' +
					'while downloading or copying; export it again'
			);
		if (body.includes(`"${BACKUP_FORMAT}"`)) return damaged('it is not valid JSON');
		return fail(`${NOT_A_BACKUP} (it is not valid JSON)`);
	}
	if (!isPlainObject(parsed) || parsed.format !== BACKUP_FORMAT) return fail(NOT_A_BACKUP);

	const { version, exportedAt, schemaVersion, checksum, data } = parsed;
	if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
		return damaged('its format version is missing');
	if (version > BACKUP_VERSION)
		return fail(
			`This backup was made by a newer version of Quire (format ${version}); ` +
				'update the app to import it'
		);
	if (typeof exportedAt !== 'number') return damaged('its export time is missing');
	if (typeof schemaVersion !== 'number' || !Number.isInteger(schemaVersion) || schemaVersion < 1)
		return damaged('its database version is missing');
	// A newer database may hold tables or fields this build would silently drop on import.
	if (schemaVersion > SCHEMA_VERSION)
		return fail(
			`This backup was made by a newer version of Quire (database version ${schemaVersion}); ` +
				'update the app to import it'
		);
	if (typeof checksum !== 'string' || !/^[0-9a-f]{64}$/.test(checksum))
		return damaged('its checksum is missing');
	if (!isPlainObject(data)) return damaged('its data is missing');

	for (const table of BACKUP_TABLES)
		if (!Array.isArray(data[table]) && schemaVersion >= (TABLE_SINCE[table] ?? 0))
			return damaged(`the ${table} table is missing`);

	if ((await sha256Hex(canonicalJson(data))) !== checksum)
		return fail('The backup has been changed or damaged since it was exported (checksum mismatch)');

	const rows = (table: BackupTable) => (data[table] ?? []) as unknown[];
	const upgraded: Partial<BackupData> = {};
	// Before database version 7 a session was one row, questions included: split as the upgrade does.
	if (schemaVersion < SPLIT_SESSIONS) Object.assign(upgraded, splitOldSessions(rows('sessions')));
	const tables = {} as Record<BackupTable, unknown[]>;
	for (const table of BACKUP_TABLES) {
		const checked = checkTable(table, upgraded[table] ?? rows(table));
		if (typeof checked === 'string') return damaged(checked);
		tables[table] = checked;
	}
	const unjoined = sessionProblem(tables as CheckedData);
	if (unjoined) return damaged(unjoined);
	return {
		ok: true,
		backup: {
			format: BACKUP_FORMAT,
			version,
			exportedAt,
			schemaVersion,
			checksum,
			data: tables as CheckedData
		}
	};
}

/** The database version that keeps a session's questions apart from its answers (sessionItems). */
const SPLIT_SESSIONS = 7;

/**
 * The first session whose questions are missing or disagree with its answers, named as a damaged
 * row is; null when every session joins its questions.
 */
function sessionProblem(data: CheckedData): string | null {
	const items = new Map(data.sessionItems.map((row) => [row.id, row]));
	for (const [index, row] of data.sessions.entries()) {
		const fixed = items.get(row.id);
		const joined = fixed ? joinStoredRow(row, fixed) : null;
		const problem = !joined
			? 'its questions are missing from the sessionItems table'
			: joined.ok
				? null
				: `${joined.problem.path}: ${joined.problem.message}`;
		if (problem)
			return `row ${index + 1} (${rowKey('sessions', row)}) of the sessions table is invalid: ${problem}`;
	}
	return null;
}

/**
 * One table's rows checked against its schema (the checked copies, so what is written is what was
 * checked: a `__proto__` key or an unknown field is dropped), or the first problem, naming the
 * table, the row's position and key, and the field.
 */
function checkTable(table: BackupTable, rows: unknown[]): unknown[] | string {
	const schema: v.GenericSchema = ROW_SCHEMAS[table];
	const out: unknown[] = [];
	for (const [index, row] of rows.entries()) {
		const result = v.safeParse(schema, row, { abortEarly: true });
		if (!result.success) {
			const key = rowKey(table, row, index);
			const named = key === `#${index}` ? '' : ` (${key})`;
			return `row ${index + 1}${named} of the ${table} table is invalid: ${issueText(result.issues)}`;
		}
		out.push(result.output);
	}
	for (const { field, optional } of UNIQUE_FIELDS[table]) {
		const seen = new Map<unknown, number>();
		for (const [index, row] of out.entries()) {
			const key = (row as Record<string, unknown>)[field];
			if (key === undefined && optional) continue;
			const first = seen.get(key);
			if (first !== undefined)
				return `rows ${first + 1} and ${index + 1} of the ${table} table have the same ${field} ${JSON.stringify(key)}`;
			seen.set(key, index);
		}
	}
	return out;
}

/** How many rows each table holds. */
export function countRows(data: BackupData): TableCounts {
	const counts = {} as TableCounts;
	for (const table of BACKUP_TABLES) counts[table] = data[table].length;
	return counts;
}

type Row = Record<string, unknown>;

function asRows(rows: unknown[]): Row[] {
	return rows.filter(isPlainObject);
}

function withoutId(row: Row): Row {
	const copy = { ...row };
	delete copy.id;
	return copy;
}

/** Rows keyed by `keyOf`; `merge(incoming, current)` gives the row to keep for a shared key. */
function unionBy(
	existing: unknown[],
	incoming: unknown[],
	keyOf: (row: Row) => unknown,
	merge: (incoming: Row, current: Row) => Row
): Row[] {
	const byKey = new Map<unknown, Row>();
	for (const row of asRows(existing)) byKey.set(keyOf(row), row);
	for (const row of asRows(incoming)) {
		const key = keyOf(row);
		const current = byKey.get(key);
		byKey.set(key, current ? merge(row, current) : row);
	}
	return [...byKey.values()];
}

/** A `merge` for unionBy: the incoming row when `wins(incoming, current)`, else the current one. */
function keepIf(wins: (incoming: Row, current: Row) => boolean) {
	return (incoming: Row, current: Row) => (wins(incoming, current) ? incoming : current);
}

/** History rows: everything from both sides once each, with ids dropped so the DB assigns new ones. */
function unionHistory(
	existing: unknown[],
	incoming: unknown[],
	keyOf: (row: Row) => string
): Row[] {
	const seen = new Set<string>();
	const out: Row[] = [];
	for (const row of [...asRows(existing), ...asRows(incoming)]) {
		const key = keyOf(row);
		if (seen.has(key)) continue;
		seen.add(key);
		out.push(withoutId(row));
	}
	return out;
}

function lastReview(row: Row): number {
	return typeof row.last_review === 'number' ? row.last_review : -Infinity;
}

function updatedAt(row: Row): number {
	return typeof row.updatedAt === 'number' ? row.updatedAt : -Infinity;
}

function savedAt(row: Row): number {
	return typeof row.savedAt === 'number' ? row.savedAt : -Infinity;
}

function reportedAt(row: Row): number {
	return typeof row.at === 'number' ? row.at : -Infinity;
}

type ReceivedAttemptRow = { sessionId?: unknown; submittedAt?: unknown };

/** One received assignment from both sides: the device's row, with every attempt either side has. */
function mergeReceived(incoming: Row, current: Row): Row {
	const mine = Array.isArray(current.attempts) ? (current.attempts as ReceivedAttemptRow[]) : [];
	const theirs = Array.isArray(incoming.attempts)
		? (incoming.attempts as ReceivedAttemptRow[])
		: [];
	const bySession = new Map<unknown, ReceivedAttemptRow>();
	for (const a of mine) bySession.set(a.sessionId, a);
	for (const a of theirs) {
		const have = bySession.get(a.sessionId);
		// A submitted attempt beats the same attempt still open.
		if (!have || (have.submittedAt == null && a.submittedAt != null)) bySession.set(a.sessionId, a);
	}
	return { ...current, attempts: [...bySession.values()] };
}

/**
 * The data a "merge" import should leave in the database, meant to replace each table whole.
 * Settings: the backup wins. Sessions: the later updatedAt wins, its questions (sessionItems)
 * with it. Cards: the later last_review
 * wins (newest review wins). Attempts and review logs: both sides, once each by (item, time),
 * without numeric ids. Teacher key and assignments: the device's own row stays (a different
 * teacher key is reported by teacherKeyConflict). Results: both sides, once each by their dedupe
 * key. Received assignments: the device's row with the attempts of both sides. Own sets, their
 * entries and editor drafts: the later change wins. Reported problems: one per entry, the
 * later report wins. On a tie the
 * device's own row stays.
 */
export function mergeData(existing: BackupData, incoming: BackupData): BackupData {
	const sessions = unionBy(
		existing.sessions,
		incoming.sessions,
		(r) => r.id,
		keepIf((a, b) => updatedAt(a) > updatedAt(b))
	);
	// A session's questions come from the side whose session was kept, so the two always match.
	const incomingWon = new Set(
		asRows(incoming.sessions)
			.filter((r) => sessions.includes(r))
			.map((r) => r.id)
	);
	return {
		settings: unionBy(
			existing.settings,
			incoming.settings,
			(r) => r.key,
			(incoming) => incoming
		),
		sessions,
		sessionItems: unionBy(
			existing.sessionItems,
			incoming.sessionItems,
			(r) => r.id,
			(incoming, current) => (incomingWon.has(incoming.id) ? incoming : current)
		),
		attempts: unionHistory(
			existing.attempts,
			incoming.attempts,
			(r) => `${String(r.itemId)}\u0000${String(r.at)}`
		),
		cards: unionBy(
			existing.cards,
			incoming.cards,
			(r) => r.id,
			keepIf((a, b) => lastReview(a) > lastReview(b))
		),
		reviewLogs: unionHistory(
			existing.reviewLogs,
			incoming.reviewLogs,
			(r) => `${String(r.cardId)}\u0000${String(r.review)}`
		),
		teacherKeys: unionBy(
			existing.teacherKeys,
			incoming.teacherKeys,
			(r) => r.id,
			(_, current) => current
		),
		assignments: unionBy(
			existing.assignments,
			incoming.assignments,
			(r) => r.id,
			(_, current) => current
		),
		results: unionHistory(existing.results, incoming.results, (r) => String(r.dedupe)),
		received: unionBy(existing.received, incoming.received, (r) => r.id, mergeReceived),
		sets: unionBy(
			existing.sets,
			incoming.sets,
			(r) => r.id,
			keepIf((a, b) => updatedAt(a) > updatedAt(b))
		),
		setItems: unionBy(
			existing.setItems,
			incoming.setItems,
			(r) => r.id,
			keepIf((a, b) => updatedAt(a) > updatedAt(b))
		),
		setDrafts: unionBy(
			existing.setDrafts,
			incoming.setDrafts,
			(r) => r.id,
			keepIf((a, b) => savedAt(a) > savedAt(b))
		),
		reports: unionBy(
			existing.reports,
			incoming.reports,
			(r) => r.itemId,
			keepIf((a, b) => reportedAt(a) > reportedAt(b))
		)
	};
}

/**
 * True when the device and the backup each hold a teacher key under the same id but the keys
 * differ: a merge keeps the device's key, so result codes made for the backup's key stay unreadable.
 */
export function teacherKeyConflict(existing: BackupData, incoming: BackupData): boolean {
	const mine = new Map(asRows(existing.teacherKeys).map((r) => [r.id, canonicalJson(r.publicJwk)]));
	return asRows(incoming.teacherKeys).some((r) => {
		const key = mine.get(r.id);
		return key !== undefined && key !== canonicalJson(r.publicJwk);
	});
}
