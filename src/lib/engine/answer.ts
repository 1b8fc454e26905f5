/**
 * What a learner gives for an item: its shape per item type (each type's module under `./types`
 * defines its own) and the one schema every stored or sent answer is checked with — in a result
 * code (`teach/crypto.ts`) and in a stored quiz (`db/stored-session.ts`), with their own caps.
 */
import * as v from 'valibot';
import type { ItemType } from '../bank/schema';
import { clozeAnswer, type ClozeAnswer } from './types/cloze';
import { matchAnswer, type MatchAnswer } from './types/match';
import { multiAnswer, type MultiAnswer } from './types/multi';
import { numericAnswer, type NumericAnswer } from './types/numeric';
import { orderAnswer, type OrderAnswer } from './types/order';
import { shortAnswer, type ShortAnswer } from './types/short';
import { singleAnswer, type SingleAnswer } from './types/single';
import { trueFalseAnswer, type TrueFalseAnswer } from './types/truefalse';

/** What a learner gave for one item; `type` matches the item's type. */
export type Answer =
	| SingleAnswer
	| MultiAnswer
	| TrueFalseAnswer
	| ClozeAnswer
	| ShortAnswer
	| NumericAnswer
	| OrderAnswer
	| MatchAnswer;

/** The answer shape for one item type, e.g. AnswerFor<'multi'>. */
export type AnswerFor<T extends ItemType> = Extract<Answer, { type: T }>;

/**
 * Validates an Answer whose texts hold at most `maxText` characters and whose lists hold at most
 * `maxParts` entries; unknown keys are dropped, not refused, so they can't block a submission.
 */
export function answerSchema(maxText: number, maxParts: number) {
	const text = v.pipe(v.string(), v.maxLength(maxText, `must be at most ${maxText} characters`));
	const texts = v.pipe(
		v.array(text),
		v.maxLength(maxParts, `must hold at most ${maxParts} entries`)
	);
	const caps = { text, texts, maxParts };
	return v.variant('type', [
		singleAnswer(caps),
		multiAnswer(caps),
		trueFalseAnswer(),
		clozeAnswer(caps),
		shortAnswer(caps),
		numericAnswer(caps),
		orderAnswer(caps),
		matchAnswer(caps)
	]);
}

// Both directions: the schema checks exactly the Answer union.
const _fits: (a: v.InferOutput<ReturnType<typeof answerSchema>>) => Answer = (a) => a;
const _covers: (a: Answer) => v.InferInput<ReturnType<typeof answerSchema>> = (a) => a;
void _fits;
void _covers;
