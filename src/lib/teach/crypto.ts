/** Result codes: a student's result sealed so only the assignment's teacher can read it. */
import * as v from 'valibot';
import { Id } from '../bank/schema';
import { answerSchema, type Answer } from '../engine/answer';
import { ITEM_KINDS } from '../engine/types';
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
import { Duration, Time } from '../engine/bounds';
import { ResultReportSchema, type ResultReport } from '../engine/report';
import { AssignmentId, MAX_ITEMS, MAX_TEXT, issueSentence } from './link';

/** The result-code format this version writes, as it appears in the prefix. */
export const RESULT_VERSION = '1';
/** Every result code starts with this; ':' never occurs in base64url, so codes split cleanly. */
export const RESULT_PREFIX = `Q${RESULT_VERSION}:`;

const CURVE: EcKeyImportParams = { name: 'ECDH', namedCurve: 'P-256' };
const POINT_BYTES = 65;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const INFO = 'quire result code v1';
/** The longest result code accepted, in characters. */
export const MAX_CODE = 200_000;
const MAX_JSON_BYTES = 1024 * 1024;
const MAX_ANSWER_TEXT = 2000;
const MAX_ANSWER_PARTS = 100;

/** One answered (or skipped) question in a student's result. */
export interface ResultAnswer {
	itemId: string;
	answer: Answer | null;
	/** 0..1 as the student's device scored it; the teacher can re-score from `answer`. */
	score: number;
	timeMs: number;
}

/** What a student sends back for one attempt at an assignment. */
export interface StudentResult {
	v: 1;
	assignmentId: string;
	/** The name the student typed. */
	student: string;
	answers: ResultAnswer[];
	startedAt: number;
	submittedAt: number;
	late: boolean;
	/** 1 for the first attempt. */
	attempt: number;
	/** Problems the student reported on the assignment's items, one per item; older codes lack it. */
	reports?: ResultReport[];
	/**
	 * When the reports in this code were last changed after submitting: a later code for the same
	 * attempt replaces an earlier one's reports. Absent on a code made at submission.
	 */
	revisedAt?: number;
}

/** What decryptResult gives: the result, or one sentence saying what is wrong. */
export type DecryptedResult = { ok: true; result: StudentResult } | { ok: false; error: string };

/** Validates an Answer inside a result code. */
export const AnswerSchema = answerSchema(MAX_ANSWER_TEXT, MAX_ANSWER_PARTS);

/** Validates a decrypted StudentResult, e.g. one read back from storage. */
export const StudentResultSchema = v.strictObject({
	v: v.literal(1),
	assignmentId: AssignmentId,
	student: v.pipe(
		v.string(),
		v.maxLength(MAX_TEXT, `The student's name is longer than ${MAX_TEXT} characters.`),
		v.check((s) => /\S/.test(s), "The student's name is empty.")
	),
	answers: v.pipe(
		v.array(
			v.strictObject({
				itemId: v.pipe(Id, v.maxLength(100)),
				answer: v.nullable(AnswerSchema),
				score: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
				timeMs: v.pipe(Duration, v.integer())
			})
		),
		v.maxLength(MAX_ITEMS, `The result has more than ${MAX_ITEMS} answers.`)
	),
	startedAt: Time,
	submittedAt: Time,
	late: v.boolean(),
	attempt: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000)),
	reports: v.optional(
		v.pipe(
			v.array(ResultReportSchema),
			v.maxLength(MAX_ITEMS, `The result has more than ${MAX_ITEMS} reported problems.`),
			v.check(
				(list) => new Set(list.map((r) => r.itemId)).size === list.length,
				'The result reports a problem with one question twice.'
			)
		)
	),
	revisedAt: v.optional(Time)
});

// Both directions: the schema checks exactly the StudentResult shape, Answer union included.
const _fits: (r: v.InferOutput<typeof StudentResultSchema>) => StudentResult = (r) => r;
const _covers: (r: StudentResult) => v.InferInput<typeof StudentResultSchema> = (r) => r;
void _fits;
void _covers;

const FIELDS: Record<string, string> = {
	v: 'format version',
	assignmentId: 'assignment id',
	student: "student's name",
	answers: 'list of answers',
	startedAt: 'start time',
	submittedAt: 'submission time',
	late: 'late flag',
	attempt: 'attempt number',
	reports: 'reported problems',
	revisedAt: 'revision time'
};

