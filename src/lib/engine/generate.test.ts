import { describe, expect, it } from 'vitest';
import type { QuizItem } from '../bank/schema';
import { makeBank, match, multi, oneOfEach, order, single } from './fixtures';
import {
	countMatches,
	generateQuiz,
	pickItems,
	presentItem,
	type GenerateOptions,
	type Quiz
} from './generate';

const bank = makeBank(5, 6);
const topicOf = new Map(bank.map((i) => [i.id, i.topic]));

function quizOf(items: readonly QuizItem[], options: GenerateOptions): Quiz {
	const r = generateQuiz(items, options);
	if (!r.ok) throw new Error(r.reason);
	return r.quiz;
}

function reasonOf(items: readonly QuizItem[], options: GenerateOptions): string {
	const r = generateQuiz(items, options);
	if (r.ok) throw new Error('expected no quiz');
	return r.reason;
}

function perTopic(ids: readonly string[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const id of ids) {
		const t = topicOf.get(id) ?? '?';
		counts[t] = (counts[t] ?? 0) + 1;
	}
	return counts;
}

describe('generateQuiz determinism', () => {
	it('gives the identical quiz, presentation included, for the same seed', () => {
		const a = quizOf(oneOfEach, { seed: 'class-7b', count: 8 });
		const b = quizOf([...oneOfEach], { seed: 'class-7b', count: 8 });
		expect(b).toEqual(a);
		expect(a.seed).toBe('class-7b');
		expect(Object.keys(a.presentation).sort()).toEqual(oneOfEach.map((i) => i.id).sort());
		expect(a.presentation['capital']?.choiceOrder).toHaveLength(4);
		expect(a.presentation['primes']?.choiceOrder).toHaveLength(4);
		expect(a.presentation['sizes']?.orderShuffle).toHaveLength(4);
		expect(a.presentation['pairs']?.matchRightOrder).toHaveLength(3);
		expect(a.presentation['tower']).toEqual({});
		expect(JSON.parse(JSON.stringify(a))).toEqual(a);
	});

	it('is pinned, so a shared seed means the same quiz across app versions', () => {
		expect(generateQuiz(bank, { seed: 'golden', count: 6 })).toEqual({
			ok: true,
			quiz: {
				seed: 'golden',
				itemIds: ['t0-i4', 't2-i2', 't4-i5', 't3-i2', 't1-i1', 't0-i3'],
				presentation: {
					't0-i4': { orderShuffle: [2, 0, 1] },
					't2-i2': {},
					't4-i5': { matchRightOrder: [1, 0] },
					't3-i2': {},
					't1-i1': {},
					't0-i3': {}
				}
			}
		});
		const q = quizOf(oneOfEach, { seed: 'golden', count: 8 });
		expect(q.itemIds).toEqual([
			'danube',
			'pairs',
			'earth-round',
			'capital',
			'tower',
			'length',
			'sizes',
			'primes'
		]);
		expect(q.presentation).toMatchObject({
			capital: { choiceOrder: [1, 2, 0, 3] },
			primes: { choiceOrder: [3, 2, 1, 0] },
			sizes: { orderShuffle: [2, 3, 1, 0] },
			pairs: { matchRightOrder: [2, 1, 0] }
		});
	});

	it('gives a different order for a different seed', () => {
		const a = quizOf(bank, { seed: 'alpha', count: 30 });
		const b = quizOf(bank, { seed: 'beta', count: 30 });
		expect([...a.itemIds].sort()).toEqual([...b.itemIds].sort());
		expect(b.itemIds).not.toEqual(a.itemIds);
		const orders = new Set(
			['s1', 's2', 's3', 's4', 's5'].map((seed) => quizOf(bank, { seed, count: 10 }).itemIds.join())
		);
		expect(orders.size).toBe(5);
	});

	it('does not touch the bank array', () => {
		const copy = bank.map((i) => i.id);
		quizOf(bank, { seed: 'x', count: 12 });
		expect(bank.map((i) => i.id)).toEqual(copy);
	});
});

