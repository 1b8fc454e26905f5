/** Quire's quiz engine: pure, seeded and JSON-serialisable; the app supplies `now` and seeds. */
export { createRng, randomInt, randomSeed, shuffle, type Rng } from './rng';
export {
	countMatches,
	generateQuiz,
	pickItems,
	presentItem,
	type GenerateOptions,
	type GenerateResult,
	type PickResult,
	type Presentation,
	type QuizCandidate,
	type Quiz,
	type QuizFilters,
	type QuizHistory
} from './generate';
export {
	acceptedAnswers,
	acceptsTyped,
	answerForms,
	canonical,
	editDistance,
	expectedText,
	normalise,
	parseNumber,
	scoreAnswer,
	type Answer,
	type AnswerFor,
	type ScoreResult
} from './score';
export {
	attemptsFrom,
	createSession,
	currentItemId,
	elapsedMs,
	isComplete,
	mastery,
	missedItemIds,
	reduce,
	remainingMs,
	shownOrder,
	summary,
	unanswered,
	type Action,
	type AnswerRecord,
	type AttemptEvent,
	type ItemSource,
	type Mode,
	type SessionOptions,
	type SessionState,
	type Status,
	type Summary,
	type SummaryItem
} from './session';
