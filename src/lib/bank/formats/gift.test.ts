import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGift, toGift } from './gift.ts';
import type { ImportedItem } from './item.ts';
import type { Problem } from './types.ts';

const fixture = (name: string) =>
	readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const byId = (items: ImportedItem[], id: string) => items.find((i) => i.id === id);
const lines = (problems: Problem[]) => problems.map((p) => `${p.line} ${p.severity}: ${p.message}`);

describe('GIFT import: every feature (fixtures/every-feature.gift)', () => {
	const result = parseGift(fixture('every-feature.gift'));
	const item = (id: string) => byId(result.items, id);

	it('counts every type read and names the topic from $CATEGORY', () => {
		expect(result.format).toBe('gift');
		expect(result.counts).toEqual({
			single: 2,
			multi: 1,
			truefalse: 7,
			cloze: 1,
			short: 2,
			numeric: 4,
			order: 0,
			match: 1,
			flashcard: 1
		});
		// The essay, now a flashcard, sits in the category it was written under.
		expect(result.topics).toEqual([
			{ id: 'us-presidents', title: 'US presidents' },
			{ id: 'unsupported', title: 'Unsupported' }
		]);
	});

	it('names every unsupported or malformed part with its line, and nothing else', () => {
		expect(lines(result.problems)).toEqual([
			'29 warning: feedback on individual answers is not kept (Quire shows one explanation per question): "No, he is entombed."',
			'63 warning: 1 image removed: Quire imports text only',
			'72 warning: essay question (no answer to check): imported as a flashcard with a note that the file gives no model answer on the back',
			'74 warning: description items (text with no answer) are not supported, skipped',
			'77 error: the weight 300% is outside -100% … 100%; question skipped'
		]);
	});

	it('reads multiple choice with = and ~, the title as id and general feedback as explanation', () => {
		expect(item('grant-tomb')).toEqual({
			id: 'grant-tomb',
			type: 'single',
			prompt: "Who is buried in Grant's tomb?",
			choices: ['Grant', 'Jefferson', 'No one'],
			answer: 'No one',
			feedback: [
				'No, he is entombed, not buried.',
				'',
				'Right: Grant and his wife are entombed above ground.'
			],
			explanation: "Grant's tomb is a mausoleum, so no one is buried there.",
			topic: 'us-presidents',
			difficulty: 2,
			tags: [],
			voice: 'fact'
		});
	});

	it('reads weighted answers as multiple select, and turns a title into an id', () => {
		expect(item('entombed-two')).toMatchObject({
			type: 'multi',
			choices: ['No one', 'Grant', "Grant's wife", "Grant's father"],
			answers: ['Grant', "Grant's wife"],
			weights: [-100, 50, 50, -100]
		});
	});

	it('keeps several numeric answers, each with its tolerance, weight and feedback', () => {
		expect(item('numeric-weights')).toMatchObject({
			type: 'numeric',
			answer: 1822,
			tolerance: 0,
			responses: [
				{ answer: 1822, tolerance: 0, weight: 100, feedback: 'Exactly right.' },
				{ answer: 1822, tolerance: 2, weight: 50, feedback: 'Close.' }
			]
		});
	});

	it('reads {T}, {TRUE}, {F} and {FALSE}; the right-answer feedback becomes the explanation', () => {
		expect(['tf-t', 'tf-true', 'tf-f', 'tf-false'].map((id) => item(id)?.type)).toEqual([
			'truefalse',
			'truefalse',
			'truefalse',
			'truefalse'
		]);
		expect(
			['tf-t', 'tf-true', 'tf-f', 'tf-false'].map((id) => (item(id) as { answer: boolean }).answer)
		).toEqual([true, true, false, false]);
		expect(item('tf-false')?.explanation).toBe('Right, nobody is buried there.');
	});

	it('reads short answers with variants, and a missing word as a cloze', () => {
		expect(item('short-answer')).toMatchObject({
			type: 'short',
			answer: 'no one',
			accept: ['nobody']
		});
		expect(item('missing-word')).toMatchObject({
			type: 'cloze',
			prompt: 'Fill in the blank.',
			text: 'Two plus {{two|2}} equals four.'
		});
		expect(item('missing-word-choice')).toMatchObject({
			type: 'single',
			prompt: "Grant is _____ in Grant's tomb.",
			answer: 'entombed'
		});
	});

	it('reads numeric answers exact, with a tolerance, as a range and with weights', () => {
		const num = (id: string) => {
			const i = item(id) as { answer: number; tolerance: number };
			return [i.answer, i.tolerance];
		};
		expect(num('numeric-exact')).toEqual([1987, 0]);
		expect(num('numeric-tolerance')).toEqual([1822, 2]);
		expect(num('numeric-range')).toEqual([3, 2]);
		expect(num('numeric-weights')).toEqual([1822, 0]);
		expect(item('numeric-weights')?.explanation).toBe('Exactly right.');
	});

	it('reads matching pairs and escaped characters', () => {
		expect(item('matching')).toMatchObject({
			type: 'match',
			pairs: [
				{ left: 'Canada', right: 'Ottawa' },
				{ left: 'Italy', right: 'Rome' },
				{ left: 'Japan', right: 'Tokyo' }
			]
		});
		expect(item('escapes')).toMatchObject({
			prompt: 'Which sign is in {1 ~ 2} = #3: ?',
			answer: 'the tilde ~'
		});
	});

	it('reduces [html] to text and keeps [markdown] and [plain] text as written', () => {
		expect((item('html') as { prompt: string }).prompt).toBe('Is this text safe & sound?');
		expect((item('markdown') as { prompt: string }).prompt).toBe('Is *this* markdown?');
		expect((item('plain') as { prompt: string }).prompt).toBe('Is <b>this</b> plain?');
	});
});

