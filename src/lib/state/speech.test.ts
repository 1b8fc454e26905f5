import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '$lib/db';
import { createSet, emptyCounts, putEntries, updateSet } from '$lib/db/sets';
import { entryLang, forgetLangs, spokenText } from './speech';

beforeEach(async () => {
	await db.open();
	await Promise.all(db.tables.map((t) => t.clear()));
	forgetLangs();
});

describe('entryLang', () => {
	it('is the set’s language, English for the built-in bank and a set that does not say', async () => {
		await createSet({
			id: 'set-speech1',
			title: 'Vocabulaire',
			description: '',
			article: false,
			topics: [{ id: 'general', title: 'General' }],
			counts: emptyCounts(),
			createdAt: 1,
			updatedAt: 1
		});
		const entry = {
			id: 'own-speech0001',
			front: 'chat',
			back: 'cat',
			topic: 'general',
			difficulty: 2 as const,
			voice: 'fact' as const,
			reverse: false,
			tags: []
		};
		await putEntries('set-speech1', [{ kind: 'flashcard', entry }], [], 2);
		expect(await entryLang('own-speech0001')).toBe('en');
		await updateSet('set-speech1', { lang: 'fr' }, 3);
		forgetLangs();
		expect(await entryLang('own-speech0001')).toBe('fr');
		expect(await entryLang('inf-signed-1987')).toBe('en');
		expect(await entryLang('own-notstored00')).toBe('en');
	});
});

describe('spokenText', () => {
	it('reads formulas as their TeX and blanks as a pause', () => {
		expect(spokenText('What is \\(x^2\\)  at {{3}}?')).toBe('What is x^2 at … ?');
	});
});
