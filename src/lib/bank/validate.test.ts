import { describe, expect, it } from 'vitest';
import { parseCloze } from './cloze';
import { findQuote } from './highlight';
import { hashText, validateBank, type BankError, type BankFile } from './validate';

const ARTICLE_TEXT = `meta:
  title: A tiny article
  outlet: Test Outlet
  editor: Ed Itor
  author: Au Thor
  affiliation: Test University
topics:
  - id: alpha
    title: Alpha
  - id: beta
    title: Beta
paragraphs:
  - id: p1
    kind: body
    text: The treaty was signed in December 1987. It bans missiles with a range of 500 to 5,500 kilometers.
  - id: p2
    kind: note
    text: It looks quite “reasonable”. The US’s   attitude changed in the Asia-Pacific region.
`;
const ARTICLE = { file: 'q/article.yaml', text: ARTICLE_TEXT };

const COMMON: Record<string, string> = {
	explanation: 'The article says so.',
	source: 'signed in December 1987',
	paragraph: 'p1',
	topic: 'alpha',
	difficulty: '2',
	voice: 'fact',
	level: 'recall'
};

/** One list entry: `- id: <id>`, the body lines, then any common field the body doesn't set. */
function entry(id: string, body: string, common: Record<string, string> = {}): string {
	const lines = body.trim() === '' ? [] : body.trim().split('\n');
	const set = new Set(lines.map((l) => /^(\w+):/.exec(l)?.[1]));
	for (const [k, val] of Object.entries({ ...COMMON, ...common })) {
		if (!set.has(k)) lines.push(`${k}: ${val}`);
	}
	return [`  - id: ${id}`, ...lines.map((l) => `    ${l}`)].join('\n');
}

function itemsFile(...entries: string[]): string {
	return `items:\n${entries.join('\n\n')}\n`;
}

function cardsFile(...entries: string[]): string {
	return `flashcards:\n${entries.join('\n\n')}\n`;
}

/** 1-based line of the first line containing fragment, so expected lines are read off the fixture. */
function lineOf(text: string, fragment: string, from = 1): number {
	const lines = text.split('\n');
	const i = lines.findIndex((l, n) => n + 1 >= from && l.includes(fragment));
	if (i < 0) throw new Error(`fixture has no line with ${fragment}`);
	return i + 1;
}

// Cites every fixture paragraph so the coverage rule stays quiet in fixtures about something else.
const COVER: BankFile = {
	file: 'q/items/zz-cover.yaml',
	kind: 'items',
	text: itemsFile(
		entry('cover-p1', 'type: truefalse\nprompt: The treaty bans some missiles.\nanswer: true', {
			source: 'It bans missiles'
		}),
		entry('cover-p2', 'type: truefalse\nprompt: The article calls it reasonable.\nanswer: true', {
			source: 'It looks quite "reasonable".',
			paragraph: 'p2'
		})
	)
};

function check(text: string, kind: BankFile['kind'] = 'items', file = 'q/items/a.yaml') {
	return validateBank(ARTICLE, [{ file, kind, text }, COVER]);
}

const SINGLE = `type: single
prompt: In which month was the treaty signed?
choices:
  - January
  - December
answer: December`;

/** A single item unlike any other: its own question and its own answer. */
function distinct(n: number): string {
	return `type: single
prompt: Which answer is number ${'I'.repeat(n)}?
choices:
  - Answer ${n}
  - Another answer
answer: Answer ${n}`;
}

function expectOk(result: { errors: BankError[]; bank: unknown }) {
	expect(result.errors).toEqual([]);
	expect(result.bank).not.toBeNull();
}

function expectError(
	result: { errors: BankError[]; bank: unknown },
	file: string,
	line: number,
	fragment: string
) {
	expect(result.bank).toBeNull();
	expect(result.errors).toContainEqual({
		file,
		line,
		message: expect.stringContaining(fragment) as unknown
	});
}

describe('validateBank: a valid bank', () => {
	it('compiles items and flashcards with defaults applied and numbered paragraphs', () => {
		const result = check(itemsFile(entry('one', SINGLE)));
		expectOk(result);
		const bank = result.bank!;
		expect(bank.meta.title).toBe('A tiny article');
		expect(bank.topics.map((t) => t.id)).toEqual(['alpha', 'beta']);
		expect(bank.paragraphs.map((p) => [p.id, p.n])).toEqual([
			['p1', 1],
			// A closing note is not counted: a reader names it.
			['p2', 0]
		]);
		expect(bank.items.map((i) => i.id)).toEqual(['one', 'cover-p1', 'cover-p2']);
		expect(bank.items[0]).toMatchObject({ type: 'single', answer: 'December', tags: [] });
		expect(bank.version).toMatch(/^[0-9a-f]{12}$/);
	});

	it('orders entries by file name then position, whatever order the files come in', () => {
		const b = {
			file: 'q/items/b.yaml',
			kind: 'items' as const,
			text: itemsFile(entry('b1', distinct(3)))
		};
		const a = {
			file: 'q/items/a.yaml',
			kind: 'items' as const,
			text: itemsFile(entry('a1', distinct(1)), entry('a2', distinct(2)))
		};
		const card = (id: string) => entry(id, `front: Front of ${id}\nback: Back of ${id}`);
		const c2 = {
			file: 'q/flashcards/b.yaml',
			kind: 'flashcards' as const,
			text: cardsFile(card('c2'))
		};
		const c1 = {
			file: 'q/flashcards/a.yaml',
			kind: 'flashcards' as const,
			text: cardsFile(card('c1'))
		};
		const result = validateBank(ARTICLE, [c2, b, COVER, c1, a]);
		expectOk(result);
		expect(result.bank!.items.map((i) => i.id)).toEqual(['a1', 'a2', 'b1', 'cover-p1', 'cover-p2']);
		expect(result.bank!.flashcards.map((f) => f.id)).toEqual(['c1', 'c2']);
		expect(result.bank!.flashcards[0]).toMatchObject({ reverse: false, tags: [] });
	});

	it('gives the same version for the same content and a new one when content changes', () => {
		const base = check(itemsFile(entry('one', SINGLE))).bank!.version;
		// Key order, quoting and comments are not content.
		const reordered = itemsFile(
			`  # a comment\n  - difficulty: 2\n    id: "one"\n` +
				entry('x', SINGLE)
					.split('\n')
					.slice(1)
					.filter((l) => !l.includes('difficulty'))
					.join('\n')
		);
		expect(check(reordered).bank!.version).toBe(base);
		expect(check(itemsFile(entry('two', SINGLE))).bank!.version).not.toBe(base);
	});
});

