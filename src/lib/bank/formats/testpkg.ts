/**
 * Anki packages for tests, built deterministically with sql.js, fflate and a zstd compressor
 * (@bokuweb/zstd-wasm, a test-only dependency: fzstd only decompresses). Never imported by the app.
 */
import { compress, init } from '@bokuweb/zstd-wasm';
import { zipSync } from 'fflate';
import initSqlJs, { type SqlJsStatic } from 'sql.js';

/**
 * Anki packages built here, deterministically, with Anki's own table layout
 * (rslib/src/storage/schema11.sql and the schema 18 tables of upgrades/schema15_upgrade.sql):
 * a legacy `collection.anki2` with note types and decks as JSON in `col`, and a latest-version
 * package (`meta` says version 3) with a zstd-compressed `collection.anki21b`, note types,
 * fields, templates and decks in tables, and a zstd-compressed protobuf media list.
 */
let SQL: SqlJsStatic;

/** Loads sql.js and the zstd compressor; call once before building. */
export async function ready(): Promise<SqlJsStatic> {
	SQL ??= await initSqlJs();
	await init();
	return SQL;
}

const SCHEMA11 = `
CREATE TABLE col (id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL, scm integer NOT NULL,
  ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL, ls integer NOT NULL, conf text NOT NULL,
  models text NOT NULL, decks text NOT NULL, dconf text NOT NULL, tags text NOT NULL);
CREATE TABLE notes (id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL, mod integer NOT NULL,
  usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL, sfld integer NOT NULL, csum integer NOT NULL,
  flags integer NOT NULL, data text NOT NULL);
CREATE TABLE cards (id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL, ord integer NOT NULL,
  mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL, queue integer NOT NULL, due integer NOT NULL,
  ivl integer NOT NULL, factor integer NOT NULL, reps integer NOT NULL, lapses integer NOT NULL, left integer NOT NULL,
  odue integer NOT NULL, odid integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
CREATE TABLE revlog (id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL, ease integer NOT NULL,
  ivl integer NOT NULL, lastIvl integer NOT NULL, factor integer NOT NULL, time integer NOT NULL, type integer NOT NULL);
`;
const SCHEMA18 = `
CREATE TABLE fields (ntid integer NOT NULL, ord integer NOT NULL, name text NOT NULL, config blob NOT NULL,
  PRIMARY KEY (ntid, ord)) without rowid;
CREATE TABLE templates (ntid integer NOT NULL, ord integer NOT NULL, name text NOT NULL, mtime_secs integer NOT NULL,
  usn integer NOT NULL, config blob NOT NULL, PRIMARY KEY (ntid, ord)) without rowid;
CREATE TABLE notetypes (id integer NOT NULL PRIMARY KEY, name text NOT NULL, mtime_secs integer NOT NULL,
  usn integer NOT NULL, config blob NOT NULL);
CREATE TABLE decks (id integer PRIMARY KEY NOT NULL, name text NOT NULL, mtime_secs integer NOT NULL,
  usn integer NOT NULL, common blob NOT NULL, kind blob NOT NULL);
`;

export interface NoteSpec {
	guid: string;
	type: 'basic' | 'reversed' | 'cloze' | 'japanese';
	fields: string[];
	tags?: string;
	deck?: number;
}

const TYPES = {
	basic: {
		id: 1001,
		name: 'Basic',
		fields: ['Front', 'Back'],
		templates: 1,
		cloze: false,
		stock: 1
	},
	reversed: {
		id: 1002,
		name: 'Basic (and reversed card)',
		fields: ['Front', 'Back'],
		templates: 2,
		cloze: false,
		stock: 2
	},
	cloze: {
		id: 1003,
		name: 'Cloze',
		fields: ['Text', 'Back Extra'],
		templates: 1,
		cloze: true,
		stock: 5
	},
	japanese: {
		id: 1004,
		name: 'Japanese (recognition)',
		fields: ['Expression', 'Meaning', 'Reading'],
		templates: 1,
		cloze: false,
		stock: 0
	}
};
const DECKS: Record<number, string[]> = {
	1: ['Default'],
	2: ['French', 'Vocabulary'],
	3: ['French', 'Grammar']
};

/** A protobuf varint and length-delimited field, enough for Anki's small messages. */
export function varint(n: number): number[] {
	const out: number[] = [];
	while (n > 127) {
		out.push((n & 127) | 128);
		n = Math.floor(n / 128);
	}
	out.push(n);
	return out;
}
export function field(no: number, value: number | Uint8Array): number[] {
	if (typeof value === 'number') return [...varint(no * 8), ...varint(value)];
	return [...varint(no * 8 + 2), ...varint(value.length), ...value];
}
export const utf8 = (s: string) => new TextEncoder().encode(s);

