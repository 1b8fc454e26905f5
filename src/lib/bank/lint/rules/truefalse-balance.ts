import { goalsOf } from '../goals.ts';
import { setFigures } from '../figures.ts';
import { haladyna } from '../references.ts';
import { pct } from '../text.ts';
import type { SetRule } from '../types.ts';

export const trueFalseBalance: SetRule = {
	id: 'truefalse-balance',
	scope: 'set',
	title: 'True/false balance',
	severity: 'warning',
	rationale: 'When most statements are true (or false), answering “true” to all scores well.',
	reference: haladyna('Vary the location of the right answer according to the number of choices'),
	check(entries, context) {
		const goals = goalsOf(context);
		const { trueFalse } = setFigures(entries);
		const n = trueFalse.true + trueFalse.false;
		if (n < goals.minSample) return [];
		const side = trueFalse.true >= trueFalse.false ? 'true' : 'false';
		const share = trueFalse[side] / n;
		if (share <= goals.maxTrueFalse) return [];
		return [
			{
				index: null,
				field: '',
				message: `${trueFalse[side]} of ${n} true/false statements (${pct(share)}) are ${side} (at most ${pct(goals.maxTrueFalse)})`,
				hint: `turn some ${side} statements into ${side === 'true' ? 'false' : 'true'} ones`
			}
		];
	}
};
