/**
 * The rows of a teacher's own sets (schema version 5), each defined once as a valibot schema with
 * its type derived. Imports nothing from the database, so the row list, backups and the set
 * repository all use these.
 */
import * as v from 'valibot';
import { Lang } from '../bank/lang';
import { Id, ITEM_TYPES } from '../bank/schema';
import { MAX_TITLE, SetArticle, SetFlashcard, SetId, SetItem } from '../bank/set';

const Time = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
const Title = v.pipe(
	v.string(),
	v.trim(),
	v.minLength(1, 'must not be empty'),
	v.maxLength(MAX_TITLE, `must be at most ${MAX_TITLE} characters`)
);
const Count = v.pipe(v.number(), v.safeInteger(), v.minValue(0));

/** A topic of a set: an id its entries use and the title the screens show. */
export const SetTopic = v.strictObject({ id: Id, title: Title });
export type SetTopicT = v.InferOutput<typeof SetTopic>;

/** A teacher's set. `counts` is kept with every write of its entries, so lists need no scan. */
export const SetRowSchema = v.strictObject({
	id: SetId,
	title: Title,
	description: v.pipe(v.string(), v.maxLength(2000)),
	/** The language its entries are in (BCP 47), for Listen; `DEFAULT_LANG` when absent. */
	lang: v.optional(Lang),
	/** Built on the article: every entry cites a paragraph and a verbatim quote. */
	article: v.boolean(),
	/**
	 * The set's own article, for a set drafted from a text the teacher brought: its entries cite
	 * these paragraphs instead of the built-in article's. Absent on every other set.
	 */
	ownArticle: v.optional(SetArticle),
	topics: v.array(SetTopic),
	counts: v.strictObject({
		...(Object.fromEntries(ITEM_TYPES.map((t) => [t, Count])) as Record<
			(typeof ITEM_TYPES)[number],
			typeof Count
		>),
		flashcard: Count
	}),
	createdAt: Time,
	updatedAt: Time
});
export type SetRow = v.InferOutput<typeof SetRowSchema>;

const entryRow = {
	/** The entry's id, unique across every set (progress and reviews are kept per id). */
	id: Id,
	setId: SetId,
	/** Order in the set. */
	position: v.pipe(v.number(), v.safeInteger()),
	/** The built-in item this entry is an edited copy of. */
	copyOf: v.optional(Id),
	updatedAt: Time
};

/** One entry of a set: a quiz item or a flashcard, with its place in the set. */
export const SetEntryRowSchema = v.pipe(
	v.variant('kind', [
		v.strictObject({ ...entryRow, kind: v.literal('item'), entry: SetItem }),
		v.strictObject({ ...entryRow, kind: v.literal('flashcard'), entry: SetFlashcard })
	]),
	v.check((row) => row.entry.id === row.id, 'the entry id differs from the row id')
);
export type SetEntryRow = v.InferOutput<typeof SetEntryRowSchema>;

/** An editor draft, saved as the teacher types; `form` is the editor's own, checked by it. */
export const DraftRowSchema = v.strictObject({
	/** `${setId}/${entryId}`. */
	id: v.string(),
	setId: SetId,
	entryId: Id,
	copyOf: v.optional(Id),
	form: v.record(v.string(), v.unknown()),
	savedAt: Time
});
export type DraftRow = v.InferOutput<typeof DraftRowSchema>;
