/**
 * The rules partial credit and per-answer feedback keep (`weights`, `feedback` and `responses`
 * of `./schema.ts`), checked by the build, the editor and every import alike, so the engine can
 * rely on them: lists per choice are as long as the choices, a single's key is worth 100%, a
 * multi's answers are exactly its choices of positive weight.
 */
import type { QuizItem } from './schema.ts';

/** One broken rule: where (a path into the item) and what. */
export interface GradingProblem {
	path: (string | number)[];
	message: string;
}

type Grading = {
	type: QuizItem['type'];
	choices?: readonly string[];
	answer?: unknown;
	answers?: readonly string[];
	weights?: readonly number[];
	feedback?: readonly string[];
};

/** What is wrong with an item's weights and per-choice feedback; [] when nothing is. */
export function gradingProblems(item: Grading): GradingProblem[] {
	const out: GradingProblem[] = [];
	const { choices, weights, feedback } = item;
	if (!choices) return out;
	if (weights && weights.length !== choices.length)
		out.push({ path: ['weights'], message: `needs one weight per choice (${choices.length})` });
	if (feedback && feedback.length !== choices.length)
		out.push({ path: ['feedback'], message: `needs one feedback per choice (${choices.length})` });
	if (!weights || weights.length !== choices.length) return out;
	if (item.type === 'single' && typeof item.answer === 'string') {
		const at = choices.indexOf(item.answer);
		if (at >= 0 && weights[at] !== 100)
			out.push({ path: ['weights', at], message: 'the answer must be worth 100%' });
	}
	if (item.type === 'multi' && item.answers) {
		const positive = choices.filter((_, i) => (weights[i] ?? 0) > 0);
		const same =
			positive.length === item.answers.length && positive.every((c) => item.answers?.includes(c));
		if (!same)
			out.push({
				path: ['answers'],
				message: 'the answers must be exactly the choices with a positive weight'
			});
	}
	return out;
}

/** The weight of each choice in percent: the item's, else 100 for a key and 0 for the others. */
export function choiceWeights(item: Grading): number[] {
	const choices = item.choices ?? [];
	if (item.weights && item.weights.length === choices.length) return [...item.weights];
	const keys = item.type === 'multi' ? (item.answers ?? []) : [item.answer];
	return choices.map((c) => (keys.includes(c) ? 100 : 0));
}
