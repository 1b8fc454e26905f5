import type { ItemType } from '../bank/schema';
import type { AnyItem } from '../bank/set';
import { parseCloze } from '../bank/cloze';
import {
	abbreviationForms,
	foldSpelling,
	NUMBER_WORD,
	readNumberRun,
	wordsToNumber
} from '../bank/answer-forms';

/** What a learner gave for one item; `type` matches the item's type. */
export type Answer =
	| { type: 'single'; choice: string }
	| { type: 'multi'; choices: string[] }
	| { type: 'truefalse'; value: boolean }
	| { type: 'cloze'; blanks: string[] }
	| { type: 'short'; text: string }
	| { type: 'numeric'; value: number | string }
	| { type: 'order'; order: string[] }
	| { type: 'match'; pairs: Record<string, string> };

/** The answer shape for one item type, e.g. AnswerFor<'multi'>. */
export type AnswerFor<T extends ItemType> = Extract<Answer, { type: T }>;

/** The outcome of scoring one answer. */
export interface ScoreResult {
	/** 0..1; partial credit for multi, cloze, order and match. */
	score: number;
	/** True only when score is exactly 1. */
	correct: boolean;
	/** 'close': a near miss in spelling, still scored as wrong. */
	hint?: 'close';
	/** Cloze: per blank; match: per pair in item order; order: per position. */
	detail?: boolean[];
	/** The correct answer, written for people. */
	expected: string;
}

const FOLD: Record<string, string> = {
	ß: 'ss',
	æ: 'ae',
	œ: 'oe',
	ø: 'o',
	đ: 'd',
	ð: 'd',
	þ: 'th',
	ł: 'l',
	ı: 'i'
};

// A thousands group only when every group after the first has exactly three digits,
// so '5,500' and '5 500' merge but '3,5' or '12 34' are left alone.
const DIGIT_GROUPS = /(?<![\d.,])\d{1,3}([, ])\d{3}(?:\1\d{3})*(?!\d|\1\d)/g;

