import { describe, expect, it } from 'vitest';
import type { QuizItem } from '../bank/schema';
import { cloze, match, multi, numeric, order, short, single, truefalse } from './fixtures';
import {
	acceptedAnswers,
	answerForms,
	canonical,
	editDistance,
	normalise,
	parseNumber,
	scoreAnswer
} from './score';

describe('single', () => {
	it('is right only for the exact answer', () => {
		expect(scoreAnswer(single, { type: 'single', choice: 'Paris' })).toEqual({
			score: 1,
			correct: true,
			expected: 'Paris'
		});
		expect(scoreAnswer(single, { type: 'single', choice: 'Lyon' }).score).toBe(0);
		expect(scoreAnswer(single, { type: 'single', choice: 'paris' }).score).toBe(0);
	});

	it('scores null and a mismatched answer type as 0', () => {
		expect(scoreAnswer(single, null)).toEqual({ score: 0, correct: false, expected: 'Paris' });
		expect(scoreAnswer(single, { type: 'truefalse', value: true }).score).toBe(0);
	});
});

describe('multi', () => {
	const pick = (...choices: string[]) => scoreAnswer(multi, { type: 'multi', choices });

	it('gives full credit for exactly the right set', () => {
		expect(pick('3', '2')).toMatchObject({ score: 1, correct: true, expected: '2; 3' });
	});

	it('gives partial credit: (right − wrong) / number right', () => {
		expect(pick('2')).toMatchObject({ score: 0.5, correct: false });
		expect(pick('2', '3', '4')).toMatchObject({ score: 0.5, correct: false });
		expect(pick('2', '4')).toMatchObject({ score: 0, correct: false });
	});

	it('floors at 0 and ignores repeated picks', () => {
		expect(pick('4', '6').score).toBe(0);
		expect(pick('4', '6', 'nonsense').score).toBe(0);
		expect(pick('2', '2', '2').score).toBe(0.5);
		expect(pick().score).toBe(0);
	});
});

describe('truefalse', () => {
	it('compares the boolean', () => {
		expect(scoreAnswer(truefalse, { type: 'truefalse', value: true })).toEqual({
			score: 1,
			correct: true,
			expected: 'True'
		});
		expect(scoreAnswer(truefalse, { type: 'truefalse', value: false }).score).toBe(0);
	});
});

describe('cloze', () => {
	const fill = (...blanks: string[]) => scoreAnswer(cloze, { type: 'cloze', blanks });

	it('accepts any variant per blank, after normalising', () => {
		expect(fill('donau', ' the black sea ')).toEqual({
			score: 1,
			correct: true,
			detail: [true, true],
			expected: 'The Danube flows into the Black Sea.'
		});
	});

	it('accepts a blank retyped with the one or two words in front of it, within the clause', () => {
		const item = {
			...cloze,
			text: 'The review said the US should enrich its means of nuclear {{strikes}}, and {{deterrence}}.'
		};
		const one = (typed: string, at = 0) => {
			const blanks = ['', ''];
			blanks[at] = typed;
			return scoreAnswer(item, { type: 'cloze', blanks }).detail?.[at];
		};
		expect(one('nuclear strikes')).toBe(true);
		expect(one('of nuclear strikes')).toBe(true);
		expect(one('means of nuclear strikes')).toBe(false);
		expect(one('nuclear attacks')).toBe(false);
		// "and" is in front of the second blank; the comma closes the clause before it.
		expect(one('and deterrence', 1)).toBe(true);
		expect(one('strikes and deterrence', 1)).toBe(false);
		// No space before the blank: the word in front is part of the answer's word, not a lead.
		const joined = { ...cloze, text: 'The anti-{{ballistic}} treaty.' };
		expect(scoreAnswer(joined, { type: 'cloze', blanks: ['anti ballistic'] }).detail?.[0]).toBe(
			false
		);
	});

	it('gives the share of blanks right', () => {
		expect(fill('Danube', 'Red Sea')).toMatchObject({
			score: 0.5,
			correct: false,
			detail: [true, false]
		});
		expect(fill('Danube')).toMatchObject({ score: 0.5, detail: [true, false] });
		expect(fill()).toMatchObject({ score: 0, detail: [false, false] });
	});

	it('flags a misspelt blank as close but does not credit it', () => {
		expect(fill('Danub', 'Black Sea')).toEqual({
			score: 0.5,
			correct: false,
			hint: 'close',
			detail: [false, true],
			expected: 'The Danube flows into the Black Sea.'
		});
	});
});

