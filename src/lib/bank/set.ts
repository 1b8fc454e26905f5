/**
 * Sets: the built-in bank is one set of a library; a teacher's own sets live beside it. An entry
 * of an own set is an entry of `./schema.ts` with three differences, all made here and nowhere
 * else, so an item written in the app and an item in questions/ stay the same thing:
 * - `paragraph` and `source` (the quote) are optional, together: a set not built on the article
 *   has nothing to cite. A set built on the article requires both, checked as the build checks them.
 * - `explanation` is optional: most files teachers bring (GIFT, Aiken, Quizlet, Anki) have none.
 * - `level` is optional: files teachers bring (GIFT, Aiken, Quizlet, Anki) carry none.
 * Every other field keeps its schema and rules (`SingleItem` … `MatchItem`, `Flashcard`).
 */
import * as v from 'valibot';
import { parseCloze } from './cloze.ts';
import { MathMap } from './math.ts';
import { groupDigits } from './digits.ts';
import {
	ClozeItem,
	Flashcard,
	Id,
	ITEM_TYPES,
	LEVELS,
	MatchItem,
	MultiItem,
	NumericItem,
	OrderItem,
	ShortItem,
	SingleItem,
	TrueFalseItem,
	VOICES,
	type Voice,
	type FlashcardT,
	type ItemType,
	type QuizItem
} from './schema.ts';
import { utf8Bytes } from './formats/text.ts';
import { numberParagraphs as numberAsRead } from './paragraphs.ts';
import { checkEntry, type CheckableEntry, type EntryProblem } from './validate.ts';

export { VOICES, type Voice } from './schema.ts';

/** Each voice as the editor shows it. */
export const VOICE_NAMES: Record<Voice, string> = {
	fact: 'Fact',
	claim: 'Author’s claim',
	prediction: 'Prediction'
};

const Text = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'));

/**
 * The fields an own entry may lack, or must add, compared with an entry of the built-in bank.
 * Entries imported from other apps' files have the same (formats/item.ts).
 */
export const OWN_FIELDS = {
	paragraph: v.optional(Id),
	source: v.optional(Text),
	explanation: v.optional(Text),
	voice: v.picklist(VOICES, 'must be fact, claim or prediction'),
	/** What the file it came from called it (a GIFT `::Q2::`, an Anki GUID); written back on export. */
	name: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200))),
	/** Files teachers bring carry no level; the editor sets one. */
	level: v.optional(v.picklist(LEVELS, 'must be recall, understanding or analysis')),
	/**
	 * The item-quality checker's rules whose warnings the teacher dismissed for this entry (rule
	 * ids, e.g. `longest-key`). Errors are never dismissed: a rule's errors still show.
	 */
	dismissed: v.optional(
		v.pipe(
			v.array(
				v.pipe(
					v.string(),
					v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'is not a rule id'),
					v.maxLength(60)
				)
			),
			v.maxLength(40)
		)
	),
	/**
	 * The MathML each TeX segment of the entry's text was converted to when it was saved or
	 * imported (`./math.ts`); study pages show it and load no converter.
	 */
	math: v.optional(MathMap)
};

const QUOTE_PAIR = 'a quote needs its paragraph, and a paragraph its quote';
const paired = (e: { paragraph?: string; source?: string }) =>
	(e.paragraph === undefined) === (e.source === undefined);

/** A quiz item of an own set. */
export const SetItem = v.pipe(
	v.variant('type', [
		v.strictObject({ ...SingleItem.entries, ...OWN_FIELDS }),
		v.strictObject({ ...MultiItem.entries, ...OWN_FIELDS }),
		v.strictObject({ ...TrueFalseItem.entries, ...OWN_FIELDS }),
		v.strictObject({ ...ClozeItem.entries, ...OWN_FIELDS }),
		v.strictObject({ ...ShortItem.entries, ...OWN_FIELDS }),
		v.strictObject({ ...NumericItem.entries, ...OWN_FIELDS }),
		v.strictObject({ ...OrderItem.entries, ...OWN_FIELDS }),
		v.strictObject({ ...MatchItem.entries, ...OWN_FIELDS })
	]),
	v.check((e) => paired(e), QUOTE_PAIR)
);

