import { describe, expect, it } from 'vitest';
import type { QuizItem } from '../bank/schema';
import { match, multi, numeric, order, short, single, truefalse } from './fixtures';
import type { Quiz } from './generate';
import type { Answer } from './score';
import {
	attemptsFrom,
	createSession,
	currentItemId,
	elapsedMs,
	isComplete,
	mastery,
	missedItemIds,
	reduce,
	remainingMs,
	summary,
	unanswered,
	type Action,
	type Mode,
	type SessionState
} from './session';

const items: QuizItem[] = [single, truefalse, numeric, short];
const quiz: Quiz = {
	seed: 'fixed',
	itemIds: ['capital', 'earth-round', 'length', 'tower'],
	presentation: { capital: { choiceOrder: [1, 0, 3, 2] } }
};

const right: Record<string, Answer> = {
	capital: { type: 'single', choice: 'Paris' },
	'earth-round': { type: 'truefalse', value: true },
	length: { type: 'numeric', value: '5,500 km' },
	tower: { type: 'short', text: 'eiffel tower' },
	primes: { type: 'multi', choices: ['2', '3'] },
	sizes: { type: 'order', order: ['Mercury', 'Mars', 'Earth', 'Jupiter'] },
	pairs: { type: 'match', pairs: { France: 'Paris', Spain: 'Madrid', Italy: 'Rome' } }
};
const wrong: Record<string, Answer> = {
	capital: { type: 'single', choice: 'Lyon' },
	'earth-round': { type: 'truefalse', value: false },
	length: { type: 'numeric', value: 12 },
	tower: { type: 'short', text: 'Big Ben' }
};

function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object') {
		for (const v of Object.values(value)) deepFreeze(v);
		Object.freeze(value);
	}
	return value;
}

function run(state: SessionState, actions: Action[]): SessionState {
	// Frozen input proves the reducer never mutates: a write would throw in strict mode.
	return actions.reduce((s, a) => reduce(deepFreeze(s), a), state);
}

function fresh(mode: Mode, timeLimitMs?: number): SessionState {
	return createSession({ id: 'sess-1', mode, quiz, items, timeLimitMs });
}

const answerAt = (itemId: string, answer: Answer, now: number): Action => ({
	type: 'answer',
	itemId,
	answer,
	now
});

describe('createSession', () => {
	it('starts ready, snapshots the items and ignores everything until start', () => {
		const s = fresh('practice');
		expect(s.status).toBe('ready');
		expect(Object.keys(s.items)).toEqual(quiz.itemIds);
		expect(s.items['capital']).toEqual(single);
		expect(s.items['capital']).not.toBe(single);
		expect(reduce(s, answerAt('capital', right.capital as Answer, 5))).toBe(s);
		expect(reduce(s, { type: 'next' })).toBe(s);
		const started = reduce(s, { type: 'start', now: 1000 });
		expect(started).toMatchObject({ status: 'active', startedAt: 1000, deadline: null });
		expect(currentItemId(started)).toBe('capital');
	});

	it('accepts items as a record or a map and rejects unknown ids', () => {
		const rec = Object.fromEntries(items.map((i) => [i.id, i]));
		expect(createSession({ id: 'r', mode: 'test', quiz, items: rec }).items).toEqual(
			fresh('test').items
		);
		expect(
			createSession({ id: 'm', mode: 'test', quiz, items: new Map(Object.entries(rec)) }).items
		).toEqual(fresh('test').items);
		expect(() => createSession({ id: 'x', mode: 'test', quiz, items: [single] })).toThrow(
			"Quiz item 'earth-round' is not in the bank."
		);
	});
});