describe('validateBank: YAML syntax', () => {
	it('reports a syntax error at its line', () => {
		const text = itemsFile(entry('one', SINGLE)).replace('prompt: In', 'prompt: [In');
		expectError(check(text), 'q/items/a.yaml', lineOf(text, 'choices:'), 'YAML:');
	});

	it('reports duplicate keys', () => {
		const text = itemsFile(entry('one', `${SINGLE}\nanswer: January`));
		expectError(check(text), 'q/items/a.yaml', lineOf(text, 'answer: January'), 'YAML: Map keys');
	});

	it('reports an alias to a missing anchor', () => {
		const text = itemsFile(entry('one', SINGLE.replace('answer: December', 'answer: *nope')));
		expectError(check(text), 'q/items/a.yaml', lineOf(text, '*nope'), 'unknown alias *nope');
	});

	it('accepts anchors and aliases that resolve', () => {
		const body = SINGLE.replace('  - December', '  - &dec December').replace(
			'answer: December',
			'answer: *dec'
		);
		expectOk(check(itemsFile(entry('one', body))));
	});
});

describe('validateBank: schema', () => {
	it('names the field path of an empty choice and points at its line', () => {
		const text = itemsFile(entry('one', SINGLE.replace('  - January', "  - ''")));
		expectError(
			check(text),
			'q/items/a.yaml',
			lineOf(text, "- ''"),
			'choices[0]: must not be empty'
		);
	});

	it('reports a missing required field at the item', () => {
		const text = itemsFile(
			entry('first', SINGLE),
			entry('one', SINGLE.replace(/^prompt:.*$/m, ''))
		);
		expectError(check(text), 'q/items/a.yaml', lineOf(text, 'id: one'), 'prompt: is required');
	});

	it('reports an unknown field at its line', () => {
		const text = itemsFile(entry('one', `${SINGLE}\ncolour: red`));
		expectError(check(text), 'q/items/a.yaml', lineOf(text, 'colour:'), 'colour: unknown field');
	});

	it('reports an unknown item type', () => {
		const text = itemsFile(entry('one', SINGLE.replace('type: single', 'type: essay')));
		expectError(check(text), 'q/items/a.yaml', lineOf(text, 'type: essay'), 'type: must be one of');
	});

	it('reports a wrong value type, a bad id and a bad difficulty', () => {
		const text = itemsFile(
			entry('Bad_Id', 'type: numeric\nprompt: How many?\nanswer: 5,500', { difficulty: '4' })
		);
		const result = check(text);
		expectError(result, 'q/items/a.yaml', lineOf(text, 'answer: 5,500'), 'answer: expected number');
		expectError(result, 'q/items/a.yaml', lineOf(text, 'id: Bad_Id'), 'id: must be lower-case');
		expectError(
			result,
			'q/items/a.yaml',
			lineOf(text, 'difficulty: 4'),
			'difficulty: must be 1, 2 or 3'
		);
	});

	it('reports nested fields of match pairs', () => {
		const body = `type: match\nprompt: Match them.\npairs:\n  - left: One\n    right: Two\n  - left: Three`;
		const text = itemsFile(entry('one', body));
		expectError(
			check(text),
			'q/items/a.yaml',
			lineOf(text, 'left: Three'),
			'pairs[1].right: is required'
		);
	});

	it('reports an entry that is not a mapping', () => {
		const text = `items:\n  - just a string\n`;
		expectError(check(text), 'q/items/a.yaml', 2, 'item: expected a mapping');
	});

	it('validates flashcards with the flashcard schema', () => {
		const text = cardsFile(entry('card', 'front: Month\nback: ""'));
		expectError(
			check(text, 'flashcards', 'q/flashcards/a.yaml'),
			'q/flashcards/a.yaml',
			lineOf(text, 'back:'),
			'back: must not be empty'
		);
		expectOk(check(cardsFile(entry('card', 'front: Month\nback: December')), 'flashcards'));
	});

	it('requires the right top-level key', () => {
		expectError(
			check('flashcards: []\n'),
			'q/items/a.yaml',
			1,
			'expected a top-level "items:" list'
		);
		expectError(check(''), 'q/items/a.yaml', 1, 'expected a top-level "items:" list');
		const text = `items: []\nextra: 1\n`;
		expectError(check(text), 'q/items/a.yaml', 2, 'extra: unknown top-level key');
		expectOk(check('items: []\n'));
	});
});

