/**
 * cmi.suspend_data: where a SCORM 1.2 LMS keeps the player's progress between launches. SCORM
 * 1.2 allows 4,096 characters, so progress is written compactly (answers as places in the item,
 * not as text), deflated and base64url-encoded; what does not fit is said, never cut silently.
 */
import * as v from 'valibot';
import type { AnyItem } from '../../bank/set';
import type { Answer } from '../../engine/score';
import {
	DecodeError,
	deflateRaw,
	fromBase64Url,
	fromUtf8,
	inflateRaw,
	parseJson,
	toBase64Url,
	utf8
} from '../codec';

/** cmi.suspend_data's size in SCORM 1.2 (CMIString4096). */
export const SUSPEND_LIMIT = 4096;
/** The first characters of Quire's suspend data, naming its format. */
const PREFIX = 'Q1.';
const MAX_INFLATED = 256 * 1024;

/** An answer as kept: places in the item for choices, entries and pairs; text as typed. */
type Kept = number | boolean | string | (number | string)[];

/** The attempt under way. */
export interface CurrentAttempt {
	/** Place in the quiz shown. */
	position: number;
	/** Active ms so far. */
	activeMs: number;
	/** [place of the item in the quiz, its answer]. */
	answers: [number, Answer][];
	/** Places of flagged items. */
	flags: number[];
}

/** What the player keeps in the LMS between launches. */
export interface Progress {
	/** Attempts submitted. */
	done: number;
	/** The last submitted attempt's score, shown on a relaunch. */
	last: { percent: number; correct: number; max: number } | null;
	current: CurrentAttempt | null;
}

const Count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000));
const Wire = v.strictObject({
	d: Count,
	l: v.nullable(v.tuple([v.pipe(v.number(), v.minValue(0), v.maxValue(100)), Count, Count])),
	c: v.nullable(
		v.strictObject({
			p: Count,
			t: v.pipe(v.number(), v.minValue(0), v.maxValue(1e10)),
			a: v.array(
				v.tuple([
					Count,
					v.union([
						v.number(),
						v.boolean(),
						v.pipe(v.string(), v.maxLength(20_000)),
						v.array(v.union([v.number(), v.pipe(v.string(), v.maxLength(20_000))]))
					])
				])
			),
			f: v.array(Count)
		})
	)
});

/** An answer as kept in suspend data. */
export function keepAnswer(item: AnyItem, answer: Answer): Kept | null {
	switch (answer.type) {
		case 'single':
			return item.type === 'single' ? item.choices.indexOf(answer.choice) : null;
		case 'multi':
			return item.type === 'multi' ? answer.choices.map((c) => item.choices.indexOf(c)) : null;
		case 'truefalse':
			return answer.value;
		case 'short':
			return answer.text;
		case 'numeric':
			return typeof answer.value === 'number' ? answer.value : String(answer.value);
		case 'cloze':
			return [...answer.blanks];
		case 'order':
			return item.type === 'order' ? answer.order.map((e) => item.items.indexOf(e)) : null;
		case 'match': {
			if (item.type !== 'match') return null;
			const rights = item.pairs.map((p) => p.right);
			return item.pairs.map((p) => {
				const r = answer.pairs[p.left];
				return r === undefined ? -1 : rights.indexOf(r);
			});
		}
	}
}

const isIndex = (n: unknown, length: number): n is number =>
	typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < length;

/** A kept answer back as an Answer for its item; null when it does not fit the item. */
export function restoreAnswer(item: AnyItem, kept: Kept): Answer | null {
	switch (item.type) {
		case 'single':
			return isIndex(kept, item.choices.length)
				? { type: 'single', choice: item.choices[kept]! }
				: null;
		case 'multi':
			return Array.isArray(kept) && kept.every((n) => isIndex(n, item.choices.length))
				? { type: 'multi', choices: kept.map((n) => item.choices[n]!) }
				: null;
		case 'truefalse':
			return typeof kept === 'boolean' ? { type: 'truefalse', value: kept } : null;
		case 'short':
			return typeof kept === 'string' ? { type: 'short', text: kept } : null;
		case 'numeric':
			return typeof kept === 'number' || typeof kept === 'string'
				? { type: 'numeric', value: kept }
				: null;
		case 'cloze':
			return Array.isArray(kept) && kept.every((b) => typeof b === 'string')
				? { type: 'cloze', blanks: kept }
				: null;
		case 'order':
			return Array.isArray(kept) &&
				kept.length === item.items.length &&
				kept.every((n) => isIndex(n, item.items.length)) &&
				new Set(kept).size === kept.length
				? { type: 'order', order: kept.map((n) => item.items[n]!) }
				: null;
		case 'match': {
			if (!Array.isArray(kept) || kept.length !== item.pairs.length) return null;
			const pairs: Record<string, string> = {};
			for (const [i, p] of item.pairs.entries()) {
				const r = kept[i];
				if (r === -1) continue;
				if (!isIndex(r, item.pairs.length)) return null;
				pairs[p.left] = item.pairs[r]!.right;
			}
			return { type: 'match', pairs };
		}
	}
}