/** Folds text for lenient matching: case, accents, punctuation, spaces, digit groups, articles. */
export function normalise(text: string): string {
	return (
		text
			.normalize('NFKD')
			.replace(/\p{M}+/gu, '')
			.toLowerCase()
			.replace(/[ßæœøđðþłı]/g, (c) => FOLD[c] ?? c)
			.replace(/\s+/g, ' ')
			.replace(DIGIT_GROUPS, (m) => m.replace(/[, ]/g, ''))
			.replace(/(\d),(?=\d)/g, '$1.')
			.replace(/&/g, ' and ')
			// Dropped outright so "U.S." = "us" and "don't" = "dont"; a decimal point carries meaning.
			.replace(/['’ʼ`´]|(?<!\d)\.|\.(?!\d)/g, '')
			.replace(/(?!\.)[\p{P}\p{S}]/gu, ' ')
			.replace(/\s+/g, ' ')
			.trim()
			.replace(/^(?:the|an|a) (?=\S)/, '')
	);
}

const MONTHS: Record<string, string> = {
	jan: 'january',
	feb: 'february',
	mar: 'march',
	apr: 'april',
	jun: 'june',
	jul: 'july',
	aug: 'august',
	sep: 'september',
	sept: 'september',
	oct: 'october',
	nov: 'november',
	dec: 'december'
};
const MONTH = String.raw`(?:january|february|march|april|may|june|july|august|september|october|november|december)`;
// "8th of december" and "8 december" → "december 8"; "december 8th" → "december 8".
const DAY_MONTH = new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)? (?:of )?(${MONTH})\b`, 'g');
const MONTH_DAY = new RegExp(String.raw`\b(${MONTH}) (\d{1,2})(?:st|nd|rd|th)\b`, 'g');

const ORDINALS = [
	'',
	'first',
	'second',
	'third',
	'fourth',
	'fifth',
	'sixth',
	'seventh',
	'eighth',
	'ninth',
	'tenth',
	'eleventh',
	'twelfth',
	'thirteenth',
	'fourteenth',
	'fifteenth',
	'sixteenth',
	'seventeenth',
	'eighteenth',
	'nineteenth',
	'twentieth'
];
function ordinalSuffix(n: number): string {
	const teen = n % 100 >= 11 && n % 100 <= 13;
	const last = n % 10;
	return `${n}${teen ? 'th' : last === 1 ? 'st' : last === 2 ? 'nd' : last === 3 ? 'rd' : 'th'}`;
}

// Honorifics and titles dropped before a name, optionally after a nationality: "US President".
const TITLES = new Set(
	(
		'president vice mr mrs ms miss mx dr prof professor sir dame lord lady premier chancellor ' +
		'chairman comrade king queen prince princess leader'
	).split(' ')
);
const NATIONALITIES = new Set('us usa american soviet russian former then late'.split(' '));

function dropTitles(tokens: string[]): string[] {
	let i = 0;
	if (NATIONALITIES.has(tokens[0] ?? '') && TITLES.has(tokens[1] ?? '')) i = 1;
	const start = i;
	while (TITLES.has(tokens[i] ?? '')) i++;
	// Only before a name: "secretary general" or "president of the us" stay as they are.
	if (i === start || i >= tokens.length || tokens[i] === 'of') return tokens;
	return tokens.slice(i);
}

/**
 * The comparison form of a typed answer, on top of {@link normalise}: titles and honorifics
 * before a name dropped ("President Ronald Reagan" = "Ronald Reagan"), dates in one form
 * ("8 December", "Dec. 8" and "the 8th of December" = "december 8"), ordinals as "8th" whether
 * written "eighth" or "8th", number words as digits ("thirty" = "30"), British spellings as
 * American ("defence" = "defense", "kilometres" = "kilometers") and every article dropped.
 */
export function canonical(text: string): string {
	let t = normalise(text)
		.split(' ')
		.map((w) => MONTHS[w] ?? w)
		.join(' ');
	t = t.replace(DAY_MONTH, '$2 $1').replace(MONTH_DAY, '$1 $2');
	const out: string[] = [];
	const tokens = t.split(' ').filter((w) => w !== '');
	for (let i = 0; i < tokens.length; i++) {
		const w = tokens[i] ?? '';
		const ordinal = ORDINALS.indexOf(w);
		if (ordinal > 0) {
			out.push(ordinalSuffix(ordinal));
			continue;
		}
		if (NUMBER_WORD.has(w)) {
			const run = readNumberRun(tokens, i);
			out.push(String(run?.value ?? w));
			i = (run?.end ?? i + 1) - 1;
			continue;
		}
		out.push(foldSpelling(w));
	}
	const bare = out.filter((w) => w !== 'the' && w !== 'a' && w !== 'an');
	const kept = bare.length > 0 ? bare : out;
	return dropTitles(kept).join(' ');
}

/** Longest run of tokens both lists end with. */
function commonTail(a: readonly string[], b: readonly string[]): number {
	let n = 0;
	while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
	return n;
}

/**
 * A coordinated pair with its shared head said once: "short range and medium range missiles" →
 * "short and medium range missiles", as "short- and medium-range missiles" reads once
 * normalised. Tokens with no such pair come back unchanged.
 */
export function factorPairs(tokens: readonly string[]): string[] {
	let t = [...tokens];
	for (let k = t.indexOf('and'); k > 0; k = t.indexOf('and', k + 1)) {
		const left = t.slice(0, k);
		const right = t.slice(k + 1);
		for (let j = 2; j <= right.length; j++) {
			const head = Math.min(commonTail(left, right.slice(0, j)), left.length - 1, j - 1);
			if (head < 1) continue;
			t = [...left.slice(0, left.length - head), 'and', ...right.slice(0, j)];
			t.push(...right.slice(j));
			break;
		}
	}
	return t;
}

/** The pair around each "and" the other way round, each side one to three words. */
function swappedPairs(tokens: readonly string[]): string[][] {
	const out: string[][] = [];
	tokens.forEach((w, k) => {
		if (w !== 'and') return;
		for (let a = 1; a <= Math.min(3, k); a++) {
			for (let b = 1; b <= Math.min(3, tokens.length - k - 1); b++) {
				const before = tokens.slice(0, k - a);
				const first = tokens.slice(k - a, k);
				const second = tokens.slice(k + 1, k + 1 + b);
				out.push([...before, ...second, 'and', ...first, ...tokens.slice(k + 1 + b)]);
			}
		}
	});
	return out;
}

/**
 * Every comparison form of a typed answer: its {@link canonical} form, and the same with a
 * parenthetical abbreviation left out or standing alone ("US Department of Defense (DoD)" =
 * "US Department of Defense" = "DoD"), a hyphenated word closed up ("non-proliferation" =
 * "nonproliferation") and a pair's shared head said once ("short-range and medium-range" =
 * "short and medium-range"). With `anyOrder`, a pair joined by "and" also counts the other way
 * round ("medium- and short-range"). An answer matches when its forms and the accepted ones meet.
 */
export function answerForms(text: string, anyOrder = false): string[] {
	const raws = new Set<string>();
	for (const form of abbreviationForms(text)) {
		raws.add(form);
		if (/\p{L}-\p{L}/u.test(form)) raws.add(form.replace(/(\p{L})-(?=\p{L})/gu, '$1'));
	}
	const forms = new Set<string>();
	for (const raw of raws) {
		const c = canonical(raw);
		if (c === '') continue;
		forms.add(c);
		const factored = factorPairs(c.split(' '));
		forms.add(factored.join(' '));
		if (anyOrder) for (const s of swappedPairs(factored)) forms.add(s.join(' '));
	}
	return [...forms];
}

/** Damerau–Levenshtein distance (optimal string alignment) between two strings, by code point. */
export function editDistance(a: string, b: string): number {
	if (a === b) return 0;
	const s = Array.from(a);
	const t = Array.from(b);
	if (s.length === 0) return t.length;
	if (t.length === 0) return s.length;
	let prevPrev = new Array<number>(t.length + 1).fill(0);
	let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
	let row = new Array<number>(t.length + 1).fill(0);
	for (let i = 1; i <= s.length; i++) {
		row[0] = i;
		for (let j = 1; j <= t.length; j++) {
			const cost = s[i - 1] === t[j - 1] ? 0 : 1;
			let d = Math.min(
				(prev[j] as number) + 1,
				(row[j - 1] as number) + 1,
				(prev[j - 1] as number) + cost
			);
			if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
				d = Math.min(d, (prevPrev[j - 2] as number) + 1);
			}
			row[j] = d;
		}
		[prevPrev, prev, row] = [prev, row, prevPrev];
	}
	return prev[t.length] as number;
}

function closeLimit(length: number): number {
	if (length <= 5) return 1;
	if (length <= 12) return 2;
	return 3;
}

type TextVerdict = 'right' | 'close' | 'wrong';

/** Compares typed text with accepted answers already in {@link answerForms} form. */
function judgeText(given: unknown, accepted: readonly string[]): TextVerdict {
	if (typeof given !== 'string') return 'wrong';
	const g = canonical(given);
	if (g === '') return 'wrong';
	if (answerForms(given).some((f) => accepted.includes(f))) return 'right';
	const glen = Array.from(g).length;
	for (const a of accepted) {
		// Numbers aren't spelled: "1988" for "1987", or "December 9" for "December 8", is wrong, not a typo.
		if (/^[\d. ]+$/.test(a) || g.replace(/\D/g, '') !== a.replace(/\D/g, '')) continue;
		const limit = closeLimit(Array.from(a).length);
		if (Math.abs(glen - Array.from(a).length) > limit) continue;
		if (editDistance(g, a) <= limit) return 'close';
	}
	return 'wrong';
}

function uniqueForms(texts: readonly string[], anyOrder: boolean | undefined): string[] {
	return [...new Set(texts.flatMap((t) => answerForms(t, anyOrder === true)))];
}

interface PreparedCloze {
	blanks: string[][];
	expected: string;
}

/**
 * The last one and two words before a blank, inside its clause: a student who retypes the word
 * in front of the blank ("nuclear strikes" for "means of nuclear ___") knows the answer, so the
 * blank takes its answers with those words in front as well. Nothing after a punctuation mark or
 * quotation mark counts, so a blank never swallows another clause.
 */
function leadWords(text: string): string[] {
	if (/[^\s]$/u.test(text)) return [];
	const clause = text.split(/[.,;:!?()“”"‘’]/u).pop() ?? '';
	const words = clause
		.trim()
		.split(/\s+/)
		.filter((w) => w !== '');
	const out: string[] = [];
	for (let n = 1; n <= Math.min(2, words.length); n++) out.push(words.slice(-n).join(' '));
	return out;
}

// Items are immutable bank data, so parsing and normalising once per item object is safe.
const clozeCache = new WeakMap<object, PreparedCloze>();
const shortCache = new WeakMap<object, string[]>();

function prepareCloze(item: Extract<AnyItem, { type: 'cloze' }>): PreparedCloze {
	let prepared = clozeCache.get(item);
	if (!prepared) {
		const { parts } = parseCloze(item.text);
		const blanks: string[][] = [];
		let expected = '';
		let before = '';
		for (const part of parts) {
			if (part.kind === 'blank') {
				const lead = leadWords(before);
				const withLead = part.answers.flatMap((a) => [a, ...lead.map((w) => `${w} ${a}`)]);
				blanks.push(uniqueForms(withLead, item.anyOrder));
				before = '';
				expected += part.answers[0] ?? '';
			} else {
				expected += part.text;
				before = part.text;
			}
		}
		prepared = { blanks, expected: expected.replace(/\s+/g, ' ').trim() };
		clozeCache.set(item, prepared);
	}
	return prepared;
}

function shortAccepted(item: Extract<AnyItem, { type: 'short' }>): string[] {
	let accepted = shortCache.get(item);
	if (!accepted) {
		accepted = uniqueForms([item.answer, ...(item.accept ?? [])], item.anyOrder);
		shortCache.set(item, accepted);
	}
	return accepted;
}

/** Reads a typed number ("5,500", "5 500", "5.500,5", "−3", "5500 km"); null if none. */
export function parseNumber(raw: number | string): number | null {
	if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
	if (typeof raw !== 'string') return null;
	const s = raw.normalize('NFKC').replace(/[\u2212\u2013]/g, '-');
	const m = /([-+]?)((?:\d|[.,]\d)[\d.,' ’]*)/.exec(s);
	if (!m) {
		// "thirty", "five thousand five hundred": the first run of number words, if any.
		const words = normalise(s).split(' ');
		const from = words.findIndex((w) => NUMBER_WORD.has(w));
		if (from < 0) return null;
		let to = from + 1;
		while (to < words.length && wordsToNumber(words.slice(from, to + 1)) !== null) to++;
		return wordsToNumber(words.slice(from, to));
	}
	const sign = m[1] === '-' ? -1 : 1;
	let t = (m[2] ?? '').replace(/[.,' ’]+$/, '');
	if (/[ '’]/.test(t)) {
		t = /^\d{1,3}(?:[ '’]\d{3})+(?:[.,]\d+)?$/.test(t)
			? t.replace(/[ '’]/g, '')
			: (t.split(/[ '’]/)[0] ?? '');
	}
	const lastDot = t.lastIndexOf('.');
	const lastComma = t.lastIndexOf(',');
	if (lastDot >= 0 && lastComma >= 0) {
		// Both marks present: whichever comes last is the decimal point.
		const [group, decimal] = lastDot > lastComma ? [',', '.'] : ['.', ','];
		t = t.split(group).join('').replace(decimal, '.');
	} else if (lastComma >= 0) {
		if (/^[1-9]\d{0,2}(?:,\d{3})+$/.test(t)) t = t.replace(/,/g, '');
		else if (/^\d*,\d+$/.test(t)) t = t.replace(',', '.');
		else return null;
	} else if (t.indexOf('.') !== lastDot) {
		if (/^\d{1,3}(?:\.\d{3})+$/.test(t)) t = t.replace(/\./g, '');
		else return null;
	}
	const n = Number(t);
	return t !== '' && Number.isFinite(n) ? sign * n : null;
}

function formatNumber(n: number): string {
	return String(n);
}

/**
 * What a typed answer may be, as the item's author wrote it: for a short answer one list (the
 * answer and its accepted variants), for a fill-in-the-blanks item one list per blank; null for
 * an item whose answer is not typed. Feedback shows it to a student whose answer was refused.
 */
export function acceptedAnswers(item: AnyItem): string[][] | null {
	if (item.type === 'short') return [[...new Set([item.answer, ...(item.accept ?? [])])]];
	if (item.type === 'cloze')
		return parseCloze(item.text).parts.flatMap((p) =>
			p.kind === 'blank' ? [[...new Set(p.answers.filter((a) => a.trim() !== ''))]] : []
		);
	return null;
}

/**
 * Whether the matcher takes `typed` as a full answer: the whole answer of a short item, or the
 * first blank of a fill-in-the-blanks item. The item-quality checker's `accepts` (lint/types.ts).
 */
export function acceptsTyped(item: AnyItem, typed: string): boolean {
	if (item.type === 'short') return scoreAnswer(item, { type: 'short', text: typed }).correct;
	if (item.type === 'cloze')
		return scoreAnswer(item, { type: 'cloze', blanks: [typed] }).detail?.[0] === true;
	return false;
}

/** The correct answer of an item, written for people. */
export function expectedText(item: AnyItem): string {
	switch (item.type) {
		case 'single':
		case 'short':
			return item.answer;
		case 'multi':
			return item.answers.join('; ');
		case 'truefalse':
			return item.answer ? 'True' : 'False';
		case 'cloze':
			return prepareCloze(item).expected;
		case 'numeric': {
			const unit = item.unit ? ` ${item.unit}` : '';
			const tol = item.tolerance ? ` (± ${formatNumber(item.tolerance)})` : '';
			return `${formatNumber(item.answer)}${unit}${tol}`;
		}
		case 'order':
			return item.items.join(' → ');
		case 'match':
			return item.pairs.map((p) => `${p.left} → ${p.right}`).join('; ');
	}
}

function result(score: number, expected: string, extra?: Partial<ScoreResult>): ScoreResult {
	const clamped = Math.min(1, Math.max(0, score));
	return { score: clamped, correct: clamped === 1, expected, ...extra };
}

function strings(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function scoreOrder(entries: readonly string[], given: string[]): ScoreResult {
	const expected = entries.join(' → ');
	// Repeated entry texts are matched to their occurrences in turn.
	const slots = new Map<string, number[]>();
	entries.forEach((e, i) => slots.set(e, [...(slots.get(e) ?? []), i]));
	const positions: number[] = [];
	for (const g of given) {
		const idx = slots.get(g)?.shift();
		if (idx !== undefined) positions.push(idx);
	}
	const n = entries.length;
	const total = (n * (n - 1)) / 2;
	let concordant = 0;
	for (let a = 0; a < positions.length; a++) {
		for (let b = a + 1; b < positions.length; b++) {
			if ((positions[a] as number) < (positions[b] as number)) concordant++;
		}
	}
	const detail = entries.map((e, i) => given[i] === e);
	const score = total === 0 ? (detail.every(Boolean) ? 1 : 0) : concordant / total;
	return result(score, expected, { detail });
}

/** Scores one answer (null = unanswered) against its item. */
export function scoreAnswer(item: AnyItem, answer: Answer | null): ScoreResult {
	const expected = expectedText(item);
	if (!answer || answer.type !== item.type) {
		if (item.type === 'cloze') {
			return result(0, expected, { detail: prepareCloze(item).blanks.map(() => false) });
		}
		if (item.type === 'match') return result(0, expected, { detail: item.pairs.map(() => false) });
		if (item.type === 'order') return result(0, expected, { detail: item.items.map(() => false) });
		return result(0, expected);
	}
	switch (item.type) {
		case 'single': {
			const a = answer as AnswerFor<'single'>;
			return result(a.choice === item.answer ? 1 : 0, expected);
		}
		case 'multi': {
			const picks = new Set(strings((answer as AnswerFor<'multi'>).choices));
			const right = new Set(item.answers);
			let score = 0;
			for (const p of picks) score += right.has(p) ? 1 : -1;
			return result(score / right.size, expected);
		}
		case 'truefalse': {
			const a = answer as AnswerFor<'truefalse'>;
			return result(a.value === item.answer ? 1 : 0, expected);
		}
		case 'cloze': {
			const { blanks } = prepareCloze(item);
			const given = (answer as AnswerFor<'cloze'>).blanks;
			const verdicts = blanks.map((accepted, i) =>
				judgeText(Array.isArray(given) ? given[i] : undefined, accepted)
			);
			const detail = verdicts.map((v) => v === 'right');
			const right = detail.filter(Boolean).length;
			const close = verdicts.includes('close');
			return result(blanks.length ? right / blanks.length : 0, expected, {
				detail,
				...(close ? { hint: 'close' as const } : {})
			});
		}
		case 'short': {
			const verdict = judgeText((answer as AnswerFor<'short'>).text, shortAccepted(item));
			return result(
				verdict === 'right' ? 1 : 0,
				expected,
				verdict === 'close' ? { hint: 'close' } : undefined
			);
		}
		case 'numeric': {
			const value = parseNumber((answer as AnswerFor<'numeric'>).value);
			if (value === null) return result(0, expected);
			// Absorbs float noise such as 0.1 + 0.2 so a tolerance boundary is inclusive.
			const slack = 1e-9 * Math.max(1, Math.abs(item.answer));
			const ok = Math.abs(value - item.answer) <= (item.tolerance ?? 0) + slack;
			return result(ok ? 1 : 0, expected);
		}
		case 'order':
			return scoreOrder(item.items, strings((answer as AnswerFor<'order'>).order));
		case 'match': {
			const pairs = (answer as AnswerFor<'match'>).pairs;
			const given: Record<string, unknown> = pairs && typeof pairs === 'object' ? pairs : {};
			const detail = item.pairs.map(
				(p) => Object.prototype.hasOwnProperty.call(given, p.left) && given[p.left] === p.right
			);
			return result(detail.filter(Boolean).length / item.pairs.length, expected, { detail });
		}
	}
}
