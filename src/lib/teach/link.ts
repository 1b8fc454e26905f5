/** Assignment links: an assignment packed into a URL fragment, so it travels without a server. */
import * as v from 'valibot';
import { Id } from '../bank/schema';
import { Time } from '../engine/bounds';
import {
	checkSetEntry,
	SetArticle,
	SetItem,
	type SetArticleT,
	type SetQuizItem
} from '../bank/set';
import {
	DecodeError,
	deflateRaw,
	isCryptoRefusal,
	fromBase64Url,
	fromUtf8,
	inflateRaw,
	parseJson,
	toBase64Url,
	utf8
} from './codec';
import { MAX_ATTEMPTS, MAX_ITEMS, MAX_PASS_MARK, MAX_TEXT, MAX_TIME_LIMIT_MIN } from './limits';

/** The link format this version writes; it is the fragment's first character. */
export const LINK_VERSION = '1';
/** The format of a link that carries a teacher's own items: version 1 plus the items. */
export const LINK_VERSION_ITEMS = '2';
export { MAX_ITEMS, MAX_TEXT } from './limits';
// Generous for 200 long ids, yet small enough that a hostile link can't cost much to inspect.
const MAX_FRAGMENT = 32_000;
const MAX_JSON_BYTES = 64 * 1024;
// A link with items carries their text: larger limits, still bounded so a hostile link is cheap.
const MAX_FRAGMENT_ITEMS = 400_000;
const MAX_JSON_BYTES_ITEMS = 2 * 1024 * 1024;

/** What decodeAssignment gives: the assignment, or one sentence saying what is wrong. */
export type DecodedAssignment = { ok: true; assignment: Assignment } | { ok: false; error: string };

/** Letters, digits, '-' and '_': safe in URLs, file names and database keys. */
export const AssignmentId = v.pipe(
	v.string(),
	v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, hyphens or underscores')
);

const Coordinate = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/, 'is not a P-256 coordinate'));

function text(what: string, required: boolean) {
	return v.pipe(
		v.string(),
		v.maxLength(MAX_TEXT, `The ${what} in this link is longer than ${MAX_TEXT} characters.`),
		v.check((s) => !required || /\S/.test(s), `The ${what} in this link is empty.`)
	);
}

/**
 * An assignment as the teacher made it; the whole of it travels in the link. Validates a decoded
 * link and an assignment read back from storage.
 */
export const AssignmentSchema = v.strictObject({
	v: v.literal(1),
	/** Short random id chosen by the caller: letters, digits, '-' and '_'. */
	id: AssignmentId,
	/** The bank's content hash when the assignment was made. */
	bank: v.pipe(v.string(), v.regex(/^[0-9a-f]{1,64}$/, 'is not a bank version')),
	title: text('title', true),
	className: text('class name', false),
	itemIds: v.pipe(
		v.array(v.pipe(Id, v.maxLength(100))),
		v.minLength(1, 'This link has no questions in it.'),
		v.maxLength(
			MAX_ITEMS,
			`This link has more than ${MAX_ITEMS} questions, more than an assignment may hold.`
		),
		v.check((ids) => new Set(ids).size === ids.length, 'This link lists a question twice.')
	),
	mode: v.picklist(['practice', 'test']),
	timeLimitMin: v.nullable(
		v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_TIME_LIMIT_MIN))
	),
	/** Due time in ms since the epoch. */
	due: v.nullable(Time),
	maxAttempts: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_ATTEMPTS))),
	shuffle: v.boolean(),
	/** Percent needed to pass, 0..100. */
	passMark: v.pipe(v.number(), v.minValue(0), v.maxValue(MAX_PASS_MARK)),
	seed: text('seed', true),
	/** The teacher's ECDH P-256 public key; only kty, crv, x and y are kept. */
	teacherKey: v.strictObject({
		kty: v.literal('EC'),
		crv: v.literal('P-256'),
		x: Coordinate,
		y: Coordinate
	}),
	createdAt: Time,
	items: v.optional(
		v.pipe(
			v.array(SetItem),
			v.maxLength(MAX_ITEMS, `This link carries more than ${MAX_ITEMS} questions.`)
		)
	),
	/**
	 * The article the own items cite, when their set was drafted from a text the teacher brought,
	 * so "Show in article" works for the student. Only with `items`; bounded by SetArticle.
	 */
	article: v.optional(SetArticle)
});