describe('generateQuiz selection', () => {
	it('balances topics: 10 items over 5 topics gives 2 each', () => {
		for (const seed of ['a', 'b', 'c', 'd']) {
			const q = quizOf(bank, { seed, count: 10 });
			expect(Object.values(perTopic(q.itemIds))).toEqual([2, 2, 2, 2, 2]);
		}
	});

	it('balances within a rounding of one when the count does not divide', () => {
		const q = quizOf(bank, { seed: 'odd', count: 7 });
		const counts = Object.values(perTopic(q.itemIds)).sort();
		expect(counts).toEqual([1, 1, 1, 2, 2]);
	});

	it('fills from larger topics when a small topic runs out', () => {
		const lopsided = [...makeBank(2, 10), ...makeBank(3, 1).slice(2)];
		const q = quizOf(lopsided, { seed: 'fill', count: 9 });
		const counts: Record<string, number> = {};
		for (const id of q.itemIds) {
			const t = lopsided.find((i) => i.id === id)?.topic ?? '?';
			counts[t] = (counts[t] ?? 0) + 1;
		}
		// topic-2 has one item (t2-i0); topics 0 and 1 have 10 each.
		expect(counts['topic-2']).toBe(1);
		expect((counts['topic-0'] ?? 0) + (counts['topic-1'] ?? 0)).toBe(8);
		expect(Math.abs((counts['topic-0'] ?? 0) - (counts['topic-1'] ?? 0))).toBe(0);
	});

	it('spreads topics through the quiz rather than bunching them', () => {
		const q = quizOf(bank, { seed: 'spread', count: 10 });
		const firstFive = new Set(q.itemIds.slice(0, 5).map((id) => topicOf.get(id)));
		expect(firstFive.size).toBe(5);
	});

	it('never repeats an item and returns all matches with a note when asked for more', () => {
		const r = generateQuiz(bank, { seed: 'many', count: 50 });
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.quiz.itemIds).toHaveLength(30);
		expect(new Set(r.quiz.itemIds).size).toBe(30);
		expect(r.note).toBe('Only 30 items match, so the quiz has 30 questions.');
		const exact = generateQuiz(bank, { seed: 'many', count: 30 });
		expect(exact.ok && exact.note).toBeUndefined();
	});

	it('applies every filter', () => {
		const q = quizOf(bank, {
			seed: 'f',
			count: 20,
			topics: ['topic-1', 'topic-3'],
			types: ['single', 'truefalse', 'short', 'numeric'],
			difficulty: [1, 2]
		});
		const chosen = q.itemIds.map((id) => bank.find((i) => i.id === id) as QuizItem);
		expect(chosen.length).toBeGreaterThan(0);
		for (const item of chosen) {
			expect(['topic-1', 'topic-3']).toContain(item.topic);
			expect(['single', 'truefalse', 'short', 'numeric']).toContain(item.type);
			expect([1, 2]).toContain(item.difficulty);
		}
		expect(chosen.length).toBe(
			countMatches(bank, {
				topics: ['topic-1', 'topic-3'],
				types: ['single', 'truefalse', 'short', 'numeric'],
				difficulty: [1, 2]
			})
		);
		expect(quizOf(bank, { seed: 'p', count: 10, paragraphs: ['p-topic-4'] }).itemIds).toEqual(
			expect.arrayContaining(['t4-i0', 't4-i1', 't4-i2', 't4-i3', 't4-i4', 't4-i5'])
		);
	});

	it('draws only wrong or only unseen items from the history', () => {
		const wrong = ['t0-i0', 't2-i3', 't4-i5'];
		const q = quizOf(bank, { seed: 'w', count: 10, only: 'wrong', history: { seen: [], wrong } });
		expect([...q.itemIds].sort()).toEqual(wrong);

		const seen = new Set(bank.map((i) => i.id).filter((id) => id !== 't3-i2' && id !== 't1-i1'));
		const u = quizOf(bank, { seed: 'u', count: 10, only: 'unseen', history: { seen, wrong: [] } });
		expect([...u.itemIds].sort()).toEqual(['t1-i1', 't3-i2']);
		const fromArray = quizOf(bank, {
			seed: 'u',
			count: 10,
			only: 'unseen',
			history: { seen: [...seen], wrong: [] }
		});
		expect(fromArray).toEqual(u);
	});

	it('uses an explicit list as the pool and notes ids the bank lacks', () => {
		const r = generateQuiz(bank, {
			seed: 'teacher',
			count: 10,
			itemIds: ['t0-i1', 't1-i1', 't2-i2', 'gone']
		});
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect([...r.quiz.itemIds].sort()).toEqual(['t0-i1', 't1-i1', 't2-i2']);
		expect(r.note).toBe(
			'1 chosen item is not in this bank. Only 3 items match, so the quiz has 3 questions.'
		);
	});

	it('counts matches live', () => {
		expect(countMatches(bank, {})).toBe(30);
		expect(countMatches(bank, { topics: ['topic-0'] })).toBe(6);
		expect(countMatches(bank, { difficulty: [3] })).toBe(10);
		expect(countMatches(bank, { types: ['numeric'], difficulty: [3] })).toBe(0);
		expect(countMatches(bank, { only: 'unseen', history: { seen: ['t0-i0'], wrong: [] } })).toBe(
			29
		);
		expect(countMatches(bank, { only: 'wrong' })).toBe(0);
	});
});

