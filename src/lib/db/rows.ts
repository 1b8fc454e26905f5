/**
 * Every row Quire stores, each defined once as a valibot schema with its TypeScript type derived
 * from it. The database's tables, the backup format, its import and every read use these.
 */
import * as v from 'valibot';
import { count, Duration, key, Share, text, Time } from '../engine/bounds';
import { CardRecordSchema, FittedParametersSchema, ReviewLogRecordSchema } from '../srs/records';
import { MAX_CODE, PrivateJwkSchema, PublicJwkSchema, StudentResultSchema } from '../teach/crypto';
import { AssignmentId, AssignmentSchema, MAX_TEXT } from '../teach/link';
import type { SessionState } from '../engine/session';
import {
	fromStoredSession,
	joinProblem,
	StoredAnswer,
	StoredSessionItems,
	StoredSessionProgress,
	toStoredItems,
	toStoredProgress,
	type Problem
} from './stored-session';
import type { TableName } from './tables';
import { DraftRowSchema, SetEntryRowSchema, SetRowSchema } from './set-rows';
import { ReportItemId, ReportNoteSchema, ReportReasonSchema } from '../engine/report';
import { MAX_FIELD_BYTES } from '../bank/set';

export { TABLES, type TableName } from './tables';

/**
 * Caps on stored text, in characters. Each row's schema caps its named fields: names and titles
 * 100 to 300 (a set or topic title 200, a class, student or quiz title 200, an article's title,
 * outlet, author and date 300), a report's note 500 and prompt 300, a set's description 2,000, a
 * typed answer 20,000, an own article 200,000 in all, an assignment link 410,000. Two caps hold
 * the rest, and every table: a setting's value (MAX_SETTING_VALUE), and any one string of any row
 * (MAX_STORED_STRING: an entry's prompt, choices, answers, explanation and quotes, an editor
 * draft's fields). A row over a cap is damaged: a backup holding one is refused, naming it.
 */
/** The longest setting value, as JSON: every setting is a word, a flag or a number. */
export const MAX_SETTING_VALUE = 10_000;
/** The longest string any stored row may hold: an entry's text, as set imports allow (1 MB). */
export const MAX_STORED_STRING = MAX_FIELD_BYTES;

/** The path of the first string longer than `max` in a value, or null when there is none. */
export function longString(value: unknown, max: number): string | null {
	const stack: [unknown, string][] = [[value, '']];
	while (stack.length) {
		const [x, path] = stack.pop()!;
		if (typeof x === 'string') {
			if (x.length > max) return path;
		} else if (typeof x === 'object' && x !== null) {
			for (const [k, y] of Object.entries(x)) stack.push([y, path ? `${path}.${k}` : k]);
		}
	}
	return null;
}

/** A row schema whose strings are each at most MAX_STORED_STRING characters. */
function capped<S extends v.GenericSchema>(schema: S) {
	return v.pipe(
		schema,
		v.rawCheck(({ dataset, addIssue }) => {
			if (!dataset.typed) return;
			const path = longString(dataset.value, MAX_STORED_STRING);
			if (path !== null)
				addIssue({ message: `${path}: must be at most ${MAX_STORED_STRING} characters` });
		})
	);
}

/** The length of a setting value as JSON, or null when it is not plain JSON. */
function jsonLength(value: unknown): number | null {
	try {
		return (JSON.stringify(value) ?? '').length;
	} catch {
		return null;
	}
}

/** Every setting Quire stores, each with its schema; a stored value that fails reads as the default. */
export const SETTING_SCHEMAS = {
	theme: v.picklist(['system', 'light', 'dark']),
	persistAsked: v.boolean(),
	/** New flashcards introduced per day. */
	newPerDay: count(9_999),
	/** Reviews shown per day. */
	reviewsPerDay: count(99_999),
	/** FSRS desired retention, 0.7–0.99. */
	retention: v.pipe(
		v.number(),
		v.minValue(0.7, 'must be 0.7 to 0.99'),
		v.maxValue(0.99, 'must be 0.7 to 0.99')
	),
	/** FSRS parameters fitted on /progress and applied; null schedules with ts-fsrs's defaults. */
	fsrsParameters: v.nullable(FittedParametersSchema)
} as const;

/** Every setting Quire stores, with its type. */
export type Settings = {
	-readonly [K in keyof typeof SETTING_SCHEMAS]: v.InferOutput<(typeof SETTING_SCHEMAS)[K]>;
};

function isSettingKey(k: string): k is keyof Settings {
	return Object.prototype.hasOwnProperty.call(SETTING_SCHEMAS, k);
}

/**
 * A row of the key/value settings table. A known key's value must fit its schema; keys this build
 * does not know (a later build's) are kept as they are and never read.
 */
