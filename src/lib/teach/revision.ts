/**
 * Which of two result codes for one submission a teacher keeps. A student who reports a problem
 * after submitting gets a fresh code for the same attempt: same answers, same submission time, a
 * later `revisedAt` and the reports as they are now. Importing it replaces the reports of the
 * code imported before; importing the older code again changes nothing. Pure: no storage.
 */
import { studentKey } from './analysis';
import type { StudentResult } from './crypto';

/** What importing `incoming` does to the `stored` result with the same dedupe key. */
export type RevisionDecision =
	/** The same code, or an older one: nothing changes. */
	| 'duplicate'
	/** A later code for the same attempt: its reports replace the stored ones. */
	| 'replace'
	/** Same student, attempt and submission time but different answers: refused, nothing changes. */
	| 'conflict';

/** When a code's reports were last set: its revision time, or its submission for a first code. */
export function revisionOf(r: StudentResult): number {
	return r.revisedAt ?? r.submittedAt;
}

/** True when both codes carry the same attempt: everything but the reports and revision agrees. */
export function sameAttempt(a: StudentResult, b: StudentResult): boolean {
	return (
		a.assignmentId === b.assignmentId &&
		studentKey(a.student) === studentKey(b.student) &&
		a.attempt === b.attempt &&
		a.startedAt === b.startedAt &&
		a.submittedAt === b.submittedAt &&
		a.late === b.late &&
		JSON.stringify(a.answers) === JSON.stringify(b.answers)
	);
}

/** The replacement rule: a later revision of the same attempt replaces; anything else is kept. */
export function decideRevision(stored: StudentResult, incoming: StudentResult): RevisionDecision {
	if (!sameAttempt(stored, incoming)) return 'conflict';
	return revisionOf(incoming) > revisionOf(stored) ? 'replace' : 'duplicate';
}
