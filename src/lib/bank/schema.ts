import * as v from 'valibot';

/** Stable identifier: lower-case words joined by hyphens. */
export const Id = v.pipe(
	v.string(),
	v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters, digits and hyphens')
);

const Text = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'));

/** What an entry tests: a fact checkable in the text, the author's claim, or his prediction. */
export const VOICES = ['fact', 'claim', 'prediction'] as const;
export type Voice = (typeof VOICES)[number];

/** The work an entry asks for: recall a detail, understand why or what follows, or analyse the text. */
export const LEVELS = ['recall', 'understanding', 'analysis'] as const;
export type Level = (typeof LEVELS)[number];

/** A further quotation an entry rests on, from any paragraph. */
export const Citation = v.strictObject({
	paragraph: Id,
	/** Appears verbatim in that paragraph, like `source`. */
	quote: Text
});
export type CitationT = v.InferOutput<typeof Citation>;

/** Fields every quiz item and flashcard carries. */
const Common = {
	id: Id,
	/** Why the answer is right, in the bank author's words. */
	explanation: Text,
	/** A sentence or phrase that appears verbatim in the cited paragraph; "Show in article" lands on it. */
	source: Text,
	paragraph: Id,
	/**
	 * Further quotations, for an entry that needs more than one sentence. An order item cites one
	 * quote per step: `source` backs the first step, `sources` the others, in the correct order.
	 */
	sources: v.optional(v.array(Citation)),
	topic: Id,
	difficulty: v.picklist([1, 2, 3], 'must be 1, 2 or 3'),
	voice: v.picklist(VOICES),
	level: v.picklist(LEVELS),
	tags: v.optional(v.array(Id), [])
};

const Choices = v.pipe(v.array(Text), v.minLength(2, 'needs at least 2 choices'), v.maxLength(8));

/**
 * Credit in percent of the item, as Moodle writes it: 100 full credit, 50 half; negative takes
 * credit away (a wrong pick in a multiple select). A multi's total is clamped to 0–100%.
 */
export const Percent = v.pipe(
	v.number(),
	v.minValue(-100, 'must be at least -100%'),
	v.maxValue(100, 'must be at most 100%')
);
const Credit = v.pipe(
	v.number(),
	v.minValue(0, 'must be at least 0%'),
	v.maxValue(100, 'must be at most 100%')
);

/** Per choice, in the choices' order: what a student who picks it reads ('' for nothing). */
const ChoiceFeedback = v.optional(v.array(v.string()));
/** Per choice, in the choices' order: its credit in percent (absent: the key 100%, others 0%). */
const ChoiceWeights = v.optional(v.array(Percent));

/**
 * A typed answer other than the key, with its credit (0–100%) and what a student who types it
 * reads: partial credit ("Nazereth" 75%), or a known wrong form (0%) with its own feedback.
 */
export const Response = v.strictObject({
	answer: Text,
	weight: Credit,
	feedback: v.optional(Text)
});
/** A numeric answer other than the key: its value, tolerance, credit and feedback. */
export const NumericResponse = v.strictObject({
	answer: v.number(),
	tolerance: v.optional(v.pipe(v.number(), v.minValue(0)), 0),
	weight: Credit,
	feedback: v.optional(Text)
});

/** One correct answer among the choices. */
export const SingleItem = v.strictObject({
	...Common,
	type: v.literal('single'),
	prompt: Text,
	choices: Choices,
	answer: Text,
	/** Partial credit: the answer's weight is 100; another choice may be worth part of it. */
	weights: ChoiceWeights,
	feedback: ChoiceFeedback
});

/** Several correct answers among the choices. */
export const MultiItem = v.strictObject({
	...Common,
	type: v.literal('multi'),
	prompt: Text,
	choices: Choices,
	answers: v.pipe(v.array(Text), v.minLength(1, 'needs at least 1 answer')),
	/** The answers are the choices of positive weight; a wrong pick may take credit away. */
	weights: ChoiceWeights,
	feedback: ChoiceFeedback
});

/** A statement judged true or false. */
export const TrueFalseItem = v.strictObject({
	...Common,
	type: v.literal('truefalse'),
	prompt: Text,
	answer: v.boolean()
});

/** Text with blanks written as {{answer|variant}}. */
export const ClozeItem = v.strictObject({
	...Common,
	type: v.literal('cloze'),
	prompt: Text,
	text: v.pipe(Text, v.regex(/\{\{[^{}]+\}\}/, 'needs at least one {{blank}}')),
	/**
	 * The two parts of a pair joined by "and" may be typed in either order: "short- and
	 * medium-range" = "medium- and short-range". Off unless set: an order can be the point.
	 */
	anyOrder: v.optional(v.boolean())
});