// Each answer's one field (its type's module names it), so an answer travels as [type, value]
// without repeating key names.
const ANSWER_FIELD = Object.fromEntries(
	Object.values(ITEM_KINDS).map((k) => [k.type, k.field])
) as Record<Answer['type'], string>;

type WireAnswer = [itemId: string, answer: [string, unknown] | null, score: number, timeMs: number];
type WireReport = [itemId: string, reason: string, note: string];
// Reports ride as a ninth element only when there are some, so a code without them is exactly
// what earlier versions wrote and read; a revised code adds its revision time as a tenth (with the
// reports, possibly none, as the ninth).
type Wire = [
	v: 1,
	assignmentId: string,
	student: string,
	answers: WireAnswer[],
	startedAt: number,
	submittedAt: number,
	late: 0 | 1,
	attempt: number,
	reports?: WireReport[],
	revisedAt?: number
];

function toWire(r: StudentResult): Wire {
	const wire: Wire = [
		1,
		r.assignmentId,
		r.student,
		r.answers.map((a) => [
			a.itemId,
			a.answer && [
				a.answer.type,
				(a.answer as Record<string, unknown>)[ANSWER_FIELD[a.answer.type]]
			],
			a.score,
			a.timeMs
		]),
		r.startedAt,
		r.submittedAt,
		r.late ? 1 : 0,
		r.attempt
	];
	if (r.reports?.length || r.revisedAt !== undefined)
		wire.push((r.reports ?? []).map((x) => [x.itemId, x.reason, x.note]));
	if (r.revisedAt !== undefined) wire.push(r.revisedAt);
	return wire;
}

/** Array.isArray, narrowing to unknown[] rather than any[]. */
function isList(x: unknown): x is unknown[] {
	return Array.isArray(x);
}

function answerFromWire(a: unknown): unknown {
	if (!isList(a) || a.length !== 2 || typeof a[0] !== 'string') return a;
	const field = Object.prototype.hasOwnProperty.call(ANSWER_FIELD, a[0])
		? ANSWER_FIELD[a[0] as Answer['type']]
		: 'value';
	// An unknown type still becomes an object, so the schema names it in its error.
	return { type: a[0], [field]: a[1] };
}

function fromWire(w: unknown[]): unknown {
	const [
		,
		assignmentId,
		student,
		answers,
		startedAt,
		submittedAt,
		late,
		attempt,
		reports,
		revisedAt
	] = w;
	const out: Record<string, unknown> = {
		v: 1,
		assignmentId,
		student,
		answers: isList(answers)
			? answers.map((a) =>
					isList(a) && a.length === 4
						? { itemId: a[0], answer: answerFromWire(a[1]), score: a[2], timeMs: a[3] }
						: a
				)
			: answers,
		startedAt,
		submittedAt,
		late: late === 0 ? false : late === 1 ? true : late,
		attempt
	};
	if (w.length > 8)
		out.reports = isList(reports)
			? reports.map((x) =>
					isList(x) && x.length === 3 ? { itemId: x[0], reason: x[1], note: x[2] } : x
				)
			: reports;
	if (w.length > 9) out.revisedAt = revisedAt;
	return out;
}

// Imports are cached per key object: a teacher pasting 30 codes imports their key once.
const publicKeys = new WeakMap<JsonWebKey, Promise<CryptoKey>>();
const privateKeys = new WeakMap<JsonWebKey, Promise<CryptoKey>>();

function importPublic(jwk: JsonWebKey): Promise<CryptoKey> {
	let key = publicKeys.get(jwk);
	if (!key) {
		const { kty, crv, x, y } = jwk;
		key = crypto.subtle.importKey('jwk', { kty, crv, x, y }, CURVE, true, []);
		publicKeys.set(jwk, key);
	}
	return key;
}

function importPrivate(jwk: JsonWebKey): Promise<CryptoKey> {
	let key = privateKeys.get(jwk);
	if (!key) {
		// key_ops and ext from older exports could clash with the usage asked for here.
		const { kty, crv, x, y, d } = jwk;
		key = crypto.subtle.importKey('jwk', { kty, crv, x, y, d }, CURVE, false, ['deriveBits']);
		privateKeys.set(jwk, key);
	}
	return key;
}

const Coordinate = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/, 'is not a P-256 coordinate'));

/** A teacher's P-256 public key as a JWK. WebCrypto's `ext` and `key_ops` may ride along. */
export const PublicJwkSchema = v.looseObject({
	kty: v.literal('EC'),
	crv: v.literal('P-256'),
	x: Coordinate,
	y: Coordinate
});
/** A teacher's P-256 private key as a JWK. */
export const PrivateJwkSchema = v.looseObject({ ...PublicJwkSchema.entries, d: Coordinate });

