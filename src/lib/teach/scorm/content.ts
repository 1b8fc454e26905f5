/**
 * What a SCORM package carries besides the player: the quiz (its items and rules) as the player
 * reads it from `set.js`. Checked by the player when it starts, as any file Quire reads.
 */
import * as v from 'valibot';
import { SetItem, type AnyItem } from '../../bank/set';
import { Time } from '../../engine/bounds';
import { AssignmentId, type Assignment } from '../link';
import { MAX_ATTEMPTS, MAX_ITEMS, MAX_PASS_MARK, MAX_TEXT, MAX_TIME_LIMIT_MIN } from '../limits';

/** The file the player loads the quiz from: a classic script, so it loads from a file: URL too. */
export const CONTENT_FILE = 'set.js';
/** The global `set.js` assigns the quiz to. */
export const CONTENT_GLOBAL = 'QUIRE_SCORM_CONTENT';
/** Most questions a package holds: an assignment's limit. */
export const MAX_SCORM_ITEMS = MAX_ITEMS;

const Title = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(MAX_TEXT));

/** The quiz a package holds, as the player reads it. */
export const ScormContent = v.strictObject({
	format: v.literal('quire-scorm'),
	v: v.literal(1),
	title: Title,
	className: v.pipe(v.string(), v.maxLength(MAX_TEXT)),
	mode: v.picklist(['practice', 'test']),
	timeLimitMin: v.nullable(
		v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_TIME_LIMIT_MIN))
	),
	maxAttempts: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_ATTEMPTS))),
	/** Percent needed to pass; null: no pass mark, the LMS is told "completed". */
	passMark: v.nullable(v.pipe(v.number(), v.minValue(0), v.maxValue(MAX_PASS_MARK))),
	shuffle: v.boolean(),
	seed: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_TEXT)),
	items: v.pipe(
		v.array(SetItem),
		v.minLength(1, 'The package has no questions.'),
		v.maxLength(MAX_SCORM_ITEMS),
		v.check(
			(items) => new Set(items.map((i) => i.id)).size === items.length,
			'lists a question twice'
		)
	),
	/**
	 * An assignment's id, due date and the teacher's public key: outside an LMS, the student
	 * gets a result code the teacher imports, as from a link. Absent for a set.
	 */
	assignment: v.optional(
		v.strictObject({
			id: AssignmentId,
			due: v.nullable(Time),
			teacherKey: v.strictObject({
				kty: v.literal('EC'),
				crv: v.literal('P-256'),
				x: v.string(),
				y: v.string()
			})
		})
	)
});

/** The quiz a package holds. */
export type ScormContentT = v.InferOutput<typeof ScormContent>;

/**
 * An assignment's package content: its items in its order (built-in ones looked up in `items`,
 * its own from the link), its rules, and what a result code needs.
 */
export function contentFromAssignment(
	a: Assignment,
	builtIn: readonly AnyItem[]
): { ok: true; content: ScormContentT } | { ok: false; reason: string } {
	const byId = new Map<string, AnyItem>([...builtIn, ...(a.items ?? [])].map((i) => [i.id, i]));
	const items: AnyItem[] = [];
	for (const id of a.itemIds) {
		const item = byId.get(id);
		if (!item)
			return {
				ok: false,
				reason: `The question ${id} of this assignment is not in this copy of Quire's bank.`
			};
		items.push(item);
	}
	return {
		ok: true,
		content: {
			format: 'quire-scorm',
			v: 1,
			title: a.title,
			className: a.className,
			mode: a.mode,
			timeLimitMin: a.timeLimitMin,
			maxAttempts: a.maxAttempts,
			passMark: a.passMark,
			shuffle: a.shuffle,
			seed: a.seed,
			items: items,
			assignment: { id: a.id, due: a.due, teacherKey: a.teacherKey }
		}
	};
}

/** Options for a set's package (the CLI's --title, --pass-mark, --attempts). */
export interface SetPackageOptions {
	title: string;
	passMark?: number | null;
	maxAttempts?: number | null;
	mode?: 'practice' | 'test';
	timeLimitMin?: number | null;
	seed: string;
}

/** A set's package content: every question (flashcards stay out), a test by default. */
export function contentFromSet(
	items: readonly AnyItem[],
	o: SetPackageOptions
): { ok: true; content: ScormContentT } | { ok: false; reason: string } {
	if (items.length === 0)
		return { ok: false, reason: 'This set has no questions to put in a package.' };
	if (items.length > MAX_SCORM_ITEMS)
		return {
			ok: false,
			reason: `A package holds up to ${MAX_SCORM_ITEMS} questions and this set has ${items.length}: assign a part of it from Teach and download that assignment's package.`
		};
	const content: ScormContentT = {
		format: 'quire-scorm',
		v: 1,
		title: o.title.trim().slice(0, MAX_TEXT) || 'Quire quiz',
		className: '',
		mode: o.mode ?? 'test',
		timeLimitMin: o.timeLimitMin ?? null,
		maxAttempts: o.maxAttempts ?? null,
		passMark: o.passMark ?? null,
		shuffle: true,
		seed: o.seed,
		items: items as ScormContentT['items']
	};
	const checked = v.safeParse(ScormContent, content);
	if (!checked.success) return { ok: false, reason: contentProblem(checked.issues) };
	return { ok: true, content: checked.output };
}

/** One sentence for the first problem valibot found in a package's content. */
export function contentProblem(issues: readonly v.BaseIssue<unknown>[]): string {
	const issue = issues[0];
	if (!issue) return 'The quiz in this package is not valid.';
	const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
	return `The quiz in this package is not valid${path ? ` (${path}: ${issue.message})` : ` (${issue.message})`}.`;
}

/**
 * `set.js`: the content as a script assigning one global. JSON is a JavaScript expression; `<`
 * is escaped so the file reads the same wherever it is pasted.
 */
export function contentScript(content: ScormContentT): string {
	const json = JSON.stringify(content).replace(/</g, '\\u003c');
	return `globalThis.${CONTENT_GLOBAL} = ${json};\n`;
}

/** Reads the content `set.js` left in the global; the quiz or one sentence saying what is wrong. */
export function readContent(
	value: unknown
): { ok: true; content: ScormContentT } | { ok: false; reason: string } {
	if (value === undefined)
		return { ok: false, reason: `The package's quiz (${CONTENT_FILE}) did not load.` };
	const checked = v.safeParse(ScormContent, value);
	return checked.success
		? { ok: true, content: checked.output }
		: { ok: false, reason: contentProblem(checked.issues) };
}