describe('GIFT import: malformed input (fixtures/malformed.gift)', () => {
	it('names each mistake with its line and still imports the good question', () => {
		const result = parseGift(fixture('malformed.gift'));
		expect(lines(result.problems)).toEqual([
			"3 error: unclosed '{': the answer block has no closing '}'",
			'5 error: stray entry "b" in a matching question: every entry is =left -> right; question skipped',
			'7 error: the weight 300% is outside -100% … 100%; question skipped',
			'9 error: no right answer: mark one with = or give right answers a positive weight such as ~%50%; question skipped',
			"11 error: '}' without an opening '{'; write \\} for a literal brace"
		]);
		expect(result.items.map((i) => i.id)).toEqual(['good']);
	});

	it('flags a stray -> outside a matching question', () => {
		const short = parseGift('What is it?{=a -> b}');
		expect(lines(short.problems)).toEqual([
			'1 error: a matching question needs at least 2 pairs =left -> right; question skipped'
		]);
		const choice = parseGift('Pick.{=a -> b ~c -> d}');
		expect(choice.items).toHaveLength(1);
		expect(lines(choice.problems)).toEqual([
			`1 warning: stray '->' in the choice "a -> b": matching pairs are written {=left -> right =left -> right} with no ~`,
			`1 warning: stray '->' in the choice "c -> d": matching pairs are written {=left -> right =left -> right} with no ~`
		]);
		const answer = parseGift('What is it?{a -> b}');
		expect(answer.items).toEqual([]);
		expect(answer.problems[0]?.message).toMatch(/^stray '->' in the answer "a -> b"/);
	});

	it('reports the line of a problem deep inside a multi-line question, with CRLF line ends', () => {
		const text = '// one\r\n\r\n::q::Pick one.{\r\n\t=a\r\n\t~%300%b\r\n}\r\n';
		expect(lines(parseGift(text).problems)).toEqual([
			'5 error: the weight 300% is outside -100% … 100%; question skipped'
		]);
	});

	it('flags more than one answer block and a brace inside one', () => {
		expect(parseGift('A {=a} and {=b}').problems[0]?.message).toMatch(/more than one answer block/);
		expect(parseGift('A {=a {b}').problems[0]?.message).toMatch(/'\{' inside an answer block/);
		expect(parseGift('::open title A {=a}').problems[0]?.message).toMatch(/title is not closed/);
	});

	it('rejects numbers it cannot read', () => {
		expect(parseGift('Q{#1,5}').problems[0]?.message).toBe(
			'"1,5" is not a number; question skipped'
		);
		expect(parseGift('Q{#5:-1}').problems[0]?.message).toMatch(/tolerance "-1"/);
		expect(parseGift('Q{#a..b}').problems[0]?.message).toMatch(/not a number range/);
	});

	it('reads a question right after $CATEGORY: but says a blank line belongs there', () => {
		const result = parseGift('$CATEGORY: Topic A\n::q::Sky is blue.{T}');
		expect(result.items[0]).toMatchObject({ id: 'q', topic: 'topic-a' });
		expect(result.problems[0]).toMatchObject({ line: 2, severity: 'warning' });
	});
});