describe('validateBank: ids', () => {
	it('reports a duplicate id across items and flashcards, naming the first file:line', () => {
		const items = itemsFile(entry('same', SINGLE));
		const cards = cardsFile(
			entry('other', 'front: A\nback: B'),
			entry('same', 'front: C\nback: D')
		);
		const result = validateBank(ARTICLE, [
			{ file: 'q/flashcards/a.yaml', kind: 'flashcards', text: cards },
			{ file: 'q/items/a.yaml', kind: 'items', text: items },
			COVER
		]);
		expectError(
			result,
			'q/flashcards/a.yaml',
			lineOf(cards, 'id: same'),
			`duplicate id "same" (first at q/items/a.yaml:${lineOf(items, 'id: same')})`
		);
	});

	it('reports a duplicate id within one file', () => {
		const text = itemsFile(entry('same', SINGLE), entry('same', SINGLE));
		const second = lineOf(text, 'id: same', lineOf(text, 'id: same') + 1);
		expectError(
			check(text),
			'q/items/a.yaml',
			second,
			'duplicate id "same" (first at q/items/a.yaml:2)'
		);
	});

	it('accepts distinct ids', () => {
		expectOk(check(itemsFile(entry('one', distinct(1)), entry('two', distinct(2)))));
	});
});

describe('validateBank: references to the article', () => {
	it('reports a topic the article does not define', () => {
		const text = itemsFile(entry('one', SINGLE, { topic: 'gamma' }));
		expectError(
			check(text),
			'q/items/a.yaml',
			lineOf(text, 'topic: gamma'),
			'topic "gamma" is not defined in q/article.yaml'
		);
		expectOk(check(itemsFile(entry('one', SINGLE, { topic: 'beta' }))));
	});

	it('reports a paragraph that does not exist', () => {
		const text = itemsFile(entry('one', SINGLE, { paragraph: 'p9' }));
		expectError(
			check(text),
			'q/items/a.yaml',
			lineOf(text, 'paragraph: p9'),
			'paragraph "p9" does not exist'
		);
	});

	it('reports a source quote that is not in the cited paragraph, showing the quote', () => {
		// In p1, but the item cites p2.
		const text = itemsFile(entry('one', SINGLE, { paragraph: 'p2' }));
		expectError(
			check(text),
			'q/items/a.yaml',
			lineOf(text, 'source:'),
			'source not found verbatim in p2: "signed in December 1987"'
		);
	});

	it('compares sources case-sensitively', () => {
		const text = itemsFile(entry('one', SINGLE, { source: 'Signed in December 1987' }));
		expectError(check(text), 'q/items/a.yaml', lineOf(text, 'source:'), 'source not found');
	});

	it('ignores whitespace runs and typographic quotes in sources', () => {
		const text = itemsFile(
			entry('one', distinct(1), {
				source: `"The US's   attitude"`,
				paragraph: 'p2'
			}),
			entry('two', distinct(2), { source: 'quite “reasonable”', paragraph: 'p2' })
		);
		expectOk(check(text));
	});

	it('passes a quote with a doubled space exactly when Show in article finds it', () => {
		const quote = 'signed  in December';
		const paragraph = 'The treaty was signed in December 1987.';
		expect(findQuote(paragraph, quote)).toEqual({ start: 15, end: 33 });
		expectOk(check(itemsFile(entry('one', distinct(1), { source: `"${quote}"` }))));
		expect(findQuote(paragraph, 'signed  in  May')).toBeNull();
		const missing = itemsFile(entry('one', distinct(1), { source: '"signed  in  May"' }));
		expectError(check(missing), 'q/items/a.yaml', lineOf(missing, 'source:'), 'source not found');
	});
});

describe('validateBank: choices', () => {
	it('single: reports an answer missing from the choices', () => {
		const text = itemsFile(entry('one', SINGLE.replace('answer: December', 'answer: december')));
		expectError(
			check(text),
			'q/items/a.yaml',
			lineOf(text, 'answer: december'),
			'answer "december" is not one of the choices (did you mean "December"?)'
		);
	});

	it('multi: reports each answer missing from the choices', () => {
		const body = `type: multi\nprompt: Which months?\nchoices:\n  - January\n  - March\n  - May\nanswers:\n  - January\n  - June`;
		const text = itemsFile(entry('one', body));
		expectError(check(text), 'q/items/a.yaml', lineOf(text, '- June'), 'answer "June" is not one');
		expectOk(check(itemsFile(entry('one', body.replace('- June', '- May')))));
	});

	it('multi: reports an item where every choice is correct', () => {
		const body = `type: multi\nprompt: Which months?\nchoices:\n  - January\n  - March\nanswers:\n  - January\n  - March`;
		const text = itemsFile(entry('one', body));
		expectError(
			check(text),
			'q/items/a.yaml',
			lineOf(text, 'answers:'),
			'at least one choice must be wrong'
		);
	});

	it('reports duplicate choices, case-insensitively and trimmed', () => {
		const text = itemsFile(
			entry('one', SINGLE.replace('  - January', "  - January\n  - ' DECEMBER '"))
		);
		expectError(
			check(text),
			'q/items/a.yaml',
			lineOf(text, '- December'),
			'choices[2]: duplicate of choices[1] ("DECEMBER")'
		);
	});
});