describe('generateQuiz reasons', () => {
	it('names the filters that matched nothing', () => {
		expect(
			reasonOf(bank, {
				seed: 's',
				count: 5,
				types: ['numeric'],
				difficulty: [3],
				topics: ['source']
			})
		).toBe("No items match: type numeric, difficulty 3 in topic 'source'.");
		expect(
			reasonOf(bank, {
				seed: 's',
				count: 5,
				types: ['cloze', 'multi'],
				difficulty: [1, 2],
				paragraphs: ['nowhere']
			})
		).toBe("No items match: types cloze or multi, difficulty 1 or 2, paragraph 'nowhere'.");
		expect(reasonOf(bank, { seed: 's', count: 5, topics: ['a', 'b', 'c'] })).toBe(
			"No items match: topics 'a', 'b' or 'c'."
		);
		expect(reasonOf([], { seed: 's', count: 5 })).toBe('The question bank has no items.');
	});

	it('explains empty history filters', () => {
		expect(reasonOf(bank, { seed: 's', count: 5, only: 'wrong' })).toBe(
			'You have no wrong answers yet.'
		);
		expect(
			reasonOf(bank, {
				seed: 's',
				count: 5,
				only: 'wrong',
				types: ['order'],
				history: { seen: [], wrong: ['t0-i0'] }
			})
		).toBe('None of your wrong answers match: type order.');
		const seen = bank.map((i) => i.id);
		expect(
			reasonOf(bank, { seed: 's', count: 5, only: 'unseen', history: { seen, wrong: [] } })
		).toBe('You have already seen every item in the bank.');
		expect(
			reasonOf(bank, {
				seed: 's',
				count: 5,
				only: 'unseen',
				topics: ['topic-2'],
				history: { seen, wrong: [] }
			})
		).toBe("You have already seen every item that matches: topic 'topic-2'.");
	});

	it('refuses an empty quiz and a pool the bank lacks', () => {
		expect(reasonOf(bank, { seed: 's', count: 0 })).toBe('Choose at least one question.');
		expect(reasonOf(bank, { seed: 's', count: 3, itemIds: ['nope'] })).toBe(
			'None of the chosen items are in this bank; it may have been updated.'
		);
	});
});

describe('pickItems', () => {
	const light = bank.map(({ id, type, topic, difficulty }) => ({ id, type, topic, difficulty }));

	it('picks from items without their answers the ids generateQuiz picks', () => {
		for (const options of [
			{ seed: 'a', count: 7 },
			{ seed: 'b', count: 30, difficulty: [2 as const] },
			{ seed: 'c', count: 3, topics: ['topic-1', 'topic-3'] },
			{ seed: 'd', count: 40 }
		]) {
			const picked = pickItems(light, options);
			const quiz = generateQuiz(bank, options);
			if (!picked.ok || !quiz.ok) throw new Error('expected a quiz');
			expect(picked.items.map((i) => i.id)).toEqual(quiz.quiz.itemIds);
			expect(picked.note).toBe(quiz.note);
		}
	});

	it('gives back the entries it was given, and the same reasons', () => {
		const picked = pickItems(light, { seed: 'e', count: 2 });
		if (!picked.ok) throw new Error(picked.reason);
		for (const item of picked.items) expect(light).toContain(item);
		expect(pickItems(light, { seed: 'e', count: 5, topics: ['nowhere'] })).toEqual({
			ok: false,
			reason: reasonOf(bank, { seed: 'e', count: 5, topics: ['nowhere'] })
		});
	});
});

describe('presentation', () => {
	it('never shows an order or match item already solved', () => {
		const three: QuizItem = { ...order, items: ['a', 'b', 'c'] };
		const two: QuizItem = {
			...match,
			pairs: match.type === 'match' ? match.pairs.slice(0, 2) : []
		};
		for (let i = 0; i < 300; i++) {
			const o = presentItem(three, `seed-${i}`).orderShuffle ?? [];
			expect([...o].sort()).toEqual([0, 1, 2]);
			expect(o).not.toEqual([0, 1, 2]);
			expect(presentItem(two, `seed-${i}`).matchRightOrder).toEqual([1, 0]);
		}
	});

	it('is deterministic per item and seed', () => {
		expect(presentItem(order, 'k')).toEqual(presentItem(order, 'k'));
		const orders = new Set(
			Array.from({ length: 20 }, (_, i) => presentItem(order, `k${i}`).orderShuffle?.join())
		);
		expect(orders.size).toBeGreaterThan(5);
	});

	it('keeps choices in bank order when asked', () => {
		expect(presentItem(single, 'k', false)).toEqual({});
		expect(presentItem(multi, 'k', false)).toEqual({});
		const q = quizOf([single, order], { seed: 'k', count: 2, shuffleChoices: false });
		expect(q.presentation['capital']).toEqual({});
		expect(q.presentation['sizes']?.orderShuffle).toHaveLength(4);
	});
});