describe('practice mode', () => {
	it('scores at once, locks the item and reports the attempt', () => {
		const s0 = run(fresh('practice'), [{ type: 'start', now: 1000 }]);
		const s1 = reduce(s0, answerAt('capital', wrong.capital as Answer, 4000));
		expect(s1.answers['capital']).toMatchObject({
			answer: { type: 'single', choice: 'Lyon' },
			result: { score: 0, correct: false, expected: 'Paris' },
			timeTakenMs: 3000,
			at: 4000,
			attempts: 1
		});
		expect(attemptsFrom(s0, s1)).toEqual([
			{
				itemId: 'capital',
				answer: { type: 'single', choice: 'Lyon' },
				score: 0,
				correct: false,
				timeTakenMs: 3000,
				at: 4000
			}
		]);
		const again = reduce(s1, answerAt('capital', right.capital as Answer, 5000));
		expect(again).toBe(s1);
		expect(attemptsFrom(s1, again)).toEqual([]);
		expect(currentItemId(s1)).toBe('capital');
	});

	it('navigates with next, previous, goto and times each showing', () => {
		const s = run(fresh('practice'), [
			{ type: 'start', now: 0 },
			{ type: 'next', now: 2000 },
			answerAt('earth-round', right['earth-round'] as Answer, 7000),
			{ type: 'goto', index: 3, now: 8000 },
			{ type: 'previous', now: 9000 }
		]);
		expect(s.answers['earth-round']?.timeTakenMs).toBe(5000);
		expect(currentItemId(s)).toBe('length');
		expect(s.position).toBe(2);
		expect(reduce(s, { type: 'goto', index: 4 })).toBe(s);
		expect(reduce(s, { type: 'goto', index: -1 })).toBe(s);
		const last = run(s, [{ type: 'goto', index: 3 }]);
		expect(reduce(last, { type: 'next' })).toBe(last);
		const first = run(s, [{ type: 'goto', index: 0 }]);
		expect(reduce(first, { type: 'previous' })).toBe(first);
	});

	it('skips to the next unanswered item, wrapping round', () => {
		const s = run(fresh('practice'), [
			{ type: 'start', now: 0 },
			{ type: 'goto', index: 2 },
			answerAt('length', right.length as Answer, 10),
			{ type: 'goto', index: 1 },
			{ type: 'skip', now: 20 }
		]);
		expect(currentItemId(s)).toBe('tower');
		const s2 = run(s, [{ type: 'skip', now: 30 }]);
		expect(currentItemId(s2)).toBe('capital');
		expect(unanswered(s2)).toEqual(['capital', 'earth-round', 'tower']);
	});

	it('summarises by topic and type, and lists what was missed', () => {
		const s = run(fresh('practice'), [
			{ type: 'start', now: 0 },
			answerAt('capital', right.capital as Answer, 1000),
			{ type: 'next', now: 1000 },
			answerAt('earth-round', wrong['earth-round'] as Answer, 3000),
			{ type: 'next', now: 3000 },
			answerAt('length', right.length as Answer, 6000),
			{ type: 'submit', now: 10000 }
		]);
		const sum = summary(s);
		expect(sum).toMatchObject({
			score: 2,
			max: 4,
			percent: 50,
			correctCount: 2,
			timeMs: 10000
		});
		expect(sum.byTopic).toEqual([
			{ topic: 'rivers', score: 2, max: 2 },
			{ topic: 'space', score: 0, max: 2 }
		]);
		expect(sum.byType).toEqual([
			{ type: 'single', score: 1, max: 1 },
			{ type: 'truefalse', score: 0, max: 1 },
			{ type: 'numeric', score: 1, max: 1 },
			{ type: 'short', score: 0, max: 1 }
		]);
		expect(sum.items.map((r) => [r.itemId, r.answer?.type ?? null, r.result.score])).toEqual([
			['capital', 'single', 1],
			['earth-round', 'truefalse', 0],
			['length', 'numeric', 1],
			['tower', null, 0]
		]);
		expect(sum.items[3]?.result.expected).toBe('Eiffel Tower');
		expect(missedItemIds(s)).toEqual(['earth-round', 'tower']);
		expect(summary(s, items)).toEqual(sum);
	});
});

