import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import bank from 'virtual:quire-bank';
import { db } from '$lib/db';
import { encryptResult, type StudentResult } from '$lib/teach/crypto';
import { ResultsState } from './results.svelte';
import { newDraft, TeachState } from './teach.svelte';

beforeEach(async () => {
	await db.open();
	await Promise.all(db.tables.map((t) => t.clear()));
});

const item = bank.items.find((i) => i.type === 'single')!;

/** An assignment of one question, made and stored as the Teach page does. */
async function assignment(title: string) {
	const teach = new TeachState();
	const draft = { ...newDraft(), title, pick: 'hand' as const, picked: [item.id] };
	const made = await teach.create(draft, 1000, 'https://quire.example');
	if (!made.ok) throw new Error(made.reason);
	return { row: made.row, key: teach.keys!.publicJwk };
}

function result(assignmentId: string, over: Partial<StudentResult> = {}): StudentResult {
	const answer = item.type === 'single' ? { type: 'single' as const, choice: item.answer } : null;
	return {
		v: 1,
		assignmentId,
		student: 'Ada',
		answers: [{ itemId: item.id, answer, score: 1, timeMs: 2000 }],
		startedAt: 1,
		submittedAt: 2,
		late: false,
		attempt: 1,
		...over
	};
}

describe('importing result codes', () => {
	it('imports a code once, re-scores it, and says so for the same code again', async () => {
		const { row, key } = await assignment('Week 1');
		const results = new ResultsState();
		await results.load(row.id);
		expect(results.status).toBe('ready');
		const code = await encryptResult(result(row.id), key);
		results.pasted = code;
		await results.importPasted(5);
		expect(results.outcomes).toEqual([
			{
				label: `Line 1 (${code.slice(0, 14)}…)`,
				status: 'added',
				text: 'Imported Ada, attempt 1: 100%.'
			}
		]);
		expect(results.pasted).toBe('');
		expect(results.book.map((r) => [r.student, r.best])).toEqual([['Ada', 100]]);
		const [attempt] = results.attemptsOf('ada');
		expect(attempt?.lines.map((l) => [l.itemId, l.score.correct])).toEqual([[item.id, true]]);

		results.pasted = await encryptResult(result(row.id), key);
		await results.importPasted(6);
		expect(results.counts).toEqual({ added: 0, updated: 0, duplicate: 1, error: 0 });
		expect(results.results).toHaveLength(1);
	});

	it('keeps the pasted text and names the assignment a stray code belongs to', async () => {
		const first = await assignment('Week 1');
		const second = await assignment('Week 2');
		const results = new ResultsState();
		await results.load(first.row.id);
		results.pasted = await encryptResult(result(second.row.id), second.key);
		await results.importPasted(5);
		expect(results.outcomes[0]?.text).toMatch(/“Week 2”, not this one/);
		expect(results.pasted).not.toBe('');
		expect(results.results).toEqual([]);
	});

	it('imports many codes from the text of an email: wrapped, repeated, truncated, changed', async () => {
		const { row, key } = await assignment('Week 1');
		const other = await assignment('Week 2');
		const results = new ResultsState();
		await results.load(row.id);
		const codes = await Promise.all(
			['Ada', 'Bo', 'Cy', 'Di'].map((student) => encryptResult(result(row.id, { student }), key))
		);
		const [ada, bo, cy, di] = codes as [string, string, string, string];
		const changed = di.slice(0, 60) + (di[60] === 'A' ? 'B' : 'A') + di.slice(61);
		const stray = await encryptResult(result(other.row.id, { student: 'Eve' }), other.key);
		results.pasted = [
			'Hi, the codes from period 2:',
			`Ada: ${ada}`,
			`> ${bo.slice(0, 50)}`,
			`> ${bo.slice(50)}`,
			'> Thanks, Bo',
			`"${cy}"`,
			`again: ${ada}`,
			cy.slice(0, -20),
			changed,
			stray,
			'Q1: I could not do question 3.'
		].join('\n');
		await results.importPasted(5);
		const said = results.outcomes.map((o) => [o.label.replace(/ \(.*/, ''), o.status]);
		expect(said).toEqual([
			['Line 2', 'added'],
			['Lines 3–4', 'added'],
			['Line 6', 'added'],
			['Line 7', 'duplicate'],
			['Line 8', 'error'],
			['Line 9', 'error'],
			['Line 10', 'error']
		]);
		expect(results.outcomes[3]?.text).toBe(
			`The same code as ${results.outcomes[0]?.label}; read once.`
		);
		expect(results.outcomes[4]?.text).toMatch(/copied completely/);
		expect(results.outcomes[5]?.text).toMatch(/has been changed/);
		expect(results.outcomes[6]?.text).toMatch(/“Week 2”, not this one/);
		expect(results.book.map((r) => r.student).sort()).toEqual(['Ada', 'Bo', 'Cy']);
		// Codes with problems stay in the box to be fixed.
		expect(results.pasted).toContain(changed);
	});

	it('deletes a confirmed result and closes the student it leaves without attempts', async () => {
		const { row, key } = await assignment('Week 1');
		const results = new ResultsState();
		await results.load(row.id);
		await results.importCodes([{ label: 'A', code: await encryptResult(result(row.id), key) }], 5);
		results.select('Ada');
		const id = results.results[0]!.id!;
		results.deleting = { id, label: 'Ada, attempt 1' };
		await results.confirmDelete();
		expect(results.results).toEqual([]);
		expect(results.selected).toBeNull();
		expect(results.deleteMessage).toMatch(/Deleted the result of Ada, attempt 1/);
	});

	it('shows an assignment this device does not hold as missing', async () => {
		await assignment('Week 1');
		const results = new ResultsState();
		await results.load('nope');
		expect(results.status).toBe('missing');
	});
});
