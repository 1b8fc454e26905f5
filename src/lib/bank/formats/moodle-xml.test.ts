import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LIMITS } from './types.ts';
import { parseMoodleXml, toMoodleXml } from './moodle-xml.ts';
import { AWKWARD, generateSet } from './testgen.ts';

const fixture = (name: string) =>
	readFileSync(new URL(`./fixtures/moodle-xml/${name}`, import.meta.url), 'utf8');

const messages = (r: { problems: { line: number; message: string }[] }) =>
	r.problems.map((p) => `${p.line}: ${p.message}`);

describe("Moodle's own XML fixtures", () => {
	it('nested categories: four true/false questions in four topics, the essay named and skipped', () => {
		const r = parseMoodleXml(fixture('nested_categories_with_questions.xml'));
		expect(
			r.items.map((i) => [i.type, i.name, i.topic, i.type === 'truefalse' && i.answer])
		).toEqual([
			['truefalse', 'Iota Question', 'iota', true],
			['truefalse', 'Kappa Question', 'kappa', true],
			['truefalse', 'Lambda Question', 'lambda', true],
			['truefalse', 'Mu Question', 'mu', true]
		]);
		expect(r.items[0]).toMatchObject({ prompt: 'Testing Iota Question' });
		expect(r.topics.map((t) => t.title)).toEqual(['Iota', 'Kappa', 'Lambda', 'Mu']);
		expect(messages(r)).toContain(
			'55: essay question "Kappa Essay Question" skipped: Quire does not support essay questions'
		);
		expect(r.lines.items).toEqual([15, 83, 123, 163]);
	});

	it('an old file and an export with category descriptions read the same questions', () => {
		const old = parseMoodleXml(fixture('old_format_file.xml'));
		expect(old.items.map((i) => [i.name, i.topic])).toEqual([
			['Pi Question', 'pi'],
			['Rho Question', 'rho']
		]);
		expect(old.problems).toEqual([]);
		const exp = parseMoodleXml(fixture('export_category.xml'));
		expect(exp.items).toHaveLength(1);
		expect(messages(exp)).toEqual([
			'4: the category description "This is Alpha category for test" is not kept'
		]);
		// Entities in an ID number are text; "T & F" is no Quire id, so the name gives it.
		const chars = parseMoodleXml(fixture('html_chars_in_idnumbers.xml'));
		expect(chars.items[0]).toMatchObject({ id: 'alpha-question', type: 'truefalse', answer: true });
	});

	it('multichoice: the right answer, its feedback as explanation, images, sound and lost feedback named', () => {
		const r = parseMoodleXml(fixture('multichoice.xml'));
		expect(r.items).toHaveLength(1);
		expect(r.items[0]).toMatchObject({
			type: 'single',
			name: 'Greeting',
			topic: 'multichoice',
			prompt: 'Listen to this greeting:\n\nWhat language is being spoken?',
			choices: [
				'[image: British Flag] English',
				'[image: French flag] French',
				'[image: German flag] German',
				'[image: Denmark flag] Danish'
			],
			answer: '[image: French flag] French',
			explanation: 'Yes, well done!'
		});
		const said = messages(r).join('\n');
		expect(said).toContain(
			'12: multichoice question "Greeting": 5 files not kept (bonjour.mp3, flag-uk.jpg, flag-france.jpg, flag-german.jpg, flag-denmark.jpg)'
		);
		expect(said).toContain('feedback on individual answers ("Sorry, listen again."');
	});

	it('the old <image_base64> is named as lost; a cloze with multiple-choice blanks is skipped by name', () => {
		const r = parseMoodleXml(fixture('sample_questions_with_old_image_tag.xml'));
		expect(r.items.map((i) => i.type === 'single' && [i.choices, i.answer])).toEqual([
			[['wrong answer', 'another wrong answer', 'right answer'], 'right answer']
		]);
		const said = messages(r).join('\n');
		expect(said).toMatch(/embedded answers \(cloze\) question skipped: its multichoice blank/);
		expect(said).toContain('1 file not kept (moodle.png)');
	});

	it('broken cloze questions are each skipped with a reason, on their line', () => {
		const r = parseMoodleXml(fixture('broken_cloze_questions.xml'));
		expect(r.items).toEqual([]);
		expect(r.problems.map((p) => p.line)).toEqual([4, 20, 36, 52, 68]);
		expect(r.problems.every((p) => /skipped/.test(p.message))).toBe(true);
	});

	it('invalid grades: the right answers are those with a positive fraction, the weights named', () => {
		const r = parseMoodleXml(fixture('error_invalid_grades.xml'));
		expect(r.items[0]).toMatchObject({
			type: 'multi',
			choices: ['1', '2', '3', '4', '5'],
			answers: ['2', '3', '5']
		});
		expect(messages(r).join('\n')).toContain('the weights -50%, 33%, 33.33333%, -50%, 33.33333%');
	});

	it("ordering (Moodle 4.4's core type): entries by their fraction, general feedback, hints named", () => {
		const r = parseMoodleXml(fixture('ordering_testimport.moodle.xml'));
		expect(r.items[0]).toMatchObject({
			id: 'myid',
			type: 'order',
			prompt: 'Put these words in order.',
			items: ['Modular', 'Object', 'Oriented', 'Dynamic', 'Learning', 'Environment'],
			explanation: 'The correct answer is "Modular Object Oriented Dynamic Learning Environment".'
		});
		expect(messages(r).join('\n')).toContain('not kept: 2 hints');
	});
});

