import { describe, expect, it } from 'vitest';
import { checkSetEntry, countEntries, entryText, newId, SetId, type SetQuizItem } from './set';
import * as v from 'valibot';

const article = [
	{ id: 'p3', text: 'The treaty bans missiles with a range of 500 to 5,500 “kilometers”.' }
];

const single = {
	id: 'own-abc',
	type: 'single',
	prompt: 'What does the treaty ban?',
	choices: ['Missiles', 'Tanks'],
	answer: 'Missiles',
	topic: 'treaty',
	difficulty: 2,
	voice: 'fact'
};

describe('checkSetEntry', () => {
	it('accepts an item with no quote in a set not built on the article, filling defaults', () => {
		const { entry, problems } = checkSetEntry('item', single, null);
		expect(problems).toEqual([]);
		expect(entry).toMatchObject({ ...single, tags: [] });
	});

	it('requires the paragraph and the quote in a set built on the article', () => {
		const { entry, problems } = checkSetEntry('item', single, article, true);
		expect(entry).toBeNull();
		expect(problems.map((p) => p.path[0])).toEqual(['paragraph', 'source']);
	});

	it('checks the quote verbatim as the build does: quotes folded, case kept', () => {
		const cited = { ...single, paragraph: 'p3', source: 'range of 500 to 5,500 "kilometers"' };
		expect(checkSetEntry('item', cited, article).problems).toEqual([]);
		const wrong = { ...cited, source: 'Range of 500' };
		expect(checkSetEntry('item', wrong, article).problems).toEqual([
			{ path: ['source'], message: 'source not found verbatim in p3: "Range of 500"' }
		]);
		const missing = { ...cited, paragraph: 'p9' };
		expect(checkSetEntry('item', missing, article).problems[0]).toEqual({
			path: ['paragraph'],
			message: 'paragraph "p9" does not exist in the article'
		});
	});

	it('applies the item rules of the build: answer among choices, no answer in the prompt', () => {
		const off = { ...single, answer: 'Ships' };
		expect(checkSetEntry('item', off, null).problems).toEqual([
			{ path: ['answer'], message: 'answer "Ships" is not one of the choices' }
		]);
		const leak = { ...single, prompt: 'Does the treaty ban missiles?' };
		expect(checkSetEntry('item', leak, null).problems[0]?.path).toEqual(['prompt']);
	});

	it('names schema problems by field and refuses a quote without its paragraph', () => {
		const { problems } = checkSetEntry('item', { ...single, choices: ['Missiles'] }, null);
		expect(problems).toContainEqual({ path: ['choices'], message: 'needs at least 2 choices' });
		const half = checkSetEntry('item', { ...single, source: 'range' }, null);
		expect(half.problems[0]?.message).toBe(
			'a quote needs its paragraph, and a paragraph its quote'
		);
		expect(checkSetEntry('item', { ...single, voice: 'rumour' }, null).problems).toEqual([
			{ path: ['voice'], message: 'must be fact, claim or prediction' }
		]);
	});

	it('checks flashcards and refuses a field over 1 MB', () => {
		const card = { id: 'own-c1', front: 'INF', back: 'Intermediate-Range Nuclear Forces' };
		const full = { ...card, topic: 'treaty', difficulty: 1, voice: 'fact' };
		expect(checkSetEntry('flashcard', full, null).problems).toEqual([]);
		const huge = { ...full, back: 'x'.repeat(1024 * 1024 + 1) };
		expect(checkSetEntry('flashcard', huge, null).problems).toEqual([
			{ path: ['back'], message: 'is longer than 1 MB, the most one field may hold' }
		]);
	});
});

describe('set helpers', () => {
	it('makes ids from the random source given', () => {
		let n = 0;
		const id = newId('set', () => (n++ % 36) / 36);
		expect(id).toBe('set-0123456789');
		expect(v.is(SetId, id)).toBe(true);
		expect(v.is(SetId, 'builtin')).toBe(true);
		expect(v.is(SetId, 'set-<b>')).toBe(false);
	});

	it('counts entries by type and shows cloze blanks as gaps', () => {
		const cloze = {
			...single,
			type: 'cloze',
			prompt: 'Fill in.',
			text: 'A range of {{500}} km.'
		} as unknown as SetQuizItem;
		const counts = countEntries([single as SetQuizItem, cloze], 3);
		expect(counts).toMatchObject({ single: 1, cloze: 1, multi: 0, flashcard: 3 });
		expect(entryText(cloze)).toBe('Fill in. A range of ___ km.');
	});
});
