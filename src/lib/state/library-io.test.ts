import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { SetCard, SetQuizItem } from '$lib/bank/set';
import { exportSet, parseAny, readSetFile, writeSetFile } from './library-io';

const item: SetQuizItem = {
	id: 'own-aaaa',
	type: 'single',
	prompt: 'Who signed for the USSR?',
	choices: ['Gorbachev', 'Yeltsin'],
	answer: 'Gorbachev',
	topic: 'people',
	difficulty: 1,
	voice: 'fact',
	tags: []
};
const card: SetCard = {
	id: 'own-bbbb',
	front: 'ABM',
	back: 'Anti-Ballistic Missile',
	reverse: false,
	topic: 'people',
	difficulty: 2,
	voice: 'fact',
	tags: [],
	explanation: 'Plain <img src=x onerror=alert(1)> text stays text.'
};

describe('set file', () => {
	it('round-trips a set: export then import gives the same entries', () => {
		const { text } = exportSet(
			{
				title: 'Year 9',
				topics: [{ id: 'people', title: 'People' }],
				items: [item],
				flashcards: [card]
			},
			'quire-set',
			Date.UTC(2025, 0, 2)
		);
		expect(JSON.parse(text)).toMatchObject({
			format: 'quire-set',
			version: 1,
			exportedAt: '2025-01-02T00:00:00.000Z'
		});
		const parsed = parseAny(text, 'year-9.quire.json');
		expect(parsed.problems).toEqual([]);
		expect(parsed.title).toBe('Year 9');
		expect(parsed.items).toEqual([item]);
		expect(parsed.flashcards).toEqual([card]);
		expect(parsed.counts).toMatchObject({ single: 1, flashcard: 1, multi: 0 });
	});

	it('names every bad entry with its line, keeps the good ones, and saves nothing itself', () => {
		const { text } = exportSet(
			{
				title: 'Mixed',
				topics: [{ id: 'people', title: 'People' }],
				items: [
					item,
					{ ...item, id: 'own-cccc', answer: 'Putin' },
					{ ...item, id: 'own-dddd', topic: 'dates' }
				],
				flashcards: []
			},
			'quire-set',
			0
		);
		const parsed = parseAny(text, 'mixed.quire.json');
		expect(parsed.items.map((i) => i.id)).toEqual(['own-aaaa', 'own-dddd']);
		const lines = text.split('\n');
		const lineOf = (id: string) => lines.findIndex((l) => l.includes(`"${id}"`)) + 1;
		expect(parsed.problems).toEqual([
			{
				line: lineOf('own-cccc'),
				message: 'items[1].answer: answer "Putin" is not one of the choices; skipped',
				severity: 'error'
			},
			{
				line: lineOf('own-dddd'),
				message: `items[2]: topic "dates" is not in the file's topic list; added with its id as title`,
				severity: 'warning'
			}
		]);
	});

	it('refuses what is not a set file, with a reason and no crash', () => {
		expect(parseAny('::Q1:: 2+2 {=4}', 'quiz.gift').problems[0]?.message).toMatch(
			/cannot tell this file’s format/
		);
		expect(parseAny('{"format": "quire-set", ', 'a.json').problems[0]).toMatchObject({
			line: 1,
			severity: 'error'
		});
		expect(parseAny('{"format":"quire-set","version":2}', 'a.json').problems[0]?.message).toMatch(
			/newer Quire/
		);
		const noTitle = parseAny(
			'{"format":"quire-set","version":1,"items":[],"flashcards":[],"x":1}',
			'a.json'
		);
		expect(noTitle.problems.map((p) => p.message)).toEqual([
			'title: is required',
			'x: unknown field'
		]);
	});

	it('reports a JSON error on its line', () => {
		const text =
			'{\n"format": "quire-set",\n"version": 1,\n"title": "T",\n"items": [ {"id": } ]\n}';
		expect(parseAny(text, 'a.json').problems[0]?.line).toBe(5);
	});
});

describe('files of other apps', () => {
	const gift = readFileSync(
		new URL('../bank/formats/fixtures/every-feature.gift', import.meta.url),
		'utf8'
	);

	it('reads Moodle GIFT through the formats module, naming each refused question by its line', async () => {
		const read = await readSetFile(gift, 'every-feature.gift');
		expect(read.format).toBe('Moodle GIFT');
		expect(read.items.length).toBe(16);
		const errors = read.problems.filter((p) => p.severity === 'error');
		expect(errors.map((p) => p.line)).toEqual([15, 35, 77]);
		expect(errors[0]!.message).toBe(
			'question "entombed-two": prompt gives away the answer "Grant"; skipped'
		);
		// Problems come in file order.
		const lines = read.problems.map((p) => p.line);
		expect(lines).toEqual([...lines].sort((a, b) => a - b));
	});

	it('writes GIFT, Anki and CSV that read back as the same questions', async () => {
		const read = await readSetFile(gift, 'every-feature.gift');
		const set = { title: 'Grant', topics: read.topics, items: read.items, flashcards: [] };
		const out = await writeSetFile(set, 'gift', 0);
		const again = await readSetFile(out.text, 'again.gift');
		expect(again.items.map((i) => i.prompt)).toEqual(read.items.map((i) => i.prompt));
		for (const format of ['anki', 'csv'])
			expect((await writeSetFile(set, format, 0)).text.length).toBeGreaterThan(0);
		await expect(writeSetFile(set, 'docx', 0)).rejects.toThrow(/cannot write the format "docx"/);
	});

	it('still reads a Quire set file itself', async () => {
		const text = exportSet(
			{ title: 'T', topics: [], items: [], flashcards: [] },
			'quire-set',
			0
		).text;
		expect((await readSetFile(text, 't.quire.json')).format).toBe('Quire set file');
	});
});
