/**
 * The shape of an entry that comes from outside the article (a GIFT, Aiken, Quizlet, Anki, CSV or
 * set file), and the one function, `toBankItem`, that turns a parser's draft into it.
 *
 * Everything this module assumes about the bank schema lives here, so adapting imports to a new
 * schema is a change to this file only:
 * - Each item type keeps every field of its schema in `../schema.ts` (`SingleItem` … `MatchItem`,
 *   `Flashcard`), with the same rules.
 * - `paragraph` and `source` (the quote) are optional: an outside entry has no article to cite.
 *   Both are kept when the input carries them (Quire's own exports do).
 * - `explanation` is optional: most outside formats have no place for it.
 * - `voice` ('fact' | 'claim' | 'prediction') is required, as in the bank; entries that do not
 *   say get `IMPORT_DEFAULTS.voice`. `level` is optional (the bank requires it of its own entries).
 * - `topic` and `difficulty` stay required; entries that do not say get the defaults below.
 */
import * as v from 'valibot';
import { parseCloze } from '../cloze.ts';
import {
	ClozeItem,
	Flashcard,
	ITEM_TYPES,
	VOICES,
	type Voice,
	MatchItem,
	MultiItem,
	NumericItem,
	OrderItem,
	ShortItem,
	SingleItem,
	TrueFalseItem,
	type FlashcardT,
	type ItemType,
	type QuizItem
} from '../schema.ts';
import { OWN_FIELDS } from '../set.ts';
import { gradingProblems } from '../grading.ts';
import { formatBytes, utf8Bytes } from './text.ts';

export { VOICES, type Voice };

/** A topic met in the input (a GIFT $CATEGORY, an Anki deck, a set file's topic list). */
export interface TopicRef {
	id: string;
	title: string;
}

/** What an imported entry gets when its file does not say. The only place these are chosen. */
export const IMPORT_DEFAULTS = {
	voice: 'fact' as Voice,
	topic: 'general',
	topicTitle: 'General',
	difficulty: 2 as 1 | 2 | 3
};

/** Fields an outside entry may lack, or must add: the same as an own set's entry. */
const Outside = OWN_FIELDS;

export const ImportedSingle = v.strictObject({ ...SingleItem.entries, ...Outside });
export const ImportedMulti = v.strictObject({ ...MultiItem.entries, ...Outside });
export const ImportedTrueFalse = v.strictObject({ ...TrueFalseItem.entries, ...Outside });
export const ImportedCloze = v.strictObject({ ...ClozeItem.entries, ...Outside });
export const ImportedShort = v.strictObject({ ...ShortItem.entries, ...Outside });
export const ImportedNumeric = v.strictObject({ ...NumericItem.entries, ...Outside });
export const ImportedOrder = v.strictObject({ ...OrderItem.entries, ...Outside });
export const ImportedMatch = v.strictObject({ ...MatchItem.entries, ...Outside });

/** A quiz item from outside the article. */
export const ImportedItemSchema = v.variant('type', [
	ImportedSingle,
	ImportedMulti,
	ImportedTrueFalse,
	ImportedCloze,
	ImportedShort,
	ImportedNumeric,
	ImportedOrder,
	ImportedMatch
]);

/** A flashcard from outside the article. */
export const ImportedFlashcardSchema = v.strictObject({ ...Flashcard.entries, ...Outside });

export type ImportedItem = v.InferOutput<typeof ImportedItemSchema>;
export type ImportedFlashcard = v.InferOutput<typeof ImportedFlashcardSchema>;

/** Anything an exporter takes: built-in bank entries or imported ones. */
export type ExportItem = QuizItem | ImportedItem;
export type ExportFlashcard = FlashcardT | ImportedFlashcard;

/** A set of entries to export. */
export interface ExportSet {
	title?: string;
	topics?: readonly TopicRef[];
	items: readonly ExportItem[];
	flashcards: readonly ExportFlashcard[];
}

/** What a parser hands over: a quiz item or flashcard (`type: 'flashcard'`), fields not yet checked. */
export interface Draft {
	type: ItemType | 'flashcard';
	[field: string]: unknown;
}

export type BankEntry =
	{ kind: 'item'; item: ImportedItem } | { kind: 'flashcard'; flashcard: ImportedFlashcard };

/** The entry, or every reason it was refused (field path first, e.g. "choices[2]: must not be empty"). */
export type ToBankResult = { ok: true; entry: BankEntry } | { ok: false; errors: string[] };

/**
 * Turns a parser's draft into an item or flashcard of the imported shape: fills the defaults for
 * what the file did not say, checks field sizes, validates against the schema and checks the
 * rules the engine relies on (the answer is a choice, no duplicate choices, pairs or entries).
 */
export function toBankItem(draft: Draft, maxFieldBytes: number): ToBankResult {
	const type = draft.type;
	const raw: Record<string, unknown> = {
		voice: IMPORT_DEFAULTS.voice,
		topic: IMPORT_DEFAULTS.topic,
		difficulty: IMPORT_DEFAULTS.difficulty
	};
	for (const k in draft) {
		const value = draft[k];
		if (k !== 'type' && value !== undefined) raw[k] = value;
	}
	if (type !== 'flashcard') raw.type = type;

	const big = oversized(raw, maxFieldBytes);
	if (big.length > 0) return { ok: false, errors: big };

	const result =
		type === 'flashcard'
			? v.safeParse(ImportedFlashcardSchema, raw)
			: v.safeParse(ImportedItemSchema, raw);
	if (!result.success) return { ok: false, errors: result.issues.map(describeIssue) };
	if (type === 'flashcard') {
		return {
			ok: true,
			entry: { kind: 'flashcard', flashcard: result.output as ImportedFlashcard }
		};
	}
	const item = result.output as ImportedItem;
	const errors = checkRules(item);
	return errors.length > 0 ? { ok: false, errors } : { ok: true, entry: { kind: 'item', item } };
}