/** An assignment, as AssignmentSchema checks it. */
export type Assignment = v.InferOutput<typeof AssignmentSchema>;

/** An assignment about to be encoded: any JWK of the teacher, of which only the public part travels. */
export type AssignmentInput = Omit<Assignment, 'teacherKey'> & { teacherKey: JsonWebKey };

const FIELDS: Record<string, string> = {
	v: 'format version',
	id: 'assignment id',
	bank: 'question bank version',
	title: 'title',
	className: 'class name',
	itemIds: 'question list',
	mode: 'mode',
	timeLimitMin: 'time limit',
	due: 'due date',
	maxAttempts: 'attempt limit',
	shuffle: 'shuffle setting',
	passMark: 'pass mark',
	seed: 'seed',
	teacherKey: "teacher's key",
	createdAt: 'creation date',
	items: "teacher's own questions",
	article: 'article'
};

/** One sentence for the first valibot issue; messages already written as sentences pass through. */
export function issueSentence(
	issues: readonly v.BaseIssue<unknown>[],
	what: string,
	fields: Record<string, string>,
	advice: string
): string {
	const issue = issues[0];
	if (!issue) return `${what} is not valid. ${advice}`;
	if (/^[A-Z].*\.$/.test(issue.message)) return `${issue.message} ${advice}`;
	const key = issue.path?.[0]?.key;
	const field = typeof key === 'string' ? (fields[key] ?? key) : 'contents';
	return `${what} has an invalid ${field} (${issue.message}). ${advice}`;
}

type Wire = [
	v: number,
	id: string,
	bank: string,
	title: string,
	className: string,
	itemIds: string[],
	mode: 0 | 1,
	timeLimitMin: number | null,
	due: number | null,
	maxAttempts: number | null,
	shuffle: 0 | 1,
	passMark: number,
	seed: string,
	x: string,
	y: string,
	createdAt: number,
	items?: Record<string, unknown>[],
	article?: SetArticleT
];

/** An item without the fields its schema fills in by default, to keep links short. */
function compact(item: SetQuizItem): Record<string, unknown> {
	const out: Record<string, unknown> = { ...item };
	if (item.tags.length === 0) delete out.tags;
	if (item.type === 'short' && item.accept.length === 0) delete out.accept;
	if (item.type === 'numeric' && item.tolerance === 0) delete out.tolerance;
	return out;
}

// A positional array instead of named keys saves about 100 characters per link.
function toWire(a: v.InferOutput<typeof AssignmentSchema>): Wire {
	const wire: Wire = [
		1,
		a.id,
		a.bank,
		a.title,
		a.className,
		a.itemIds,
		a.mode === 'test' ? 1 : 0,
		a.timeLimitMin,
		a.due,
		a.maxAttempts,
		a.shuffle ? 1 : 0,
		a.passMark,
		a.seed,
		a.teacherKey.x,
		a.teacherKey.y,
		a.createdAt
	];
	if (a.items?.length) {
		wire[0] = 2;
		wire.push(a.items.map(compact));
		if (a.article) wire.push(a.article);
	}
	return wire;
}