describe('Moodle XML types Quire writes, and what it cannot hold', () => {
	const wrap = (q: string) => `<?xml version="1.0"?>\n<quiz>\n${q}\n</quiz>`;

	it('reads shortanswer, numerical (units) and matching with their losses named', () => {
		const r = parseMoodleXml(
			wrap(`<question type="shortanswer"><name><text>Capital</text></name>
<questiontext format="html"><text>Capital of France?</text></questiontext>
<usecase>1</usecase>
<answer fraction="100"><text>Paris</text><feedback><text>Yes</text></feedback></answer>
<answer fraction="50"><text>Marseille</text></answer>
</question>
<question type="numerical"><name><text>Year</text></name>
<questiontext format="html"><text>When?</text></questiontext>
<answer fraction="100"><text>1822</text><tolerance>0</tolerance></answer>
<answer fraction="50"><text>1822</text><tolerance>2</tolerance></answer>
<units><unit><multiplier>1</multiplier><unit_name>AD</unit_name></unit><unit><multiplier>0.01</multiplier><unit_name>centuries</unit_name></unit></units>
</question>
<question type="matching"><name><text>Pairs</text></name>
<questiontext format="html"><text>Match</text></questiontext>
<subquestion format="html"><text>a</text><answer><text>1</text></answer></subquestion>
<subquestion format="html"><text>b</text><answer><text>2</text></answer></subquestion>
<subquestion format="html"><text></text><answer><text>3</text></answer></subquestion>
</question>`)
		);
		expect(r.items).toMatchObject([
			{ type: 'short', answer: 'Paris', accept: [], explanation: 'Yes' },
			{ type: 'numeric', answer: 1822, tolerance: 0, unit: 'AD' },
			{
				type: 'match',
				pairs: [
					{ left: 'a', right: '1' },
					{ left: 'b', right: '2' }
				]
			}
		]);
		const said = messages(r).join('\n');
		expect(said).toContain('"Marseille" 50% not accepted');
		expect(said).toContain('case sensitivity');
		expect(said).toContain('1 other answer (1822 50%)');
		expect(said).toContain('the units "centuries" (×0.01)');
		expect(said).toContain('the extra right-hand entry "3"');
	});

	it.each(['alpha', 'bravo', 'charlie'])(
		'export → import gives the same items (seed %s)',
		(seed) => {
			const set = generateSet(seed, 180);
			expect(new Set(set.items.map((i) => i.type)).size).toBe(8);
			const out = toMoodleXml(set);
			expect(out.warnings).toEqual([]);
			const back = parseMoodleXml(out.text);
			expect(back.problems).toEqual([]);
			expect(back.items).toEqual(set.items);
			expect(back.flashcards).toEqual(set.flashcards);
		}
	);

	it('keeps every awkward text exactly', () => {
		const set = generateSet('awkward', 90);
		const text = JSON.stringify(set);
		for (const fragment of AWKWARD) expect(text).toContain(JSON.stringify(fragment).slice(1, -1));
		const back = parseMoodleXml(toMoodleXml(set).text);
		expect({ items: back.items, flashcards: back.flashcards }).toEqual(set);
	});

	it('writes what Moodle reads: categories by title, idnumber, fractions from its grade list', () => {
		const out = toMoodleXml({
			title: 'Biology',
			topics: [{ id: 'cells', title: 'Cells / parts' }],
			items: [
				{
					id: 'q1',
					type: 'multi',
					topic: 'cells',
					difficulty: 2,
					voice: 'fact',
					tags: ['organelles'],
					prompt: 'Which are organelles?',
					choices: ['nucleus', 'ribosome', 'mitochondrion', 'cytosol'],
					answers: ['nucleus', 'ribosome', 'mitochondrion']
				}
			],
			flashcards: []
		}).text;
		expect(out).toContain('<text>$course$/top/Biology/Cells // parts</text>');
		expect(out).toContain('<idnumber>q1</idnumber>');
		expect(out).toContain('<answer fraction="33.33333" format="plain_text"><text>nucleus</text>');
		expect(out).toContain('<answer fraction="-33.33333" format="plain_text"><text>cytosol</text>');
		expect(out).toContain('<tags><tag><text>organelles</text></tag></tags>');
	});
});