describe('normalise', () => {
	it.each([
		['  The   Eiffel-Tower! ', 'eiffel tower'],
		['Café crème', 'cafe creme'],
		['Ærøskøbing', 'aeroskobing'],
		['Straße', 'strasse'],
		['well—known – fact', 'well known fact'],
		["Don't", 'dont'],
		['U.S.A.', 'usa'],
		['5,500', '5500'],
		['5 500', '5500'],
		['5\u2009500', '5500'],
		['5\u00a0500', '5500'],
		['1,234,567', '1234567'],
		['5,500.25', '5500.25'],
		['5.500', '5.500'],
		['3,5', '3.5'],
		['12 34', '12 34'],
		['A cat', 'cat'],
		['an apple', 'apple'],
		['a', 'a'],
		['rock & roll', 'rock and roll']
	])('%j → %j', (input, output) => {
		expect(normalise(input)).toBe(output);
	});
});

describe('editDistance', () => {
	it.each([
		['kitten', 'sitting', 3],
		['ab', 'ba', 1],
		['', 'abc', 3],
		['abc', '', 3],
		['same', 'same', 0],
		['ca', 'abc', 3],
		['paris', 'prais', 1],
		['café', 'cafe', 1]
	])('%j ↔ %j = %i', (a, b, d) => {
		expect(editDistance(a, b)).toBe(d);
		expect(editDistance(b, a)).toBe(d);
	});
});

describe('short', () => {
	const type = (text: string) => scoreAnswer(short, { type: 'short', text });

	it('accepts the answer and its variants after normalisation', () => {
		for (const text of ['Eiffel Tower', 'the eiffel-tower.', ' EIFFEL   TOWER ', 'Tour Eiffel']) {
			expect(type(text)).toEqual({ score: 1, correct: true, expected: 'Eiffel Tower' });
		}
		expect(type('Tóur Éiffel').correct).toBe(true);
	});

	it('treats grouped digits as the same number', () => {
		const item: QuizItem = { ...short, answer: '5500', accept: [] };
		for (const text of ['5,500', '5500', '5 500', '5\u2009500']) {
			expect(scoreAnswer(item, { type: 'short', text }).correct).toBe(true);
		}
		expect(scoreAnswer(item, { type: 'short', text: '5.500' }).correct).toBe(false);
	});

	it('calls a near miss close but scores it 0', () => {
		expect(type('Eifel Tower')).toEqual({
			score: 0,
			correct: false,
			hint: 'close',
			expected: 'Eiffel Tower'
		});
		expect(type('Eifel Towr').hint).toBe('close');
		expect(type('Big Ben')).toEqual({ score: 0, correct: false, expected: 'Eiffel Tower' });
	});

	it('scales the near-miss allowance with length', () => {
		const word = (answer: string, text: string) =>
			scoreAnswer({ ...short, answer, accept: [] }, { type: 'short', text }).hint;
		expect(word('Paris', 'Prais')).toBe('close');
		expect(word('Paris', 'Pxrxs')).toBeUndefined();
		expect(word('Budapest', 'Budpst')).toBe('close');
		expect(word('Budapest', 'Bdpst')).toBeUndefined();
		expect(word('Constantinople', 'Konstantinopl')).toBe('close');
		expect(word('Constantinople', 'Konstantinopel')).toBe('close');
		expect(word('Constantinople', 'Kanstantinopal')).toBeUndefined();
	});

	it('never calls a wrong number a spelling slip', () => {
		const item: QuizItem = { ...short, answer: '1987', accept: [] };
		expect(scoreAnswer(item, { type: 'short', text: '1988' })).toEqual({
			score: 0,
			correct: false,
			expected: '1987'
		});
	});

	it('gives no hint for an empty answer', () => {
		expect(type('   ')).toEqual({ score: 0, correct: false, expected: 'Eiffel Tower' });
	});
});

