import type { AnswerRecord, SessionState } from './session';

/**
 * One session changed in two places (two tabs): `mine`, as this tab has it, and `theirs`, as the
 * other tab stored it. Practice and test answers are merged per question, so an answer given in
 * either tab is kept: practice keeps the first answer to a question (the one that was scored),
 * test the latest (a student may change a test answer). Where this tab is on the quiz, its clock
 * and flags stay its own. A submitted session is final, whichever tab submitted it; learn mode
 * re-queues items as they are answered, so two queues cannot be combined and `theirs` wins.
 */
export function mergeSessions(mine: SessionState, theirs: SessionState): SessionState {
	if (mine.id !== theirs.id || theirs.status === 'submitted') return theirs;
	if (mine.status === 'submitted') return mine;
	if (mine.status === 'ready') return theirs;
	if (mine.mode === 'learn' || theirs.mode === 'learn' || mine.mode !== theirs.mode) return theirs;
	const answers: Record<string, AnswerRecord> = { ...mine.answers };
	for (const [id, rec] of Object.entries(theirs.answers)) {
		const have = answers[id];
		if (!have) answers[id] = rec;
		else if (mine.mode === 'practice' ? rec.at < have.at : rec.at > have.at) answers[id] = rec;
	}
	return { ...mine, answers, lastEvents: [] };
}
