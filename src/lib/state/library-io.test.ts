import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseAny as formatParse } from '$lib/bank/formats';
import { parseQuireSet, toQuireSet } from '$lib/bank/formats/quire-set';
import type { SetCard, SetQuizItem } from '$lib/bank/set';
import {
	EXPORT_FORMATS,
	exportFileName,
	previewRows,
	readSetBytes,
	readSetFile,
	writeSetFile
} from './library-io';
import { exportSet, parseAny } from './set-file';
import { latestPackage, ready } from '$lib/bank/formats/testpkg';

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
				message: 'single question skipped: answer: "Putin" is not one of the choices',
				severity: 'error'
			}
		]);
		// The writer lists every topic an entry names.
		expect(parsed.topics).toContainEqual({ id: 'dates', title: 'dates' });
		const unlisted = text.replace(/"topics": .*/, '"topics": [{"id":"people","title":"People"}],');
		const read = parseAny(unlisted, 'mixed.quire.json');
		expect(read.problems).toContainEqual({
			line: lineOf('own-dddd'),
			message: `items[2]: topic "dates" is not in the file's topic list; added with its id as title`,
			severity: 'warning'
		});
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

describe('one reader and one writer of set files', () => {
	const fixture = (name: string) =>
		readFileSync(new URL(`../bank/formats/fixtures/${name}`, import.meta.url), 'utf8');
	it.each([
		'every-feature.gift',
		'moodle/examples.gift',
		'moodle/questions.gift',
		'moodle/docs-quick-examples.gift',
		'moodle/questions-in-category.gift',
		'every-type.csv'
	])('the app reads every entry bank:convert writes from %s, and back', (name) => {
		const read = formatParse(fixture(name), { fileName: name });
		const written = toQuireSet(
			{ topics: read.topics, items: read.items, flashcards: read.flashcards },
			{ title: 'Converted', now: 0 }
		);
		const app = parseAny(written.text, 'converted.quire.json');
		expect(app.problems.filter((p) => p.severity === 'error')).toEqual([]);
		expect(app.items.length + app.flashcards.length).toBe(
			read.items.length + read.flashcards.length
		);
		// What the app writes, bank:convert's reader reads entry for entry.
		const again = exportSet(
			{ title: 'Again', topics: app.topics, items: app.items, flashcards: app.flashcards },
			'quire-set',
			0
		);
		const convert = parseQuireSet(again.text);
		expect(convert.problems.filter((p) => p.severity === 'error')).toEqual([]);
		expect(convert.items).toEqual(app.items);
		expect(convert.flashcards).toEqual(app.flashcards);
	});
});

describe('a set’s language in its file', () => {
	it('travels in a set file, and a tag that is not one is refused', () => {
		const set = { title: 'Vocabulaire', lang: 'fr-CA', topics: [], items: [item], flashcards: [] };
		const { text } = exportSet(set, 'quire-set', 0);
		expect(JSON.parse(text)).toMatchObject({ lang: 'fr-CA' });
		expect(parseAny(text, 'v.quire.json').lang).toBe('fr-CA');
		const bad = parseAny(text.replace('"fr-CA"', '"<b>"'), 'v.quire.json');
		expect(bad.problems.map((p) => p.message)).toEqual([
			'lang: is not a language tag such as en or fr-CA'
		]);
	});
});

