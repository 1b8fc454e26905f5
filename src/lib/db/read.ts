/** Reading rows back: every row is checked against its schema; a damaged one is named, never used. */
import * as v from 'valibot';
import {
	joinStoredRow,
	PRIMARY_KEYS,
	ROW_SCHEMAS,
	type RowOf,
	type SessionItemsRow,
	type SessionRow,
	type TableName
} from './rows';

/** A row that failed its schema: which table, which row, and what is wrong. */
export interface DamagedRow {
	table: TableName;
	/** The row's key as text, or its position when it has none. */
	key: string;
	/** The first problem, with the field's path: "payload.title: must be at most 200 characters". */
	problem: string;
}

/** Thrown when a row read by key is damaged; lists skip damaged rows and report them instead. */
export class DamagedRowError extends Error {
	constructor(readonly damaged: DamagedRow) {
		super(describeDamaged(damaged));
		this.name = 'DamagedRowError';
	}
}

const NOUNS: Record<TableName, string> = {
	settings: 'setting',
	sessions: 'saved quiz',
	sessionItems: "saved quiz's questions",
	attempts: 'recorded answer',
	cards: 'review card',
	reviewLogs: 'review log entry',
	teacherKeys: 'teacher key',
	assignments: 'assignment you created',
	results: 'imported result',
	received: 'assignment you received',
	sets: 'question set',
	setItems: 'question of a set',
	setDrafts: 'editor draft',
	reports: 'reported problem'
};

/** A value shown inside a message: short, on one line. */
function brief(value: unknown): string {
	const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
	const line = text.replace(/\s+/g, ' ');
	return line.length > 40 ? `${line.slice(0, 39)}…` : line;
}

/** The first valibot issue as "path: message". */
export function issueText(issues: readonly v.BaseIssue<unknown>[]): string {
	const issue = issues[0];
	if (!issue) return 'is not valid';
	const path = v.getDotPath(issue);
	return path ? `${path}: ${issue.message}` : issue.message;
}

/** The key a row is named by in messages. */
export function rowKey(table: TableName, raw: unknown, index?: number): string {
	const key =
		raw && typeof raw === 'object'
			? (raw as Record<string, unknown>)[PRIMARY_KEYS[table]]
			: undefined;
	if (key === undefined || key === null) return index === undefined ? '(no key)' : `#${index}`;
	return brief(key);
}

/** One sentence about a damaged row, for the screen that could not use it. */
export function describeDamaged(d: DamagedRow): string {
	return `The ${NOUNS[d.table]} “${d.key}” stored on this device is damaged (${d.problem}), so it is left out. Import a backup or reset progress in Settings to clear it.`;
}

/** Checks one row read from `table`. */
export function checkRow<T extends TableName>(
	table: T,
	raw: unknown
): { ok: true; row: RowOf<T> } | { ok: false; damaged: DamagedRow } {
	const schema = ROW_SCHEMAS[table] as v.GenericSchema<unknown, RowOf<T>>;
	const parsed = v.safeParse(schema, raw, { abortEarly: true });
	if (parsed.success) return { ok: true, row: parsed.output };
	return {
		ok: false,
		damaged: { table, key: rowKey(table, raw), problem: issueText(parsed.issues) }
	};
}

/** One row read by key: the checked row, undefined when absent; throws DamagedRowError. */
export function readRow<T extends TableName>(table: T, raw: unknown): RowOf<T> | undefined {
	if (raw === undefined) return undefined;
	const checked = checkRow(table, raw);
	if (!checked.ok) throw new DamagedRowError(checked.damaged);
	return checked.row;
}

/** Rows that passed, in order, and the ones that did not. */
export interface Checked<T> {
	rows: T[];
	damaged: DamagedRow[];
}

/** Checks a list of rows read from `table`: the good ones, and the damaged ones named. */
export function readRows<T extends TableName>(
	table: T,
	raws: readonly unknown[]
): Checked<RowOf<T>> {
	const rows: RowOf<T>[] = [];
	const damaged: DamagedRow[] = [];
	for (const raw of raws) {
		const checked = checkRow(table, raw);
		if (checked.ok) rows.push(checked.row);
		else damaged.push(checked.damaged);
	}
	return { rows, damaged };
}

/** Thrown instead of storing a row that would not read back: a bug, named, never written. */
export class InvalidRowError extends Error {
	constructor(readonly invalid: DamagedRow) {
		super(
			`Quire refused to store a ${NOUNS[invalid.table]} that is not valid (${invalid.problem}).`
		);
		this.name = 'InvalidRowError';
	}
}

/** A row about to be written, checked against its schema; throws InvalidRowError. */
export function forWrite<T extends TableName>(table: T, row: RowOf<T>): RowOf<T> {
	const checked = checkRow(table, row);
	if (!checked.ok) throw new InvalidRowError(checked.damaged);
	return checked.row;
}

/** A session's fixed part as a read found it: checked already (kept from an earlier read) or raw. */
export type ItemsRead = { checked: SessionItemsRow } | { raw: unknown };

/**
 * A session as stored, in two rows: its row (the changing part) and its fixed part, each checked,
 * then joined and checked against each other. A problem in either names the session.
 */
export function checkSession(
	raw: unknown,
	items: ItemsRead
): { ok: true; row: SessionRow; items: SessionItemsRow } | { ok: false; damaged: DamagedRow } {
	const checked = checkRow('sessions', raw);
	if (!checked.ok) return checked;
	const named = (problem: string) => ({
		ok: false as const,
		damaged: { table: 'sessions' as const, key: rowKey('sessions', raw), problem }
	});
	let fixed: SessionItemsRow;
	if ('checked' in items) fixed = items.checked;
	else if (items.raw === undefined) return named('its questions are missing');
	else {
		const part = checkRow('sessionItems', items.raw);
		if (!part.ok) return named(`its questions: ${part.damaged.problem}`);
		fixed = part.row;
	}
	const joined = joinStoredRow(checked.row, fixed);
	if (!joined.ok) return named(`${joined.problem.path}: ${joined.problem.message}`);
	return { ok: true, row: joined.row, items: fixed };
}