describe('validateBank: answers given away by the prompt', () => {
	const single = (prompt: string, answer: string) =>
		itemsFile(
			entry(
				'one',
				`type: single\nprompt: ${prompt}\nchoices:\n  - '${answer}'\n  - Other\nanswer: '${answer}'`
			)
		);

	it('single: flags an answer of 3+ characters found in the prompt, case-insensitively', () => {
		const text = single('Was it signed in december?', 'December');
		expectError(
			check(text),
			'q/items/a.yaml',
			lineOf(text, 'prompt:'),
			'prompt gives away the answer "December"'
		);
	});

	it('single: flags a short numeric answer but not a short word or a number inside another', () => {
		const text = single('Signed on Dec. 8, in which year?', '8');
		expectError(
			check(text),
			'q/items/a.yaml',
			lineOf(text, 'prompt:'),
			'gives away the answer "8"'
		);
		expectOk(check(single('Which country is the US ally?', 'US')));
		expectOk(check(single('Signed in 1987, on which day?', '8')));
		expectOk(check(single('Which month is in the word Decembers?', 'December')));
	});

	it('multi: flags answers of 4+ characters only', () => {
		const body = (prompt: string) =>
			`type: multi\nprompt: ${prompt}\nchoices:\n  - Europe\n  - USA\n  - Asia\nanswers:\n  - Europe\n  - USA`;
		const text = itemsFile(entry('one', body('Which includes Europe?')));
		expectError(
			check(text),
			'q/items/a.yaml',
			lineOf(text, 'prompt:'),
			'gives away the answer "Europe"'
		);
		expectOk(check(itemsFile(entry('one', body('Which regions, besides the USA?')))));
	});

	it('short: flags the answer or an accepted variant of 3+ characters', () => {
		const body = (prompt: string) =>
			`type: short\nprompt: ${prompt}\nanswer: Department of Defense\naccept:\n  - DoD\n  - US`;
		const text = itemsFile(entry('one', body('Which body (the DoD?) published it?')));
		expectError(
			check(text),
			'q/items/a.yaml',
			lineOf(text, 'prompt:'),
			'gives away the accepted answer "DoD"'
		);
		const main = itemsFile(entry('one', body('Was it the department of defense?')));
		expectError(
			check(main),
			'q/items/a.yaml',
			lineOf(main, 'prompt:'),
			'the answer "Department of Defense"'
		);
		expectOk(check(itemsFile(entry('one', body('Which US body published it?')))));
	});

	it('numeric: flags the number written plainly or grouped, as a whole number', () => {
		const numeric = (prompt: string, answer: string) =>
			itemsFile(entry('one', `type: numeric\nprompt: ${prompt}\nanswer: ${answer}`));
		const year = numeric('After 1987, which year?', '1987');
		expectError(
			check(year),
			'q/items/a.yaml',
			lineOf(year, 'prompt:'),
			'prompt gives away the answer 1987'
		);
		expectError(check(numeric('Is it 5,500 km?', '5500')), 'q/items/a.yaml', 4, 'answer 5500');
		expectError(check(numeric('Is it 5500 km?', '5500')), 'q/items/a.yaml', 4, 'answer 5500');
		expectOk(check(numeric('The upper limit is 5,500 km; the lower limit?', '500')));
		expectOk(check(numeric('In which year after 19870?', '1987')));
	});
});

describe('validateBank: cloze', () => {
	const cloze = (text: string, prompt = 'Fill in the blanks.') =>
		itemsFile(entry('one', `type: cloze\nprompt: ${prompt}\ntext: ${text}`));

	it('flags a blank answer that appears outside the blanks as a whole word', () => {
		const text = cloze('The treaty, signed in {{December}}, was signed in December.');
		expectError(
			check(text),
			'q/items/a.yaml',
			lineOf(text, 'text:'),
			'blank 1 answer "December" also appears'
		);
		const variant = cloze('A {{treaty|pact}}, a pact.');
		expectError(
			check(variant),
			'q/items/a.yaml',
			lineOf(variant, 'text:'),
			'answer "pact" also appears'
		);
	});

	it('uses number boundaries: 500 is not inside 5,500', () => {
		expectOk(check(cloze('A range of {{500}} to 5,500 kilometers.')));
		expectOk(check(cloze('Treaties are not {{treat}}s, and {{5}}00 is not five.')));
		const text = cloze('A range of {{500}} to 5,500 kilometers, not 500 miles.');
		expectError(
			check(text),
			'q/items/a.yaml',
			lineOf(text, 'text:'),
			'blank 1 answer "500" also appears'
		);
	});

	it('flags a blank answer in the prompt', () => {
		const text = cloze('Signed in {{December}}.', 'Fill in December.');
		expectError(
			check(text),
			'q/items/a.yaml',
			lineOf(text, 'prompt:'),
			'prompt gives away blank 1'
		);
	});

	it('flags an empty blank or an empty variant', () => {
		const text = cloze('Signed in {{December||Dec}} {{1987}} and {{ }}.');
		const result = check(text);
		expectError(
			result,
			'q/items/a.yaml',
			lineOf(text, 'text:'),
			'blank 1 {{December||Dec}} has an empty answer'
		);
		expectError(
			result,
			'q/items/a.yaml',
			lineOf(text, 'text:'),
			'blank 3 {{}} has an empty answer'
		);
	});

	it('flags stray braces', () => {
		const text = cloze('Signed in {{December}} {{1987.');
		expectError(check(text), 'q/items/a.yaml', lineOf(text, 'text:'), 'stray brace');
	});

	it('accepts a well-formed cloze', () => {
		expectOk(
			check(cloze("'{{Dec. 8|December 8}}, {{1987}}: a range of {{500}} to {{5,500}} km.'"))
		);
	});
});

