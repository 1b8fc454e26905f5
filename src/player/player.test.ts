import { Scorm12API } from 'scorm-again';
import { describe, expect, it } from 'vitest';
import bank from 'virtual:quire-bank';
import type { AnyItem } from '$lib/bank/set';
import { elapsedMs, type Answer } from '$lib/engine';
import { decryptResult, generateTeacherKeys } from '$lib/teach/crypto';
import { contentFromSet } from '$lib/teach/scorm/content';
import { Lms } from './lms';
import { Player } from './player.svelte';

const items = (['single', 'truefalse', 'multi'] as const).map((t) =>
	bank.items.find((i) => i.type === t)!
) as AnyItem[];

function quiz(over: { passMark?: number | null; maxAttempts?: number | null } = {}) {
	const made = contentFromSet(items, { title: 'Player test', seed: 'p', passMark: 60, ...over });
	if (!made.ok) throw new Error(made.reason);
	return made.content;
}

/** scorm-again's SCORM 1.2 runtime, loaded with what an LMS kept from the last launch. */
function runtime(kept?: Record<string, unknown>) {
	const api = new Scorm12API({ logLevel: 5, autocommit: false });
	const core = (kept?.core ?? {}) as Record<string, unknown>;
	api.loadFromJSON({
		...kept,
		core: {
			...core,
			student_id: 's-1',
			student_name: 'Lee, Ann',
			lesson_status: core.lesson_status || 'not attempted',
			entry: core.exit === 'suspend' ? 'resume' : '',
			exit: ''
		}
	});
	const cmi = () => (api.renderCMIToJSONObject() as { cmi: Record<string, unknown> }).cmi;
	return { lms: new Lms(api), cmi };
}

function right(item: AnyItem): Answer {
	if (item.type === 'single') return { type: 'single', choice: item.answer };
	if (item.type === 'multi') return { type: 'multi', choices: item.answers };
	if (item.type === 'truefalse') return { type: 'truefalse', value: !item.answer };
	throw new Error(item.type);
}

describe('the SCORM player', () => {
	it('reports to the LMS, resumes from suspend data and refuses a second attempt', async () => {
		const content = quiz({ maxAttempts: 1 });
		let lms = runtime();
		let p = new Player();
		await p.open(content, lms.lms, 0);
		expect(p.status).toBe('intro');
		expect(p.student).toBe('Lee, Ann');
		expect(await p.start(1000)).toBe('');
		const first = p.item!;
		await p.act({ type: 'answer', itemId: first.id, answer: right(first) }, 2000);
		await p.act({ type: 'next' }, 3000);
		await p.saved;
		p.leave(61_000);
		const kept = lms.cmi();
		expect(kept.core).toMatchObject({ lesson_status: 'incomplete', exit: 'suspend' });
		expect(String(kept.suspend_data).length).toBeLessThanOrEqual(4096);

		lms = runtime(kept);
		p = new Player();
		await p.open(content, lms.lms, 100_000);
		expect(p.status).toBe('active');
		expect(p.state?.position).toBe(1);
		expect(p.state?.answers[first.id]?.answer).toEqual(right(first));
		// The clock goes on from the 2 s the attempt had run when it was last kept.
		expect(elapsedMs(p.state!, 100_000)).toBe(2000);
		expect(elapsedMs(p.state!, 100_500)).toBe(2500);
		for (const item of p.items.slice(1)) {
			await p.act({ type: 'goto', index: p.items.indexOf(item) }, 101_000);
			await p.act({ type: 'answer', itemId: item.id, answer: right(item) }, 101_000);
		}
		await p.act({ type: 'submit' }, 102_000);
		// Two of three right (the true/false answer is the wrong one): 67%, over the pass mark of 60.
		expect(p.last).toEqual({ percent: 67, correct: 2, max: 3, status: 'passed' });
		const done = lms.cmi() as {
			core: Record<string, unknown>;
			interactions: Record<string, Record<string, string>>;
		};
		expect(done.core).toMatchObject({
			lesson_status: 'passed',
			exit: '',
			score: { raw: '67', min: '0', max: '100' }
		});
		expect(Object.values(done.interactions).map((i) => [i.type, i.result])).toEqual(
			p.items.map((i) => [
				i.type === 'truefalse' ? 'true-false' : 'choice',
				i.type === 'truefalse' ? 'wrong' : 'correct'
			])
		);
		expect(p.finished).toBe(true);

		lms = runtime(lms.cmi());
		p = new Player();
		await p.open(content, lms.lms, 200_000);
		expect(p.status).toBe('used');
		expect(await p.start(200_001)).toBe('You have used every attempt this quiz allows.');
		expect(p.last?.percent).toBe(67);
	});

	it('outside an LMS, an assignment ends with a result code the teacher opens', async () => {
		const keys = await generateTeacherKeys();
		const content = {
			...quiz({ passMark: null }),
			assignment: { id: 'a-1', due: null, teacherKey: keys.publicJwk }
		};
		const p = new Player();
		await p.open(content, null, 0);
		expect(p.status).toBe('intro');
		expect(await p.start(1, '  ')).toBe(
			'Enter your name, so your teacher knows whose result it is.'
		);
		expect(await p.start(1, ' Ann  Lee ')).toBe('');
		for (const item of p.items)
			await p.act({ type: 'answer', itemId: item.id, answer: right(item) }, 2);
		await p.act({ type: 'submit' }, 3);
		expect(p.last?.status).toBe('completed');
		const opened = await decryptResult(p.code, keys.privateJwk);
		expect(opened.ok && opened.result).toMatchObject({
			assignmentId: 'a-1',
			student: 'Ann Lee',
			attempt: 1
		});
	});

	it('says why a damaged package cannot be opened', async () => {
		const p = new Player();
		await p.open({ format: 'quire-scorm', v: 1 }, null, 0);
		expect(p.status).toBe('problem');
		expect(p.problem).toMatch(/^The quiz in this package is not valid/);
	});
});