export const SettingRowSchema = v.pipe(
	v.object({ key: key(100), value: v.optional(v.unknown()) }),
	v.rawCheck(({ dataset, addIssue }) => {
		if (!dataset.typed) return;
		const { key: k, value } = dataset.value;
		const length = jsonLength(value);
		if (length === null) return addIssue({ message: 'value is not plain JSON' });
		if (length > MAX_SETTING_VALUE)
			return addIssue({
				message: `value must be at most ${MAX_SETTING_VALUE} characters (it has ${length})`
			});
		if (!isSettingKey(k)) return;
		const parsed = v.safeParse(SETTING_SCHEMAS[k], value);
		if (!parsed.success) addIssue({ message: `${k} ${parsed.issues[0].message}` });
	})
);
export type SettingRow = v.InferOutput<typeof SettingRowSchema>;

/**
 * A quiz session, in progress or finished, in its stored shape: its changing part (`state`: the
 * answers, position, drafts and time), the row every save writes. Its fixed part, the quiz and
 * its questions, is its row of sessionItems (SessionItemsRowSchema).
 */
export const SessionRowSchema = v.pipe(
	v.object({
		id: key(200),
		status: v.picklist(['ready', 'active', 'submitted']),
		title: text(MAX_TEXT + 100),
		createdAt: Time,
		updatedAt: Time,
		state: StoredSessionProgress,
		/** Set when the session is an attempt at a teacher's assignment. */
		assignmentId: v.optional(AssignmentId),
		/** Counts the saves, so a tab can tell that another tab wrote the row since it read it. */
		rev: v.optional(count(Number.MAX_SAFE_INTEGER))
	}),
	v.check((r) => r.state.id === r.id, 'its state belongs to another session'),
	v.check((r) => r.state.status === r.status, 'its status disagrees with its state')
);
export type StoredSessionRow = v.InferOutput<typeof SessionRowSchema>;

/** A session's fixed part: its quiz and the questions as they were when it started, keyed by its id. */
export const SessionItemsRowSchema = StoredSessionItems;
export type SessionItemsRow = v.InferOutput<typeof SessionItemsRowSchema>;

/** One recorded answer to one item. */
export const AttemptRowSchema = v.object({
	id: v.optional(count(Number.MAX_SAFE_INTEGER)),
	sessionId: key(200),
	itemId: key(300),
	answer: v.nullable(StoredAnswer),
	score: Share,
	correct: v.boolean(),
	timeTakenMs: Duration,
	at: Time
});
export type AttemptRow = v.InferOutput<typeof AttemptRowSchema>;

/** A card's FSRS schedule. */
export const CardRowSchema = CardRecordSchema;
export type CardRow = v.InferOutput<typeof CardRowSchema>;

/** A review log row: ts-fsrs's log plus its card and source. */
export const ReviewLogRowSchema = v.object({
	...ReviewLogRecordSchema.entries,
	id: v.optional(count(Number.MAX_SAFE_INTEGER))
});
export type ReviewLogRow = v.InferOutput<typeof ReviewLogRowSchema>;

/** The teacher's ECDH key pair (one row, id 'teacher'). */
export const TeacherKeyRowSchema = v.pipe(
	v.object({
		id: key(50),
		publicJwk: PublicJwkSchema,
		privateJwk: PrivateJwkSchema,
		createdAt: Time
	}),
	v.check(
		(r) => r.publicJwk.x === r.privateJwk.x && r.publicJwk.y === r.privateJwk.y,
		'its two halves do not match'
	)
);
export type TeacherKeyRow = v.InferOutput<typeof TeacherKeyRowSchema>;

/** An assignment the teacher created: the link's payload and the link. */
export const AssignmentRowSchema = v.pipe(
	v.object({
		id: AssignmentId,
		createdAt: Time,
		payload: AssignmentSchema,
		// A link with own items and their article may be long (MAX_FRAGMENT_ITEMS in teach/link.ts).
		link: text(410_000)
	}),
	v.check((r) => r.payload.id === r.id, 'its payload is another assignment')
);
export type AssignmentRow = v.InferOutput<typeof AssignmentRowSchema>;

/** A student's decrypted result, imported by the teacher. `dedupe` makes re-imports no-ops. */
export const ResultRowSchema = v.pipe(
	v.object({
		id: v.optional(count(Number.MAX_SAFE_INTEGER)),
		assignmentId: AssignmentId,
		dedupe: key(1_000),
		student: text(MAX_TEXT),
		submittedAt: Time,
		importedAt: Time,
		result: StudentResultSchema
	}),
	v.check(
		(r) =>
			r.result.assignmentId === r.assignmentId &&
			r.result.student === r.student &&
			r.result.submittedAt === r.submittedAt,
		'its result belongs to another assignment, student or submission'
	)
);
export type ResultRow = v.InferOutput<typeof ResultRowSchema>;