describe('validateBank: match and order', () => {
	const match = (pairs: [string, string][]) =>
		itemsFile(
			entry(
				'one',
				`type: match\nprompt: Match them.\npairs:\n` +
					pairs.map(([l, r]) => `  - left: ${l}\n    right: '${r}'`).join('\n')
			)
		);

	it('flags duplicate left entries', () => {
		const text = match([
			['INF Treaty', '1987'],
			['inf treaty ', '1972']
		]);
		expectError(
			check(text),
			'q/items/a.yaml',
			lineOf(text, 'left: inf'),
			'pairs[1].left: duplicate of pairs[0].left'
		);
	});

	it('flags duplicate right entries', () => {
		const text = match([
			['INF Treaty', '1987'],
			['ABM Treaty', '1987']
		]);
		expectError(
			check(text),
			'q/items/a.yaml',
			lineOf(text, 'left: ABM') + 1,
			'pairs[1].right: duplicate'
		);
		expectOk(
			check(
				match([
					['INF Treaty', '1987'],
					['ABM Treaty', '1972']
				])
			)
		);
	});

	it('flags duplicate order entries', () => {
		const order = (entries: string[]) =>
			itemsFile(
				entry(
					'one',
					`type: order\nprompt: Put them in the order the article gives them.\nitems:\n` +
						entries.map((e) => `  - ${e}`).join('\n') +
						'\nsources:\n  - paragraph: p1\n    quote: It bans missiles\n  - paragraph: p2\n    quote: It looks quite'
				)
			);
		const text = order(['ABM signed', 'INF signed', 'abm signed']);
		expectError(
			check(text),
			'q/items/a.yaml',
			lineOf(text, 'abm signed'),
			'items[2]: duplicate of items[0]'
		);
		expectOk(check(order(['ABM signed', 'INF signed', 'ABM left'])));
	});
});

describe('validateBank: voice and attribution', () => {
	const claim = (prompt: string, explanation: string, extra = '') =>
		itemsFile(
			entry(
				'one',
				`type: truefalse\nprompt: ${prompt}\nanswer: true\nexplanation: ${explanation}${extra}`,
				{ voice: 'claim', source: 'It looks quite “reasonable”.', paragraph: 'p2' }
			)
		);

	it('requires a voice and a level on every entry', () => {
		const text = itemsFile(entry('one', SINGLE, { voice: 'opinion' }));
		expectError(
			check(text),
			'q/items/a.yaml',
			lineOf(text, 'voice: opinion'),
			'voice: must be one of fact, claim, prediction'
		);
		const lines = itemsFile(entry('one', SINGLE)).split('\n');
		const bare = lines.filter((l) => !/^\s+(voice|level):/.test(l)).join('\n');
		expectError(check(bare), 'q/items/a.yaml', lineOf(bare, '- id: one'), 'voice: is required');
		expectError(check(bare), 'q/items/a.yaml', lineOf(bare, '- id: one'), 'level: is required');
	});

	it('fails a claim stated as a bare fact in the prompt, at the prompt', () => {
		const text = claim('The withdrawal looks reasonable.', 'The author says so.');
		expectError(
			check(text),
			'q/items/a.yaml',
			lineOf(text, 'prompt:'),
			'a claim must be attributed in the prompt'
		);
	});

	it('fails a claim whose explanation restates it as fact, at the explanation', () => {
		const text = claim(
			'According to the author, the withdrawal looks reasonable.',
			'It looks reasonable.'
		);
		expectError(
			check(text),
			'q/items/a.yaml',
			lineOf(text, 'explanation: It looks'),
			'the explanation of a claim must not state it as fact'
		);
	});

	it('accepts a claim attributed in the prompt and the explanation', () => {
		expectOk(
			check(
				claim(
					'According to the author, the withdrawal looks reasonable.',
					'The author argues it looks so.'
				)
			)
		);
		expectOk(
			check(
				claim(
					'In the author’s view, the withdrawal looks reasonable.',
					'In the author’s view it does.'
				)
			)
		);
	});

	it('lets a cloze carry the attribution in its text', () => {
		const cloze = (text: string) =>
			itemsFile(
				entry(
					'one',
					`type: cloze\nprompt: Fill in the blank.\ntext: ${text}\nexplanation: The article predicts it.`,
					{
						voice: 'prediction'
					}
				)
			);
		expectOk(check(cloze('The article predicts the treaty will be {{signed}} again.')));
		const bare = cloze('The treaty will be {{signed}} again.');
		expectError(
			check(bare),
			'q/items/a.yaml',
			lineOf(bare, 'prompt:'),
			'a prediction must be attributed in the prompt or text'
		);
	});

	it('wants a claim card attributed on its front, and on its back when studied in reverse', () => {
		const card = (front: string, back: string, reverse = false) =>
			cardsFile(
				entry(
					'c1',
					`front: ${front}\nback: ${back}${reverse ? '\nreverse: true' : ''}\nexplanation: The author says so.`,
					{
						voice: 'claim'
					}
				)
			);
		const bare = card('Why the US left', 'It wanted to');
		expectError(
			check(bare, 'flashcards', 'q/flashcards/a.yaml'),
			'q/flashcards/a.yaml',
			lineOf(bare, 'front:'),
			'a claim must be attributed in the front'
		);
		expectOk(
			check(
				card('Why the US left, according to the author', 'It wanted to'),
				'flashcards',
				'q/flashcards/a.yaml'
			)
		);
		const reversed = card('Why the US left, according to the author', 'It wanted to', true);
		expectError(
			check(reversed, 'flashcards', 'q/flashcards/a.yaml'),
			'q/flashcards/a.yaml',
			lineOf(reversed, 'back:'),
			'studied in reverse must be attributed on its back too'
		);
	});
});