describe('test mode', () => {
	it('hides results until submit, allows changes, then scores everything', () => {
		const s = run(fresh('test'), [
			{ type: 'start', now: 0 },
			answerAt('capital', wrong.capital as Answer, 2000),
			{ type: 'flag', itemId: 'capital' },
			{ type: 'next', now: 3000 },
			answerAt('earth-round', right['earth-round'] as Answer, 4000),
			{ type: 'goto', index: 0, now: 5000 },
			answerAt('capital', right.capital as Answer, 6000)
		]);
		expect(s.answers['capital']).toMatchObject({
			answer: right.capital,
			result: null,
			attempts: 2,
			// 3 s on the first visit plus 1 s on the second.
			timeTakenMs: 4000
		});
		expect(s.answers['earth-round']?.result).toBeNull();
		expect(s.lastEvents).toEqual([]);
		expect(s.flags).toEqual(['capital']);
		const unflagged = run(s, [{ type: 'flag', itemId: 'capital' }]);
		expect(unflagged.flags).toEqual([]);
		expect(reduce(s, { type: 'flag', itemId: 'capital', flagged: true })).toBe(s);
		const flaggedTwo = run(s, [{ type: 'flag', itemId: 'tower', flagged: true }]);
		expect(flaggedTwo.flags).toEqual(['capital', 'tower']);

		const done = reduce(s, { type: 'submit', now: 9000 });
		expect(done).toMatchObject({ status: 'submitted', submittedAt: 9000 });
		expect(done.answers['capital']?.result).toMatchObject({ score: 1, correct: true });
		expect(attemptsFrom(s, done).map((e) => [e.itemId, e.correct, e.timeTakenMs, e.at])).toEqual([
			['capital', true, 4000, 6000],
			['earth-round', true, 1000, 4000]
		]);
		expect(summary(done)).toMatchObject({ score: 2, max: 4, percent: 50, timeMs: 9000 });
		expect(missedItemIds(done)).toEqual(['length', 'tower']);
	});

	it('ignores every action after submit', () => {
		const done = run(fresh('test'), [
			{ type: 'start', now: 0 },
			{ type: 'submit', now: 100 }
		]);
		const actions: Action[] = [
			{ type: 'start', now: 200 },
			answerAt('capital', right.capital as Answer, 200),
			{ type: 'skip', now: 200 },
			{ type: 'flag', itemId: 'capital' },
			{ type: 'next' },
			{ type: 'previous' },
			{ type: 'goto', index: 2 },
			{ type: 'submit', now: 300 },
			{ type: 'timeUp', now: 300 },
			{ type: 'pause', now: 300 },
			{ type: 'resume', now: 300 }
		];
		for (const a of actions) expect(reduce(done, a)).toBe(done);
	});

	it('counts down and submits when time is up', () => {
		const s = run(fresh('test', 60_000), [
			{ type: 'start', now: 1000 },
			answerAt('capital', right.capital as Answer, 5000)
		]);
		expect(s.deadline).toBe(61_000);
		expect(remainingMs(s, 31_000)).toBe(30_000);
		expect(remainingMs(s, 99_000)).toBe(0);
		// A timer that fires half a minute early is a stray and changes nothing.
		expect(reduce(s, { type: 'timeUp', now: 31_000 })).toBe(s);
		const out = reduce(s, { type: 'timeUp', now: 60_500 });
		expect(out.status).toBe('submitted');
		const late = reduce(s, { type: 'timeUp', now: 75_000 });
		expect(late).toMatchObject({ status: 'submitted', submittedAt: 75_000, activeMs: 60_000 });
		expect(summary(late)).toMatchObject({ score: 1, timeMs: 60_000 });
		expect(remainingMs(late, 80_000)).toBe(0);
		expect(attemptsFrom(s, late)).toHaveLength(1);
	});

	it('refuses an answer after the deadline and submits instead', () => {
		const s = run(fresh('test', 10_000), [{ type: 'start', now: 0 }]);
		const out = reduce(s, answerAt('capital', right.capital as Answer, 10_001));
		expect(out.status).toBe('submitted');
		expect(out.answers).toEqual({});
		expect(summary(out).score).toBe(0);
		const inTime = reduce(s, answerAt('capital', right.capital as Answer, 9_999));
		expect(inTime.status).toBe('active');
		expect(inTime.answers['capital']?.answer).toEqual(right.capital);
	});

	it('will not pause against a time limit', () => {
		const s = run(fresh('test', 10_000), [{ type: 'start', now: 0 }]);
		expect(reduce(s, { type: 'pause', now: 10 })).toBe(s);
	});
});