describe('GIFT import: details', () => {
	it('keeps hostile text in the default format as text, exactly', () => {
		const result = parseGift('<img src=x onerror=alert(1)> is text.{=<script>alert(1)</script>}');
		expect(result.items[0]).toMatchObject({
			prompt: '<img src=x onerror=alert(1)> is text.',
			answer: '<script>alert(1)</script>'
		});
		expect(result.problems).toEqual([]);
	});

	it('turns entities in [html] into text, never into markup', () => {
		const result = parseGift('[html]&lt;img src=x onerror=alert(1)&gt; <b>x</b>{T}');
		expect((result.items[0] as { prompt: string }).prompt).toBe('<img src=x onerror=alert(1)> x');
	});

	it('keeps partial credit; says so when several answers are marked =', () => {
		const several = parseGift('Pick.{=a =b ~c}');
		expect(several.items[0]).toMatchObject({ type: 'multi', answers: ['a', 'b'] });
		expect(several.problems[0]?.message).toMatch(/several answers are marked "="/);
		const partial = parseGift('Pick.{=a ~%50%b ~c}');
		expect(partial.items[0]).toMatchObject({
			type: 'single',
			answer: 'a',
			weights: [100, 50, 0]
		});
		expect(partial.problems).toEqual([]);
		const sum = parseGift('Pick.{~%40%a ~%40%b ~c}');
		expect(sum.problems[0]?.message).toMatch(/add up to 80%, so no answer earns full credit/);
		const short = parseGift(
			'City?{=Nazareth =%75%Nazereth#Nearly. =%0%Bethlehem#No, his birthplace.}'
		);
		expect(short.items[0]).toMatchObject({
			type: 'short',
			answer: 'Nazareth',
			responses: [
				{ answer: 'Nazereth', weight: 75, feedback: 'Nearly.' },
				{ answer: 'Bethlehem', weight: 0, feedback: 'No, his birthplace.' }
			]
		});
		expect(short.problems).toEqual([]);
	});

	it('renames a repeated title and says so', () => {
		const result = parseGift('::Q1::A{T}\n\n::Q1::B{F}');
		expect(result.items.map((i) => i.id)).toEqual(['q1', 'q1-2']);
		expect(lines(result.problems)).toEqual([
			'3 warning: the id "Q1" is used twice; this one is imported as "q1-2"'
		]);
	});

	it('makes an id from the prompt when there is no title', () => {
		expect(parseGift('Who is buried in Grant’s tomb?{=no one}').items[0]?.id).toBe(
			'who-is-buried-in-grants-tomb'
		);
	});

	it('ignores a // quire: line it cannot read, and says so', () => {
		const result = parseGift('// quire: {not json\n::q::Sky is blue.{T}');
		expect(result.items).toHaveLength(1);
		expect(result.problems[0]?.message).toMatch(/not valid JSON/);
		const unknown = parseGift('// quire: {"type":"short","colour":"red"}\n::q::Sky.{=blue}');
		expect(unknown.problems[0]?.message).toMatch(/was ignored: colour/);
	});

	it('warns when the // quire: type disagrees with the question', () => {
		const result = parseGift('// quire: {"type":"order"}\n::q::Sky is blue.{T}');
		expect(result.items[0]?.type).toBe('truefalse');
		expect(result.problems[0]?.message).toBe(
			'the "// quire:" line says order but the question is written as truefalse; imported as truefalse'
		);
	});

	it('replaces the private-use characters it reserves, and says so', () => {
		const result = parseGift('A \uE07E B \uE000 C{T}');
		expect((result.items[0] as { prompt: string }).prompt).toBe('A \uFFFD B \uFFFD C');
		expect(result.problems[0]?.message).toMatch(/private-use characters/);
	});

	it('reads wrong-answer feedback in numeric questions and says it is not kept', () => {
		const result = parseGift('Year?{#1987 ~#Not quite.}');
		expect(result.items[0]).toMatchObject({ answer: 1987 });
		expect(result.problems[0]?.message).toMatch(/"Not quite."/);
	});
});