describe('validateBank: quotes', () => {
	it('fails a source that runs over two sentences', () => {
		const text = itemsFile(entry('one', SINGLE, { source: 'December 1987. It bans' }));
		expectError(
			check(text),
			'q/items/a.yaml',
			lineOf(text, 'source: December'),
			'source spans 2 sentences of p1'
		);
	});

	it('checks each further quote under sources, with its line', () => {
		const text = itemsFile(
			entry(
				'one',
				`${SINGLE}\nsources:\n  - paragraph: p2\n    quote: It looks quite reasonable\n  - paragraph: p7\n    quote: Anything`
			)
		);
		const result = check(text);
		expectError(
			result,
			'q/items/a.yaml',
			lineOf(text, 'quote: It looks'),
			'sources[0]: quote not found verbatim in p2'
		);
		expectError(
			result,
			'q/items/a.yaml',
			lineOf(text, 'paragraph: p7'),
			'sources[1]: paragraph "p7" does not exist'
		);
	});

	it('counts a paragraph cited only under sources as cited', () => {
		const only = itemsFile(
			entry(
				'one',
				`${SINGLE}\nsources:\n  - paragraph: p2\n    quote: It looks quite “reasonable”.`
			)
		);
		const result = validateBank(ARTICLE, [{ file: 'q/items/a.yaml', kind: 'items', text: only }]);
		expectOk(result);
		expect(result.bank!.items[0]!.sources).toEqual([
			{ paragraph: 'p2', quote: 'It looks quite “reasonable”.' }
		]);
	});
});

describe('validateBank: order items', () => {
	const ORDER_ARTICLE = {
		file: 'q/article.yaml',
		text: ARTICLE_TEXT.replace(
			'The treaty was signed in December 1987. It bans missiles with a range of 500 to 5,500 kilometers.',
			'The first talks were held in 1786. The treaty was signed in 1987. It was broken in 2019. Critics say it failed.'
		).replace(
			'It looks quite “reasonable”. The US’s   attitude changed in the Asia-Pacific region.',
			'Talks resumed in 2021. Nothing came of them.'
		)
	};
	const order = (
		prompt: string,
		quotes: [string, string][],
		steps = ['Signed', 'Broken', 'Talks resume']
	) => {
		const [first, ...rest] = quotes;
		const sources = rest.map(([p, q]) => `  - paragraph: ${p}\n    quote: ${q}`).join('\n');
		return itemsFile(
			entry(
				'one',
				`type: order\nprompt: ${prompt}\nitems:\n${steps.map((s) => `  - ${s}`).join('\n')}` +
					(rest.length ? `\nsources:\n${sources}` : ''),
				{ paragraph: first![0], source: first![1] }
			)
		);
	};
	const run = (text: string) =>
		validateBank(ORDER_ARTICLE, [{ file: 'q/items/a.yaml', kind: 'items', text }]);
	const dated: [string, string][] = [
		['p1', 'was signed in 1987'],
		['p1', 'It was broken in 2019'],
		['p2', 'Talks resumed in 2021']
	];

	it('accepts a chronological order with a dated quote per step, or a text order that follows the text', () => {
		expectOk(run(order('Put these in chronological order, earliest first.', dated)));
		expectOk(run(order('Put these in the order the article gives them.', dated)));
	});

	it('takes a year before 1800 as a date (a lighthouse founded in 1786)', () => {
		expectOk(
			run(
				order('Put these in chronological order, earliest first.', [
					['p1', 'The first talks were held in 1786'],
					dated[0]!,
					dated[2]!
				])
			)
		);
	});

	it('fails a prompt that does not say which order, or asks for a logical one', () => {
		const vague = order('Put these in order.', dated);
		expectError(run(vague), 'q/items/a.yaml', lineOf(vague, 'prompt:'), 'say which order');
		const logical = order('Put these steps in logical order, as the article gives them.', dated);
		expectError(
			run(logical),
			'q/items/a.yaml',
			lineOf(logical, 'prompt:'),
			'a "logical" or "causal" order is open to argument'
		);
	});

	it('fails an order whose steps are not each backed by their own quote', () => {
		const short = order('Put these in chronological order.', dated.slice(0, 2));
		expectError(
			run(short),
			'q/items/a.yaml',
			lineOf(short, 'sources:'),
			'3 steps need 3 quotes, one per step'
		);
		const shared = order('Put these in chronological order.', [
			dated[0]!,
			['p1', 'signed in 1987'],
			dated[2]!
		]);
		expectError(
			run(shared),
			'q/items/a.yaml',
			lineOf(shared, 'quote: signed in 1987'),
			'step 2 shares its quote with step 1'
		);
	});

	it('fails a text order whose quotes come in another order in the article', () => {
		const text = order('Put these in the order the article gives them.', [
			dated[1]!,
			dated[0]!,
			dated[2]!
		]);
		expectError(
			run(text),
			'q/items/a.yaml',
			lineOf(text, 'quote: was signed'),
			"step 2's quote comes before step 1's in the article"
		);
	});

	it('fails a chronological order resting on a quote with no date', () => {
		const text = order('Put these in chronological order.', [
			dated[0]!,
			['p1', 'Critics say it failed'],
			dated[2]!
		]);
		expectError(
			run(text),
			'q/items/a.yaml',
			lineOf(text, 'quote: Critics'),
			"step 2's quote gives no date or time"
		);
	});

	it('fails a stem that spells out the order or names the steps in it', () => {
		const spelled = order(
			'The story goes from signing to breaking to talks. Put it in chronological order.',
			dated
		);
		expectError(
			run(spelled),
			'q/items/a.yaml',
			lineOf(spelled, 'prompt:'),
			'prompt spells out the order'
		);
		const named = order(
			'After the signing came the breach. Put these in chronological order.',
			dated,
			['The signing', 'The breach', 'New talks']
		);
		expectError(
			run(named),
			'q/items/a.yaml',
			lineOf(named, 'prompt:'),
			'prompt names 2 of the steps in their order'
		);
	});
});

