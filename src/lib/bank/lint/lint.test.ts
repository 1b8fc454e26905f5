import { describe, expect, it } from 'vitest';
import type { AnyCard, AnyItem } from '../set.ts';
import {
	BANK_CONTEXT,
	lintItem,
	lintSet,
	RULES,
	type LintContext,
	type LintEntry
} from './index.ts';
import { namedParagraphs, readerLabel, readerNumbers } from './paragraph-numbers.ts';

const base = {
	explanation: 'Because the article says so.',
	topic: 'treaty',
	difficulty: 2 as const,
	voice: 'fact' as const,
	level: 'understanding' as const,
	tags: []
};

let n = 0;
const id = () => `item-${++n}`;

function single(prompt: string, choices: string[], answer = choices[0] ?? ''): AnyItem {
	return { ...base, id: id(), type: 'single', prompt, choices, answer };
}
function tf(prompt: string, answer: boolean): AnyItem {
	return { ...base, id: id(), type: 'truefalse', prompt, answer };
}
function cloze(text: string, extra: Partial<AnyItem> = {}): AnyItem {
	return {
		...base,
		id: id(),
		type: 'cloze',
		prompt: 'Fill in the blank.',
		text,
		...extra
	} as AnyItem;
}
function short(prompt: string, answer: string, accept: string[] = [], extra: object = {}): AnyItem {
	return { ...base, id: id(), type: 'short', prompt, answer, accept, ...extra };
}
function weighted(weights: number[]): AnyItem {
	const choices = ['Gorbachev', 'Reagan', 'Putin', 'Trump'];
	return {
		...base,
		id: id(),
		type: 'multi',
		prompt: 'Who signed the treaty?',
		choices,
		answers: choices.filter((_, i) => (weights[i] ?? 0) > 0),
		weights
	};
}
function card(front: string, back: string): AnyCard {
	return { ...base, id: id(), front, back, reverse: false };
}

/** The rule ids an entry trips. */
const rules = (entry: LintEntry, context: LintContext = {}) =>
	lintItem(entry, context).map((f) => f.rule);
const setRules = (entries: LintEntry[], context: LintContext = {}) =>
	lintSet(entries, context).findings.map((f) => f.rule);

const good = single('In which year was the treaty signed?', ['1987', '1972', '2002', '2019']);