async function pack(wire: v.InferOutput<typeof Wire>): Promise<string> {
	return PREFIX + toBase64Url(await deflateRaw(utf8(JSON.stringify(wire))));
}

/** What encodeProgress wrote and how much of the attempt's answers it holds. */
export interface Encoded {
	text: string;
	/** Answers of the attempt under way written; fewer than given when the limit cut them. */
	kept: number;
}

/**
 * Progress as suspend data of at most `limit` characters (SCORM 1.2's 4,096). Answers of the
 * attempt under way are kept in quiz order; when they do not all fit, the later ones are left
 * out and `kept` says how many went in.
 */
export async function encodeProgress(
	p: Progress,
	items: readonly AnyItem[],
	limit = SUSPEND_LIMIT
): Promise<Encoded> {
	const answers = (p.current?.answers ?? [])
		.map(([i, a]): [number, Kept] | null => {
			const item = items[i];
			const kept = item ? keepAnswer(item, a) : null;
			return kept === null ? null : [i, kept];
		})
		.filter((x): x is [number, Kept] => x !== null)
		.sort((x, y) => x[0] - y[0]);
	const wire = (n: number): v.InferOutput<typeof Wire> => ({
		d: p.done,
		l: p.last ? [p.last.percent, p.last.correct, p.last.max] : null,
		c: p.current
			? {
					p: p.current.position,
					t: Math.round(p.current.activeMs),
					a: answers.slice(0, n),
					f: p.current.flags
				}
			: null
	});
	const whole = await pack(wire(answers.length));
	if (whole.length <= limit) return { text: whole, kept: answers.length };
	// The most answers that fit: compressed size grows with the answers kept.
	let best = await pack(wire(0));
	if (best.length > limit)
		throw new Error('Progress does not fit in suspend data even without answers.');
	let lo = 0;
	let hi = answers.length - 1;
	while (lo < hi) {
		const mid = Math.ceil((lo + hi) / 2);
		const text = await pack(wire(mid));
		if (text.length <= limit) {
			lo = mid;
			best = text;
		} else hi = mid - 1;
	}
	return { text: best, kept: lo };
}

/**
 * Reads suspend data back for the quiz's items. Empty text is no progress; anything that is not
 * Quire's progress for this quiz gives null (the player then starts afresh and says so).
 */
export async function decodeProgress(
	text: string,
	items: readonly AnyItem[]
): Promise<Progress | null> {
	if (text === '') return { done: 0, last: null, current: null };
	if (!text.startsWith(PREFIX)) return null;
	const bytes = fromBase64Url(text.slice(PREFIX.length));
	if (!bytes) return null;
	let json: string | null;
	try {
		json = fromUtf8(await inflateRaw(bytes, MAX_INFLATED));
	} catch (error) {
		if (error instanceof DecodeError) return null;
		throw error;
	}
	const parsed = v.safeParse(Wire, json === null ? undefined : parseJson(json));
	if (!parsed.success) return null;
	const w = parsed.output;
	let current: CurrentAttempt | null = null;
	if (w.c) {
		const answers: [number, Answer][] = [];
		for (const [i, kept] of w.c.a) {
			const item = items[i];
			const answer = item ? restoreAnswer(item, kept) : null;
			if (!answer) return null;
			answers.push([i, answer]);
		}
		if (w.c.p >= items.length || w.c.f.some((f) => f >= items.length)) return null;
		current = { position: w.c.p, activeMs: w.c.t, answers, flags: w.c.f };
	}
	return {
		done: w.d,
		last: w.l ? { percent: w.l[0], correct: w.l[1], max: w.l[2] } : null,
		current
	};
}
