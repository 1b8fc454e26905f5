import { describe, expect, it } from 'vitest';
import type { AnyCard, AnyItem } from '$lib/bank/set';
import {
	blankForm,
	buildEntry,
	formFrom,
	previewItem,
	readForm,
	readNumber,
	resolveTopic,
	type EntryForm,
	type FormContext
} from './entry-form';

const ctx: FormContext = {
	id: 'own-test1',
	topics: [{ id: 'general', title: 'General' }],
	paragraphs: [
		{ id: 'p3', text: 'The treaty bans missiles with a range of 500 to 5,500 kilometers.' }
	],
	requireQuote: false
};

function form(change: (f: EntryForm) => void, kind: 'item' | 'flashcard' = 'item'): EntryForm {
	const f = blankForm(kind);
	change(f);
	return f;
}

const base = { id: 'own-test1', topic: 'general', difficulty: 2, voice: 'fact', tags: [] };

describe('buildEntry', () => {
	it('builds every item type from the fields that fit it', () => {
		const cases: [(f: EntryForm) => void, Partial<AnyItem>][] = [
			[
				(f) => {
					f.prompt = 'Who signed for the USSR?';
					f.choices = [
						{ text: 'Gorbachev', right: true },
						{ text: 'Yeltsin', right: false }
					];
				},
				{ type: 'single', choices: ['Gorbachev', 'Yeltsin'], answer: 'Gorbachev' }
			],
			[
				(f) => {
					f.type = 'multi';
					f.prompt = 'Which signed the treaty?';
					f.choices = [
						{ text: 'The US', right: true },
						{ text: 'The USSR', right: true },
						{ text: 'China', right: false }
					];
				},
				{ type: 'multi', answers: ['The US', 'The USSR'] }
			],
			[
				(f) => {
					f.type = 'truefalse';
					f.prompt = 'The treaty was signed in 1987.';
					f.truth = false;
				},
				{ type: 'truefalse', answer: false }
			],
			[
				(f) => {
					f.type = 'cloze';
					f.prompt = 'Fill in the blank.';
					f.text = 'A range of {{500|five hundred}} km.';
				},
				{ type: 'cloze', text: 'A range of {{500|five hundred}} km.' }
			],
			[
				(f) => {
					f.type = 'short';
					f.prompt = 'Which department published the review?';
					f.answer = 'Department of Defense';
					f.accept = ['DoD'];
				},
				{ type: 'short', answer: 'Department of Defense', accept: ['DoD'] }
			],
			[
				(f) => {
					f.type = 'numeric';
					f.prompt = 'Longest range banned, in km?';
					f.number = '5,500';
					f.tolerance = '10';
					f.unit = 'km';
				},
				{ type: 'numeric', answer: 5500, tolerance: 10, unit: 'km' }
			],
			[
				(f) => {
					f.type = 'order';
					f.prompt = 'Earliest first.';
					f.steps = ['ABM', 'INF', 'NPR'];
				},
				{ type: 'order', items: ['ABM', 'INF', 'NPR'] }
			],
			[
				(f) => {
					f.type = 'match';
					f.prompt = 'Match each treaty to its year.';
					f.pairs = [
						{ left: 'ABM', right: '1972' },
						{ left: 'INF', right: '1987' }
					];
				},
				{
					type: 'match',
					pairs: [
						{ left: 'ABM', right: '1972' },
						{ left: 'INF', right: '1987' }
					]
				}
			]
		];
		for (const [change, expected] of cases) {
			const built = buildEntry(form(change), ctx);
			expect(built.errors, expected.type).toEqual({});
			expect(built.entry).toMatchObject({ ...base, ...expected });
		}
	});

	it('files each problem under its field, and keeps the entry back', () => {
		const built = buildEntry(
			form((f) => {
				f.prompt = 'Pick one';
				f.choices = [
					{ text: 'A', right: false },
					{ text: '', right: false },
					{ text: 'a', right: false }
				];
				f.explanation = '';
			}),
			ctx
		);
		expect(built.entry).toBeNull();
		expect(built.errors).toEqual({ choices: ['mark the right choice'] });
		// A blank row in the middle is left out; problems still land on the row typed in.
		const gap = buildEntry(
			form((f) => {
				f.prompt = 'Pick one';
				f.choices = [
					{ text: 'Alpha', right: true },
					{ text: '', right: false },
					{ text: 'alpha', right: false }
				];
			}),
			ctx
		);
		expect(gap.errors).toEqual({
			'choices.2': ['choices[1]: duplicate of choices[0] ("Alpha")']
		});
		// A blank row marked right counts, and is named.
		const marked = buildEntry(
			form((f) => {
				f.prompt = 'Pick one';
				f.choices = [
					{ text: 'Alpha', right: false },
					{ text: 'Beta', right: false },
					{ text: ' ', right: true }
				];
			}),
			ctx
		);
		expect(marked.errors).toEqual({ 'choices.2': ['must not be empty'] });
		const dup = buildEntry(
			form((f) => {
				f.prompt = 'Pick one';
				f.choices = [
					{ text: 'Alpha', right: true },
					{ text: 'alpha', right: false }
				];
			}),
			ctx
		);
		expect(dup.errors).toEqual({ 'choices.1': ['choices[1]: duplicate of choices[0] ("Alpha")'] });
	});

	it('checks numbers, pairs, steps, the quote and the prompt as the build does', () => {
		const numeric = buildEntry(
			form((f) => {
				f.type = 'numeric';
				f.prompt = 'Signed in 1987: which year?';
				f.number = '19 87x';
			}),
			ctx
		);
		expect(numeric.errors.number).toEqual(['must be a number, e.g. 1987, 5,500 or 2.5']);
		const leak = buildEntry(
			form((f) => {
				f.type = 'numeric';
				f.prompt = 'Signed in 1987: which year?';
				f.number = '1987';
			}),
			ctx
		);
		// Editorial advice shows beside its field but never keeps the entry from being saved.
		expect(leak.errors).toEqual({});
		expect(leak.advice.prompt).toEqual(['prompt gives away the answer 1987']);
		expect(leak.entry).toMatchObject({ type: 'numeric', answer: 1987 });
		const steps = buildEntry(
			form((f) => {
				f.type = 'order';
				f.prompt = 'Order them';
				f.steps = ['One', 'Two'];
			}),
			ctx
		);
		expect(steps.errors.steps).toEqual(['needs at least 3 entries']);
		const pairs = buildEntry(
			form((f) => {
				f.type = 'match';
				f.prompt = 'Match';
				f.pairs = [
					{ left: 'A', right: '1' },
					{ left: 'B', right: '' }
				];
			}),
			ctx
		);
		expect(pairs.errors).toEqual({ 'pairs.1.right': ['must not be empty'] });
		const quoted = (source: string, paragraph = 'p3') =>
			buildEntry(
				form((f) => {
					f.prompt = 'What distance?';
					f.choices = [
						{ text: 'Far', right: true },
						{ text: 'Near', right: false }
					];
					f.paragraph = paragraph;
					f.source = source;
				}),
				{ ...ctx, requireQuote: true }
			);
		expect(quoted('range of 500 to 5,500 kilometers').errors).toEqual({});
		expect(quoted('range of 500 to 5500 kilometers').errors.source).toEqual([
			'source not found verbatim in p3: "range of 500 to 5500 kilometers"'
		]);
		expect(quoted('').errors).toEqual({
			source: ['a quote needs its paragraph, and a paragraph its quote']
		});
		expect(quoted('', '').errors).toEqual({
			paragraph: ['choose the paragraph the entry rests on'],
			source: ['quote the sentence the entry rests on']
		});
		expect(quoted('a quote', '').errors.paragraph).toEqual([
			'a quote needs its paragraph, and a paragraph its quote'
		]);
	});

	it('builds flashcards, tags and a new topic', () => {
		const built = buildEntry(
			form((f) => {
				f.front = 'INF';
				f.back = 'Intermediate-Range Nuclear Forces';
				f.reverse = true;
				f.topic = 'Arms control';
				f.tags = 'names, definitions';
			}, 'flashcard'),
			ctx
		);
		expect(built.errors).toEqual({});
		expect(built.entry).toMatchObject({
			front: 'INF',
			reverse: true,
			topic: 'arms-control',
			tags: ['names', 'definitions']
		});
		expect(built.newTopic).toBe(true);
		expect(
			buildEntry(
				form((f) => (f.tags = 'Bad Tag!'), 'flashcard'),
				ctx
			).errors.tags
		).toEqual(['must be lower-case letters, digits and hyphens']);
	});
});