/** Every text field larger than the limit, by path. */
function oversized(raw: Record<string, unknown>, max: number): string[] {
	const errors: string[] = [];
	const visit = (value: unknown, path: string) => {
		if (typeof value === 'string') {
			// A UTF-8 byte is at most one UTF-16 unit, so short strings need no counting.
			if (value.length * 3 <= max) return;
			const bytes = utf8Bytes(value);
			if (bytes > max) {
				const size = formatBytes(bytes) === formatBytes(max) ? '' : ` (${formatBytes(bytes)})`;
				errors.push(
					`${path}: is larger than ${formatBytes(max)}${size}, the most a single field may hold`
				);
			}
		} else if (Array.isArray(value)) {
			value.forEach((x, i) => visit(x, `${path}[${i}]`));
		} else if (typeof value === 'object' && value !== null) {
			const o = value as Record<string, unknown>;
			for (const k in o) visit(o[k], path ? `${path}.${k}` : k);
		}
	};
	visit(raw, '');
	return errors;
}

function issuePath(issue: v.BaseIssue<unknown>): string {
	return (issue.path ?? [])
		.map((p, i) =>
			typeof p.key === 'number' ? `[${p.key}]` : i === 0 ? String(p.key) : `.${String(p.key)}`
		)
		.join('');
}

/** A short message for a schema issue: "choices: needs at least 2 choices". */
function describeIssue(issue: v.BaseIssue<unknown>): string {
	const path = issuePath(issue);
	let message = issue.message;
	if (issue.type === 'variant')
		message = `${JSON.stringify(issue.input)} is not one of ${ITEM_TYPES.join(', ')}`;
	else if (issue.type === 'strict_object' && issue.expected === 'never') message = 'unknown field';
	else if (issue.input === undefined && issue.kind === 'schema') message = 'is required';
	else if (message.startsWith('Invalid ')) {
		const m = /^Invalid (?:type|length|value): Expected (.*) but received (.*)$/s.exec(message);
		if (m) message = `expected ${m[1]}, received ${m[2]}`;
	}
	return path ? `${path}: ${message}` : message;
}

/** Same entry for the engine: trimmed, case-insensitive, runs of white space as one space. */
function key(s: string): string {
	const t = s.trim().toLowerCase();
	return /\s\s|[^\S ]/.test(t) ? t.replace(/\s+/g, ' ') : t;
}

function duplicates(entries: readonly string[], what: string): string[] {
	const seen = new Map<string, number>();
	const errors: string[] = [];
	entries.forEach((e, i) => {
		const first = seen.get(key(e));
		if (first === undefined) seen.set(key(e), i);
		else errors.push(`${what}[${i}]: "${e}" is the same as ${what}[${first}]`);
	});
	return errors;
}

/** The structural rules of validate.ts that the engine relies on (editorial rules are not imposed). */
function checkRules(item: ImportedItem): string[] {
	return [
		...gradingProblems(item).map((p) => `${p.path.join('.')}: ${p.message}`),
		...typeRules(item)
	];
}

function typeRules(item: ImportedItem): string[] {
	switch (item.type) {
		case 'single':
			return [
				...(item.choices.includes(item.answer)
					? []
					: [`answer: "${item.answer}" is not one of the choices`]),
				...duplicates(item.choices, 'choices')
			];
		case 'multi': {
			const errors = [
				...item.answers
					.filter((a) => !item.choices.includes(a))
					.map((a) => `answers: "${a}" is not one of the choices`),
				...duplicates(item.choices, 'choices'),
				...duplicates(item.answers, 'answers')
			];
			if (item.choices.every((c) => item.answers.includes(c)))
				errors.push('answers: every choice is right; at least one choice must be wrong');
			return errors;
		}
		case 'order':
			return duplicates(item.items, 'items');
		case 'match':
			return [
				...duplicates(
					item.pairs.map((p) => p.left),
					'left'
				),
				...duplicates(
					item.pairs.map((p) => p.right),
					'right'
				)
			];
		case 'cloze':
			return checkCloze(item.text);
		case 'numeric':
			return Number.isFinite(item.answer) && Number.isFinite(item.tolerance)
				? []
				: ['answer: must be a finite number'];
		default:
			return [];
	}
}

function checkCloze(text: string): string[] {
	const errors: string[] = [];
	const { parts } = parseCloze(text);
	const outside = parts.map((p) => (p.kind === 'text' ? p.text : '')).join('');
	if (/[{}]/.test(outside))
		errors.push('text: a brace outside a blank; blanks are {{answer|variant}}');
	let n = 0;
	for (const part of parts) {
		if (part.kind !== 'blank') continue;
		n++;
		if (part.answers.some((a) => a === '')) errors.push(`text: blank ${n} has an empty answer`);
	}
	return errors;
}

/** The instruction a cloze gets when its file gives none: "Fill in the blank(s)." by blank count. */
export function defaultClozePrompt(text: string): string {
	const blanks = parseCloze(text).parts.filter((p) => p.kind === 'blank').length;
	return blanks === 1 ? 'Fill in the blank.' : 'Fill in the blanks.';
}

/** A cloze blank for a list of answers; null when an answer cannot be written inside {{…}}. */
export function clozeBlank(answers: readonly string[]): string | null {
	if (answers.length === 0 || answers.some((a) => a.trim() === '' || /[{}|]/.test(a))) return null;
	return `{{${answers.map((a) => a.trim()).join('|')}}}`;
}
