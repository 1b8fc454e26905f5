import { goalsOf } from '../goals.ts';
import { setFigures } from '../figures.ts';
import { haladyna, MOODLE_SHUFFLE } from '../references.ts';
import { letter, pct } from '../text.ts';
import type { SetRule } from '../types.ts';

export const keyPosition: SetRule = {
	id: 'key-position',
	scope: 'set',
	title: 'Keys bunched at one stored position',
	severity: 'warning',
	rationale:
		'With “Shuffle the choices” off (a teacher’s assignment, an export to another app) the stored order is what students see; if every key is A, the set answers itself.',
	reference: `${haladyna('Vary the location of the right answer according to the number of choices')}; ${MOODLE_SHUFFLE}`,
	check(entries, context) {
		const goals = goalsOf(context);
		const f = setFigures(entries);
		if (f.single < goals.minSample) return [];
		const worst = f.keyPositions.reduce(
			(best, n, i) => (n > (f.keyPositions[best] ?? 0) ? i : best),
			0
		);
		const share = (f.keyPositions[worst] ?? 0) / f.single;
		if (share <= goals.maxKeyPosition) return [];
		return [
			{
				index: null,
				field: '',
				message: `${f.keyPositions[worst]} of ${f.single} single-choice keys (${pct(share)}) are stored at position ${letter(worst)} (at most ${pct(goals.maxKeyPosition)})`,
				hint: 'store each key at a different position; spread them evenly over A–D'
			}
		];
	}
};
