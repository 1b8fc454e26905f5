import { describe, expect, it } from 'vitest';
import { findCards } from './cards.ts';
import { analyse, type Entity } from './nlp.ts';
import { classifyVoice, attribute } from './voice.ts';

const brief = (e: Entity) => `${e.kind}:${e.text}`;

describe('analyse', () => {
	it('splits sentences at their ends, not at abbreviations, with offsets into the paragraph', () => {
		const p =
			'File photo taken on Dec. 8, 1987 shows U.S. president Ronald Reagan in Washington D.C., the United States. The treaty bans missiles.';
		const sentences = analyse(p);
		expect(sentences.map((s) => s.text)).toEqual([
			'File photo taken on Dec. 8, 1987 shows U.S. president Ronald Reagan in Washington D.C., the United States.',
			'The treaty bans missiles.'
		]);
		for (const s of sentences) expect(p.slice(s.start, s.end)).toBe(s.text);
	});

	it('finds dates, people and places of the right kinds', () => {
		const [s] = analyse(
			'File photo taken on Dec. 8, 1987 shows U.S. president Ronald Reagan and Soviet leader Mikhail Gorbachev signing the treaty in the White House in Washington D.C., the United States.'
		);
		const found = s?.entities.map(brief) ?? [];
		expect(found).toContain('date:Dec. 8, 1987');
		expect(found).toContain('person:Ronald Reagan');
		expect(found).toContain('person:Mikhail Gorbachev');
		expect(found).toContain('place:Washington D.C.');
		expect(found).not.toContain('name:Soviet');
		expect(s?.entities.find((e) => e.kind === 'date')?.value).toBe(1987);
	});

	it('reads numbers with their units and hedges, and bare years', () => {
		const [a, b] = analyse(
			'The range is 500 to 5,500 kilometers after more than 30 years. As early as 2002, the US withdrew.'
		);
		const nums = a?.entities.filter((e) => e.kind === 'number') ?? [];
		expect(nums.map((e) => [e.text, e.value, e.unit ?? null, e.approx])).toEqual([
			['500', 500, null, false],
			['5,500', 5500, 'kilometers', false],
			['30', 30, 'years', true]
		]);
		expect(b?.entities.find((e) => e.kind === 'year')?.value).toBe(2002);
	});

	it('joins organisations across "of" and "and" and names a team by its leader', () => {
		const [s] = analyse(
			'The mission was run by the National Aeronautics and Space Administration, and the Trump administration cut the US Department of Defense budget.'
		);
		const found = s?.entities.map(brief) ?? [];
		expect(found).toContain('org:National Aeronautics and Space Administration');
		expect(found).toContain('org:US Department of Defense');
		expect(found).toContain('person:Trump');
	});

	it('keeps an initial and a quoted nickname inside a name', () => {
		const [s] = analyse('Colonel William C. Gorgas met Edwin “Buzz” Aldrin in Texas.');
		const people = s?.entities.filter((e) => e.kind === 'person').map((e) => e.text);
		expect(people).toEqual(['William C. Gorgas', 'Edwin “Buzz” Aldrin']);
	});
});

describe('findCards', () => {
	const cards = (text: string) =>
		findCards(text).map((c) => `${c.front} = ${c.back} | ${c.source}`);

	it('pairs acronyms with their long form, the head word included', () => {
		expect(
			cards('the “Intermediate-Range Nuclear Forces Treaty” (INF Treaty), the US is going further.')
		).toEqual([
			'INF Treaty = Intermediate-Range Nuclear Forces Treaty | Intermediate-Range Nuclear Forces Treaty” (INF Treaty)'
		]);
		expect(cards('published by the US Department of Defense (DoD) in 2018')).toEqual([
			'DoD = Department of Defense | Department of Defense (DoD)'
		]);
		expect(
			cards(
				'withdrew from the Treaty on the Limitation of Anti-Ballistic Missile Systems (ABM Treaty) which'
			)
		).toEqual([
			'ABM Treaty = Treaty on the Limitation of Anti-Ballistic Missile Systems | Treaty on the Limitation of Anti-Ballistic Missile Systems (ABM Treaty)'
		]);
	});

	it('reads the head word after the parentheses: "… Forces (INF) Treaty"', () => {
		expect(cards('They left the Intermediate-Range Nuclear Forces (INF) Treaty in 2019.')).toEqual([
			'INF Treaty = Intermediate-Range Nuclear Forces Treaty | Intermediate-Range Nuclear Forces (INF) Treaty'
		]);
	});

	it('ignores parentheses that spell nothing before them', () => {
		expect(cards('It rained (PDF) all day in the North Sea (UK).')).toEqual([]);
	});

	it('turns "X, which is a …" and "X, that is …" into definition cards', () => {
		expect(
			cards('A salt marsh, which is a coastal wetland flooded by the tides, soaks up water.')
		).toEqual([
			'What is meant by “salt marsh”? = coastal wetland flooded by the tides | salt marsh, which is a coastal wetland flooded by the tides'
		]);
		expect(
			cards('it pursues a principle of utilitarianism, that is taking advantage of deals.')
		).toEqual([
			'What is meant by “principle of utilitarianism”? = taking advantage of deals | principle of utilitarianism, that is taking advantage of deals'
		]);
		// A comment after "which is" defines nothing.
		expect(cards('It wants more missiles, which is obviously contrary to the treaty.')).toEqual([]);
	});

	it('records who people are when the text gives their role', () => {
		expect(
			cards('shows U.S. president Ronald Reagan and Soviet leader Mikhail Gorbachev signing')
		).toEqual([
			'Who is Ronald Reagan, according to the article? = U.S. president | U.S. president Ronald Reagan',
			'Who is Mikhail Gorbachev, according to the article? = Soviet leader | Soviet leader Mikhail Gorbachev'
		]);
	});
});

describe('classifyVoice', () => {
	it('tells facts, claims and predictions apart', () => {
		expect(classifyVoice('The treaty was signed in December 1987.')).toBe('fact');
		expect(classifyVoice('Russia will take retaliatory measures.')).toBe('prediction');
		expect(
			classifyVoice('The United States confidently believes that it is superior to Russia.')
		).toBe('claim');
		expect(classifyVoice('Cities should buy the marshes at their edges.')).toBe('claim');
		expect(classifyVoice('The author argues that federal rules are not enough.')).toBe('claim');
		expect(classifyVoice('This had a devastating effect on arms control.')).toBe('claim');
		// A caption describes the picture.
		expect(classifyVoice('Photo shows a great crowd that will gather.', 'caption')).toBe('fact');
	});

	it('attributes claims and predictions, keeping the capital of a name', () => {
		expect(attribute('claim', 'The treaty is weak.', false)).toBe(
			'According to the author, the treaty is weak.'
		);
		expect(attribute('prediction', 'Russia will respond.', true)).toBe(
			'The article predicts that Russia will respond.'
		);
		expect(attribute('prediction', 'NATO will respond.', false)).toBe(
			'The article predicts that NATO will respond.'
		);
		expect(attribute('fact', 'The treaty was signed.', false)).toBe('The treaty was signed.');
	});
});