describe('parseNumber', () => {
	it.each<[string | number, number | null]>([
		['5500', 5500],
		['5,500', 5500],
		['5 500', 5500],
		['5\u202f500', 5500],
		['5500 km', 5500],
		['about 5500km', 5500],
		['1987', 1987],
		['1,234,567', 1234567],
		['5.500.000', 5500000],
		['5.500,5', 5500.5],
		['5,500.5', 5500.5],
		['5.5', 5.5],
		['5.500', 5.5],
		['3,5', 3.5],
		['0,500', 0.5],
		['.5', 0.5],
		['-3', -3],
		['\u22123', -3],
		['1987.', 1987],
		['1,2,3', null],
		['', null],
		['km', null],
		[42, 42],
		[Number.NaN, null]
	])('%j → %j', (raw, value) => {
		expect(parseNumber(raw)).toBe(value);
	});
});

describe('numeric', () => {
	const give = (value: number | string, item: QuizItem = numeric) =>
		scoreAnswer(item, { type: 'numeric', value });

	it('reads typed strings', () => {
		for (const value of ['5,500', '5 500', '5500 km', '5500', 5500, '5,500.0']) {
			expect(give(value)).toEqual({ score: 1, correct: true, expected: '5500 km' });
		}
		expect(give('5.500').correct).toBe(false);
		expect(give('5501').correct).toBe(false);
		expect(give('lots')).toEqual({ score: 0, correct: false, expected: '5500 km' });
	});

	it('includes both tolerance boundaries and nothing beyond', () => {
		const item: QuizItem = { ...numeric, answer: 10, tolerance: 0.5, unit: undefined };
		expect(give(10.5, item).correct).toBe(true);
		expect(give(9.5, item).correct).toBe(true);
		expect(give('10,5', item).correct).toBe(true);
		expect(give(10.51, item).correct).toBe(false);
		expect(give(9.49, item).correct).toBe(false);
		expect(give(10, item).expected).toBe('10 (± 0.5)');
	});

	it('absorbs floating-point noise at an exact answer', () => {
		const item: QuizItem = { ...numeric, answer: 0.3, tolerance: 0 };
		expect(give(0.1 + 0.2, item).correct).toBe(true);
		expect(give(0.31, item).correct).toBe(false);
	});

	it('reads a year', () => {
		const item: QuizItem = { ...numeric, answer: 1987, unit: undefined };
		expect(give('1987', item).correct).toBe(true);
		expect(give('in 1987', item).correct).toBe(true);
		expect(give('1,987', item).correct).toBe(true);
	});
});

describe('order', () => {
	const arrange = (...entries: string[]) => scoreAnswer(order, { type: 'order', order: entries });

	it('is right only in the exact order', () => {
		expect(arrange('Mercury', 'Mars', 'Earth', 'Jupiter')).toEqual({
			score: 1,
			correct: true,
			detail: [true, true, true, true],
			expected: 'Mercury → Mars → Earth → Jupiter'
		});
	});

	it('credits the share of pairs in the right relative order', () => {
		expect(arrange('Mercury', 'Mars', 'Jupiter', 'Earth')).toMatchObject({
			score: 5 / 6,
			correct: false,
			detail: [true, true, false, false]
		});
		expect(arrange('Mars', 'Mercury', 'Jupiter', 'Earth').score).toBeCloseTo(4 / 6, 12);
		expect(arrange('Jupiter', 'Earth', 'Mars', 'Mercury').score).toBe(0);
		expect(arrange('Jupiter', 'Mercury', 'Mars', 'Earth').score).toBe(0.5);
	});

	it('counts pairs involving missing or unknown entries as wrong', () => {
		expect(arrange('Mercury', 'Mars', 'Earth').score).toBe(0.5);
		expect(arrange('Mercury', 'Pluto', 'Mars', 'Earth').score).toBe(0.5);
		expect(arrange('Mercury', 'Mercury', 'Mars', 'Earth').score).toBe(0.5);
		expect(arrange().score).toBe(0);
	});
});