/** A flashcard of an own set. */
export const SetFlashcard = v.pipe(
	v.strictObject({ ...Flashcard.entries, ...OWN_FIELDS }),
	v.check((e) => paired(e), QUOTE_PAIR)
);

export type SetQuizItem = v.InferOutput<typeof SetItem>;
export type SetCard = v.InferOutput<typeof SetFlashcard>;

/** An item of any set: the built-in bank's or a teacher's own. What the engine and screens take. */
export type AnyItem = QuizItem | SetQuizItem;
/** A flashcard of any set. */
export type AnyCard = FlashcardT | SetCard;

/** The built-in bank's id in the library. */
export const BUILTIN_SET_ID = 'builtin';

/** A set id: `set-` and random letters and digits; the built-in bank is `builtin`. */
export const SetId = v.pipe(
	v.string(),
	v.regex(/^(?:builtin|set-[a-z0-9]{6,24})$/, 'is not a set id')
);

/** Most entries (items plus flashcards) one own set may hold. */
export const MAX_SET_ENTRIES = 200_000;
/** Largest single text field, in bytes of UTF-8. */
export const MAX_FIELD_BYTES = 1024 * 1024;
/** Longest set title or topic title, in characters. */
export const MAX_TITLE = 200;

/** A fresh id for an own entry or set: `prefix-` and ten base-36 digits from `random`. */
export function newId(prefix: 'own' | 'set', random: () => number): string {
	let s = '';
	for (let i = 0; i < 10; i++) s += Math.floor(random() * 36).toString(36);
	return `${prefix}-${s}`;
}

/** Entries of a set by kind: every item type, and flashcards. */
export type SetCounts = Record<ItemType | 'flashcard', number>;

/** Counts items by type, and flashcards. */
export function countEntries(items: readonly AnyItem[], flashcards: number): SetCounts {
	return countTypes(
		items.map((i) => i.type),
		flashcards
	);
}

/** The counts of a set whose items have these types. */
export function countTypes(types: readonly ItemType[], flashcards: number): SetCounts {
	const counts = Object.fromEntries(ITEM_TYPES.map((t) => [t, 0])) as SetCounts;
	for (const type of types) counts[type]++;
	counts.flashcard = flashcards;
	return counts;
}

/** A paragraph of the article an entry may quote. */
export interface CitableParagraph {
	id: string;
	text: string;
}

/**
 * Every problem with one own entry, each with its field path: the schema first, then, once the
 * shape is right, the build's own rules (answer among the choices, nothing given away in the
 * prompt) and, when the entry quotes the article, the verbatim quote. A set built on the article
 * (`requireQuote`) needs a quote in every entry. An own set makes its topics as it goes, so the
 * topic is not checked against a list. With `keepEditorial` (an import), an entry whose only
 * problems are editorial advice (`EntryProblem.editorial`) is kept, its problems beside it.
 */
export function checkSetEntry(
	kind: 'item' | 'flashcard',
	raw: unknown,
	paragraphs: readonly CitableParagraph[] | null,
	requireQuote = false,
	keepEditorial = false
): { entry: SetQuizItem | SetCard | null; problems: EntryProblem[] } {
	const parsed = kind === 'item' ? v.safeParse(SetItem, raw) : v.safeParse(SetFlashcard, raw);
	if (!parsed.success) {
		return {
			entry: null,
			problems: parsed.issues.map((issue) => ({
				path: (issue.path ?? []).map((p) => p.key as string | number),
				message: issueMessage(issue)
			}))
		};
	}
	const entry = parsed.output;
	const big = oversized(entry);
	if (big.length) return { entry: null, problems: big };
	const problems: EntryProblem[] = [];
	if (requireQuote && entry.paragraph === undefined) {
		problems.push({ path: ['paragraph'], message: 'choose the paragraph the entry rests on' });
		problems.push({ path: ['source'], message: 'quote the sentence the entry rests on' });
	}
	const cites = paragraphs && entry.paragraph !== undefined;
	problems.push(
		...checkEntry(entry as CheckableEntry, cites ? { topics: [entry.topic], paragraphs } : null)
	);
	const broken = keepEditorial ? problems.some((p) => !p.editorial) : problems.length > 0;
	return { entry: broken ? null : entry, problems };
}

