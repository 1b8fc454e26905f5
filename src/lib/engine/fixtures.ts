import type { ItemType, QuizItem } from '../bank/schema';

/** The item shape of one type. */
export type ItemOf<T extends ItemType> = Extract<QuizItem, { type: T }>;

// Hand-made items for the engine's tests; not part of the app bundle unless imported.

const common = (id: string, topic = 'rivers', difficulty: 1 | 2 | 3 = 1) => ({
	id,
	explanation: 'Because the article says so.',
	source: 'As the article says.',
	paragraph: `p-${topic}`,
	topic,
	difficulty,
	voice: 'fact' as const,
	level: 'recall' as const,
	tags: []
});

/** One small item of each type, all in topic 'rivers' unless noted. */
export const single: ItemOf<'single'> = {
	...common('capital'),
	type: 'single',
	prompt: 'Capital of France?',
	choices: ['Paris', 'Lyon', 'Nice', 'Lille'],
	answer: 'Paris'
};

export const multi: ItemOf<'multi'> = {
	...common('primes'),
	type: 'multi',
	prompt: 'Which are prime?',
	choices: ['2', '3', '4', '6'],
	answers: ['2', '3']
};

export const truefalse: ItemOf<'truefalse'> = {
	...common('earth-round', 'space'),
	type: 'truefalse',
	prompt: 'The Earth is round.',
	answer: true
};

export const cloze: ItemOf<'cloze'> = {
	...common('danube', 'rivers', 2),
	type: 'cloze',
	prompt: 'Fill in the blanks.',
	text: 'The {{Danube|Donau}} flows into the {{Black Sea}}.'
};

export const short: ItemOf<'short'> = {
	...common('tower', 'space', 2),
	type: 'short',
	prompt: 'Which tower stands in Paris?',
	answer: 'Eiffel Tower',
	accept: ['Tour Eiffel']
};

export const numeric: ItemOf<'numeric'> = {
	...common('length', 'rivers', 3),
	type: 'numeric',
	prompt: 'How long is the river, in km?',
	answer: 5500,
	tolerance: 0,
	unit: 'km'
};

export const order: ItemOf<'order'> = {
	...common('sizes', 'space', 3),
	type: 'order',
	prompt: 'Smallest to largest.',
	items: ['Mercury', 'Mars', 'Earth', 'Jupiter']
};

export const match: ItemOf<'match'> = {
	...common('pairs', 'space'),
	type: 'match',
	prompt: 'Match each country to its capital.',
	pairs: [
		{ left: 'France', right: 'Paris' },
		{ left: 'Spain', right: 'Madrid' },
		{ left: 'Italy', right: 'Rome' }
	]
};

/** All eight, one per type. */
export const oneOfEach: QuizItem[] = [
	single,
	multi,
	truefalse,
	cloze,
	short,
	numeric,
	order,
	match
];

const TYPES = ['single', 'truefalse', 'short', 'numeric', 'order', 'match'] as const;

/** A bank of `perTopic` items in each of `topics` topics, cycling types and difficulties. */
export function makeBank(topics = 5, perTopic = 6): QuizItem[] {
	const items: QuizItem[] = [];
	for (let t = 0; t < topics; t++) {
		for (let i = 0; i < perTopic; i++) {
			const n = t * perTopic + i;
			const type = TYPES[n % TYPES.length] ?? 'single';
			const base = { ...common(`t${t}-i${i}`, `topic-${t}`, ((i % 3) + 1) as 1 | 2 | 3) };
			items.push(itemOfType(type, base));
		}
	}
	return items;
}

function itemOfType(type: (typeof TYPES)[number], base: ReturnType<typeof common>): QuizItem {
	switch (type) {
		case 'single':
			return { ...base, type, prompt: 'Pick', choices: ['a', 'b', 'c', 'd'], answer: 'a' };
		case 'truefalse':
			return { ...base, type, prompt: 'True?', answer: true };
		case 'short':
			return { ...base, type, prompt: 'Type', answer: 'word', accept: [] };
		case 'numeric':
			return { ...base, type, prompt: 'Number', answer: 42, tolerance: 0 };
		case 'order':
			return { ...base, type, prompt: 'Order', items: ['one', 'two', 'three'] };
		case 'match':
			return {
				...base,
				type,
				prompt: 'Match',
				pairs: [
					{ left: 'x', right: '1' },
					{ left: 'y', right: '2' }
				]
			};
	}
}