describe('validateBank: giveaways in the stem', () => {
	it('fails a match pair whose right side echoes its own left side', () => {
		const match = (pairs: [string, string][]) =>
			itemsFile(
				entry(
					'one',
					`type: match\nprompt: Match each level to its effect.\npairs:\n` +
						pairs.map(([l, r]) => `  - left: ${l}\n    right: ${r}`).join('\n')
				)
			);
		const text = match([
			['Regional', 'Many regions suffer'],
			['Global', 'The arms race grows']
		]);
		expectError(
			check(text),
			'q/items/a.yaml',
			lineOf(text, 'right: Many regions'),
			'pairs[0]: the right side echoes "regional"'
		);
		// A word every right side shares is no clue.
		expectOk(
			check(
				match([
					['Regional treaty', 'A treaty for many regions'],
					['Global treaty', 'A treaty for all regions']
				])
			)
		);
	});

	it('fails a stem that holds every content word of the key, or the key after its article', () => {
		const single = (prompt: string, answer: string) =>
			itemsFile(
				entry(
					'one',
					`type: single\nprompt: ${prompt}\nchoices:\n  - ${answer}\n  - Something else\nanswer: ${answer}`
				)
			);
		const words = single(
			'Where did the missiles of the Asia-Pacific go?',
			'Pacific missiles of Asia'
		);
		expectError(
			check(words),
			'q/items/a.yaml',
			lineOf(words, 'prompt:'),
			'prompt gives away the answer'
		);
		const article = single(
			'Which region did the treaty cover, the Asia-Pacific region?',
			'The Asia-Pacific region'
		);
		expectError(
			check(article),
			'q/items/a.yaml',
			lineOf(article, 'prompt:'),
			'prompt gives away the answer'
		);
	});
});

describe('validateBank: near-duplicates', () => {
	it('fails two items keying the same answer to a similar question, naming the first', () => {
		const text = itemsFile(
			entry('one', SINGLE),
			entry(
				'two',
				'type: short\nprompt: In which month was the treaty signed, according to the article?\nanswer: December',
				{
					paragraph: 'p2',
					source: 'It looks quite'
				}
			)
		);
		expectError(
			check(text),
			'q/items/a.yaml',
			lineOf(text, '- id: two'),
			'near-duplicate of "one" (q/items/a.yaml:2): the same answer "december"'
		);
	});

	it('fails an item testing the same quote for the same answer another way', () => {
		const text = itemsFile(
			entry('year', 'type: numeric\nprompt: When did it happen?\nanswer: 1987', {
				source: 'signed in December 1987'
			}),
			entry(
				'cloze',
				'type: cloze\nprompt: Fill in the blank.\ntext: The pact came into being in {{1987}}.',
				{
					source: 'The treaty was signed in December 1987.'
				}
			)
		);
		expectError(
			check(text),
			'q/items/a.yaml',
			lineOf(text, '- id: cloze'),
			'near-duplicate of "year"'
		);
	});

	it('fails two true/false statements alike about the same quote', () => {
		const tf = (id: string, prompt: string) =>
			entry(id, `type: truefalse\nprompt: ${prompt}\nanswer: false`, {
				source: 'It bans missiles'
			});
		const text = itemsFile(
			tf('a', 'The treaty bans all missiles of any range.'),
			tf('b', 'The treaty bans missiles of any range.')
		);
		expectError(
			check(text),
			'q/items/a.yaml',
			lineOf(text, '- id: b'),
			'two true/false statements about the same quote'
		);
	});

	it('accepts different facts from one quote, and compares cards only with cards', () => {
		const text = itemsFile(
			entry('low', 'type: numeric\nprompt: What is the shortest range banned?\nanswer: 500', {
				source: 'a range of 500 to 5,500 kilometers'
			}),
			entry('high', 'type: numeric\nprompt: What is the longest range banned?\nanswer: 5500', {
				source: 'a range of 500 to 5,500 kilometers'
			})
		);
		expectOk(check(text));
		const cards = cardsFile(
			entry('c1', 'front: Month the treaty was signed\nback: December'),
			entry('c2', 'front: Month in which the treaty was signed\nback: December')
		);
		expectError(
			check(cards, 'flashcards', 'q/flashcards/a.yaml'),
			'q/flashcards/a.yaml',
			lineOf(cards, '- id: c2'),
			'near-duplicate of "c1"'
		);
	});
});