function fromWire(w: unknown[]): Record<string, unknown> {
	const [, id, bank, title, className, itemIds, mode, timeLimitMin, due, maxAttempts] = w;
	const [shuffle, passMark, seed, x, y, createdAt, items, article] = w.slice(10);
	// Unknown codes pass through unchanged so the schema names them in its error.
	return {
		...(w[0] === 2 ? { items } : {}),
		...(w[0] === 2 && w.length === 18 ? { article } : {}),
		v: 1,
		id,
		bank,
		title,
		className,
		itemIds,
		mode: mode === 0 ? 'practice' : mode === 1 ? 'test' : mode,
		timeLimitMin,
		due,
		maxAttempts,
		shuffle: shuffle === 0 ? false : shuffle === 1 ? true : shuffle,
		passMark,
		seed,
		teacherKey: { kty: 'EC', crv: 'P-256', x, y },
		createdAt
	};
}

/** Packs an assignment into a link fragment; throws if the assignment itself is invalid. */
export async function encodeAssignment(a: AssignmentInput): Promise<string> {
	// Copying only the public coordinates keeps a private key (d) out of the link by construction.
	const { kty, crv, x, y } = a.teacherKey;
	const parsed = v.safeParse(AssignmentSchema, { ...a, teacherKey: { kty, crv, x, y } });
	if (!parsed.success) {
		throw new Error(issueSentence(parsed.issues, 'This assignment', FIELDS, '').trim());
	}
	const own = parsed.output.items ?? [];
	if (parsed.output.article && own.length === 0)
		throw new Error('An article travels only with the questions that cite it.');
	const problem = ownItemsProblem(parsed.output.itemIds, own, new Set(), parsed.output.article);
	if (problem) throw new Error(problem);
	const packed = await deflateRaw(utf8(JSON.stringify(toWire(parsed.output))));
	return (own.length ? LINK_VERSION_ITEMS : LINK_VERSION) + toBase64Url(packed);
}

const ASK = 'Ask your teacher for a new link.';
const DAMAGED =
	'This link is damaged or incomplete. Check that you copied all of it, or ask your teacher for a new one.';

const NEWER =
	'This link was made by a newer version of Quire. Update Quire, then open the link again.';

function fail(error: string): DecodedAssignment {
	return { ok: false, error };
}

async function isPublicKey(jwk: JsonWebKey): Promise<boolean> {
	try {
		await crypto.subtle.importKey('jwk', jwk, { name: 'ECDH', namedCurve: 'P-256' }, true, []);
		return true;
	} catch (error) {
		if (isCryptoRefusal(error)) return false;
		throw error;
	}
}

/**
 * Reads a link fragment (with or without '#', or a whole link). Every way a link can be wrong
 * gives `{ ok: false, error }`; an exception means a bug in Quire and is not hidden.
 */
