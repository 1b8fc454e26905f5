/**
 * Every item type's engine module, by type: `ITEM_KINDS[item.type]` scores, writes the expected
 * answer and names the answer's wire field. A new field of a type is handled in its module.
 */
import type { ItemType } from '../../bank/schema';
import type { AnswerFor } from '../answer';
import { cloze } from './cloze';
import type { ItemKind } from './kind';
import { match } from './match';
import { multi } from './multi';
import { numeric } from './numeric';
import { order } from './order';
import { short } from './short';
import { single } from './single';
import { truefalse } from './truefalse';

export type { ItemKind, ItemOf, AnswerCaps } from './kind';

/** Each item type's module. */
export const ITEM_KINDS: { [T in ItemType]: ItemKind<T, AnswerFor<T>> } = {
	single,
	multi,
	truefalse,
	cloze,
	short,
	numeric,
	order,
	match
};

/** The module of an item's type, typed for any item. */
export function kindOf<T extends ItemType>(type: T): ItemKind<T, AnswerFor<T>> {
	return ITEM_KINDS[type];
}