describe('validateBank: the article', () => {
	const withArticle = (text: string) =>
		validateBank({ file: 'q/article.yaml', text }, [
			{ file: 'q/items/a.yaml', kind: 'items', text: itemsFile(entry('one', SINGLE)) },
			COVER
		]);

	it('reports schema errors against article.yaml with lines', () => {
		const text = ARTICLE_TEXT.replace('kind: note', 'kind: aside');
		expectError(
			withArticle(text),
			'q/article.yaml',
			lineOf(text, 'kind: aside'),
			'paragraphs[1].kind: must be one of'
		);
		const noTitle = ARTICLE_TEXT.replace('  title: A tiny article\n', '');
		expectError(withArticle(noTitle), 'q/article.yaml', 1, 'meta.title: is required');
	});

	it('reports duplicate paragraph ids', () => {
		const text = ARTICLE_TEXT + '  - id: p1\n    kind: body\n    text: Again.\n';
		expectError(
			withArticle(text),
			'q/article.yaml',
			lineOf(text, 'text: Again.') - 2,
			'duplicate paragraph id "p1" (first at line 13)'
		);
	});

	it('reports YAML errors in the article', () => {
		expectError(withArticle('meta: [\n'), 'q/article.yaml', 2, 'YAML:');
	});

	it('reports a paragraph that no quiz item cites', () => {
		const result = validateBank(ARTICLE, [
			{ file: 'q/items/a.yaml', kind: 'items', text: itemsFile(entry('one', SINGLE)) }
		]);
		expectError(
			result,
			'q/article.yaml',
			lineOf(ARTICLE_TEXT, 'id: p2'),
			'paragraph "p2" has no quiz item'
		);
		expect(result.errors).toHaveLength(1);
	});

	it('still checks items against a broken article', () => {
		const text = ARTICLE_TEXT.replace('kind: note', 'kind: aside');
		const result = validateBank({ file: 'q/article.yaml', text }, [
			{
				file: 'q/items/a.yaml',
				kind: 'items',
				text: itemsFile(entry('one', SINGLE, { topic: 'gamma' }))
			},
			COVER
		]);
		expectError(result, 'q/items/a.yaml', 12, 'topic "gamma" is not defined');
	});
});

describe('hashText', () => {
	it('is FNV-1a 64 truncated to 12 hex digits', () => {
		// Reference values from the published FNV-1a 64 test vectors.
		expect(hashText('')).toBe('cbf29ce48422');
		expect(hashText('a')).toBe('af63dc4c8601');
		expect(hashText('foobar')).toBe('85944171f739');
	});
});

describe('parseCloze', () => {
	it('splits text and blanks, trimming answers', () => {
		expect(parseCloze('Signed in {{ December | Dec }}, {{1987}}.')).toEqual({
			parts: [
				{ kind: 'text', text: 'Signed in ' },
				{ kind: 'blank', answers: ['December', 'Dec'] },
				{ kind: 'text', text: ', ' },
				{ kind: 'blank', answers: ['1987'] },
				{ kind: 'text', text: '.' }
			]
		});
	});

	it('handles blanks at the edges and adjacent blanks', () => {
		expect(parseCloze('{{a}}{{b|c}}')).toEqual({
			parts: [
				{ kind: 'blank', answers: ['a'] },
				{ kind: 'blank', answers: ['b', 'c'] }
			]
		});
	});

	it('keeps empty entries so validation can report them', () => {
		expect(parseCloze('x {{a||b}} {{}}').parts).toEqual([
			{ kind: 'text', text: 'x ' },
			{ kind: 'blank', answers: ['a', '', 'b'] },
			{ kind: 'text', text: ' ' },
			{ kind: 'blank', answers: [''] }
		]);
	});

	it('leaves unmatched or nested braces as text', () => {
		expect(parseCloze('no blanks').parts).toEqual([{ kind: 'text', text: 'no blanks' }]);
		expect(parseCloze('{{open and {x}}').parts).toEqual([
			{ kind: 'text', text: '{{open and {x}}' }
		]);
		expect(parseCloze('').parts).toEqual([]);
	});
});