export type PublicJwk = v.InferOutput<typeof PublicJwkSchema>;
export type PrivateJwk = v.InferOutput<typeof PrivateJwkSchema>;

/** A new teacher key pair, extractable so it can go into the backup. */
export async function generateTeacherKeys(): Promise<{
	publicJwk: PublicJwk;
	privateJwk: PrivateJwk;
}> {
	const pair = await crypto.subtle.generateKey(CURVE, true, ['deriveBits']);
	const pub = await crypto.subtle.exportKey('jwk', pair.publicKey);
	const priv = await crypto.subtle.exportKey('jwk', pair.privateKey);
	return {
		publicJwk: v.parse(PublicJwkSchema, { kty: pub.kty, crv: pub.crv, x: pub.x, y: pub.y }),
		privateJwk: v.parse(PrivateJwkSchema, {
			kty: priv.kty,
			crv: priv.crv,
			x: priv.x,
			y: priv.y,
			d: priv.d
		})
	};
}

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}

// HKDF binds both public keys, so a key derived for one pairing can't be replayed for another.
async function aesKey(
	shared: ArrayBuffer,
	ephemeralRaw: Uint8Array,
	teacherRaw: Uint8Array,
	usage: KeyUsage
): Promise<CryptoKey> {
	const ikm = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
	return crypto.subtle.deriveKey(
		{
			name: 'HKDF',
			hash: 'SHA-256',
			salt: new Uint8Array(0),
			info: concat(utf8(INFO), ephemeralRaw, teacherRaw)
		},
		ikm,
		{ name: 'AES-GCM', length: 256 },
		false,
		[usage]
	);
}

function rawPoint(jwk: JsonWebKey): Uint8Array | null {
	const x = fromBase64Url(jwk.x ?? '');
	const y = fromBase64Url(jwk.y ?? '');
	return x?.length === 32 && y?.length === 32 ? concat(new Uint8Array([4]), x, y) : null;
}

function clean(r: StudentResult): unknown {
	return {
		...r,
		answers: r.answers.map((a) => ({
			...a,
			// Rounded so sub-millisecond timer noise neither fails validation nor lengthens the code.
			timeMs: Math.max(0, Math.round(a.timeMs)),
			answer:
				a.answer?.type === 'numeric' &&
				typeof a.answer.value === 'number' &&
				!Number.isFinite(a.answer.value)
					? { type: 'numeric', value: String(a.answer.value) }
					: a.answer
		}))
	};
}

/** Seals a result for the teacher whose public key the link carries; throws if it is invalid. */
export async function encryptResult(
	result: StudentResult,
	teacherPublicJwk: JsonWebKey
): Promise<string> {
	const parsed = v.safeParse(StudentResultSchema, clean(result));
	if (!parsed.success) {
		throw new Error(issueSentence(parsed.issues, 'This result', FIELDS, '').trim());
	}
	return seal(toWire(parsed.output), teacherPublicJwk);
}

/**
 * Seals any JSON as a result code, unchecked: what a student could forge by hand. For tests that
 * show a forged code is refused on import; the app seals only through encryptResult.
 */
export function sealUnchecked(wire: unknown, teacherPublicJwk: JsonWebKey): Promise<string> {
	return seal(wire, teacherPublicJwk);
}

async function seal(wire: unknown, teacherPublicJwk: JsonWebKey): Promise<string> {
	const teacherRaw = rawPoint(teacherPublicJwk);
	if (!teacherRaw) throw new Error("The teacher's key is not a P-256 public key.");
	const teacherKey = await importPublic(teacherPublicJwk);
	const plain = await deflateRaw(utf8(JSON.stringify(wire)));
	const ephemeral = await crypto.subtle.generateKey(CURVE, true, ['deriveBits']);
	const ephemeralRaw = new Uint8Array(await crypto.subtle.exportKey('raw', ephemeral.publicKey));
	const shared = await crypto.subtle.deriveBits(
		{ name: 'ECDH', public: teacherKey },
		ephemeral.privateKey,
		256
	);
	const key = await aesKey(shared, ephemeralRaw, teacherRaw, 'encrypt');
	const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
	const sealed = await crypto.subtle.encrypt(
		{ name: 'AES-GCM', iv, additionalData: utf8(RESULT_PREFIX) as Uint8Array<ArrayBuffer> },
		key,
		plain as Uint8Array<ArrayBuffer>
	);
	return RESULT_PREFIX + toBase64Url(concat(ephemeralRaw, iv, new Uint8Array(sealed)));
}

