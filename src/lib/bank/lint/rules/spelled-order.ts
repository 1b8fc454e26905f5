import { SPELLED_ORDER } from '../../validate.ts';
import { standard } from '../references.ts';
import { contentWords } from '../text.ts';
import type { ItemRule } from '../types.ts';

export const spelledOrder: ItemRule = {
	id: 'spelled-order',
	scope: 'entry',
	title: 'The stem spells out the order',
	severity: 'error',
	rationale:
		'An order item whose stem names the steps in their order (“from … to … to …”) gives the whole answer away.',
	reference: standard('Stems: no clue to the key … an order spelled out in the stem'),
	check(entry) {
		if (!('type' in entry) || entry.type !== 'order') return [];
		if (SPELLED_ORDER.test(entry.prompt))
			return [
				{
					field: 'prompt',
					message: 'the stem spells out the order (“from … to … to …”)',
					hint: 'name what is ordered, not the steps'
				}
			];
		// Words that belong to one step only; the stem naming two or more in order lists the answer.
		const perStep = entry.items.map((step) => new Set(contentWords(step)));
		const own = perStep.map((ws, i) =>
			[...ws].filter((w) => perStep.every((other, j) => j === i || !other.has(w)))
		);
		const stem = contentWords(entry.prompt);
		const named = own.map((ws) => stem.findIndex((w) => ws.includes(w))).filter((at) => at >= 0);
		if (named.length >= 2 && named.every((at, i) => i === 0 || at > (named[i - 1] ?? -1)))
			return [
				{
					field: 'prompt',
					message: `the stem names ${named.length} of the steps in their order`,
					hint: 'take the steps’ own words out of the stem'
				}
			];
		return [];
	}
};
