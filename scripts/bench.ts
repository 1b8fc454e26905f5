// Times the quiz engine on a synthetic 100,000-item bank; reports figures and always exits 0.
import { performance } from 'node:perf_hooks';
import type { ItemType, QuizItem } from '../src/lib/bank/schema';
import {
	createRng,
	generateQuiz,
	randomInt,
	scoreAnswer,
	shuffle,
	type Answer,
	type Rng
} from '../src/lib/engine/index';
import { newCard, State } from '../src/lib/srs/index';
import { forecast, hardestItems, heatmap, streak } from '../src/lib/srs/progress';

const ITEMS = 100_000;
const TOPICS = 20;
const RUNS = 30;
const GOAL_GENERATE_MS = 50;
const GOAL_SCORE_MS = 20;
const GOAL_PROGRESS_MS = 150;
const TYPES: ItemType[] = [
	'single',
	'multi',
	'truefalse',
	'cloze',
	'short',
	'numeric',
	'order',
	'match'
];
const WORDS = [
	'river',
	'delta',
	'basin',
	'source',
	'mouth',
	'valley',
	'bridge',
	'harbour',
	'canal'
];

function word(rng: Rng): string {
	return WORDS[randomInt(rng, WORDS.length)] ?? 'river';
}

function makeItem(n: number, rng: Rng): QuizItem {
	const type = TYPES[n % TYPES.length] ?? 'single';
	const base = {
		id: `item-${n}`,
		explanation: 'Synthetic.',
		source: 'Synthetic source sentence.',
		paragraph: `p-${n % 400}`,
		topic: `topic-${randomInt(rng, TOPICS)}`,
		difficulty: ((n % 3) + 1) as 1 | 2 | 3,
		voice: 'fact' as const,
		level: 'recall' as const,
		tags: []
	};
	const choices = ['alpha', 'bravo', 'charlie', 'delta', 'echo'];
	switch (type) {
		case 'single':
			return { ...base, type, prompt: 'Pick one', choices, answer: 'charlie' };
		case 'multi':
			return { ...base, type, prompt: 'Pick some', choices, answers: ['alpha', 'delta'] };
		case 'truefalse':
			return { ...base, type, prompt: 'True?', answer: n % 2 === 0 };
		case 'cloze':
			return {
				...base,
				type,
				prompt: 'Fill in',
				text: `The ${word(rng)} meets the {{${word(rng)}|sea}} near the {{Black Sea}} in ${n}.`
			};
		case 'short':
			return { ...base, type, prompt: 'Type', answer: `Saint ${word(rng)}`, accept: ['St river'] };
		case 'numeric':
			return { ...base, type, prompt: 'How many', answer: 1000 + (n % 9000), tolerance: 5 };
		case 'order':
			return { ...base, type, prompt: 'Order', items: ['one', 'two', 'three', 'four', 'five'] };
		case 'match':
			return {
				...base,
				type,
				prompt: 'Match',
				pairs: [
					{ left: 'a', right: '1' },
					{ left: 'b', right: '2' },
					{ left: 'c', right: '3' },
					{ left: 'd', right: '4' }
				]
			};
	}
}

function answerFor(item: QuizItem, rng: Rng): Answer {
	const good = rng() < 0.5;
	switch (item.type) {
		case 'single':
			return { type: 'single', choice: good ? item.answer : 'bravo' };
		case 'multi':
			return { type: 'multi', choices: good ? item.answers : ['alpha', 'echo'] };
		case 'truefalse':
			return { type: 'truefalse', value: good ? item.answer : !item.answer };
		case 'cloze':
			return { type: 'cloze', blanks: good ? ['Sea', 'black sea'] : ['see', 'Blak Sea'] };
		case 'short':
			return { type: 'short', text: good ? item.answer.toUpperCase() : 'Sant Rivr' };
		case 'numeric':
			return { type: 'numeric', value: good ? `${item.answer.toLocaleString('en')} km` : '12 345' };
		case 'order':
			return { type: 'order', order: good ? item.items : shuffle(item.items, rng) };
		case 'match':
			return {
				type: 'match',
				pairs: Object.fromEntries(item.pairs.map((p, i) => [p.left, good || i % 2 ? p.right : 'x']))
			};
	}
}

function stats(times: number[]): { median: number; p95: number } {
	const sorted = [...times].sort((a, b) => a - b);
	const at = (q: number) =>
		sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
	return { median: at(0.5), p95: at(0.95) };
}

