import { beforeAll, describe, expect, it } from 'vitest';
import type { AnyItem } from '../bank/set';
import { cleanNote, MAX_REPORT_NOTE } from '../engine/report';
import { itemReports } from './analysis';
import {
	decryptResult,
	encryptResult,
	generateTeacherKeys,
	sealUnchecked,
	type StudentResult
} from './crypto';

let teacher: { publicJwk: JsonWebKey; privateJwk: JsonWebKey };

beforeAll(async () => {
	teacher = await generateTeacherKeys();
});

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
		submittedAt: 1_741_340_900_000,
		late: false,
		attempt: 1,
		...extra
	};
}

/** The wire form earlier versions wrote: eight fields, no reports. */
function oldWire(r: StudentResult): unknown[] {
	return [
		1,
		r.assignmentId,
		r.student,
		r.answers.map((a) => [
			a.itemId,
			a.answer && [a.answer.type, 'value' in a.answer ? a.answer.value : null],
			a.score,
			a.timeMs
		]),
		r.startedAt,
		r.submittedAt,
		r.late ? 1 : 0,
		r.attempt
	];
}

async function open(code: string) {
	return decryptResult(code, teacher.privateJwk);
}

describe('reports in result codes', () => {
	it('carry reasons and notes, hostile text kept as text', async () => {
		const reports = [
			{
				itemId: 'q-one',
				reason: 'wrong' as const,
				note: '<img src=x onerror=alert(1)> key is 1987'
			},
			{ itemId: 'q-two', reason: 'typo' as const, note: '' }
		];
		const out = await open(await encryptResult(result({ reports }), teacher.publicJwk));
		expect(out).toEqual({ ok: true, result: result({ reports }) });
	});

	it('leave a result without reports exactly as earlier versions sealed it', async () => {
		const out = await open(await encryptResult(result(), teacher.publicJwk));
		expect(out.ok && 'reports' in out.result).toBe(false);
		const empty = await open(await encryptResult(result({ reports: [] }), teacher.publicJwk));
		expect(empty.ok && empty.result.reports).toBeUndefined();
	});

	it('import an old code, sealed without a reports field', async () => {
		const out = await open(await sealUnchecked(oldWire(result()), teacher.publicJwk));
		expect(out).toEqual({ ok: true, result: result() });
	});

	it('refuse an unknown reason, an overlong note, a repeated item and too many reports', async () => {
		const wire = (reports: unknown) => [...oldWire(result()), reports];
		const refuse = async (reports: unknown) => {
			const out = await open(await sealUnchecked(wire(reports), teacher.publicJwk));
			if (out.ok) throw new Error('expected a refusal');
			return out.error;
		};
		expect(await refuse([['q-one', 'spam', '']])).toMatch(/reported problems/);
		expect(await refuse([['q-one', 'typo', 'x'.repeat(MAX_REPORT_NOTE + 1)]])).toMatch(
			/reported problems/
		);
		expect(await refuse([['q-one', 'typo', 'a\u0000b']])).toMatch(/reported problems/);
		expect(await refuse([['Q ONE', 'typo', '']])).toMatch(/reported problems/);
		expect(
			await refuse([
				['q-one', 'typo', ''],
				['q-one', 'wrong', '']
			])
		).toMatch(/one question twice/);
		const many = Array.from({ length: 201 }, (_, i) => [`q-${i}`, 'other', '']);
		expect(await refuse(many)).toMatch(/more than 200 reported problems/);
		expect(await refuse('not a list')).toMatch(/reported problems/);
		// A note at the bound is kept whole.
		const atBound = await open(
			await sealUnchecked(
				wire([['q-one', 'other', 'y'.repeat(MAX_REPORT_NOTE)]]),
				teacher.publicJwk
			)
		);
		expect(atBound.ok && atBound.result.reports?.[0]?.note.length).toBe(MAX_REPORT_NOTE);
	});

	it('refuse to seal an invalid report', async () => {
		await expect(
			encryptResult(
				result({ reports: [{ itemId: 'q-one', reason: 'bogus' as 'typo', note: '' }] }),
				teacher.publicJwk
			)
		).rejects.toThrow(/reported problems/);
	});
});

describe('cleanNote', () => {
	it('trims, turns control characters into spaces, keeps line breaks and cuts to the bound', () => {
		expect(cleanNote('  a\tb\r\nc\rd\u0007  ')).toBe('a b\nc\nd');
		expect(cleanNote('x'.repeat(600))).toHaveLength(MAX_REPORT_NOTE);
		// Never halves an emoji.
		const cut = cleanNote('a'.repeat(MAX_REPORT_NOTE - 1) + '😀');
		expect(cut).toBe('a'.repeat(MAX_REPORT_NOTE - 1));
	});
});

describe('itemReports', () => {
	const items = [
		{ id: 'q-one', type: 'truefalse' },
		{ id: 'q-two', type: 'truefalse' }
	] as unknown as AnyItem[];

	it('counts each student once per item, their latest report winning, with reasons and notes', () => {
		const ana1 = result({
			reports: [{ itemId: 'q-one', reason: 'typo', note: 'first thought' }]
		});
		const ana2 = result({
			attempt: 2,
			submittedAt: ana1.submittedAt + 1000,
			reports: [{ itemId: 'q-one', reason: 'wrong', note: 'The key is wrong' }]
		});
		const ben = result({
			student: 'Ben',
			reports: [
				{ itemId: 'q-one', reason: 'wrong', note: '' },
				{ itemId: 'not-in-assignment', reason: 'other', note: 'ignored' }
			]
		});
		const cy = result({ student: 'Cy' });
		const out = itemReports([ben, ana2, ana1, cy], items);
		expect([...out.keys()]).toEqual(['q-one']);
		expect(out.get('q-one')).toEqual({
			count: 2,
			reasons: [{ reason: 'wrong', count: 2 }],
			notes: [{ reason: 'wrong', note: 'The key is wrong', student: 'Ana' }]
		});
	});

	it('gives nothing for results from before reports', () => {
		expect(itemReports([result()], items).size).toBe(0);
	});
});