/** One attempt at a received assignment. */
export const ReceivedAttemptSchema = v.object({
	sessionId: key(200),
	submittedAt: v.nullable(Time),
	code: v.nullable(text(MAX_CODE)),
	late: v.boolean()
});
export type ReceivedAttempt = v.InferOutput<typeof ReceivedAttemptSchema>;

/** An assignment a student opened from a link, with their name and attempts. */
export const ReceivedRowSchema = v.pipe(
	v.object({
		id: AssignmentId,
		openedAt: Time,
		student: key(MAX_TEXT),
		payload: AssignmentSchema,
		attempts: v.pipe(v.array(ReceivedAttemptSchema), v.maxLength(1_000))
	}),
	v.check((r) => r.payload.id === r.id, 'its payload is another assignment')
);
export type ReceivedRow = v.InferOutput<typeof ReceivedRowSchema>;

/** The most reports a device keeps: far more than one student makes, small enough to export. */
export const MAX_REPORTS = 5_000;

/** The longest prompt a report keeps of what it is about, in characters. */
export const MAX_REPORT_PROMPT = 300;

/**
 * A problem the student reported with a question or a flashcard: one per entry, a new report
 * replacing the old. `prompt` is the entry's text when reported, so the list in Settings reads
 * even after an own set is deleted or the bank changes.
 */
export const ReportRowSchema = v.object({
	itemId: ReportItemId,
	kind: v.picklist(['item', 'card'], 'must be item or card'),
	prompt: key(MAX_REPORT_PROMPT),
	reason: ReportReasonSchema,
	note: ReportNoteSchema,
	at: Time
});
export type ReportRow = v.InferOutput<typeof ReportRowSchema>;

/** Each table's row schema. */
export const ROW_SCHEMAS = {
	settings: capped(SettingRowSchema),
	sessions: capped(SessionRowSchema),
	sessionItems: capped(SessionItemsRowSchema),
	attempts: capped(AttemptRowSchema),
	cards: capped(CardRowSchema),
	reviewLogs: capped(ReviewLogRowSchema),
	teacherKeys: capped(TeacherKeyRowSchema),
	assignments: capped(AssignmentRowSchema),
	results: capped(ResultRowSchema),
	received: capped(ReceivedRowSchema),
	sets: capped(SetRowSchema),
	setItems: capped(SetEntryRowSchema),
	setDrafts: capped(DraftRowSchema),
	reports: capped(ReportRowSchema)
} as const satisfies Record<TableName, v.GenericSchema>;

/** Each table's stored row type. */
export type RowOf<T extends TableName> = v.InferOutput<(typeof ROW_SCHEMAS)[T]>;

/** Each table's primary key field. */
export const PRIMARY_KEYS: Record<TableName, string> = {
	settings: 'key',
	sessions: 'id',
	sessionItems: 'id',
	attempts: 'id',
	cards: 'id',
	reviewLogs: 'id',
	teacherKeys: 'id',
	assignments: 'id',
	results: 'id',
	received: 'id',
	sets: 'id',
	setItems: 'id',
	setDrafts: 'id',
	reports: 'itemId'
};

/** A quiz session as the app uses it: the stored row with the engine's state. */
export type SessionRow = Omit<StoredSessionRow, 'state'> & { state: SessionState };

/** A session row's changing part in its stored shape: the row every save writes. */
export function toStoredRow(row: SessionRow): StoredSessionRow {
	const out: StoredSessionRow = {
		id: row.id,
		status: row.status,
		title: row.title,
		createdAt: row.createdAt,
		updatedAt: row.updatedAt,
		state: toStoredProgress(row.state)
	};
	if (row.assignmentId !== undefined) out.assignmentId = row.assignmentId;
	if (row.rev !== undefined) out.rev = row.rev;
	return out;
}

/** A session row's fixed part in its stored shape: written once, when the session starts. */
export function toStoredItemsRow(row: SessionRow): SessionItemsRow {
	return toStoredItems(row.state);
}

/**
 * A checked stored session row joined with its checked fixed part, as the app uses it; or where
 * the two disagree (the path is the row's: "state.answers.q1").
 */
export function joinStoredRow(
	row: StoredSessionRow,
	items: SessionItemsRow
): { ok: true; row: SessionRow } | { ok: false; problem: Problem } {
	const problem = joinProblem(items, row.state);
	if (problem) return { ok: false, problem: { ...problem, path: `state.${problem.path}` } };
	const out: SessionRow = {
		id: row.id,
		status: row.status,
		title: row.title,
		createdAt: row.createdAt,
		updatedAt: row.updatedAt,
		state: fromStoredSession(items, row.state)
	};
	if (row.assignmentId !== undefined) out.assignmentId = row.assignmentId;
	if (row.rev !== undefined) out.rev = row.rev;
	return { ok: true, row: out };
}
