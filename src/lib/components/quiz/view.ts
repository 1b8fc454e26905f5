import type { AnyItem } from '$lib/bank/set';
import { shownOrder, type Answer, type Presentation, type ScoreResult } from '$lib/engine';

/** What an input shows for an item under its presentation (display orders). */
export function itemView(item: AnyItem, p: Presentation | undefined) {
	const pick = (list: string[], order?: number[]) =>
		order ? order.map((i) => list[i]).filter((s): s is string => s !== undefined) : list;
	return {
		choices:
			item.type === 'single' || item.type === 'multi' ? pick(item.choices, p?.choiceOrder) : [],
		orderStart: shownOrder(item, p),
		rights:
			item.type === 'match'
				? pick(
						item.pairs.map((x) => x.right),
						p?.matchRightOrder
					)
				: []
	};
}

/** A student's answer written for people, for feedback and results. */
export function answerText(item: AnyItem, answer: Answer | null): string {
	if (!answer) return 'No answer';
	switch (answer.type) {
		case 'single':
			return answer.choice;
		case 'multi':
			return answer.choices.length ? answer.choices.join('; ') : 'Nothing selected';
		case 'truefalse':
			return answer.value ? 'True' : 'False';
		case 'cloze':
			return answer.blanks.map((b) => b.trim() || '…').join(' / ');
		case 'short':
			return answer.text.trim() || 'No answer';
		case 'numeric': {
			const unit = item.type === 'numeric' && item.unit ? ` ${item.unit}` : '';
			return String(answer.value).trim() ? `${answer.value}${unit}` : 'No answer';
		}
		case 'order':
			return answer.order.join(' → ');
		case 'match':
			return item.type === 'match'
				? item.pairs.map((p) => `${p.left} → ${answer.pairs[p.left] ?? '?'}`).join('; ')
				: '';
	}
}

/** True when an answer has something in it worth checking. */
export function isAnswered(answer: Answer | null | undefined): answer is Answer {
	if (!answer) return false;
	switch (answer.type) {
		case 'multi':
			return answer.choices.length > 0;
		case 'cloze':
			return answer.blanks.some((b) => b.trim() !== '');
		case 'short':
			return answer.text.trim() !== '';
		case 'numeric':
			return String(answer.value).trim() !== '';
		case 'match':
			return Object.keys(answer.pairs).length > 0;
		default:
			return true;
	}
}

/** The verdict line of feedback, without its ✓/✗ mark. */
export function verdictText(result: ScoreResult): string {
	const verdict = result.correct
		? 'Correct'
		: result.score > 0
			? `Partly right (${Math.round(result.score * 100)}%)`
			: 'Not quite';
	return result.hint === 'close' ? `${verdict} — close, check your spelling` : verdict;
}