describe('GIFT export', () => {
	const set = {
		items: [
			{
				id: 'q-single',
				type: 'single' as const,
				prompt: 'Pick {one}: a~b',
				choices: ['[html]<b>x</b>', '%50% off', 'c = d'],
				answer: 'c = d',
				explanation: 'Because # and \\.',
				topic: 'alpha',
				difficulty: 1 as const,
				tags: ['t1'],
				voice: 'claim' as const
			},
			{
				id: 'q-multi',
				type: 'multi' as const,
				prompt: 'Pick two',
				choices: ['a', 'b', 'c'],
				answers: ['a', 'c'],
				topic: 'alpha',
				difficulty: 2 as const,
				tags: [],
				voice: 'fact' as const
			},
			{
				id: 'q-order',
				type: 'order' as const,
				prompt: 'Order them',
				items: ['first', 'second', 'third'],
				topic: 'beta',
				difficulty: 2 as const,
				tags: [],
				voice: 'fact' as const,
				paragraph: 'p3',
				source: 'a quote'
			},
			{
				id: 'q-cloze',
				type: 'cloze' as const,
				prompt: 'Fill in the blanks.',
				text: 'A {{x|ex}} and {{y}}.',
				topic: 'beta',
				difficulty: 3 as const,
				tags: [],
				voice: 'prediction' as const
			}
		],
		flashcards: []
	};

	it('writes what Moodle imports: [plain] text, escapes, weights, categories and names', () => {
		const { text, warnings } = toGift(set);
		expect(warnings).toEqual([]);
		expect(text).toBe(
			[
				'// Quire question set: 4 questions, 0 flashcards.',
				'// Import into Moodle as GIFT. The "// quire:" lines let Quire import this file back unchanged.',
				'',
				'$CATEGORY: alpha',
				'',
				'// quire: {"type":"single","topic":"alpha","difficulty":1,"tags":["t1"],"voice":"claim"}',
				'::q-single::[plain]Pick \\{one\\}\\: a\\~b{',
				'\t~[plain][html]<b>x</b>',
				'\t~%0%%50% off',
				'\t=c \\= d',
				'\t####Because \\# and \\\\.',
				'}',
				'',
				'// quire: {"type":"multi","topic":"alpha","difficulty":2,"voice":"fact"}',
				'::q-multi::[plain]Pick two{',
				'\t~%50%a',
				'\t~%-100%b',
				'\t~%50%c',
				'}',
				'',
				'$CATEGORY: beta',
				'',
				'// quire: {"type":"order","topic":"beta","difficulty":2,"paragraph":"p3","source":"a quote","voice":"fact"}',
				'::q-order::[plain]Order them{',
				'\t=1 -> first',
				'\t=2 -> second',
				'\t=3 -> third',
				'}',
				'',
				'// quire: {"type":"cloze","topic":"beta","difficulty":3,"voice":"prediction","accept":[["ex"],[]]}',
				'::q-cloze::[plain]A _____ (1) and _____ (2).{',
				'\t=(1) -> x',
				'\t=(2) -> y',
				'}',
				''
			].join('\n')
		);
		expect(parseGift(text).items).toEqual(set.items);
	});

	it('puts a category path before each topic when asked', () => {
		expect(toGift(set, { category: 'My set' }).text).toContain('$CATEGORY: My set/alpha\n');
	});

	it("warns about '->' where GIFT cannot escape it", () => {
		const { warnings } = toGift({
			items: [
				{
					id: 's',
					type: 'short',
					prompt: 'Arrow?',
					answer: 'a -> b',
					accept: [],
					topic: 't',
					difficulty: 2,
					tags: [],
					voice: 'fact'
				}
			],
			flashcards: []
		});
		expect(warnings).toEqual([
			`s: GIFT cannot escape '->' in the answer "a -> b"; Moodle may read the question as matching`
		]);
	});
});

describe('GIFT: a typed answer’s anyOrder', () => {
	it('travels in the // quire: line of a short answer and a cloze', () => {
		const common = { voice: 'fact' as const, topic: 'general', difficulty: 2 as const, tags: [] };
		const items = [
			{
				...common,
				id: 'ranges',
				type: 'short' as const,
				prompt: 'Which ranges?',
				answer: 'short- and medium-range',
				accept: [],
				anyOrder: true
			},
			{
				...common,
				id: 'pair',
				type: 'cloze' as const,
				prompt: 'Fill in the blank.',
				text: 'Banned: {{short and medium-range}} missiles.',
				anyOrder: true
			},
			{
				...common,
				id: 'plain',
				type: 'short' as const,
				prompt: 'Which year?',
				answer: '1987',
				accept: []
			}
		];
		const out = toGift({ items, flashcards: [] });
		expect(out.warnings).toEqual([]);
		const back = parseGift(out.text);
		expect(back.problems).toEqual([]);
		expect(back.items.map((i) => ('anyOrder' in i ? i.anyOrder : undefined))).toEqual([
			true,
			true,
			undefined
		]);
	});
});