describe('files of other apps', () => {
	const gift = readFileSync(
		new URL('../bank/formats/fixtures/every-feature.gift', import.meta.url),
		'utf8'
	);

	it('reads Moodle GIFT through the formats module: advice is a warning, a refusal names its line', async () => {
		const read = await readSetFile(gift, 'every-feature.gift');
		expect(read.format).toBe('Moodle GIFT');
		expect(read.items.length).toBe(18);
		const errors = read.problems.filter((p) => p.severity === 'error');
		expect(errors.map((p) => p.line)).toEqual([77]);
		const advice = read.problems.filter((p) => p.message.includes('advice'));
		expect(advice.map((p) => `${p.line}: ${p.message}`)).toEqual([
			'15: question "entombed-two": prompt gives away the answer "Grant" (advice; imported as written)',
			'35: question "missing-word": blank 1 answer "two" also appears outside the blanks (advice; imported as written)'
		]);
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

describe("Moodle's own GIFT examples (bank/formats/fixtures/moodle)", () => {
	const moodle = (name: string) =>
		readFileSync(new URL(`../bank/formats/fixtures/moodle/${name}.gift`, import.meta.url), 'utf8');
	const FILES = ['examples', 'questions', 'questions-in-category', 'docs-quick-examples'];

	it('imports every question Moodle imports, 64 of 64, essays as flashcards, advice shown as warnings', async () => {
		let imported = 0;
		let essays = 0;
		const advice: string[] = [];
		for (const name of FILES) {
			const read = await readSetFile(moodle(name), `${name}.gift`);
			expect(read.problems.filter((p) => p.severity === 'error')).toEqual([]);
			imported += read.items.length + read.flashcards.length;
			essays += read.problems.filter((p) => p.message.startsWith('essay question')).length;
			advice.push(
				...read.problems
					.filter((p) => p.message.endsWith('(advice; imported as written)'))
					.map((p) => `${name}:${p.line}`)
			);
		}
		// 64 questions in the four files (43 + 9 + 4 + 8, as Moodle counts them); the two essays
		// ({}) have no key and come in as flashcards, each with a warning on its line.
		expect(imported).toBe(64);
		expect(essays).toBe(2);
		// Both "What two people are entombed in Grant's tomb?" (lines 132 and 138, not 132 twice),
		// the matching whose right side echoes its left (=cat -> cat food), the blank "two".
		expect(advice).toEqual([
			'examples:132',
			'examples:138',
			'questions:7',
			'questions-in-category:8',
			'docs-quick-examples:11',
			'docs-quick-examples:14',
			'docs-quick-examples:14'
		]);
	});

	it('keeps the question names for the set and writes them back to GIFT', async () => {
		const read = await readSetFile(moodle('docs-quick-examples'), 'docs.gift');
		expect(read.items.map((i) => i.name)).toEqual(['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7']);
		// Entries get fresh ids when stored; the name stays and is the GIFT name again.
		const stored = read.items.map((i, n) => ({ ...i, id: `own-${n}` }));
		const out = await writeSetFile(
			{ title: 'Docs', topics: read.topics, items: stored, flashcards: [] },
			'gift',
			0
		);
		expect(out.text).toContain("::Q2::[plain]What's between orange and green");
		expect(out.text).not.toContain('::own-');
		const again = await readSetFile(out.text, 'docs.gift');
		expect(again.items.map((i) => i.name)).toEqual(read.items.map((i) => i.name));
	});
});

describe('refusals name the line their question starts on', () => {
	const text = readFileSync(
		new URL('../bank/formats/fixtures/refusals.gift', import.meta.url),
		'utf8'
	);

	it("carries the parser's line, not the first line where the prompt's words appear", async () => {
		const read = await readSetFile(text, 'refusals.gift');
		expect(read.problems.map((p) => `${p.line} ${p.severity}: ${p.message}`)).toEqual([
			'12 error: question "whose-tomb-twice": choices[1]: duplicate of choices[0] ("Grant’s"); skipped',
			'19 error: question "html-twice": choices[3]: duplicate of choices[2] ("“Paris”"); skipped',
			'28 warning: question "html-fine": prompt gives away the accepted answer "café" (advice; imported as written)'
		]);
		// Entities in an [html] prompt are decoded (&eacute; &nbsp;), tags removed.
		expect(read.items.map((i) => i.prompt)).toEqual([
			'Whose tomb is the largest mausoleum in North America?',
			'Café is a French word for what?'
		]);
		expect(read.lines.items).toEqual([5, 28]);
	});

	it('lists each entry with its own problems, and what was skipped on its line', async () => {
		const rows = previewRows(await readSetFile(text, 'refusals.gift'));
		expect(rows.map((r) => [r.kind, r.line, r.problems.map((p) => p.severity).join(',')])).toEqual([
			['item', 5, ''],
			['skipped', 12, 'error'],
			['skipped', 19, 'error'],
			['item', 28, 'warning']
		]);
	});
});

describe('export file names and types', () => {
	it('gives each format its own ending and MIME type', () => {
		expect(
			EXPORT_FORMATS.map((f) => `${exportFileName('Moodle fixture: Grant’s tomb', f)} ${f.mime}`)
		).toEqual([
			'moodle-fixture-grants-tomb.quire.json application/json',
			'moodle-fixture-grants-tomb.gift text/plain;charset=utf-8',
			'moodle-fixture-grants-tomb-aiken.txt text/plain;charset=utf-8',
			'moodle-fixture-grants-tomb-quizlet.txt text/plain;charset=utf-8',
			'moodle-fixture-grants-tomb-anki.txt text/plain;charset=utf-8',
			'moodle-fixture-grants-tomb.csv text/csv;charset=utf-8'
		]);
	});

	it('says what a format cannot carry: a back with -> for GIFT, questions for Aiken', async () => {
		const arrow = { ...card, back: 'cause -> effect' };
		const set = { title: 'T', topics: [], items: [item], flashcards: [arrow] };
		expect((await writeSetFile(set, 'gift', 0)).warnings).toEqual([
			'own-bbbb: GIFT cannot escape \'->\' in the back "cause -> effect"; Moodle may read the question as matching'
		]);
		expect((await writeSetFile(set, 'aiken', 0)).warnings).toEqual([
			'Aiken holds single-choice questions only: 1 flashcard not written'
		]);
		expect((await writeSetFile(set, 'quire-set', 0)).warnings).toEqual([]);
	});
});

describe('Moodle XML and Anki packages through the import seam', () => {
	it('reads a Moodle XML fixture with each loss on its question line', async () => {
		const xml = readFileSync(
			new URL('../bank/formats/fixtures/moodle-xml/multichoice.xml', import.meta.url),
			'utf8'
		);
		const read = await readSetFile(xml, 'multichoice.xml');
		expect(read.format).toBe('Moodle XML');
		expect(read.formatId).toBe('moodle-xml');
		expect(read.counts.single).toBe(1);
		const rows = previewRows(read);
		expect(rows[0]).toMatchObject({ kind: 'item', line: 12 });
		expect(rows[0]?.problems.map((p) => p.message).join('\n')).toContain('5 files not kept');
	});

	it('reads an .apkg from its bytes, and refuses another binary file in words', async () => {
		await ready();
		const read = await readSetBytes(latestPackage(), 'french.apkg');
		expect(read.formatId).toBe('apkg');
		expect(read.format).toBe('Anki package');
		expect(read.flashcards.map((f) => f.front)).toEqual(['le chat', 'le chien']);
		expect(read.counts.cloze).toBe(1);
		await expect(
			readSetBytes(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0xff]), 'quiz.docx')
		).rejects.toThrow(/not a text question file/);
	});
});
