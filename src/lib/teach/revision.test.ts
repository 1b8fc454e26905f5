import { beforeAll, describe, expect, it } from 'vitest';
import { decryptResult, encryptResult, generateTeacherKeys, type StudentResult } from './crypto';
import { decideRevision, revisionOf, sameAttempt } from './revision';

const SUBMITTED = 1_741_340_900_000;

function result(extra: Partial<StudentResult> = {}): StudentResult {
	return {
		v: 1,
		assignmentId: 'k3Jx9QpZ',
		student: 'Ana',
		answers: [
			{ itemId: 'q-one', answer: { type: 'truefalse', value: true }, score: 1, timeMs: 10 },
			{ itemId: 'q-two', answer: null, score: 0, timeMs: 0 }
		],
		startedAt: 1_741_339_800_000,
		submittedAt: SUBMITTED,
		late: false,
		attempt: 1,
		...extra
	};
}

const first = result({ reports: [{ itemId: 'q-one', reason: 'wrong', note: '' }] });
const revised = result({
	reports: [
		{ itemId: 'q-one', reason: 'wrong', note: '' },
		{ itemId: 'q-two', reason: 'typo', note: 'p2' }
	],
	revisedAt: SUBMITTED + 60_000
});

describe('revisionOf', () => {
	it('is the submission time for a code made at submission', () => {
		expect(revisionOf(first)).toBe(SUBMITTED);
	});
	it('is the revision time for a revised code', () => {
		expect(revisionOf(revised)).toBe(SUBMITTED + 60_000);
	});
});

describe('decideRevision', () => {
	it('replaces the stored reports with a later revision of the same attempt', () => {
		expect(decideRevision(first, revised)).toBe('replace');
	});
	it('keeps a later revision when the older code comes again', () => {
		expect(decideRevision(revised, first)).toBe('duplicate');
	});
	it('changes nothing for the same code twice', () => {
		expect(decideRevision(first, first)).toBe('duplicate');
		expect(decideRevision(revised, structuredClone(revised))).toBe('duplicate');
	});
	it('replaces between two revisions by their times, either way round', () => {
		const later = { ...revised, reports: [], revisedAt: SUBMITTED + 120_000 };
		expect(decideRevision(revised, later)).toBe('replace');
		expect(decideRevision(later, revised)).toBe('duplicate');
	});
	it('refuses a code whose answers differ from the stored attempt', () => {
		const other = result({
			answers: [
				{ itemId: 'q-one', answer: { type: 'truefalse', value: false }, score: 0, timeMs: 10 },
				{ itemId: 'q-two', answer: null, score: 0, timeMs: 0 }
			],
			revisedAt: SUBMITTED + 60_000
		});
		expect(sameAttempt(first, other)).toBe(false);
		expect(decideRevision(first, other)).toBe('conflict');
	});
	it('refuses a code with another start time or late flag', () => {
		expect(decideRevision(first, result({ startedAt: 1, revisedAt: SUBMITTED + 1 }))).toBe(
			'conflict'
		);
		expect(decideRevision(first, result({ late: true, revisedAt: SUBMITTED + 1 }))).toBe(
			'conflict'
		);
	});
	it('treats the name as the dedupe key does: case and spacing aside', () => {
		const renamed = { ...revised, student: '  ana ' };
		expect(decideRevision(first, renamed)).toBe('replace');
	});
});

describe('a revised code on the wire', () => {
	let teacher: { publicJwk: JsonWebKey; privateJwk: JsonWebKey };
	beforeAll(async () => {
		teacher = await generateTeacherKeys();
	});

	it('keeps its revision time and reports through encryption', async () => {
		const opened = await decryptResult(
			await encryptResult(revised, teacher.publicJwk),
			teacher.privateJwk
		);
		expect(opened).toEqual({ ok: true, result: revised });
	});
	it('keeps a revision that withdrew every report', async () => {
		const none = { ...revised, reports: [] };
		const opened = await decryptResult(
			await encryptResult(none, teacher.publicJwk),
			teacher.privateJwk
		);
		expect(opened.ok && opened.result.revisedAt).toBe(SUBMITTED + 60_000);
		expect(opened.ok && decideRevision(revised, opened.result)).toBe('duplicate');
		expect(opened.ok && decideRevision(first, opened.result)).toBe('replace');
	});
	it('leaves a first code without a revision time', async () => {
		const opened = await decryptResult(
			await encryptResult(first, teacher.publicJwk),
			teacher.privateJwk
		);
		expect(opened).toEqual({ ok: true, result: first });
	});
});
