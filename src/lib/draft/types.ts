import * as v from 'valibot';
import type { FlashcardT, QuizItem } from '../bank/schema.ts';
import type { Rng } from '../engine/rng.ts';

/** The voice of a sentence: a fact checkable in the text, the author's claim, or a prediction. */
export { VOICES, type Voice } from '../bank/schema.ts';

const Text = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'));

/** A paragraph as in questions/article.yaml: a stable id, its kind and its text verbatim. */
export const DraftParagraph = v.strictObject({
	id: v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)),
	kind: v.picklist(['header', 'body', 'caption', 'note']),
	text: Text
});
export type DraftParagraphT = v.InferOutput<typeof DraftParagraph>;

/**
 * An article read from pasted text or a file. `meta` fields are empty strings when the text did
 * not show them; the teacher is asked for them before the set is saved.
 */
export const DraftArticle = v.strictObject({
	meta: v.strictObject({
		title: v.string(),
		outlet: v.string(),
		author: v.string(),
		date: v.string()
	}),
	paragraphs: v.pipe(v.array(DraftParagraph), v.minLength(1, 'the text has no paragraphs'))
});
export type DraftArticleT = v.InferOutput<typeof DraftArticle>;

/** A drafted quiz item: exactly a bank item, with its voice and level. */
export type DraftItem = QuizItem;
/** A drafted flashcard: exactly a bank flashcard. */
export type DraftCard = FlashcardT;

/** What the drafter should make. */
export interface DraftOptions {
	/** Source of randomness (src/lib/engine/rng.ts): the same seed gives the same drafts. */
	rng: Rng;
	/** Topic id every draft gets; the teacher regroups them in the editor. Default `article`. */
	topic?: string;
	/** Prefix of every draft id, so drafts from two articles never collide. Default `draft`. */
	idPrefix?: string;
	/** Most drafts made from one sentence. Default 1: one sentence, one draft. */
	perSentence?: number;
}

/** Progress while drafting: `done` of `total` paragraphs read. */
export interface DraftProgress {
	done: number;
	total: number;
}

/** Everything drafted from one article. */
export interface Drafts {
	items: DraftItem[];
	flashcards: DraftCard[];
}