function report(label: string, times: number[], goal: number): void {
	const { median, p95 } = stats(times);
	const verdict = median < goal ? 'PASS' : 'OVER';
	const ms = (x: number) => `${x.toFixed(2).padStart(7)} ms`;
	console.log(
		`${label.padEnd(36)} median ${ms(median)}   p95 ${ms(p95)}   goal < ${goal} ms   ${verdict}`
	);
}

const rng = createRng('bench-bank');
let t = performance.now();
// The app reads its bank as JSON. Parsed objects share V8 shapes; objects spread together per type
// don't, and scanning those is tens of times slower, which would measure the wrong thing.
const bank = JSON.parse(
	JSON.stringify(Array.from({ length: ITEMS }, (_, n) => makeItem(n, rng)))
) as QuizItem[];
console.log(
	`Built ${ITEMS.toLocaleString('en')} items in ${(performance.now() - t).toFixed(0)} ms.`
);

const seen = shuffle(
	bank.map((i) => i.id),
	createRng('bench-history')
).slice(0, 30_000);
const filters = {
	count: 20,
	topics: ['topic-1', 'topic-4', 'topic-7', 'topic-12', 'topic-19'],
	types: ['single', 'multi', 'cloze', 'numeric'] as ItemType[],
	difficulty: [1, 2] as (1 | 2 | 3)[],
	only: 'unseen' as const,
	history: { seen, wrong: [] }
};

const generateTimes: number[] = [];
let matched = 0;
for (let run = 0; run < RUNS + 3; run++) {
	t = performance.now();
	const r = generateQuiz(bank, { ...filters, seed: `run-${run}` });
	const ms = performance.now() - t;
	if (!r.ok || r.quiz.itemIds.length !== 20) throw new Error('bench quiz failed');
	matched = r.quiz.itemIds.length;
	// The first few runs include JIT warm-up, which a long-lived page pays once.
	if (run >= 3) generateTimes.push(ms);
}

const answerRng = createRng('bench-answers');
const sampleItems = Array.from(
	{ length: 1000 },
	() => bank[randomInt(answerRng, bank.length)] as QuizItem
);
const answers = sampleItems.map((item) => answerFor(item, answerRng));
const scoreTimes: number[] = [];
let total = 0;
let cold = 0;
for (let run = 0; run < RUNS + 1; run++) {
	t = performance.now();
	for (let i = 0; i < sampleItems.length; i++) {
		total += scoreAnswer(sampleItems[i] as QuizItem, answers[i] as Answer).score;
	}
	const ms = performance.now() - t;
	if (run === 0) cold = ms;
	else scoreTimes.push(ms);
}

console.log(
	`Bank: ${ITEMS.toLocaleString('en')} items, 8 types, ${TOPICS} topics. ${RUNS} timed runs each.`
);
console.log(
	`Generate: ${matched} items; 5 topics, 4 types, difficulty 1–2, unseen vs 30,000 seen ids.`
);
report('generateQuiz (20 items, filtered)', generateTimes, GOAL_GENERATE_MS);
const mean = total / (1000 * (RUNS + 1));
console.log(
	`Score: 1,000 mixed answers, mean score ${mean.toFixed(3)}; cold first run ${cold.toFixed(2)} ms.`
);
report('scoreAnswer × 1,000', scoreTimes, GOAL_SCORE_MS);

// Progress figures over 50,000 review-log rows (what /progress computes for a heavy user).
const DAY_MS = 86_400_000;
const now = Date.parse('2025-12-31T12:00:00Z');
const zone = 'America/New_York';
const activity = Array.from({ length: 50_000 }, (_, i) => now - i * 1_261_337);
const cards = activity.map((ms, i) => ({
	...newCard(`c${i}`, 'item', ms + 40 * DAY_MS),
	state: State.Review
}));
const attempts = activity.map((_, i) => ({ itemId: `i${i % 3000}`, correct: i % 3 !== 0 }));
// Warm the zone's offset cache the way a first page view would, then time recomputes.
heatmap(activity, now, 365, zone);
const progressTimes: number[] = [];
for (let run = 0; run < RUNS; run++) {
	t = performance.now();
	streak(activity, now, zone);
	heatmap(activity, now, 365, zone);
	forecast(cards, now, 30, zone);
	hardestItems(attempts);
	progressTimes.push(performance.now() - t);
}
console.log('Progress: 50,000 review-log rows, 50,000 cards, 50,000 attempts over 3,000 items.');
report('streak + heatmap + forecast + hardest', progressTimes, GOAL_PROGRESS_MS);
