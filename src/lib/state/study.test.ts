import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import bank from 'virtual:quire-bank';
import index from 'virtual:quire-bank/index';
import { db } from '$lib/db';
import { plainSetRow } from '$lib/db/fixtures';
import { createSet, putEntries } from '$lib/db/sets';
import { DEFAULT_CHOICE, StudyState } from './study.svelte';

beforeEach(async () => {
	await db.open();
	await Promise.all(db.tables.map((t) => t.clear()));
});

/** A deterministic stand-in for Math.random. */
function rng(seed = 7) {
	let s = seed;
	return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

describe('the study home', () => {
	it('counts the built-in set from the index, with the counts the whole bank gives', async () => {
		const study = new StudyState();
		await study.load();
		expect(study.items).toBe(index.items);
		const choices = [
			DEFAULT_CHOICE,
			{ ...DEFAULT_CHOICE, types: ['single' as const, 'cloze' as const] },
			{ ...DEFAULT_CHOICE, difficulty: [3 as const] },
			{ ...DEFAULT_CHOICE, topics: [bank.topics[0]!.id] },
			{ ...DEFAULT_CHOICE, paragraphs: [bank.items[0]!.paragraph] }
		];
		for (const choice of choices) {
			const whole = bank.items.filter(
				(i) =>
					(!choice.types.length || choice.types.includes(i.type)) &&
					(!choice.difficulty.length || choice.difficulty.includes(i.difficulty)) &&
					(!choice.topics.length || choice.topics.includes(i.topic)) &&
					(!choice.paragraphs.length || choice.paragraphs.includes(i.paragraph))
			).length;
			expect(study.count(choice)).toBe(whole);
			expect(whole).toBeGreaterThan(0);
		}
	});

	it('starts a built-in quiz with whole questions: answers and explanations stored with it', async () => {
		const study = new StudyState();
		await study.load();
		const started = await study.start({ ...DEFAULT_CHOICE, count: 5 }, rng(), 1_000);
		expect(started.ok).toBe(true);
		if (!started.ok) return;
		const fixed = await db.sessionItems.get(started.id);
		const items = Object.values(fixed!.items);
		expect(items).toHaveLength(5);
		for (const item of items) expect(item).toEqual(bank.items.find((i) => i.id === item.id));
	});

	it('studies an own set from its stored items, and the built-in set again after it', async () => {
		await createSet(plainSetRow('set-study1'));
		const item = {
			id: 'own-item01',
			type: 'single' as const,
			prompt: 'Which treaty?',
			choices: ['INF', 'START'],
			answer: 'INF',
			explanation: 'It is the INF Treaty.',
			topic: 'general',
			difficulty: 1 as const,
			voice: 'fact' as const,
			level: 'recall' as const,
			tags: []
		};
		await putEntries('set-study1', [{ kind: 'item', entry: item }], [], 2);
		const study = new StudyState();
		await study.load();
		expect(await study.useSet('set-study1')).toBe(true);
		expect(study.count(DEFAULT_CHOICE)).toBe(1);
		const started = await study.start(DEFAULT_CHOICE, rng(), 2_000);
		expect(started.ok).toBe(true);
		if (!started.ok) return;
		expect((await db.sessionItems.get(started.id))!.items).toEqual({ 'own-item01': item });

		expect(await study.useSet('builtin')).toBe(true);
		const again = await study.start({ ...DEFAULT_CHOICE, count: 3 }, rng(3), 3_000);
		expect(again.ok).toBe(true);
		if (!again.ok) return;
		const ids = Object.keys((await db.sessionItems.get(again.id))!.items);
		expect(ids.every((id) => bank.items.some((i) => i.id === id))).toBe(true);
	});
});
