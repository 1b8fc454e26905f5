import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import bank from 'virtual:quire-bank';
import { db } from '$lib/db';
import { decodeAssignment } from '$lib/teach/link';
import { keyFileText } from '$lib/teach/key-file';
import { generateTeacherKeys } from '$lib/teach/crypto';
import { newAssignmentId, newDraft, parseDue, TeachState } from './teach.svelte';

beforeEach(async () => {
	await db.open();
	await Promise.all(db.tables.map((t) => t.clear()));
});

const seq = (values: number[]) => () => values.shift() ?? 0.5;

describe('the assignment form', () => {
	it('makes URL-safe ids and reads due dates', async () => {
		expect(await newAssignmentId()).toMatch(/^[A-Za-z0-9_-]{12}$/);
		expect(parseDue('')).toBeNull();
		expect(parseDue('nonsense')).toBeNull();
		expect(parseDue('2026-03-01T10:00')).toBe(new Date(2026, 2, 1, 10, 0).getTime());
	});

	it('says why a draft picks nothing, and picks ticked questions in bank order', () => {
		const teach = new TeachState();
		const draft = newDraft(seq([0.1, 0.2]));
		expect(teach.chosen(draft)).toEqual({
			ok: false,
			reason: 'Tick at least one question in the list.'
		});
		const [a, b] = bank.items;
		expect(teach.chosen({ ...draft, picked: [b!.id, a!.id] })).toEqual({
			ok: true,
			ids: [b!.id, a!.id]
		});
		expect(teach.chosen({ ...draft, pick: 'all' })).toMatchObject({ ok: true });
		expect(teach.chosen({ ...draft, pick: 'random', seed: ' ' })).toEqual({
			ok: false,
			reason: 'Enter a seed for the random pick.'
		});
	});

	it('creates the key pair and a link that decodes to the assignment', async () => {
		const teach = new TeachState();
		const draft = { ...newDraft(), title: ' Week 1 ', pick: 'all' as const, passMark: 60 };
		const made = await teach.create(draft, 1000, 'https://quire.example');
		if (!made.ok) throw new Error(made.reason);
		expect(teach.keys).not.toBeNull();
		expect(teach.assignments).toEqual([made.row]);
		const known = new Set(bank.items.map((i) => i.id));
		const decoded = await decodeAssignment(made.row.link, bank.version, known);
		expect(decoded).toMatchObject({ ok: true, assignment: { title: 'Week 1', passMark: 60 } });
	});

	it('refuses limits out of range with a sentence naming the limit', async () => {
		const teach = new TeachState();
		const draft = { ...newDraft(), title: 'T', pick: 'all' as const };
		const reason = async (over: object) => {
			const made = await teach.create({ ...draft, ...over }, 1, 'https://quire.example');
			return made.ok ? '' : made.reason;
		};
		expect(await reason({ title: ' ' })).toBe('Give the assignment a title.');
		expect(await reason({ passMark: 101 })).toBe('The pass mark must be between 0 and 100%.');
		expect(await reason({ timeLimitMin: 1441 })).toMatch(/0 \(none\) and 1440 minutes/);
		expect(await reason({ maxAttempts: 101 })).toMatch(/between 1 and 100 attempts/);
		expect(await reason({ due: 'soon' })).toBe('The due date is not a date.');
		expect(teach.assignments).toEqual([]);
	});
});

describe('the teacher key', () => {
	it('imports a key file on a device without one, and says when the same key comes again', async () => {
		const teach = new TeachState();
		await teach.load();
		const text = keyFileText({ ...(await generateTeacherKeys()), createdAt: 7 });
		await teach.readKeyFile(text, 10);
		expect(teach.keyMessage).toMatch(/Teacher key imported/);
		expect(await teach.keyFileText()).toBe(text);
		await teach.readKeyFile(text, 10);
		expect(teach.keyMessage).toBe('This is already your teacher key: nothing changed.');
	});

	it('waits for confirmation before replacing a different key', async () => {
		const teach = new TeachState();
		await teach.readKeyFile(keyFileText({ ...(await generateTeacherKeys()), createdAt: 1 }), 1);
		const other = keyFileText({ ...(await generateTeacherKeys()), createdAt: 2 });
		await teach.readKeyFile(other, 2);
		expect(teach.pendingKey).not.toBeNull();
		expect(await teach.keyFileText()).not.toBe(other);
		await teach.confirmKey();
		expect(await teach.keyFileText()).toBe(other);
		await teach.readKeyFile('{}', 3);
		expect(teach.keyError).toMatch(/not a Quire teacher key/);
	});
});
