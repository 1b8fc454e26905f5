import { describe, expect, it } from 'vitest';
import { readSetFileInWorker } from './import-read';

const read = (text: string, fileName: string) => readSetFileInWorker(text, fileName);

describe('maths on import', () => {
	it.each([
		['GIFT', 'q.gift', '::sq:: What is \\(x^2\\) at x = 3? {=9 ~6}\n'],
		[
			'Moodle XML',
			'q.xml',
			`<?xml version="1.0"?><quiz><question type="shortanswer"><name><text>sq</text></name>
<questiontext format="html"><text><![CDATA[<p>What is \\(x^2\\) at x = 3?</p>]]></text></questiontext>
<answer fraction="100"><text>9</text></answer></question></quiz>`
		],
		['Aiken', 'q.txt', 'What is \\(x^2\\) at x = 3?\nA. 9\nB. 6\nANSWER: A\n'],
		['CSV', 'q.csv', 'type,prompt,answer\nshort,What is \\(x^2\\) at x = 3?,9\n'],
		['Quizlet', 'q.txt', 'What is \\(x^2\\) at x = 3?\t9\nWhat is 2+2?\t4\n'],
		['Anki text', 'q.txt', '#separator:tab\n#html:false\nWhat is \\(x^2\\) at x = 3?\t9\n']
	])('converts TeX in %s to stored MathML', async (_name, fileName, text) => {
		const parsed = await read(text, fileName);
		const entries = [...parsed.items, ...parsed.flashcards];
		expect(entries.length).toBeGreaterThan(0);
		const first = entries[0] as { math?: Record<string, string> };
		expect(first.math?.['\\(x^2\\)']).toContain('<msup><mi>x</mi><mn>2</mn></msup>');
		expect(parsed.problems.filter((p) => /formula/.test(p.message))).toEqual([]);
	});

	it('makes a set file’s map again from its TeX, never keeping what the file brought', async () => {
		const file = {
			format: 'quire-set',
			version: 1,
			title: 'Maths',
			items: [
				{
					id: 'own-aaaaaaaaaa',
					type: 'short',
					prompt: 'What is \\(x^2\\) at x = 3?',
					answer: '9',
					topic: 'general',
					difficulty: 2,
					voice: 'fact',
					math: { '\\(x^2\\)': '<math><mi>hostile</mi></math>' }
				}
			],
			flashcards: [
				{
					id: 'own-bbbbbbbbbb',
					front: 'Plain',
					back: 'Text',
					topic: 'general',
					difficulty: 2,
					voice: 'fact',
					math: { '\\(y\\)': '<math><mi>y</mi></math>' }
				}
			]
		};
		const parsed = await read(JSON.stringify(file), 'maths.quire.json');
		expect((parsed.items[0] as { math?: unknown }).math).toEqual({
			'\\(x^2\\)': expect.stringContaining('<msup>') as unknown
		});
		expect('math' in (parsed.flashcards[0] ?? {})).toBe(false);
	});

	it('warns, naming the entry and its line, of a formula that does not convert', async () => {
		const parsed = await read(
			'::good:: Fine {=yes ~no}\n\n::broken:: Is \\(x^\\) right? {=yes ~no}\n',
			'q.gift'
		);
		expect(parsed.items).toHaveLength(2);
		expect('math' in (parsed.items[1] ?? {})).toBe(false);
		expect(parsed.problems).toContainEqual({
			line: 3,
			severity: 'warning',
			message:
				'item “Is \\(x^\\) right?”: the formula \\(x^\\) could not be converted (not valid TeX); it shows as its TeX'
		});
	});
});