/** A short message for a valibot issue; the schema's own messages pass through. */
function issueMessage(issue: v.BaseIssue<unknown>): string {
	if (issue.type === 'strict_object' && issue.expected === 'never') return 'unknown field';
	if (issue.kind === 'schema' && issue.input === undefined) return 'is required';
	if (issue.message.startsWith('Invalid type')) return `must be ${issue.expected ?? 'valid'}`;
	return issue.message;
}

/** UTF-8 length of a string: one function for the whole bank (formats/text.ts). */
export { utf8Bytes };

/** Every text field over MAX_FIELD_BYTES, with its path. */
function oversized(entry: object): EntryProblem[] {
	const out: EntryProblem[] = [];
	const visit = (value: unknown, path: (string | number)[]) => {
		if (typeof value === 'string') {
			// A UTF-16 unit is at most 3 bytes of UTF-8, so short strings need no counting.
			if (value.length * 3 > MAX_FIELD_BYTES && utf8Bytes(value) > MAX_FIELD_BYTES)
				out.push({ path, message: 'is longer than 1 MB, the most one field may hold' });
		} else if (Array.isArray(value)) value.forEach((x, i) => visit(x, [...path, i]));
		else if (typeof value === 'object' && value !== null)
			for (const [k, x] of Object.entries(value)) visit(x, [...path, k]);
	};
	visit(entry, []);
	return out;
}

/** The text a list or a search shows for an entry: its prompt or front, blanks as "___". */
export function entryText(entry: AnyItem | AnyCard): string {
	if (!('type' in entry)) return entry.front;
	if (entry.type === 'cloze') {
		const text = parseCloze(entry.text)
			.parts.map((p) => (p.kind === 'text' ? p.text : '___'))
			.join('');
		return `${entry.prompt} ${text}`;
	}
	return entry.prompt;
}

/** Whether an entry is a quiz item (not a flashcard). */
export function isItem(entry: AnyItem | AnyCard): entry is AnyItem {
	return 'type' in entry;
}

/** A built-in entry as an own set holds it (an edited copy, an export): the same fields. */
export function fromBuiltIn<E extends QuizItem | FlashcardT>(entry: E): E & { voice: Voice } {
	return { ...entry };
}

/** Most paragraphs an own set's article may hold. */
export const MAX_ARTICLE_PARAGRAPHS = 1000;
/** Most characters in all an own set's article: its paragraphs and its meta together. */
export const MAX_ARTICLE_CHARS = 200_000;
/** Longest title, outlet, author or date of an own article, in characters. */
export const MAX_ARTICLE_META = 300;

const MetaText = v.pipe(
	v.string(),
	v.maxLength(MAX_ARTICLE_META, `must be at most ${MAX_ARTICLE_META} characters`)
);

/**
 * The article an own set is built on, in the shape of questions/article.yaml: the header `p0`
 * and paragraphs with stable ids, each text verbatim. Its entries cite these paragraphs.
 */
export const SetArticle = v.pipe(
	v.strictObject({
		meta: v.strictObject({
			title: v.pipe(MetaText, v.trim(), v.minLength(1, 'must not be empty')),
			outlet: MetaText,
			author: MetaText,
			date: MetaText
		}),
		paragraphs: v.pipe(
			v.array(
				v.strictObject({
					id: Id,
					kind: v.picklist(['header', 'body', 'caption', 'note']),
					text: Text
				})
			),
			v.minLength(1, 'the article has no paragraphs'),
			v.maxLength(
				MAX_ARTICLE_PARAGRAPHS,
				`the article has more than ${MAX_ARTICLE_PARAGRAPHS} paragraphs`
			),
			v.check(
				(ps) => new Set(ps.map((p) => p.id)).size === ps.length,
				'two paragraphs have the same id'
			)
		)
	}),
	v.check(
		(a) =>
			a.paragraphs.reduce((n, p) => n + p.text.length, 0) +
				Object.values(a.meta).reduce((n, s) => n + s.length, 0) <=
			MAX_ARTICLE_CHARS,
		`the article is longer than ${groupDigits(MAX_ARTICLE_CHARS)} characters`
	)
);
export type SetArticleT = v.InferOutput<typeof SetArticle>;

/** An article's paragraphs numbered as a reader counts them (see paragraphs.ts). */
export function numberParagraphs(
	article: SetArticleT
): (SetArticleT['paragraphs'][number] & { n: number })[] {
	return numberAsRead(article.paragraphs);
}