/** A typed answer with accepted variants. */
export const ShortItem = v.strictObject({
	...Common,
	type: v.literal('short'),
	prompt: Text,
	answer: Text,
	accept: v.optional(v.array(Text), []),
	/**
	 * The two parts of a pair joined by "and" may be typed in either order: "short- and
	 * medium-range" = "medium- and short-range". Off unless set: an order can be the point.
	 */
	anyOrder: v.optional(v.boolean()),
	/** Other typed forms: partial credit, or a known wrong form with its feedback. */
	responses: v.optional(v.array(Response))
});

/** A number, exact or within a tolerance. */
export const NumericItem = v.strictObject({
	...Common,
	type: v.literal('numeric'),
	prompt: Text,
	answer: v.number(),
	tolerance: v.optional(v.pipe(v.number(), v.minValue(0)), 0),
	unit: v.optional(Text),
	/** Other numbers, each with its tolerance, credit and feedback. */
	responses: v.optional(v.array(NumericResponse))
});

/** Entries listed in their correct order; shown shuffled. */
export const OrderItem = v.strictObject({
	...Common,
	type: v.literal('order'),
	prompt: Text,
	items: v.pipe(v.array(Text), v.minLength(3, 'needs at least 3 entries'), v.maxLength(8))
});

/** Left entries paired with right entries; the right side is shown shuffled. */
export const MatchItem = v.strictObject({
	...Common,
	type: v.literal('match'),
	prompt: Text,
	pairs: v.pipe(
		v.array(v.strictObject({ left: Text, right: Text })),
		v.minLength(2, 'needs at least 2 pairs'),
		v.maxLength(8)
	)
});

/** Any quiz item, told apart by `type`. */
export const Item = v.variant('type', [
	SingleItem,
	MultiItem,
	TrueFalseItem,
	ClozeItem,
	ShortItem,
	NumericItem,
	OrderItem,
	MatchItem
]);

/** A flashcard: front and back, optionally studied in reverse too. */
export const Flashcard = v.strictObject({
	...Common,
	front: Text,
	back: Text,
	reverse: v.optional(v.boolean(), false)
});

/** A file of quiz items under questions/items. */
export const ItemFile = v.strictObject({ items: v.array(v.unknown()) });
/** A file of flashcards under questions/flashcards. */
export const FlashcardFile = v.strictObject({ flashcards: v.array(v.unknown()) });

/** The source article, split into paragraphs with stable ids. */
export const Article = v.strictObject({
	meta: v.strictObject({
		title: Text,
		outlet: Text,
		editor: Text,
		author: Text,
		affiliation: Text
	}),
	topics: v.pipe(v.array(v.strictObject({ id: Id, title: Text })), v.minLength(1)),
	paragraphs: v.pipe(
		v.array(
			v.strictObject({
				id: Id,
				kind: v.picklist(['header', 'body', 'caption', 'note']),
				text: Text
			})
		),
		v.minLength(1)
	)
});

export type ItemType = v.InferOutput<typeof Item>['type'];
export type QuizItem = v.InferOutput<typeof Item>;
export type FlashcardT = v.InferOutput<typeof Flashcard>;
export type ArticleT = v.InferOutput<typeof Article>;
export type Paragraph = ArticleT['paragraphs'][number];
export type Topic = ArticleT['topics'][number];

/** Every quiz item type, in the order the UI lists them. */
export const ITEM_TYPES: readonly ItemType[] = [
	'single',
	'multi',
	'truefalse',
	'cloze',
	'short',
	'numeric',
	'order',
	'match'
];

/** Every item type's name as the screens show it. */
export const ITEM_TYPE_NAMES: Record<ItemType, string> = {
	single: 'Single choice',
	multi: 'Multiple select',
	truefalse: 'True or false',
	cloze: 'Fill in the blanks',
	short: 'Short answer',
	numeric: 'Numbers and years',
	order: 'Put in order',
	match: 'Matching'
};

/** The compiled, validated bank the app ships. */
export interface Bank {
	/** Short content hash; assignment links carry it to detect a different bank. */
	version: string;
	meta: ArticleT['meta'];
	topics: Topic[];
	/** `n` numbers the article's paragraphs from 1; the header is 0. */
	paragraphs: (Paragraph & { n: number })[];
	items: QuizItem[];
	flashcards: FlashcardT[];
}
