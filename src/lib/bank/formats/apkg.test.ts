import { beforeAll, describe, expect, it } from 'vitest';
import type { SqlJsStatic } from 'sql.js';
import { MAX_NOTES, parseApkg } from './apkg.ts';
import {
	collection,
	compress,
	field,
	latestPackage,
	legacyPackage,
	NOTES,
	ready,
	utf8,
	zipSync
} from './testpkg.ts';

let SQL: SqlJsStatic;
beforeAll(async () => {
	SQL = await ready();
});

describe.each([
	['legacy collection.anki2', legacyPackage],
	['collection.anki21b (zstd, schema 18)', latestPackage]
])('an Anki package, %s', (_, make) => {
	it('reads Basic, reversed and Cloze notes with decks as topics, tags, GUIDs', async () => {
		const r = await parseApkg(make());
		expect(r.format).toBe('apkg');
		expect(r.flashcards).toMatchObject([
			{
				id: 'chat-cat',
				front: 'le chat',
				back: 'the cat',
				reverse: false,
				topic: 'vocabulary',
				tags: ['animals', 'french-nouns']
			},
			{ name: 'f#Kq7b{C]u', front: 'le chien', back: 'the dog', reverse: true, topic: 'vocabulary' }
		]);
		expect(r.items).toMatchObject([
			{
				id: 'cloze-1',
				type: 'cloze',
				text: 'Paris is the {{capital}} of {{France}}.',
				prompt: 'Fill in the blanks.',
				explanation: 'Since 508.',
				topic: 'grammar'
			}
		]);
		expect(r.topics).toEqual([
			{ id: 'vocabulary', title: 'Vocabulary' },
			{ id: 'grammar', title: 'Grammar' }
		]);
		expect(r.lines).toEqual({ items: [3], flashcards: [1, 2] });
	});

	it('counts the media, names them per note, names the unknown note type and what is not kept', async () => {
		const r = await parseApkg(make());
		const said = r.problems.map((p) => `${p.line}: ${p.message}`);
		expect(said).toContain(
			'1: the package holds 3 media files (2 images, 1 sound); Quire keeps no pictures or sounds yet, so none is imported: each note that uses one says so'
		);
		expect(said).toContain(
			'2: 2 media files not kept: dog.jpg (image), chien.mp3 (sound); Quire keeps no pictures or sounds yet'
		);
		expect(said).toContain('3: cloze hints are not kept: "country"');
		expect(said).toContain(
			'4: 2 notes of the note type "Japanese (recognition)" (fields: Expression, Meaning, Reading) skipped: Quire reads Basic, Basic (and reversed card), Basic (optional reversed card) and Cloze notes'
		);
	});
});

describe('hostile Anki packages: refused with a message, nothing imported', () => {
	const refused = (r: Awaited<ReturnType<typeof parseApkg>>) => {
		expect(r.items).toEqual([]);
		expect(r.flashcards).toEqual([]);
		expect(r.problems).toHaveLength(1);
		expect(r.problems[0]).toMatchObject({ line: 1, severity: 'error' });
		return r.problems[0]?.message ?? '';
	};

	it('a zip bomb: a collection entry that would grow past the ratio cap', async () => {
		const big = new Uint8Array(16 * 1024 * 1024);
		const bomb = zipSync({ 'collection.anki2': big }, { level: 9 });
		expect(bomb.length).toBeLessThan(64 * 1024);
		expect(refused(await parseApkg(bomb))).toMatch(/decompression bomb/);
	});

	it('a zstd bomb: a collection.anki21b that grows past the cap when uncompressed', async () => {
		const bomb = zipSync({
			'collection.anki21b': compress(new Uint8Array(16 * 1024 * 1024), 3),
			meta: new Uint8Array(field(1, 3))
		});
		expect(refused(await parseApkg(bomb))).toMatch(/decompression bomb|more than/);
	});

	it('a corrupt SQLite file', async () => {
		const good = collection(NOTES, false);
		const bad = good.slice();
		bad.fill(0x41, 100, 4096);
		const r = await parseApkg(zipSync({ 'collection.anki2': bad }));
		expect(refused(r)).toMatch(/not a readable SQLite database|not one Quire can read/);
		expect(refused(await parseApkg(zipSync({ 'collection.anki2': utf8('not sqlite') })))).toMatch(
			/not a readable SQLite database/
		);
	});

	it(`more than ${MAX_NOTES} notes`, async () => {
		const db = new SQL.Database(collection([], false));
		db.run('BEGIN');
		const stmt = db.prepare("INSERT INTO notes VALUES (?, ?, 1001, 0, 0, '', ?, '', 0, 0, '')");
		for (let i = 0; i < 100_000; i++) stmt.run([i + 1, `g${i}`, `front ${i}\x1fback ${i}`]);
		stmt.free();
		db.run('COMMIT');
		const bytes = db.export();
		db.close();
		const message = refused(await parseApkg(zipSync({ 'collection.anki2': bytes })));
		expect(message).toBe(
			'the package holds 100,000 notes; Quire imports at most 50,000 notes from one package: export a smaller deck from Anki (nothing was imported)'
		);
	});

	it('a zip that is no Anki package, and bytes that are no zip', async () => {
		expect(refused(await parseApkg(zipSync({ 'word/document.xml': utf8('<w/>') })))).toMatch(
			/not an Anki package: it holds no collection/
		);
		expect(refused(await parseApkg(utf8('hello')))).toMatch(/not a readable zip archive/);
	});
});