export async function decodeAssignment(
	fragment: string,
	bankVersion: string,
	knownIds: ReadonlySet<string>
): Promise<DecodedAssignment> {
	const raw = typeof fragment === 'string' ? fragment : '';
	const hash = raw.indexOf('#');
	// Mail and chat apps wrap long links across lines, so whitespace is dropped, not refused.
	const text = (hash >= 0 ? raw.slice(hash + 1) : raw).replace(
		/[\s\u200b-\u200d\u2060\ufeff]/g,
		''
	);
	if (text === '') {
		return fail('This link has no assignment in it. Check that you copied all of it.');
	}
	const version = text.charAt(0);
	const withItems = version === LINK_VERSION_ITEMS;
	if (text.length > (withItems ? MAX_FRAGMENT_ITEMS : MAX_FRAGMENT)) {
		return fail(`This link is too long to be a Quire assignment. ${ASK}`);
	}
	// Later formats will count up; any other first character means damage, not age.
	if (version !== LINK_VERSION && !withItems) {
		return fail(version > LINK_VERSION_ITEMS && version <= '9' ? NEWER : DAMAGED);
	}
	const body = text.slice(1);
	if (/[^A-Za-z0-9_-]/.test(body)) {
		return fail(
			"This link contains characters that don't belong in an assignment link. Check that you copied all of it, or ask your teacher for a new one."
		);
	}
	const bytes = fromBase64Url(body);
	if (!bytes || bytes.length === 0) return fail(DAMAGED);
	let inflated: Uint8Array;
	try {
		inflated = await inflateRaw(bytes, withItems ? MAX_JSON_BYTES_ITEMS : MAX_JSON_BYTES);
	} catch (error) {
		if (error instanceof DecodeError) return fail(DAMAGED);
		throw error;
	}
	const json = fromUtf8(inflated);
	const wire = json === null ? undefined : parseJson(json);
	if (!Array.isArray(wire)) return fail(DAMAGED);
	if (typeof wire[0] === 'number' && wire[0] > 2) return fail(NEWER);
	const wireVersion = withItems ? 2 : 1;
	const lengthOk = withItems ? wire.length === 17 || wire.length === 18 : wire.length === 16;
	if (wire[0] !== wireVersion || !lengthOk) return fail(DAMAGED);
	const parsed = v.safeParse(AssignmentSchema, fromWire(wire));
	if (!parsed.success) {
		return fail(issueSentence(parsed.issues, 'This link', FIELDS, ASK));
	}
	const assignment: Assignment = parsed.output;
	const own = assignment.items ?? [];
	const ownProblem = ownItemsProblem(assignment.itemIds, own, knownIds, assignment.article);
	if (ownProblem) return fail(`${ownProblem} ${ASK}`);
	const embedded = new Set(own.map((i) => i.id));
	const builtIn = assignment.itemIds.filter((id) => !embedded.has(id));
	// The bank only matters for the built-in questions an assignment names.
	if (builtIn.length > 0 && assignment.bank !== bankVersion) {
		return fail(
			`This assignment was made with a different version of the question bank (${assignment.bank}; this copy of Quire has ${bankVersion}). Ask your teacher for a new link, or update Quire.`
		);
	}
	const missing = builtIn.filter((id) => !knownIds.has(id));
	if (missing.length > 0) {
		const listed = missing.slice(0, 3).join(', ') + (missing.length > 3 ? ', …' : '');
		return fail(
			`This assignment asks for ${missing.length === 1 ? 'a question' : `${missing.length} questions`} that this question bank doesn't have (${listed}). Ask your teacher for a new link, or update Quire.`
		);
	}
	if (!(await isPublicKey(assignment.teacherKey))) {
		return fail(`The teacher's key in this link is damaged, so results could not be sent. ${ASK}`);
	}
	return { ok: true, assignment };
}

/** The full link students open: the payload rides in the fragment, which never reaches a server. */
export function assignmentUrl(origin: string, encoded: string): string {
	return `${origin.replace(/\/+$/, '')}/a#${encoded}`;
}

/**
 * What is wrong with the own items a link carries, or '': each is listed in itemIds once, none
 * takes the id of a built-in question, and each keeps the rules the bank's items keep (quoting
 * the article word for word, when the link carries one).
 */
function ownItemsProblem(
	itemIds: readonly string[],
	items: readonly SetQuizItem[],
	knownIds: ReadonlySet<string>,
	article?: SetArticleT
): string {
	const listed = new Set(itemIds);
	const paragraphs = article ? article.paragraphs : null;
	const seen = new Set<string>();
	for (const item of items) {
		if (!listed.has(item.id) || seen.has(item.id))
			return 'This link carries a question it does not list, or one twice.';
		if (knownIds.has(item.id))
			return 'This link carries a question that would replace a built-in one.';
		seen.add(item.id);
		// With the article, every quote is checked word for word against its paragraph. Editorial
		// advice (a prompt that gives the answer away) does not stop a question a teacher imported.
		const checked = checkSetEntry('item', item, paragraphs, false, true);
		if (!checked.entry) {
			const p = checked.problems.find((x) => !x.editorial);
			return `A question in this link is not valid (${p ? `${p.path.join('.')}: ${p.message}` : 'invalid'}).`;
		}
	}
	return '';
}
