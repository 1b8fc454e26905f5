/** How many stored cards are due now and later today, for Home's line and the app badge. */

/** Due cards: `now` are due at this moment, `later` before the next local midnight. */
export interface DueToday {
	now: number;
	later: number;
}

/**
 * Counts due times (epoch ms of studied cards; new cards are not "due") against `now` and the end
 * of the local day `dayEnd` (the next midnight).
 */
export function dueToday(dues: Iterable<number>, now: number, dayEnd: number): DueToday {
	let due = 0;
	let later = 0;
	for (const at of dues) {
		if (at <= now) due++;
		else if (at < dayEnd) later++;
	}
	return { now: due, later };
}

const cards = (n: number) => `${n} card${n === 1 ? '' : 's'}`;

/** Home's one line about today, in words. */
export function dueLine(due: DueToday | null): string {
	if (!due) return 'Nothing due yet: Review brings in new cards each day.';
	if (due.now === 0 && due.later === 0) return 'Nothing due today: you are up to date.';
	if (due.now === 0) return `${cards(due.later)} due later today.`;
	return `${cards(due.now)} due now${due.later ? `, ${due.later} more later today` : ''}.`;
}