describe('pausing', () => {
	it('stops the clock while paused and ignores answers until resumed', () => {
		const s = run(fresh('practice'), [
			{ type: 'start', now: 0 },
			{ type: 'pause', now: 2000 }
		]);
		expect(elapsedMs(s, 50_000)).toBe(2000);
		expect(reduce(s, answerAt('capital', right.capital as Answer, 50_000))).toBe(s);
		const r = run(s, [
			{ type: 'resume', now: 50_000 },
			answerAt('capital', right.capital as Answer, 51_000)
		]);
		expect(r.answers['capital']?.timeTakenMs).toBe(3000);
		expect(elapsedMs(r, 52_000)).toBe(4000);
	});

	it('never lets a clock set backwards make time negative', () => {
		const s = run(fresh('practice'), [
			{ type: 'start', now: 10_000 },
			answerAt('capital', right.capital as Answer, 4000)
		]);
		expect(s.answers['capital']?.timeTakenMs).toBe(0);
		expect(elapsedMs(s, 3000)).toBe(0);
		// Time counts on from the last reading, not from the start the clock jumped back over.
		expect(elapsedMs(s, 5000)).toBe(1000);
	});
});

describe('learn mode', () => {
	const learnItems: QuizItem[] = [single, truefalse, numeric];
	const learnQuiz: Quiz = {
		seed: 'l',
		itemIds: ['capital', 'earth-round', 'length'],
		presentation: {}
	};
	const start = () =>
		run(createSession({ id: 'learn', mode: 'learn', quiz: learnQuiz, items: learnItems }), [
			{ type: 'start', now: 0 }
		]);

	it('brings a miss back two items later and requires two right answers', () => {
		let s = run(createSession({ id: 'learn-4', mode: 'learn', quiz, items }), [
			{ type: 'start', now: 0 }
		]);
		s = reduce(s, answerAt('capital', wrong.capital as Answer, 1000));
		expect(s.queue).toEqual(['capital', 'earth-round', 'length', 'capital', 'tower']);
		expect(s.locked).toBe(true);
		expect(reduce(s, answerAt('capital', right.capital as Answer, 1100))).toBe(s);
		expect(mastery(s)).toBe(0);
		s = run(s, [{ type: 'next', now: 1500 }]);
		expect(reduce(s, { type: 'next', now: 1600 })).toBe(s);
		s = reduce(s, answerAt('earth-round', right['earth-round'] as Answer, 2000));
		// A first success comes back later than a miss.
		expect(s.queue).toEqual([
			'capital',
			'earth-round',
			'length',
			'capital',
			'tower',
			'earth-round'
		]);
		expect(mastery(s)).toBe(1 / 8);
		expect(reduce(s, { type: 'previous' })).toBe(s);
		expect(reduce(s, { type: 'goto', index: 0 })).toBe(s);
		s = run(s, [{ type: 'next', now: 2500 }]);
		s = reduce(s, answerAt('length', right.length as Answer, 3000));
		// Four places on would pass the end, so it joins the back of the queue.
		expect(s.queue).toEqual([
			'capital',
			'earth-round',
			'length',
			'capital',
			'tower',
			'earth-round',
			'length'
		]);
	});

	it('brings a first success back four items later', () => {
		const seven: Quiz = {
			seed: 's',
			itemIds: ['capital', 'earth-round', 'length', 'tower', 'primes', 'sizes', 'pairs'],
			presentation: {}
		};
		const s = run(
			createSession({
				id: 'learn-7',
				mode: 'learn',
				quiz: seven,
				items: [...items, multi, order, match]
			}),
			[{ type: 'start', now: 0 }, answerAt('capital', right.capital as Answer, 100)]
		);
		expect(s.queue).toEqual([
			'capital',
			'earth-round',
			'length',
			'tower',
			'primes',
			'capital',
			'sizes',
			'pairs'
		]);
		expect(s.answers['capital']).toMatchObject({ rightCount: 1, attempts: 1 });
	});

	it('reaches mastery by answering whatever is shown', () => {
		let s = start();
		let now = 0;
		let misses = 0;
		const seen: string[] = [];
		while (!isComplete(s)) {
			const id = currentItemId(s) as string;
			seen.push(id);
			// Miss each item on its first showing, then answer right.
			const first = !s.answers[id];
			if (first) misses++;
			const given = first ? wrong[id] : right[id];
			s = reduce(s, answerAt(id, given as Answer, (now += 1000)));
			s = reduce(s, { type: 'next', now: (now += 500) });
			expect(seen.length).toBeLessThan(50);
		}
		expect(mastery(s)).toBe(1);
		expect(misses).toBe(3);
		expect(seen).toHaveLength(9);
		expect(seen).toEqual([
			'capital',
			'earth-round',
			'length',
			'capital',
			'earth-round',
			'length',
			'capital',
			'earth-round',
			'length'
		]);
		expect(s.answers['capital']).toMatchObject({ attempts: 3, rightCount: 2 });
		// The summary judges first attempts, so everything here was missed.
		expect(summary(s)).toMatchObject({ score: 0, correctCount: 0 });
		expect(missedItemIds(s)).toEqual(['capital', 'earth-round', 'length']);
		const done = reduce(s, { type: 'submit', now: now + 1 });
		expect(done.status).toBe('submitted');
	});

	it('moves a skipped item back two places without recording anything', () => {
		const s = run(start(), [{ type: 'skip', now: 500 }]);
		expect(s.queue).toEqual(['earth-round', 'length', 'capital']);
		expect(currentItemId(s)).toBe('earth-round');
		expect(s.answers).toEqual({});
		expect(s.lastEvents).toEqual([]);
	});
});

