/** Put in order: entries listed in their correct order, shown shuffled. */
import * as v from 'valibot';
import { result, strings } from '../result';
import type { AnswerCaps, ItemKind } from './kind';

export type OrderAnswer = { type: 'order'; order: string[] };

export const orderAnswer = (c: AnswerCaps) =>
	v.object({ type: v.literal('order'), order: c.texts });

export const order: ItemKind<'order', OrderAnswer> = {
	type: 'order',
	field: 'order',
	expected: (item) => item.items.join(' → '),
	score(item, a, expected) {
		const entries = item.items;
		const given = strings(a.order);
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
		for (let x = 0; x < positions.length; x++) {
			for (let y = x + 1; y < positions.length; y++) {
				if ((positions[x] as number) < (positions[y] as number)) concordant++;
			}
		}
		const detail = entries.map((e, i) => given[i] === e);
		const score = total === 0 ? (detail.every(Boolean) ? 1 : 0) : concordant / total;
		return result(score, expected, { detail });
	},
	unanswered: (item, expected) => result(0, expected, { detail: item.items.map(() => false) })
};
