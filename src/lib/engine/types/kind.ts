/**
 * What one item type brings to the engine. Each type has one module beside this file (its answer
 * shape and schema, the field its answer travels in, its expected text and its scoring), and
 * `./index.ts` gathers them in a `Record<ItemType, …>`: adding to a type touches its module.
 */
import type * as v from 'valibot';
import type { ItemType } from '../../bank/schema';
import type { AnyItem } from '../../bank/set';
import type { ScoreResult } from '../result';

/** The item of one type, as a set or the bank holds it. */
export type ItemOf<T extends ItemType> = Extract<AnyItem, { type: T }>;

/** The checks an answer's texts and lists get (their caps differ by where the answer is kept). */
export interface AnswerCaps {
	/** One typed or chosen text. */
	text: v.GenericSchema<string>;
	/** A list of texts. */
	texts: v.GenericSchema<string[]>;
	/** The most entries a list or record may hold. */
	maxParts: number;
}

/** One item type's part of the engine; `A` is the shape of its answer. */
export interface ItemKind<T extends ItemType, A extends { type: T }> {
	type: T;
	/** The answer's one field besides `type`: a result code carries an answer as [type, value]. */
	field: Exclude<keyof A, 'type'> & string;
	/** The correct answer, written for people. */
	expected(item: ItemOf<T>): string;
	/** Scores an answer of this type (its fields as given: anything may be in them). */
	score(item: ItemOf<T>, answer: A, expected: string): ScoreResult;
	/** The result of no answer (or an answer of another type). */
	unanswered(item: ItemOf<T>, expected: string): ScoreResult;
	/** What a typed answer may be, as the author wrote it: one list per blank (typed types only). */
	accepted?(item: ItemOf<T>): string[][];
	/** Whether the matcher takes `typed` as a full answer (typed types only). */
	acceptsTyped?(item: ItemOf<T>, typed: string): boolean;
}