describe('entry rules: each trips on a faulty item and stays quiet on a sound one', () => {
	const cases: [rule: string, bad: LintEntry, fine: LintEntry][] = [
		[
			'longest-key',
			single('What did the treaty ban?', [
				'Ground-launched missiles with ranges of 500 to 5,500 km',
				'Sea mines',
				'Bombers',
				'Tanks'
			]),
			good
		],
		[
			'stem-overlap',
			single('What does the author say about the shackles on the US?', [
				'The treaty was shackles on the US',
				'It expired',
				'It was renewed',
				'It was extended'
			]),
			good
		],
		[
			'grammar-cue',
			cloze('The US came to see the treaty as an {{obstacle|barrier}}.'),
			cloze('The US came to see the treaty as {{an obstacle|a barrier}}.')
		],
		[
			'key-in-stem',
			single('Which country, Russia, is the other party?', ['Russia', 'China', 'France', 'Japan']),
			good
		],
		[
			'spelled-order',
			{
				...base,
				id: id(),
				type: 'order',
				prompt:
					'Put the stages from bilateral to regional to global in the order the article gives them.',
				items: ['bilateral', 'regional', 'global']
			},
			{
				...base,
				id: id(),
				type: 'order',
				prompt: 'Put the consequences in the order the article gives them.',
				items: ['bilateral', 'regional', 'global']
			}
		],
		[
			'giveaway-word',
			single('Which does the author predict?', [
				'Russia will respond',
				'The US left the ABM Treaty',
				'Trump raised spending',
				'The review was published'
			]),
			single('Which does the author predict?', [
				'Russia will respond',
				'The US will leave the ABM Treaty',
				'Trump will raise spending',
				'The review will be published'
			])
		],
		[
			'absolute-truefalse',
			tf('The treaty always bound only the United States.', false),
			tf('The treaty was signed in 1987.', true)
		],
		['option-count', single('Which year?', ['1987', '1972', '2002', '2019', '1991', '2018']), good],
		['multi-weights', weighted([25, 25, 0, -100]), weighted([50, 50, 0, -100])],
		[
			'all-none-above',
			single('Which did the treaty ban?', [
				'Cruise missiles',
				'Ballistic missiles',
				'Bombers',
				'All of the above'
			]),
			good
		],
		[
			'negative-stem',
			single('Which did the treaty not ban?', [
				'Bombers',
				'Cruise missiles',
				'Ballistic missiles',
				'Launchers'
			]),
			single('Which did the treaty NOT ban?', [
				'Bombers',
				'Cruise missiles',
				'Ballistic missiles',
				'Launchers'
			])
		],
		[
			'option-lengths',
			single('What did the treaty do?', [
				'It banned a whole class of ground-launched missiles of middle range',
				'Nothing',
				'It capped bombers',
				'It ended'
			]),
			good
		],
		[
			'option-kinds',
			single('Which part is the author’s verdict?', [
				'That lowers the threshold',
				'The United States should build more',
				'The United States should enrich its strikes',
				'The United States should deter more'
			]),
			good
		],
		[
			'trivial-blank',
			cloze('As Figure {{3}} shows, the treaty banned missiles.'),
			cloze('The treaty was signed in {{1987}}.')
		],
		[
			'typed-forms',
			short('Which two ranges?', 'short and medium-range'),
			short('Which two ranges?', 'short and medium-range', ['short- and medium-range missiles'], {
				anyOrder: true
			})
		]
	];

	it('covers every entry rule', () => {
		const entryRules = RULES.filter((r) => r.scope === 'entry').map((r) => r.id);
		expect(cases.map(([r]) => r).sort()).toEqual([...entryRules].sort());
	});

	it.each(cases)('%s', (rule, bad, fine) => {
		expect(rules(bad)).toContain(rule);
		expect(rules(fine)).not.toContain(rule);
	});

	it('names the field a finding concerns and a one-line hint', () => {
		const [finding] = lintItem(cases[0]![1]).filter((f) => f.rule === 'longest-key');
		expect(finding).toMatchObject({ severity: 'warning', field: 'choices.0' });
		expect(finding?.hint).toMatch(/\S/);
		expect(finding?.hint).not.toContain('\n');
	});

	it('makes a cue that gives the key away outright an error, and advice a warning', () => {
		const an = lintItem(cloze('The treaty was an {{obstacle|barrier}}.'));
		expect(an.find((f) => f.rule === 'grammar-cue')).toMatchObject({
			severity: 'error',
			field: 'text'
		});
		const vowel = lintItem(cloze('The treaty was an {{obstacle|impediment}}.'));
		expect(vowel.find((f) => f.rule === 'grammar-cue')?.severity).toBe('warning');
	});

	it('typed answers: refuses the article’s printed form only when the matcher does', () => {
		const paragraphs = [
			{ id: 'p7', text: 'The review published by the US Department of Defense (DoD) said so.' }
		];
		const item = short('Who published the review?', 'DoD', [], {
			paragraph: 'p7',
			source: 'The review published by the US Department of Defense (DoD) said so.'
		});
		const found = lintItem(item, { paragraphs }).filter((f) => f.rule === 'typed-forms');
		expect(found[0]).toMatchObject({ severity: 'error', field: 'answer' });
		expect(found[0]?.message).toContain('US Department of Defense (DoD)');
		const fixed = short('Who published the review?', 'US Department of Defense (DoD)', [], {
			paragraph: 'p7',
			source: 'x'
		});
		expect(lintItem(fixed, { paragraphs }).filter((f) => f.severity === 'error')).toEqual([]);
		// A synonym the article never uses is named; the matcher passed in decides what is taken.
		const pentagon = short(
			'Who published the review?',
			'US Department of Defense (DoD)',
			['Pentagon'],
			{ paragraph: 'p7', source: 'x' }
		);
		expect(
			lintItem(pentagon, { paragraphs })
				.map((f) => f.message)
				.join()
		).toContain('“Pentagon”, a word the article never uses');
		const acceptsAll = lintItem(item, { paragraphs, accepts: () => true }).filter(
			(f) => f.rule === 'typed-forms'
		);
		expect(acceptsAll).toEqual([]);
	});
});

describe('typed answers: the article’s own fuller words', () => {
	const source = 'The withdrawal will have devastating effects on global arms control.';
	const paragraphs = [{ id: 'p10', text: source }];
	const ask = (accept: string[]) =>
		short('Which adjective does the author use for the effects?', 'devastating', accept, {
			paragraph: 'p10',
			source
		});
	const messages = (accept: string[]) =>
		lintItem(ask(accept), { paragraphs })
			.filter((f) => f.rule === 'typed-forms')
			.map((f) => f.message);

	it('names the answer with the noun the article puts after it when that is refused', () => {
		expect(messages([])).toContain(
			'the answer refuses “devastating effects”, the article’s own words'
		);
		expect(messages(['devastating effects'])).toEqual([]);
	});
});