describe('persistence', () => {
	const script: Action[] = [
		{ type: 'start', now: 0 },
		answerAt('capital', wrong.capital as Answer, 1000),
		{ type: 'next', now: 1200 },
		answerAt('earth-round', right['earth-round'] as Answer, 3000),
		{ type: 'next', now: 3100 },
		{ type: 'skip', now: 4000 },
		answerAt('length', { type: 'numeric', value: Number.NaN }, 4500),
		{ type: 'next', now: 5000 },
		answerAt('capital', right.capital as Answer, 7000),
		{ type: 'next', now: 7500 },
		answerAt('length', right.length as Answer, 9000),
		{ type: 'flag', itemId: 'tower' },
		{ type: 'submit', now: 12_000 }
	];

	for (const mode of ['practice', 'test', 'learn'] as const) {
		it(`${mode}: a JSON round trip mid-session changes nothing`, () => {
			for (let cut = 0; cut <= script.length; cut++) {
				const mid = run(fresh(mode, 600_000), script.slice(0, cut));
				const restored = JSON.parse(JSON.stringify(mid)) as SessionState;
				expect(restored).toEqual(mid);
				const a = run(mid, script.slice(cut));
				const b = run(restored, script.slice(cut));
				expect(JSON.stringify(b)).toBe(JSON.stringify(a));
				expect(summary(b)).toEqual(summary(a));
			}
		});
	}

	it('stores answers as plain JSON, copying what it was given', () => {
		const given: Answer = { type: 'multi', choices: ['2'] };
		const q: Quiz = { seed: 'x', itemIds: ['primes', 'sizes', 'pairs'], presentation: {} };
		let s = run(
			createSession({ id: 'c', mode: 'practice', quiz: q, items: [multi, order, match] }),
			[{ type: 'start', now: 0 }]
		);
		s = reduce(s, answerAt('primes', given, 10));
		(given as { choices: string[] }).choices.push('3');
		expect(s.answers['primes']?.answer).toEqual({ type: 'multi', choices: ['2'] });
		expect(s.answers['primes']?.result?.score).toBe(0.5);
		s = run(s, [
			{ type: 'next', now: 20 },
			answerAt('sizes', right.sizes as Answer, 30),
			{ type: 'next', now: 40 },
			answerAt('pairs', right.pairs as Answer, 50)
		]);
		expect(summary(s)).toMatchObject({ score: 2.5, max: 3, percent: 83, correctCount: 2 });
	});

	it('keeps a non-finite number as text so it survives JSON', () => {
		const s = run(fresh('test'), [
			{ type: 'start', now: 0 },
			answerAt('length', { type: 'numeric', value: Number.POSITIVE_INFINITY }, 10)
		]);
		expect(s.answers['length']?.answer).toEqual({ type: 'numeric', value: 'Infinity' });
	});

	it('needs nothing but the state to score a restored session', () => {
		const s = run(fresh('test'), [
			{ type: 'start', now: 0 },
			answerAt('tower', { type: 'short', text: 'Tour Eiffel' }, 10)
		]);
		const restored = JSON.parse(JSON.stringify(s)) as SessionState;
		expect(summary(reduce(restored, { type: 'submit', now: 20 })).score).toBe(1);
	});

	it('leaves the bank item objects alone', () => {
		const before = JSON.stringify(items);
		run(fresh('learn'), script);
		run(fresh('test'), script);
		expect(JSON.stringify(items)).toBe(before);
	});
});