const COPY = 'Check that it was copied completely, or ask the student to send it again.';
const CHANGED = `This code was made for another teacher's assignment or has been changed. ${COPY}`;

function fail(error: string): DecryptedResult {
	return { ok: false, error };
}

/**
 * Opens a result code with the teacher's private key, ignoring pasted whitespace. Every way a
 * code can be wrong gives `{ ok: false, error }`; an exception means a bug and is not hidden.
 */
export async function decryptResult(
	code: string,
	teacherPrivateJwk: JsonWebKey
): Promise<DecryptedResult> {
	// Chat and mail apps wrap long codes and slip in invisible characters.
	const text = (typeof code === 'string' ? code : '').replace(/[\s\u200b-\u200d\u2060\ufeff]/g, '');
	if (text === '') return fail('There is no result code here: paste the code the student sent.');
	if (text.length > MAX_CODE) return fail(`This is too long to be a Quire result code. ${COPY}`);
	const prefix = /^Q(\d+):/.exec(text);
	if (!prefix) {
		return fail(`This isn't a Quire result code: result codes start with “${RESULT_PREFIX}”.`);
	}
	if (prefix[1] !== RESULT_VERSION) {
		return fail(
			'This result code was made by a different version of Quire. Update Quire on both devices, then try again.'
		);
	}
	const body = text.slice(prefix[0].length);
	if (/[^A-Za-z0-9_-]/.test(body)) {
		return fail(`This result code contains characters that don't belong in it. ${COPY}`);
	}
	const bytes = fromBase64Url(body);
	if (!bytes || bytes.length <= POINT_BYTES + IV_BYTES + TAG_BYTES) {
		return fail(`This result code is incomplete. ${COPY}`);
	}
	let privateKey: CryptoKey;
	try {
		privateKey = await importPrivate(teacherPrivateJwk);
	} catch (error) {
		if (!isCryptoRefusal(error)) throw error;
		return fail("Your teacher key can't be used on this device. Restore it from your backup.");
	}
	const teacherRaw = rawPoint(teacherPrivateJwk);
	if (!teacherRaw) {
		return fail("Your teacher key can't be used on this device. Restore it from your backup.");
	}
	const ephemeralRaw = bytes.slice(0, POINT_BYTES);
	const iv = bytes.slice(POINT_BYTES, POINT_BYTES + IV_BYTES);
	const sealed = bytes.slice(POINT_BYTES + IV_BYTES);
	let plain: Uint8Array;
	try {
		const ephemeral = await crypto.subtle.importKey('raw', ephemeralRaw, CURVE, false, []);
		const shared = await crypto.subtle.deriveBits(
			{ name: 'ECDH', public: ephemeral },
			privateKey,
			256
		);
		const key = await aesKey(shared, ephemeralRaw, teacherRaw, 'decrypt');
		plain = new Uint8Array(
			await crypto.subtle.decrypt(
				{ name: 'AES-GCM', iv, additionalData: utf8(RESULT_PREFIX) as Uint8Array<ArrayBuffer> },
				key,
				sealed
			)
		);
	} catch (error) {
		// A wrong key and a changed byte look the same to AES-GCM: the tag doesn't match. A point
		// off the curve is refused by the key import the same way.
		if (!isCryptoRefusal(error)) throw error;
		return fail(CHANGED);
	}
	// Past this point the bytes are exactly what some Quire sealed, so failures mean a format clash.
	const incompatible =
		'This result code was made by a version of Quire that this one cannot read. Update Quire on both devices, then try again.';
	let inflated: Uint8Array;
	try {
		inflated = await inflateRaw(plain, MAX_JSON_BYTES);
	} catch (error) {
		if (error instanceof DecodeError) return fail(incompatible);
		throw error;
	}
	const json = fromUtf8(inflated);
	const wire = json === null ? undefined : parseJson(json);
	if (!Array.isArray(wire) || wire[0] !== 1 || wire.length < 8 || wire.length > 10)
		return fail(incompatible);
	const parsed = v.safeParse(StudentResultSchema, fromWire(wire));
	if (!parsed.success) {
		return fail(
			issueSentence(parsed.issues, 'This result code', FIELDS, 'Ask the student to submit again.')
		);
	}
	return { ok: true, result: parsed.output };
}