describe('set rules', () => {
	const keyFirst = (k: number) =>
		Array.from({ length: k }, (_, i) =>
			single(`Question ${i} about topic ${i}?`, [
				`Key ${i}`,
				`Other ${i}a`,
				`Other ${i}b`,
				`Other ${i}c`
			])
		);
	const rotated = (k: number) =>
		Array.from({ length: k }, (_, i) => {
			const choices = [`Other ${i}a`, `Other ${i}b`, `Other ${i}c`];
			choices.splice(i % 4, 0, `Key ${i}`);
			return single(`Question ${i} about topic ${i}?`, choices, `Key ${i}`);
		});

	it('key-position: keys bunched at A fail, keys spread pass', () => {
		expect(setRules(keyFirst(8))).toContain('key-position');
		expect(setRules(rotated(8))).not.toContain('key-position');
		expect(lintSet(keyFirst(8)).summary.figures.keyPositions).toEqual([8, 0, 0, 0]);
	});

	it('longest-key-share: over 30% fails, under passes', () => {
		const longest = Array.from({ length: 6 }, (_, i) =>
			single(`Q${i} on subject ${i}?`, [
				`The long and detailed key ${i}`,
				`Short ${i}a`,
				`Short ${i}b`,
				`Short ${i}c`
			])
		);
		expect(setRules(longest)).toContain('longest-key-share');
		expect(setRules(rotated(8))).not.toContain('longest-key-share');
		expect(lintSet(longest).summary.figures.longestKey).toBe(6);
	});

	it('shortest-key-share: over 30% fails, lengths that say nothing pass', () => {
		const shortest = Array.from({ length: 6 }, (_, i) =>
			single(
				`Q${i} on subject ${i}?`,
				[
					`Bare key ${i}`,
					`A qualified, longer ${i}a`,
					`A qualified, longer ${i}b`,
					`A qualified, longer ${i}c`
				],
				`Bare key ${i}`
			)
		);
		expect(setRules(shortest)).toContain('shortest-key-share');
		expect(lintSet(shortest).summary.figures.shortestKey).toBe(6);
		// The key's length rank goes round like a distractor's: shortest in 2 of 8 (25%), longest in 2.
		const spread = Array.from({ length: 8 }, (_, i) => {
			const lengths = [12, 14, 16, 18];
			const key = `Key ${i}`.padEnd(lengths[i % 4]!, '.');
			const others = lengths
				.filter((_, r) => r !== i % 4)
				.map((n, j) => `Other ${i}${j}`.padEnd(n, '.'));
			return single(`Question ${i} about topic ${i}?`, [...others, key], key);
		});
		const figures = lintSet(spread).summary.figures;
		expect(figures.shortestKey).toBe(2);
		expect(figures.longestKey).toBe(2);
		expect(setRules(spread)).not.toContain('shortest-key-share');
		// The built-in bank holds itself to it, as it does to the longest-key share.
		expect(
			lintSet(shortest, BANK_CONTEXT).findings.find((f) => f.rule === 'shortest-key-share')
				?.severity
		).toBe('error');
	});

	it('truefalse-balance: 5 of 6 true fails, 3 of 6 passes', () => {
		const statements = (t: number) =>
			Array.from({ length: 6 }, (_, i) => tf(`Statement number ${i} on matter ${i}.`, i < t));
		expect(setRules(statements(5))).toContain('truefalse-balance');
		expect(setRules(statements(3))).not.toContain('truefalse-balance');
	});

	it('near-duplicate: the same key to a similar question is an error; unrelated items pass', () => {
		const a = single('In which year was the INF Treaty signed?', ['1987', '1972', '2002', '2019']);
		const b = single('In what year was the INF Treaty signed by both sides?', [
			'1987',
			'1991',
			'2002',
			'2019'
		]);
		const found = lintSet([a, b]).findings.filter((f) => f.rule === 'near-duplicate');
		expect(found).toHaveLength(1);
		expect(found[0]).toMatchObject({ severity: 'error', id: b.id });
		expect(found[0]?.message).toContain(a.id);
		expect(
			setRules([
				a,
				good.type === 'single'
					? single('Who signed for the US?', ['Reagan', 'Carter', 'Bush', 'Nixon'])
					: a
			])
		).not.toContain('near-duplicate');
	});

	it('near-duplicate: a card asking a quiz item’s question for its answer is an error on the card', () => {
		const item = short(
			'Which US body published the new Nuclear Posture Review?',
			'US Department of Defense'
		);
		const repeats = card(
			'Who published the new Nuclear Posture Review?',
			'US Department of Defense'
		);
		const found = lintSet([item, repeats]).findings.filter((f) => f.rule === 'near-duplicate');
		expect(found).toHaveLength(1);
		expect(found[0]).toMatchObject({ severity: 'error', id: repeats.id });
		expect(found[0]?.message).toContain(`near-copy of the quiz item “${item.id}”`);
		// Turned round, or teaching the neighbouring fact, the card passes.
		const turned = card('US Department of Defense', 'Published the new Nuclear Posture Review');
		const neighbour = card('When was the new Nuclear Posture Review published?', 'February 2018');
		expect(setRules([item, turned])).not.toContain('near-duplicate');
		expect(setRules([item, neighbour])).not.toContain('near-duplicate');
	});

	it('near-duplicate: a card worded differently but asking the same thing for the same answer is a near-copy', () => {
		const item = short('Who wrote the article?', 'Ling Shengli', ['Shengli Ling']);
		const copy = card('Author of the article', 'Ling Shengli');
		const found = lintSet([item, copy]).findings.filter((f) => f.rule === 'near-duplicate');
		expect(found).toMatchObject([{ severity: 'error', id: copy.id, field: '' }]);
		// A study aid for the same fact from another side (the university, not the byline) passes.
		const where = short(
			'According to the note at the end, at which university does the author work?',
			'China Foreign Affairs University',
			['CFAU']
		);
		const aid = card('CFAU', 'China Foreign Affairs University');
		expect(setRules([where, aid])).not.toContain('near-duplicate');
	});

	it('near-duplicate: a card front printing an item’s key about its question is an error on the front', () => {
		const year: AnyItem = {
			...base,
			id: id(),
			type: 'numeric',
			prompt: 'In which year was the INF Treaty signed?',
			answer: 1987,
			tolerance: 0
		};
		const tells = card(
			'The two parties that signed the INF Treaty in 1987',
			'The United States and the Soviet Union'
		);
		const found = lintSet([year, tells]).findings.filter((f) => f.rule === 'near-duplicate');
		expect(found).toMatchObject([{ severity: 'error', id: tells.id, field: 'front' }]);
		expect(found[0]?.message).toContain(`the answer to the quiz item “${year.id}”`);
		const quiet = card(
			'The two parties that signed the INF Treaty',
			'The United States and the Soviet Union'
		);
		expect(setRules([year, quiet])).not.toContain('near-duplicate');
	});

	it('near-duplicate: an explanation stating another item’s key, in words or in other words, is an error on the explanation', () => {
		const span: AnyItem = {
			...base,
			id: id(),
			type: 'numeric',
			prompt:
				'Going by the dates in the article, how many years passed between the signing of the ABM Treaty and the US withdrawal from it?',
			answer: 30,
			tolerance: 0
		};
		const exit = {
			...card('Year the US unilaterally withdrew from the ABM Treaty', '2002'),
			explanation: '“As early as 2002”, the article says, thirty years after the treaty was signed.'
		};
		expect(lintSet([span, exit]).findings.filter((f) => f.rule === 'near-duplicate')).toMatchObject(
			[{ severity: 'error', id: exit.id, field: 'explanation' }]
		);
		const plain = { ...exit, explanation: 'The article dates the withdrawal “as early as 2002”.' };
		expect(setRules([span, plain])).not.toContain('near-duplicate');

		const why = single(
			'Why does the article bring up the Obama administration’s advocacy of a “nuclear-free world”?',
			[
				'To contrast its nuclear policy with the Trump administration’s',
				'To show that Obama began the move to withdraw',
				'To show that both followed the same nuclear policy'
			]
		);
		const paraphrase = {
			...single('Which administration advocated building a “nuclear-free world”?', [
				'The Obama administration',
				'The Trump administration',
				'The Reagan administration'
			]),
			explanation:
				'The article brings up Obama’s call to contrast it with the Trump administration’s focus on nuclear forces.'
		};
		// (The first stem names “Obama administration”, the second's key: a warning of its own.)
		const errors = (entries: LintEntry[]) =>
			lintSet(entries).findings.filter(
				(f) => f.rule === 'near-duplicate' && f.severity === 'error'
			);
		const found = errors([why, paraphrase]);
		expect(found).toMatchObject([{ severity: 'error', id: paraphrase.id, field: 'explanation' }]);
		expect(found[0]?.message).toContain('in other words');
		const quiet = {
			...paraphrase,
			explanation: 'The article names the Obama administration in paragraph 6.'
		};
		expect(errors([why, quiet])).toEqual([]);
	});

	it('near-duplicate: a key met in passing, about another question, is no give-away', () => {
		const outlet = single('Which outlet published the article?', [
			'China Military Online',
			'China Daily',
			'Xinhua News Agency'
		]);
		const passing = {
			...single('When was the treaty signed?', ['1987', '1972', '2002']),
			explanation: 'Like every date on China Military Online, it is given in the text.'
		};
		expect(setRules([outlet, passing])).not.toContain('near-duplicate');
	});

	it('near-duplicate: one stem stating another item’s answer is named', () => {
		const asks = short(
			'What is the United States eager to possess?',
			'ballistic missiles of various ranges'
		);
		const tells = single(
			'Why is the wish for ballistic missiles of various ranges contrary to the treaty?',
			['It bans them', 'It allows them', 'It ignores them']
		);
		expect(lintSet([asks, tells]).findings.find((f) => f.rule === 'near-duplicate')?.id).toBe(
			asks.id
		);
		expect(setRules([asks])).not.toContain('near-duplicate');
	});

	it('recall-share: over 40% labelled recall fails; a recall item labelled otherwise is named', () => {
		const recall = Array.from({ length: 5 }, (_, i) => ({
			...single(`When did event ${i} happen?`, ['1987', '1972', '2002']),
			level: 'recall' as const
		}));
		expect(setRules(recall)).toContain('recall-share');
		const mixed = [
			recall[0]!,
			...Array.from({ length: 4 }, (_, i) =>
				single(`Why does the author say thing ${i}?`, ['A', 'B', 'C'])
			)
		];
		expect(setRules(mixed)).not.toContain('recall-share');
		const flattering = {
			...single('When was the treaty signed?', ['1987', '1972', '2002']),
			level: 'understanding' as const
		};
		expect(lintSet([flattering]).findings.find((f) => f.rule === 'recall-share')).toMatchObject({
			field: 'level',
			severity: 'warning'
		});
	});

	it('the built-in bank’s context makes its goals errors; other sets get warnings', () => {
		const set = keyFirst(8);
		const severity = (context: LintContext) =>
			lintSet(set, context).findings.find((f) => f.rule === 'key-position')?.severity;
		expect(severity({})).toBe('warning');
		expect(severity(BANK_CONTEXT)).toBe('error');
	});

	it('counts findings per rule and entries with findings', () => {
		const { summary } = lintSet([...keyFirst(8), card('Front', 'Back')]);
		expect(summary.entries).toBe(9);
		expect(summary.byRule['key-position']).toEqual({ errors: 0, warnings: 1 });
		expect(summary.errors + summary.warnings).toBe(
			Object.values(summary.byRule).reduce((s, r) => s + r.errors + r.warnings, 0)
		);
	});

	it('every rule has an id, a rationale and a reference', () => {
		for (const r of RULES) {
			expect(r.id).toMatch(/^[a-z-]+$/);
			expect(r.rationale.length).toBeGreaterThan(20);
			expect(r.reference).toMatch(/Haladyna|standard|Moodle|Wozniak/);
		}
		expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
	});
});

describe('paragraph numbers as a reader counts them', () => {
	const paragraphs = [
		{ id: 'p0', kind: 'header' },
		{ id: 'p1', kind: 'body' },
		{ id: 'p2', kind: 'caption' },
		{ id: 'p3', kind: 'body' },
		{ id: 'p4', kind: 'note' }
	];

	it('numbers body paragraphs only: the caption and the note are named, not counted', () => {
		expect([...readerNumbers(paragraphs)]).toEqual([
			['p1', 1],
			['p3', 2]
		]);
		expect(readerLabel(paragraphs, 'p3')).toBe('¶2');
		expect(readerLabel(paragraphs, 'p2')).toBe('caption');
	});

	it('finds every paragraph a text names, lists and ranges included', () => {
		expect(namedParagraphs('Paragraph 3 says so; paragraphs 4, 5 and 9 disagree.')).toEqual([
			3, 4, 5, 9
		]);
		expect(namedParagraphs('the reasons (paragraphs 5 to 7)')).toEqual([5, 6, 7]);
		expect(namedParagraphs('no reference here')).toEqual([]);
	});
});
