/**
 * The shares the quality summaries print, from a set's figures: no checker code, so a page that
 * only shows a report does not load the checker.
 */
import type { SetFigures } from '$lib/bank/lint';

/** A share as a whole percentage, or a dash when there is nothing to share out. */
export function percent(part: number, whole: number): string {
	return whole > 0 ? `${Math.round((part / whole) * 100)}%` : '–';
}

/** The key-position shares of single-choice items ("A 25% · B 30% · …"), as stored. */
export function keyPositionShares(figures: SetFigures): { label: string; share: string }[] {
	return figures.keyPositions.map((n, i) => ({
		label: String.fromCharCode(65 + i),
		share: percent(n, figures.single)
	}));
}