describe('match', () => {
	const pairUp = (pairs: Record<string, string>) => scoreAnswer(match, { type: 'match', pairs });

	it('credits each pair', () => {
		expect(pairUp({ France: 'Paris', Spain: 'Madrid', Italy: 'Rome' })).toEqual({
			score: 1,
			correct: true,
			detail: [true, true, true],
			expected: 'France → Paris; Spain → Madrid; Italy → Rome'
		});
		expect(pairUp({ France: 'Paris', Spain: 'Rome', Italy: 'Madrid' })).toMatchObject({
			score: 1 / 3,
			correct: false,
			detail: [true, false, false]
		});
		expect(pairUp({ France: 'Paris', Italy: 'Rome' })).toMatchObject({
			score: 2 / 3,
			detail: [true, false, true]
		});
		expect(pairUp({}).score).toBe(0);
	});

	it('does not read inherited keys as answers', () => {
		const item: QuizItem = {
			...match,
			pairs: [
				{ left: 'constructor', right: 'a' },
				{ left: 'b', right: 'c' }
			]
		};
		expect(scoreAnswer(item, { type: 'match', pairs: {} }).score).toBe(0);
	});
});

describe('lenient matching of typed answers', () => {
	const typed = (answer: string, accept: string[], text: string) =>
		scoreAnswer({ ...short, answer, accept }, { type: 'short', text });
	const blank = (text: string, ...blanks: string[]) =>
		scoreAnswer({ ...cloze, text }, { type: 'cloze', blanks });

	it('drops a title or honorific before a name', () => {
		for (const text of [
			'President Ronald Reagan',
			'president reagan',
			'Mr. Reagan',
			'US President Ronald Reagan',
			'U.S. president Ronald Reagan'
		]) {
			expect(typed('Ronald Reagan', ['Reagan'], text).correct).toBe(true);
		}
		expect(typed('Mikhail Gorbachev', [], 'Soviet leader Mikhail Gorbachev').correct).toBe(true);
		// Only before a name: a title that is the whole answer stays.
		expect(canonical('secretary-general')).toBe('secretary general');
		expect(canonical('President of the United States')).toBe('president of united states');
		expect(typed('secretary-general', [], 'general').correct).toBe(false);
	});

	it('reads every usual form of a date as one', () => {
		for (const text of [
			'Dec. 8',
			'December 8',
			'December 8th',
			'december 8th',
			'8 December',
			'8th December',
			'the 8th of December',
			'Dec 8'
		]) {
			expect(blank('Signed on {{Dec. 8}}.', text).correct).toBe(true);
		}
		expect(canonical('8 December 1987')).toBe('december 8 1987');
		expect(canonical('December 8th, 1987')).toBe('december 8 1987');
	});

	it('calls a wrong day wrong, not a spelling slip', () => {
		expect(blank('Signed on {{Dec. 8}}.', 'December 9')).toMatchObject({
			correct: false,
			detail: [false]
		});
		expect(blank('Signed on {{Dec. 8}}.', 'December 9').hint).toBeUndefined();
	});

	it('takes ordinals as words or as numbers', () => {
		expect(blank('It is not the {{first}} time.', '1st').correct).toBe(true);
		expect(blank('On the {{8th}} day.', 'eighth').correct).toBe(true);
		expect(blank('It is not the {{first}} time.', 'second').correct).toBe(false);
	});

	it('takes numbers as words or digits, in text and in numeric answers', () => {
		expect(typed('3', [], 'three').correct).toBe(true);
		expect(typed('30 years', [], 'thirty years').correct).toBe(true);
		expect(canonical('thirty-five')).toBe('35');
		expect(canonical('five thousand five hundred')).toBe('5500');
		expect(canonical('five hundred and fifty')).toBe('550');
		const years: QuizItem = { ...numeric, answer: 30, tolerance: 0 };
		expect(scoreAnswer(years, { type: 'numeric', value: 'thirty' }).correct).toBe(true);
		expect(scoreAnswer(years, { type: 'numeric', value: 'thirty one' }).correct).toBe(false);
		expect(parseNumber('five thousand five hundred')).toBe(5500);
		expect(parseNumber('no number here')).toBeNull();
	});

	it('ignores case, punctuation and articles anywhere', () => {
		const center = 'the Center of the International Security Studies';
		for (const text of [
			'Center of International Security Studies',
			'CENTER OF THE INTERNATIONAL SECURITY STUDIES.',
			'the center, of the "International Security Studies"'
		]) {
			expect(typed(center, [], text).correct).toBe(true);
		}
		// An answer that is only an article is kept.
		expect(canonical('a')).toBe('a');
	});

	it('accepts the variants an item declares, and only those', () => {
		expect(typed('utilitarianism', ['utilitarian'], 'Utilitarian').correct).toBe(true);
		expect(typed('utilitarianism', [], 'utility').correct).toBe(false);
		expect(
			blank('The US will strengthen its {{frontier|forward}} deployment.', 'forward').correct
		).toBe(true);
	});
});