describe('drafts', () => {
	const typed: Answer = { type: 'short', text: 'eiffel tow' };

	for (const mode of ['practice', 'learn'] as const) {
		it(`${mode}: keeps what is typed before Check, survives JSON, and clears it on the answer`, () => {
			const s = run(fresh(mode), [{ type: 'start', now: 0 }]);
			const draft: Answer = { type: 'single', choice: 'Lyon' };
			const drafted = reduce(deepFreeze(s), { type: 'draft', itemId: 'capital', answer: draft });
			expect(drafted.drafts?.['capital']).toEqual(draft);
			expect(drafted.lastEvents).toEqual([]);
			expect(drafted.answers).toEqual({});
			const restored = JSON.parse(JSON.stringify(drafted)) as SessionState;
			expect(restored.drafts?.['capital']).toEqual(draft);
			const answered = reduce(restored, answerAt('capital', draft, 50));
			expect(answered.answers['capital']?.answer).toEqual(draft);
			expect(answered.drafts?.['capital']).toBeUndefined();
		});
	}

	it('copies the draft it was given', () => {
		const s = run(fresh('practice'), [
			{ type: 'start', now: 0 },
			{ type: 'goto', index: 3, now: 10 }
		]);
		const given = { type: 'short', text: 'eif' } as { type: 'short'; text: string };
		const drafted = reduce(s, { type: 'draft', itemId: 'tower', answer: given });
		given.text = 'changed';
		expect(drafted.drafts?.['tower']).toEqual({ type: 'short', text: 'eif' });
	});

	it('ignores a draft for an item already answered, not on screen, in test mode or after submit', () => {
		const practice = run(fresh('practice'), [
			{ type: 'start', now: 0 },
			answerAt('capital', right.capital as Answer, 10)
		]);
		const other: Answer = { type: 'single', choice: 'Nice' };
		expect(reduce(practice, { type: 'draft', itemId: 'capital', answer: other })).toBe(practice);
		expect(reduce(practice, { type: 'draft', itemId: 'tower', answer: typed })).toBe(practice);
		expect(reduce(practice, { type: 'draft', itemId: 'nope', answer: typed })).toBe(practice);
		const test = run(fresh('test'), [{ type: 'start', now: 0 }]);
		expect(reduce(test, { type: 'draft', itemId: 'capital', answer: other })).toBe(test);
		const learn = run(fresh('learn'), [
			{ type: 'start', now: 0 },
			answerAt('capital', wrong.capital as Answer, 10)
		]);
		expect(learn.locked).toBe(true);
		expect(reduce(learn, { type: 'draft', itemId: 'capital', answer: other })).toBe(learn);
		const done = reduce(practice, { type: 'submit', now: 20 });
		expect(reduce(done, { type: 'draft', itemId: 'earth-round', answer: other })).toBe(done);
	});

	it('keeps the draft of a skipped item for when it comes back', () => {
		const s = run(fresh('practice'), [{ type: 'start', now: 0 }]);
		const draft: Answer = { type: 'single', choice: 'Lyon' };
		const back = run(s, [
			{ type: 'draft', itemId: 'capital', answer: draft },
			{ type: 'skip', now: 10 },
			{ type: 'goto', index: 0, now: 20 }
		]);
		expect(currentItemId(back)).toBe('capital');
		expect(back.drafts?.['capital']).toEqual(draft);
	});
});

