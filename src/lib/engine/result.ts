/** The outcome of scoring one answer, and the small helpers every item type's scoring shares. */

/** The outcome of scoring one answer. */
export interface ScoreResult {
	/** 0..1; partial credit for multi, cloze, order and match. */
	score: number;
	/** True only when score is exactly 1. */
	correct: boolean;
	/** 'close': a near miss in spelling, still scored as wrong. */
	hint?: 'close';
	/** Cloze: per blank; match: per pair in item order; order: per position. */
	detail?: boolean[];
	/** The correct answer, written for people. */
	expected: string;
	/**
	 * What the author wrote for the answer given: the feedback of each choice picked (in the
	 * choices' order), or of the typed form or number matched. Absent when there is none.
	 */
	feedback?: string[];
}

/** A score clamped to 0..1, correct only at exactly 1. */
export function result(score: number, expected: string, extra?: Partial<ScoreResult>): ScoreResult {
	const clamped = Math.min(1, Math.max(0, score));
	return { score: clamped, correct: clamped === 1, expected, ...extra };
}

/** The strings of a list an answer holds (anything else in it ignored); [] when it is no list. */
export function strings(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The feedback texts that are written (an empty one is none); absent when none is. */
export function feedbackOf(texts: readonly (string | undefined)[]): { feedback?: string[] } {
	const written = texts.filter((t): t is string => typeof t === 'string' && t.trim() !== '');
	return written.length > 0 ? { feedback: written } : {};
}