describe('form helpers', () => {
	it('round-trips entries through the form', () => {
		const entries: (AnyItem | AnyCard)[] = [
			{
				...base,
				difficulty: 1,
				type: 'short',
				prompt: 'Capital?',
				answer: 'Paris',
				accept: ['paris france']
			} as AnyItem,
			{
				...base,
				difficulty: 3,
				type: 'numeric',
				prompt: 'Range?',
				answer: 2.5,
				tolerance: 0.5,
				unit: 'km',
				explanation: 'Why.'
			} as AnyItem,
			{
				...base,
				difficulty: 2,
				front: 'F',
				back: 'B',
				reverse: false,
				paragraph: 'p3',
				source: 'The treaty'
			} as AnyCard
		];
		for (const e of entries) {
			const built = buildEntry(formFrom(e, 'General'), ctx);
			expect(built.errors).toEqual({});
			expect(built.entry).toEqual(e);
		}
	});

	it('keeps a name from the file (GIFT ::Q2::) and the dismissed warnings through an edit', () => {
		const imported = {
			...base,
			id: 'q2',
			name: 'Q2',
			dismissed: ['longest-key'],
			type: 'single',
			prompt: 'What is between orange and green in the spectrum?',
			choices: ['yellow', 'red', 'blue'],
			answer: 'yellow'
		} as AnyItem;
		const f = formFrom(imported, 'General');
		f.prompt = 'Which colour lies between orange and green?';
		const built = buildEntry(f, { ...ctx, id: 'q2' });
		expect(built.entry).toMatchObject({ id: 'q2', name: 'Q2', dismissed: ['longest-key'] });
		// A draft stored before these fields existed still reads, with none.
		const older: Record<string, unknown> = { ...blankForm('item') };
		delete older.name;
		delete older.dismissed;
		expect(readForm(older)).toEqual(blankForm('item'));
	});

	it('keeps what was typed when the type changes', () => {
		const f = form((x) => {
			x.prompt = 'Which?';
			x.choices = [
				{ text: 'A', right: true },
				{ text: 'B', right: true },
				{ text: 'C', right: false }
			];
		});
		const single = buildEntry(f, ctx).entry;
		expect(single).toMatchObject({ type: 'single', answer: 'A' });
		f.type = 'multi';
		expect(buildEntry(f, ctx).entry).toMatchObject({ type: 'multi', answers: ['A', 'B'] });
	});

	it('reads numbers as teachers type them', () => {
		expect(readNumber('5,500')).toBe(5500);
		expect(readNumber(' 1987 ')).toBe(1987);
		expect(readNumber('2,5')).toBe(2.5);
		expect(readNumber('-0.25')).toBe(-0.25);
		expect(readNumber('12a')).toBeNull();
		expect(readNumber('')).toBeNull();
	});

	it('finds a topic by title or makes a new id', () => {
		const topics = [
			{ id: 'general', title: 'General' },
			{ id: 'dates', title: 'Dates' }
		];
		expect(resolveTopic(' general ', topics)).toEqual({ topic: topics[0], isNew: false });
		expect(resolveTopic('Dates!', topics).topic).toEqual({ id: 'dates-2', title: 'Dates!' });
		expect(resolveTopic('', []).topic.title).toBe('General');
	});

	it('previews an unfinished form and refuses a damaged draft', () => {
		const item = previewItem(
			form((f) => (f.type = 'numeric')),
			'own-x'
		);
		expect(item).toMatchObject({ type: 'numeric', answer: 0, prompt: '' });
		expect(readForm(blankForm('item'))).toEqual(blankForm('item'));
		expect(readForm({ kind: 'item' })).toBeNull();
	});
});