describe('hostile and malformed Moodle XML', () => {
	it('a DTD with entities (XXE, billion laughs) is refused, nothing read, nothing expanded', () => {
		const xxe = `<?xml version="1.0"?>
<!DOCTYPE quiz [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> <!ENTITY a "aaaaaaaaaa"> <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"> ]>
<quiz><question type="truefalse"><name><text>&xxe;&b;</text></name><questiontext><text>x</text></questiontext>
<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question></quiz>`;
		const r = parseMoodleXml(xxe);
		expect(r.items).toEqual([]);
		expect(r.problems).toHaveLength(1);
		expect(r.problems[0]).toMatchObject({ line: 2, severity: 'error' });
		expect(r.problems[0]?.message).toMatch(/declares a DTD .* nothing was imported$/);
	});

	it('an undeclared entity stays text: nothing is fetched or expanded', () => {
		const r = parseMoodleXml(
			`<quiz><question type="truefalse"><name><text>n</text></name><questiontext format="plain_text"><text>&xxe; &amp; &#65;</text></questiontext><answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question></quiz>`
		);
		expect(r.items[0]).toMatchObject({ prompt: '&xxe; & A' });
	});

	it('a file cut off, an unclosed element, a second root: one error with its line, nothing kept', () => {
		const cut = fixture('nested_categories_with_questions.xml').slice(0, 2000);
		const r = parseMoodleXml(cut);
		expect(r.items).toEqual([]);
		expect(r.problems).toHaveLength(1);
		expect(r.problems[0]?.message).toMatch(
			/is not closed: the file ends first \(was it cut off\?\); nothing was imported/
		);
		const open = parseMoodleXml(
			'<quiz>\n<question type="truefalse">\n<name><text>x</name>\n</question>\n</quiz>'
		);
		expect(open.problems[0]).toMatchObject({ line: 3, severity: 'error' });
		expect(open.problems[0]?.message).toContain(
			'<text> (line 3) is closed by the end tag of another element'
		);
		expect(parseMoodleXml('<quiz></quiz>\n<quiz></quiz>').problems[0]?.line).toBe(2);
		expect(parseMoodleXml('<questions/>').problems[0]?.message).toMatch(/not Moodle XML/);
	});

	it('a file past the size limit is refused before it is parsed', () => {
		const r = parseMoodleXml('<quiz>' + ' '.repeat(2000) + '</quiz>', {
			limits: { ...LIMITS, fileBytes: 1000 }
		});
		expect(r.problems[0]?.message).toMatch(/larger than 1000 bytes/);
	});

	it('elements nested past the depth limit are refused', () => {
		const deep = `<quiz>${'<a>'.repeat(100)}${'</a>'.repeat(100)}</quiz>`;
		expect(parseMoodleXml(deep).problems[0]?.message).toMatch(/nested more than 64 deep/);
	});
});
