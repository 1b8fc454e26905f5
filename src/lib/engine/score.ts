/**
 * Scoring an answer against its item. Each item type's scoring lives in its module under
 * `./types` (gathered in `ITEM_KINDS`); this file dispatches, and re-exports the matching helpers
 * (`./match.ts`), the answer shapes (`./answer.ts`) and the result (`./result.ts`).
 */
import type { AnyItem } from '../bank/set';
import type { Answer } from './answer';
import type { ScoreResult } from './result';
import { ITEM_KINDS, type ItemKind } from './types';

export type { Answer, AnswerFor } from './answer';
export type { ScoreResult } from './result';
export { answerForms, canonical, editDistance, factorPairs, normalise, parseNumber } from './match';

// One item with its own type's module: the registry typed for a union of items.
function kind(item: AnyItem): ItemKind<AnyItem['type'], Answer> {
	return ITEM_KINDS[item.type] as unknown as ItemKind<AnyItem['type'], Answer>;
}

/**
 * What a typed answer may be, as the item's author wrote it: for a short answer one list (the
 * answer and its accepted variants), for a fill-in-the-blanks item one list per blank; null for
 * an item whose answer is not typed. Feedback shows it to a student whose answer was refused.
 */
export function acceptedAnswers(item: AnyItem): string[][] | null {
	return kind(item).accepted?.(item) ?? null;
}

/**
 * Whether the matcher takes `typed` as a full answer: the whole answer of a short item, or the
 * first blank of a fill-in-the-blanks item. The item-quality checker's `accepts` (lint/types.ts).
 */
export function acceptsTyped(item: AnyItem, typed: string): boolean {
	return kind(item).acceptsTyped?.(item, typed) ?? false;
}

/** The correct answer of an item, written for people. */
export function expectedText(item: AnyItem): string {
	return kind(item).expected(item);
}

/** Scores one answer (null = unanswered) against its item. */
export function scoreAnswer(item: AnyItem, answer: Answer | null): ScoreResult {
	const k = kind(item);
	const expected = k.expected(item);
	if (!answer || answer.type !== item.type) return k.unanswered(item, expected);
	return k.score(item, answer, expected);
}