describe('typed answers: what a student who knows the answer types (issue 23 §3)', () => {
	const item = (answer: string, accept: string[] = [], anyOrder?: boolean): QuizItem => ({
		...short,
		answer,
		accept,
		...(anyOrder === undefined ? {} : { anyOrder })
	});
	const ok = (i: QuizItem, text: string) => scoreAnswer(i, { type: 'short', text }).correct;

	it('takes a parenthetical abbreviation as optional, or alone when it stands for the words before it', () => {
		const dod = item('US Department of Defense (DoD)');
		for (const text of [
			'US Department of Defense (DoD)',
			'US Department of Defense',
			'the US Department of Defense',
			'DoD',
			'dod',
			'US DoD',
			'U.S. Department of Defence'
		])
			expect(ok(dod, text), text).toBe(true);
		for (const text of ['DoE', 'US Department of State', 'Pentagon', 'Department of Energy (DoD)'])
			expect(ok(dod, text), text).toBe(false);
	});

	it('reads a hyphenated name as one initial or one per part', () => {
		const inf = item('Intermediate-Range Nuclear Forces (INF) Treaty');
		for (const text of [
			'INF Treaty',
			'Intermediate-Range Nuclear Forces Treaty',
			'intermediate range nuclear forces treaty'
		])
			expect(ok(inf, text), text).toBe(true);
		expect(ok(inf, 'INF')).toBe(false);
		expect(ok(inf, 'SALT Treaty')).toBe(false);
	});

	it('accepts the key typed with an abbreviation the key leaves out', () => {
		expect(ok(item('Nuclear Posture Review'), 'Nuclear Posture Review (NPR)')).toBe(true);
		// Letters that are not the initials of the words before them are not an abbreviation of them.
		expect(ok(item('Nuclear Posture Review'), 'Nuclear Posture (NPR)')).toBe(false);
	});

	it('never gives an abbreviation alone for a phrase of substance before it', () => {
		const report = item('Report of the Department of Defense (DoD)');
		expect(ok(report, 'Report of the Department of Defense')).toBe(true);
		expect(ok(report, 'Report of the DoD')).toBe(true);
		expect(ok(report, 'DoD')).toBe(false);
	});

	it.each([
		['defense', 'defence'],
		['kilometers', 'kilometres'],
		['organization', 'organisation'],
		['realized', 'realised'],
		['analyze', 'analyse'],
		['center', 'centre'],
		['honor', 'honour'],
		['program', 'programme']
	])('counts US %j and UK %j as one spelling, either way round', (us, uk) => {
		expect(ok(item(us), uk)).toBe(true);
		expect(ok(item(uk), us)).toBe(true);
	});

	it('folds no spelling that makes another word', () => {
		expect(ok(item('four'), 'for')).toBe(false);
		expect(ok(item('hour'), 'hor')).toBe(false);
		expect(ok(item('precise'), 'precize')).toBe(false);
		expect(ok(item('surprise'), 'surprize')).toBe(false);
		expect(ok(item('filled'), 'filed')).toBe(false);
		expect(canonical('compromise exercise')).toBe('compromise exercise');
	});

	it('treats hyphens, spaces and a closed-up compound alike', () => {
		expect(ok(item('medium-range'), 'medium range')).toBe(true);
		expect(ok(item('medium range'), 'medium-range')).toBe(true);
		expect(ok(item('non-proliferation'), 'nonproliferation')).toBe(true);
		expect(ok(item('Asia-Pacific region'), 'Asia Pacific region')).toBe(true);
		expect(ok(item('medium-range'), 'medium-rang')).toBe(false);
	});

	it('reads "&" as "and" and drops a leading article', () => {
		expect(ok(item('Reagan and Gorbachev'), 'Reagan & Gorbachev')).toBe(true);
		expect(ok(item('the Soviet Union'), 'Soviet Union')).toBe(true);
		expect(ok(item('Soviet Union'), 'The Soviet Union')).toBe(true);
		expect(ok(item('Soviet Union'), 'an Soviet Union')).toBe(true);
	});

	it('says the shared head of a pair once or twice: "short- and medium-range" = "short-range and medium-range"', () => {
		const pair = item('short- and medium-range');
		for (const text of [
			'short and medium-range',
			'short-range and medium-range',
			'short range and medium range',
			'short- and medium-range'
		])
			expect(ok(pair, text), text).toBe(true);
		expect(
			ok(item('short-range and medium-range missiles'), 'short and medium-range missiles')
		).toBe(true);
	});

	it('takes a pair the other way round only where the item allows it', () => {
		const fixed = item('short- and medium-range');
		const free = item('short- and medium-range', [], true);
		for (const text of [
			'medium- and short-range',
			'medium-range and short-range',
			'medium and short range'
		]) {
			expect(ok(fixed, text), text).toBe(false);
			expect(ok(free, text), text).toBe(true);
		}
		// Not any words at all: a different pair, or a number changed, is still wrong.
		expect(ok(free, 'short- and long-range')).toBe(false);
		expect(ok(free, 'long and medium-range')).toBe(false);
		const years = item('1972 and 1987', [], true);
		expect(ok(years, '1987 and 1972')).toBe(true);
		expect(ok(years, '1987 and 1973')).toBe(false);
		expect(ok(years, '1972')).toBe(false);
	});

	it('applies every rule to each blank of a fill-in-the-blanks item', () => {
		const blanks = {
			...cloze,
			text: 'A series of {{short and medium-range}} weapons, says the {{US Department of Defense (DoD)}}.',
			anyOrder: true
		};
		const fill = (...b: string[]) => scoreAnswer(blanks, { type: 'cloze', blanks: b });
		expect(fill('short-range and medium-range', 'DoD').correct).toBe(true);
		expect(fill('medium- and short-range', 'Department of Defence').correct).toBe(false);
		expect(fill('medium- and short-range', 'US Department of Defence').correct).toBe(true);
		expect(fill('medium and long range', 'DoE').detail).toEqual([false, false]);
	});

	it('still keeps an explicit accept list for synonyms', () => {
		expect(ok(item('Eiffel Tower', ['Tour Eiffel']), 'tour eiffel')).toBe(true);
		expect(ok(item('Eiffel Tower'), 'Tour Eiffel')).toBe(false);
	});

	it('lists the accepted answers as written, per blank', () => {
		expect(acceptedAnswers(item('DoD', ['Pentagon']))).toEqual([['DoD', 'Pentagon']]);
		expect(acceptedAnswers(cloze)).toEqual([['Danube', 'Donau'], ['Black Sea']]);
		expect(acceptedAnswers(single)).toBeNull();
		expect(answerForms('US Department of Defense (DoD)')).toEqual(
			expect.arrayContaining(['us department of defense', 'dod'])
		);
	});
});