describe('order items', () => {
	const q: Quiz = {
		seed: 'o',
		itemIds: ['capital', 'sizes'],
		presentation: { sizes: { orderShuffle: [1, 0, 3, 2] } }
	};
	const shown: Answer = { type: 'order', order: ['Mars', 'Mercury', 'Jupiter', 'Earth'] };
	const session = (mode: Mode) => createSession({ id: 'o', mode, quiz: q, items: [single, order] });

	it('test mode: the order on screen is the answer once it has been shown, as Check takes it in practice', () => {
		let s = run(session('test'), [{ type: 'start', now: 0 }]);
		expect(unanswered(s)).toEqual(['capital', 'sizes']);
		s = reduce(s, { type: 'next', now: 1000 });
		expect(s.answers['sizes']?.answer).toEqual(shown);
		expect(unanswered(s)).toEqual(['capital']);
		const tested = summary(reduce(s, { type: 'submit', now: 2000 }));

		let p = run(session('practice'), [
			{ type: 'start', now: 0 },
			{ type: 'next', now: 1000 },
			answerAt('sizes', shown, 1500)
		]);
		p = reduce(p, { type: 'submit', now: 2000 });
		const practised = summary(p);
		expect(tested.items[1]?.result).toEqual(practised.items[1]?.result);
		expect(tested.items[1]?.result.score).toBeGreaterThan(0);
		expect(tested.score).toBe(practised.score);
	});

	it('test mode: an order item shown first counts from the start, and moving it replaces the answer', () => {
		const first: Quiz = { ...q, itemIds: ['sizes', 'capital'] };
		let s = run(createSession({ id: 'o', mode: 'test', quiz: first, items: [single, order] }), [
			{ type: 'start', now: 0 }
		]);
		expect(s.answers['sizes']?.answer).toEqual(shown);
		s = reduce(s, answerAt('sizes', right.sizes as Answer, 500));
		expect(s.answers['sizes']?.answer).toEqual(right.sizes);
		s = run(s, [
			{ type: 'next', now: 600 },
			{ type: 'previous', now: 700 }
		]);
		expect(s.answers['sizes']?.answer).toEqual(right.sizes);
	});

	it('test mode: an order item never shown stays unanswered', () => {
		const s = run(session('test'), [
			{ type: 'start', now: 0 },
			{ type: 'submit', now: 10 }
		]);
		expect(s.answers['sizes']).toBeUndefined();
		expect(summary(s).items[1]?.result.score).toBe(0);
	});
});
