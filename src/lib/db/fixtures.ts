/** Valid stored rows for the db room's tests; not part of the app bundle unless imported. */
import { oneOfEach } from '../engine/fixtures';
import { createSession, reduce, type SessionState } from '../engine/session';
import type { Assignment } from '../teach/link';
import type { StudentResult } from '../teach/crypto';
import type { SetRow } from './set-rows';
import { emptyCounts } from './sets';
import { toStoredItems, toStoredProgress } from './stored-session';

/** A fixed instant for tests: 2025-05-01 09:00 UTC. */
export const NOW = Date.UTC(2025, 4, 1, 9);

/** A string shaped like a P-256 coordinate (43 base64url characters), from a short seed. */
export function coordinate(seed: string): string {
	return seed
		.replace(/[^A-Za-z0-9_-]/g, '_')
		.padEnd(43, 'A')
		.slice(0, 43);
}

/** A started practice session over one item of each type. */
export function sessionState(id: string, now = NOW): SessionState {
	const state = createSession({
		id,
		mode: 'practice',
		quiz: { seed: 'seed', itemIds: oneOfEach.map((i) => i.id), presentation: {} },
		items: oneOfEach
	});
	return reduce(state, { type: 'start', now });
}

/** A stored session row (its changing part in the stored shape); see sessionItemsRow. */
export function sessionRow(id: string, updatedAt = NOW, title = id) {
	const state = toStoredProgress(sessionState(id, NOW - 10_000));
	return { id, status: state.status, title, createdAt: NOW - 10_000, updatedAt, state };
}

/** The fixed part (quiz and questions) of sessionRow's session. */
export function sessionItemsRow(id: string) {
	return toStoredItems(sessionState(id, NOW - 10_000));
}

/** A stored attempt row. */
export function attemptRow(itemId: string, at: number, correct = true, id?: number) {
	return {
		...(id === undefined ? {} : { id }),
		sessionId: 's-1',
		itemId,
		answer: { type: 'single', choice: 'A' },
		score: correct ? 1 : 0,
		correct,
		timeTakenMs: 4200,
		at
	};
}

/** A teacher key row whose coordinates come from `seed`. */
export function teacherKeyRow(seed: string) {
	const jwk = { kty: 'EC', crv: 'P-256', x: coordinate(`x${seed}`), y: coordinate(`y${seed}`) };
	return {
		id: 'teacher',
		publicJwk: jwk,
		privateJwk: { ...jwk, d: coordinate(`d${seed}`) },
		createdAt: NOW
	};
}

/** A valid assignment payload. */
export function assignment(id: string, title = 'Dates'): Assignment {
	return {
		v: 1,
		id,
		bank: 'a1b2c3',
		title,
		className: '9C',
		itemIds: ['capital', 'primes'],
		mode: 'test',
		timeLimitMin: null,
		due: NOW + 86_400_000,
		maxAttempts: 2,
		shuffle: true,
		passMark: 50,
		seed: 'seed',
		teacherKey: { kty: 'EC', crv: 'P-256', x: coordinate('x'), y: coordinate('y') },
		createdAt: NOW
	};
}

/** A stored assignment row. */
export function assignmentRow(id: string, title = 'Dates') {
	return { id, createdAt: NOW, payload: assignment(id, title), link: `https://q.example/a#1${id}` };
}

/** A decrypted student result. */
export function studentResult(assignmentId: string, student: string, attempt = 1): StudentResult {
	return {
		v: 1,
		assignmentId,
		student,
		answers: [
			{ itemId: 'capital', answer: { type: 'single', choice: 'Paris' }, score: 1, timeMs: 900 }
		],
		startedAt: NOW - 60_000,
		submittedAt: NOW,
		late: false,
		attempt
	};
}

/** A stored result row. */
export function resultRow(assignmentId: string, student: string, id?: number) {
	return {
		...(id === undefined ? {} : { id }),
		assignmentId,
		dedupe: `${assignmentId}:${student}`,
		student,
		submittedAt: NOW,
		importedAt: NOW + 1000,
		result: studentResult(assignmentId, student)
	};
}

/** One attempt at a received assignment. */
export interface ReceivedAttemptFixture {
	sessionId: string;
	submittedAt: number | null;
	code: string | null;
	late: boolean;
}

/** A stored received-assignment row. */
export function receivedRow(id: string, attempts: ReceivedAttemptFixture[]) {
	return { id, openedAt: NOW, student: 'Ana', payload: assignment(id), attempts };
}

/** An own set with no article and one topic, 'general', as a test stores it before its entries. */
export function plainSetRow(id: string, title = 'Mine'): SetRow {
	return {
		id,
		title,
		description: '',
		article: false,
		topics: [{ id: 'general', title: 'General' }],
		counts: emptyCounts(),
		createdAt: 1,
		updatedAt: 1
	};
}
