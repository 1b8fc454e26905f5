import { goalsOf } from '../goals.ts';
import { readsAsRecall, setFigures } from '../figures.ts';
import { standard } from '../references.ts';
import { pct } from '../text.ts';
import type { SetRule } from '../types.ts';

export const recallShare: SetRule = {
	id: 'recall-share',
	scope: 'set',
	title: 'Recall share, and labels that flatter it',
	severity: 'warning',
	rationale:
		'A set that only asks for details teaches details; a label of “understanding” on a recall item hides it.',
	reference: standard('The set as a whole: recall at most about 40%'),
	check(entries, context) {
		const goals = goalsOf(context);
		const f = setFigures(entries);
		const out: ReturnType<SetRule['check']> = [];
		entries.forEach((e, index) => {
			if ('type' in e && e.level !== undefined && e.level !== 'recall' && readsAsRecall(e))
				out.push({
					index,
					field: 'level',
					message: `labelled ${e.level}, but it asks only to recall a detail`,
					hint: 'label it recall, or ask why, what follows or what the wording shows',
					severity: 'warning'
				});
		});
		if (f.labelled >= goals.minSample && f.recall / f.labelled > goals.maxRecall)
			out.push({
				index: null,
				field: '',
				message: `${f.recall} of ${f.labelled} items (${pct(f.recall / f.labelled)}) are labelled recall (at most ${pct(goals.maxRecall)})`,
				hint: 'replace recall items with why, what-follows and analysis items'
			});
		return out;
	}
};