export function collection(notes: NoteSpec[], schema18: boolean, reviews = 0): Uint8Array {
	const db = new SQL.Database();
	db.exec(SCHEMA11 + (schema18 ? SCHEMA18 : ''));
	const models: Record<string, object> = {};
	for (const t of Object.values(TYPES)) {
		models[t.id] = {
			id: t.id,
			name: t.name,
			type: t.cloze ? 1 : 0,
			flds: t.fields.map((name, ord) => ({ name, ord })),
			tmpls: Array.from({ length: t.templates }, (_, ord) => ({ name: `Card ${ord + 1}`, ord }))
		};
		if (schema18) {
			const config = new Uint8Array([...field(1, t.cloze ? 1 : 0), ...field(9, t.stock)]);
			db.run('INSERT INTO notetypes VALUES (?, ?, 0, 0, ?)', [t.id, t.name, config]);
			t.fields.forEach((name, ord) =>
				db.run('INSERT INTO fields VALUES (?, ?, ?, ?)', [t.id, ord, name, new Uint8Array()])
			);
			for (let ord = 0; ord < t.templates; ord++)
				db.run('INSERT INTO templates VALUES (?, ?, ?, 0, 0, ?)', [
					t.id,
					ord,
					`Card ${ord + 1}`,
					new Uint8Array()
				]);
		}
	}
	const decks: Record<string, object> = {};
	for (const [id, path] of Object.entries(DECKS)) {
		decks[id] = { id: Number(id), name: path.join('::') };
		if (schema18)
			db.run('INSERT INTO decks VALUES (?, ?, 0, 0, ?, ?)', [
				Number(id),
				path.join('\x1f'),
				new Uint8Array(),
				new Uint8Array()
			]);
	}
	db.run("INSERT INTO col VALUES (1, 0, 0, 0, ?, 0, 0, 0, '{}', ?, ?, '{}', '{}')", [
		schema18 ? 18 : 11,
		schema18 ? '' : JSON.stringify(models),
		schema18 ? '' : JSON.stringify(decks)
	]);
	notes.forEach((n, i) => {
		const nid = 1_600_000_000_000 + i;
		db.run("INSERT INTO notes VALUES (?, ?, ?, 0, 0, ?, ?, '', 0, 0, '')", [
			nid,
			n.guid,
			TYPES[n.type].id,
			n.tags ?? '',
			n.fields.join('\x1f')
		]);
		db.run("INSERT INTO cards VALUES (?, ?, ?, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, '')", [
			nid,
			nid,
			n.deck ?? 1
		]);
	});
	for (let r = 0; r < reviews; r++)
		db.run('INSERT INTO revlog VALUES (?, ?, 0, 3, 1, 0, 2500, 6000, 1)', [
			r + 1,
			1_600_000_000_000
		]);
	const bytes = db.export();
	db.close();
	return bytes;
}

export const NOTES: NoteSpec[] = [
	{
		guid: 'chat-cat',
		type: 'basic',
		fields: ['<b>le chat</b>', 'the cat'],
		tags: 'animals french::nouns',
		deck: 2
	},
	{
		guid: 'f#Kq7b{C]u',
		type: 'reversed',
		fields: ['le chien <img src="dog.jpg">', 'the dog [sound:chien.mp3]'],
		deck: 2
	},
	{
		guid: 'cloze-1',
		type: 'cloze',
		fields: ['Paris is the {{c1::capital}} of {{c2::France::country}}.', 'Since 508.'],
		deck: 3
	},
	{ guid: 'jp-1', type: 'japanese', fields: ['猫', 'cat', 'ねこ'] },
	{ guid: 'jp-2', type: 'japanese', fields: ['犬', 'dog', 'いぬ'] }
];

const MEDIA = ['dog.jpg', 'chien.mp3', 'unused.png'];

export function legacyPackage(notes = NOTES): Uint8Array {
	return zipSync({
		'collection.anki2': collection(notes, false, 4),
		media: utf8(JSON.stringify(Object.fromEntries(MEDIA.map((m, i) => [String(i), m])))),
		...Object.fromEntries(MEDIA.map((_, i) => [String(i), new Uint8Array([1, 2, 3])]))
	});
}

export function latestPackage(notes = NOTES): Uint8Array {
	const mediaList = new Uint8Array(
		MEDIA.flatMap((name) => field(1, new Uint8Array([...field(1, utf8(name)), ...field(2, 3)])))
	);
	return zipSync({
		// What Anki 2.1.50+ writes beside the real collection for older versions.
		'collection.anki2': collection(
			[{ guid: 'old', type: 'basic', fields: ['Please update to the latest Anki version', ''] }],
			false
		),
		'collection.anki21b': compress(collection(notes, true), 3),
		media: compress(mediaList, 3),
		meta: new Uint8Array(field(1, 3)),
		...Object.fromEntries(MEDIA.map((_, i) => [String(i), compress(new Uint8Array([1, 2, 3]), 3)]))
	});
}

export { compress, zipSync };
