/**
 * Anki packages (`.apkg`, and whole-collection `.colpkg`), read as Anki's own importer reads
 * them (rslib/src/import_export/package): a zip archive holding the collection, an SQLite
 * database, as `collection.anki21b` (zstd-compressed, schema 18: note types, fields and decks in
 * tables of their own) when the `meta` entry says the package is of the latest version, else
 * `collection.anki21` or `collection.anki2` (schema 11: note types and decks as JSON in the `col`
 * row); `media` lists the media files (JSON in legacy packages, zstd-compressed protobuf in the
 * latest), stored as entries named 0, 1, 2, ….
 *
 * Read in the import worker with sql.js (SQLite in WebAssembly), fflate (zip) and fzstd (zstd),
 * all loaded only when such a file is opened. Basic notes become flashcards (reversed types set
 * `reverse`), Cloze notes cloze items; fields' HTML is reduced to text; tags are kept; the deck's
 * last level is the topic. Media are counted and named per note, not kept: Quire has no media
 * store yet. Nothing of a package that breaks a limit or cannot be read is kept.
 */
import { unzipSync } from 'fflate';
import { Decompress } from 'fzstd';
import initSqlJs, { type Database, type SqlJsStatic, type SqlValue } from 'sql.js';
import { readCloze } from './anki.ts';
import { Collector } from './collect.ts';
import { htmlLosses, htmlToText } from './html.ts';
import { defaultClozePrompt } from './item.ts';
import { formatBytes, plural, slugify } from './text.ts';
import { LIMITS, type Limits, type ParseResult } from './types.ts';

/** Most notes read from one package: past it nothing is imported, with a message. */
export const MAX_NOTES = 50_000;
/** Largest collection database, once uncompressed. */
export const MAX_COLLECTION_BYTES = 256 * 1024 * 1024;
/** Largest media list, once uncompressed. */
const MAX_MEDIA_LIST_BYTES = 16 * 1024 * 1024;
/** Most an entry may grow when uncompressed; past it the package is a decompression bomb. */
export const MAX_RATIO = 400;
/** Below this, an entry's ratio is not checked (a nearly empty database compresses very well). */
const RATIO_FLOOR = 4 * 1024 * 1024;

export interface ApkgOptions {
	limits?: Limits;
	/** Where sql.js's WebAssembly file is served (in a page or worker); Node finds its own. */
	sqlWasmUrl?: string;
}

/** A reason the whole package is refused, with nothing imported. */
class Refused extends Error {}

let sqlReady: Promise<SqlJsStatic> | null = null;

function loadSql(wasmUrl: string | undefined): Promise<SqlJsStatic> {
	sqlReady ??= initSqlJs(wasmUrl ? { locateFile: () => wasmUrl } : {}).catch((e: unknown) => {
		sqlReady = null;
		throw e;
	});
	return sqlReady;
}

/** Reads an Anki package; never throws on bad input: a package that cannot be read is named. */
export async function parseApkg(
	bytes: Uint8Array,
	options: ApkgOptions = {}
): Promise<ParseResult> {
	const limits = options.limits ?? LIMITS;
	const refuse = (message: string) =>
		Collector.run('apkg', '', limits, (c) => c.error(1, `${message} (nothing was imported)`));
	if (bytes.length > limits.fileBytes)
		return refuse(
			`the package is ${formatBytes(bytes.length)}, larger than ${formatBytes(limits.fileBytes)}, the most Quire imports`
		);
	let pkg: Package;
	try {
		pkg = openPackage(bytes);
	} catch (e) {
		if (e instanceof Refused) return refuse(e.message);
		return refuse(
			`this is not a readable Anki package: ${e instanceof Error ? e.message : String(e)}`
		);
	}
	const SQL = await loadSql(options.sqlWasmUrl);
	let db: Database;
	try {
		db = new SQL.Database(pkg.collection);
		const check = db.exec('PRAGMA quick_check');
		const ok = check[0]?.values[0]?.[0];
		if (ok !== 'ok') throw new Error(String(ok ?? 'no answer'));
	} catch (e) {
		return refuse(
			`the package's collection is not a readable SQLite database (${e instanceof Error ? e.message : String(e)}); export it again from Anki`
		);
	}
	try {
		return Collector.run('apkg', '', limits, (c) => readCollection(db, pkg, c));
	} catch (e) {
		if (e instanceof Refused) return refuse(e.message);
		return refuse(
			`the package's collection is not one Quire can read (${e instanceof Error ? e.message : String(e)})`
		);
	} finally {
		db.close();
	}
}

// ---------------------------------------------------------------- the archive

interface Package {
	collection: Uint8Array;
	/** The media files' names, in the order of their entries. */
	media: string[];
	/** Which collection file was read. */
	file: string;
}

function openPackage(bytes: Uint8Array): Package {
	const sizes = new Map<string, { size: number; originalSize: number }>();
	try {
		unzipSync(bytes, {
			filter: (f) => {
				sizes.set(f.name, { size: f.size, originalSize: f.originalSize });
				return false;
			}
		});
	} catch {
		throw new Refused('this is not an Anki package: it is not a readable zip archive');
	}
	const take = (name: string, max: number): Uint8Array | null => {
		const entry = sizes.get(name);
		if (!entry) return null;
		if (entry.originalSize > max)
			throw new Refused(
				`${name} would be ${formatBytes(entry.originalSize)} uncompressed, more than the ${formatBytes(max)} Quire reads`
			);
		checkRatio(name, entry.size, entry.originalSize);
		// fflate writes into a buffer of the size the archive declares, never past it.
		const files = unzipSync(bytes, { filter: (f) => f.name === name });
		return files[name] ?? null;
	};
	const metaBytes = take('meta', 1024);
	const version = metaBytes ? protoVarint(metaBytes, 1) : null;
	if (metaBytes && (version === null || version === 0 || version > 3))
		throw new Refused('this package was made by a newer Anki than Quire reads');
	const latest = version === 3;
	const file = latest
		? 'collection.anki21b'
		: sizes.has('collection.anki21')
			? 'collection.anki21'
			: 'collection.anki2';
	const stored = take(file, latest ? MAX_COLLECTION_BYTES : MAX_COLLECTION_BYTES);
	if (!stored)
		throw new Refused(
			sizes.has('collection.anki2') || sizes.has('collection.anki21b')
				? `the package lacks ${file}, which its meta entry names`
				: 'this zip archive is not an Anki package: it holds no collection.anki2 or collection.anki21b'
		);
	const collection = latest ? unzstd(stored, MAX_COLLECTION_BYTES, file) : stored;
	const list = take('media', latest ? 1024 * 1024 : MAX_MEDIA_LIST_BYTES);
	let media: string[] = [];
	if (list && list.length > 0) {
		if (latest) media = mediaEntries(unzstd(list, MAX_MEDIA_LIST_BYTES, 'media'));
		else {
			try {
				const map = JSON.parse(new TextDecoder().decode(list)) as Record<string, unknown>;
				media = Object.entries(map)
					.sort((a, b) => Number(a[0]) - Number(b[0]))
					.map(([, name]) => String(name));
			} catch {
				throw new Refused("the package's media list is not valid JSON");
			}
		}
	}
	return { collection, media, file };
}

function checkRatio(name: string, compressed: number, size: number): void {
	if (size > RATIO_FLOOR && size > compressed * MAX_RATIO)
		throw new Refused(
			`${name} would grow ${Math.round(size / Math.max(1, compressed))} times when uncompressed (${formatBytes(compressed)} to ${formatBytes(size)}): a decompression bomb`
		);
}

/**
 * zstd data uncompressed, refused when its frame declares (or its blocks reach) more than `max`
 * bytes or it grows more than MAX_RATIO times: fzstd would otherwise allocate what the header asks.
 */
export function unzstd(data: Uint8Array, max: number, name: string): Uint8Array {
	const frame = zstdFrame(data);
	if (!frame) throw new Refused(`${name} is not zstd-compressed data`);
	const declared = Math.max(frame.window, frame.contentSize ?? 0);
	if (declared > max || (frame.contentSize ?? 0) > max)
		throw new Refused(
			`${name} declares ${formatBytes(declared)} uncompressed, more than the ${formatBytes(max)} Quire reads`
		);
	const chunks: Uint8Array[] = [];
	let total = 0;
	const limit = Math.min(max, Math.max(RATIO_FLOOR, data.length * MAX_RATIO));
	const stream = new Decompress((chunk) => {
		total += chunk.length;
		if (total > limit)
			throw new Refused(
				total > max
					? `${name} is more than ${formatBytes(max)} uncompressed, the most Quire reads`
					: `${name} grows more than ${MAX_RATIO} times when uncompressed: a decompression bomb`
			);
		chunks.push(chunk);
	});
	try {
		for (let at = 0; at < data.length; at += 64 * 1024)
			stream.push(data.subarray(at, at + 64 * 1024), at + 64 * 1024 >= data.length);
	} catch (e) {
		if (e instanceof Refused) throw e;
		throw new Refused(
			`${name} is damaged zstd data (${e instanceof Error ? e.message : String(e)})`
		);
	}
	const out = new Uint8Array(total);
	let at = 0;
	for (const c of chunks) {
		out.set(c, at);
		at += c.length;
	}
	return out;
}

/** A zstd frame header's window and content sizes; null when the data is no zstd frame. */
function zstdFrame(d: Uint8Array): { window: number; contentSize: number | null } | null {
	if (d.length < 6 || d[0] !== 0x28 || d[1] !== 0xb5 || d[2] !== 0x2f || d[3] !== 0xfd) return null;
	const flags = d[4] as number;
	const single = (flags >> 5) & 1;
	const fcf = flags >> 6;
	const dictBytes = [0, 1, 2, 4][flags & 3] as number;
	let at = 5;
	let window = 0;
	if (!single) {
		const wd = d[at++] as number;
		const base = 2 ** (10 + (wd >> 3));
		window = base + (base / 8) * (wd & 7);
	}
	at += dictBytes;
	const sizeBytes = fcf === 0 ? single : 2 ** fcf;
	let contentSize: number | null = null;
	if (sizeBytes > 0) {
		contentSize = 0;
		for (let i = 0; i < sizeBytes; i++) contentSize += (d[at + i] ?? 0) * 2 ** (8 * i);
		if (sizeBytes === 2) contentSize += 256;
	}
	return { window: single ? (contentSize ?? 0) : window, contentSize };
}

// ---------------------------------------------------------------- protobuf, the little needed

/** Each field of a protobuf message: varints as numbers, length-delimited fields as bytes. */
function protoFields(b: Uint8Array): { field: number; value: number | Uint8Array }[] {
	const out: { field: number; value: number | Uint8Array }[] = [];
	let at = 0;
	const varint = () => {
		let n = 0;
		let scale = 1;
		for (;;) {
			if (at >= b.length) throw new Error('a protobuf message ends early');
			const byte = b[at++] as number;
			n += (byte & 0x7f) * scale;
			scale *= 128;
			if (byte < 0x80) return n;
			if (scale > 2 ** 63) throw new Error('a protobuf number is too long');
		}
	};
	while (at < b.length) {
		const key = varint();
		const field = Math.floor(key / 8);
		const wire = key % 8;
		if (wire === 0) out.push({ field, value: varint() });
		else if (wire === 2) {
			const len = varint();
			if (at + len > b.length) throw new Error('a protobuf field runs past its message');
			out.push({ field, value: b.subarray(at, at + len) });
			at += len;
		} else if (wire === 1) at += 8;
		else if (wire === 5) at += 4;
		else throw new Error(`a protobuf field of wire type ${wire}`);
	}
	return out;
}

function protoVarint(b: Uint8Array, field: number): number | null {
	try {
		const f = protoFields(b).find((x) => x.field === field && typeof x.value === 'number');
		return f ? (f.value as number) : 0;
	} catch {
		return null;
	}
}

/** MediaEntries: repeated MediaEntry entries = 1, each with string name = 1. */
function mediaEntries(b: Uint8Array): string[] {
	try {
		const dec = new TextDecoder();
		return protoFields(b)
			.filter((f) => f.field === 1 && f.value instanceof Uint8Array)
			.map((f) => {
				const name = protoFields(f.value as Uint8Array).find(
					(x) => x.field === 1 && x.value instanceof Uint8Array
				);
				return name ? dec.decode(name.value as Uint8Array) : '';
			});
	} catch {
		throw new Refused("the package's media list is damaged");
	}
}

// ---------------------------------------------------------------- the collection

type Kind = 'basic' | 'reversed' | 'optional' | 'cloze' | 'unknown';

interface NoteType {
	name: string;
	kind: Kind;
	fields: string[];
	templates: number;
	/** How a note type Quire does not know by name was read, said once. */
	mapped?: string;
}

/** Anki's stock note kinds (StockNotetype.OriginalStockKind). */
const STOCK: Record<number, Kind> = {
	1: 'basic',
	2: 'reversed',
	3: 'optional',
	4: 'basic',
	5: 'cloze'
};

function classify(
	name: string,
	cloze: boolean,
	stock: number,
	fields: string[],
	templates: number
): NoteType {
	const base = { name, fields, templates };
	if (cloze) return { ...base, kind: stock === 6 ? 'unknown' : 'cloze' };
	const known = STOCK[stock];
	if (known) return { ...base, kind: known };
	if (/^basic \(and reversed/i.test(name)) return { ...base, kind: 'reversed' };
	if (/^basic \(optional reversed/i.test(name)) return { ...base, kind: 'optional' };
	if (/^basic\b/i.test(name)) return { ...base, kind: 'basic' };
	if (stock === 0 && fields.length === 2 && (templates === 1 || templates === 2)) {
		const kind = templates === 2 ? 'reversed' : 'basic';
		return {
			...base,
			kind,
			mapped: `the note type "${name}" is read as ${kind === 'reversed' ? 'Basic (and reversed card)' : 'Basic'}: "${fields[0]}" on the front, "${fields[1]}" on the back`
		};
	}
	return { ...base, kind: 'unknown' };
}

function rows(db: Database, sql: string): SqlValue[][] {
	return db.exec(sql)[0]?.values ?? [];
}

function noteTypes(db: Database, schema18: boolean): Map<string, NoteType> {
	const types = new Map<string, NoteType>();
	if (schema18) {
		const fields = new Map<string, string[]>();
		for (const [ntid, , name] of rows(db, 'SELECT ntid, ord, name FROM fields ORDER BY ntid, ord'))
			fields.set(String(ntid), [...(fields.get(String(ntid)) ?? []), String(name)]);
		const templates = new Map<string, number>();
		for (const [ntid] of rows(db, 'SELECT ntid FROM templates'))
			templates.set(String(ntid), (templates.get(String(ntid)) ?? 0) + 1);
		for (const [id, name, config] of rows(db, 'SELECT id, name, config FROM notetypes')) {
			const conf = config instanceof Uint8Array ? protoFields(config) : [];
			const num = (field: number) => {
				const f = conf.find((x) => x.field === field && typeof x.value === 'number');
				return f ? (f.value as number) : 0;
			};
			types.set(
				String(id),
				classify(
					String(name),
					num(1) === 1,
					num(9),
					fields.get(String(id)) ?? [],
					templates.get(String(id)) ?? 0
				)
			);
		}
		return types;
	}
	const [models] = rows(db, 'SELECT models FROM col');
	const json = JSON.parse(String(models?.[0] ?? '{}')) as Record<
		string,
		{
			name?: unknown;
			type?: unknown;
			flds?: { name?: unknown }[];
			tmpls?: unknown[];
			originalStockKind?: unknown;
		}
	>;
	for (const [id, m] of Object.entries(json)) {
		types.set(
			id,
			classify(
				typeof m.name === 'string' ? m.name : id,
				m.type === 1,
				typeof m.originalStockKind === 'number' ? m.originalStockKind : 0,
				(m.flds ?? []).map((f) => (typeof f.name === 'string' ? f.name : '')),
				Array.isArray(m.tmpls) ? m.tmpls.length : 0
			)
		);
	}
	return types;
}

function deckNames(db: Database, schema18: boolean): Map<string, string> {
	const names = new Map<string, string>();
	if (schema18) {
		for (const [id, name] of rows(db, 'SELECT id, name FROM decks'))
			names.set(String(id), String(name).split('\x1f').join('::'));
		return names;
	}
	const [decks] = rows(db, 'SELECT decks FROM col');
	const json = JSON.parse(String(decks?.[0] ?? '{}')) as Record<string, { name?: unknown }>;
	for (const [id, d] of Object.entries(json))
		names.set(id, typeof d.name === 'string' ? d.name : id);
	return names;
}

const IMAGE = /\.(png|jpe?g|gif|webp|avif|svg|bmp|tiff?|heic)$/i;
const SOUND = /\.(mp3|ogg|oga|wav|m4a|aac|flac|opus|webm|mp4|spx)$/i;

/** What a note's fields refer to: images (<img src>) and sounds ([sound:…]). */
function mediaOf(fields: string[]): { images: string[]; sounds: string[] } {
	const images: string[] = [];
	const sounds: string[] = [];
	for (const f of fields) {
		for (const m of f.matchAll(/<img\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi))
			images.push((m[1] ?? m[2] ?? m[3] ?? '').trim());
		for (const m of f.matchAll(/\[sound:([^\]]*)\]/g)) sounds.push((m[1] ?? '').trim());
	}
	return { images, sounds };
}

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function readCollection(db: Database, pkg: Package, c: Collector): void {
	const tables = new Set(
		rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'").map((r) => String(r[0]))
	);
	for (const t of ['notes', 'cards', 'col'])
		if (!tables.has(t))
			throw new Refused(`the package's collection has no ${t} table: it is not an Anki collection`);
	const schema18 = tables.has('notetypes');
	const count = Number(rows(db, 'SELECT count(*) FROM notes')[0]?.[0] ?? 0);
	if (count > MAX_NOTES)
		throw new Refused(
			`the package holds ${plural(count, 'note')}; Quire imports at most ${plural(MAX_NOTES, 'note')} from one package: export a smaller deck from Anki`
		);
	c.expect(count);
	const types = noteTypes(db, schema18);
	const decks = deckNames(db, schema18);
	const deckOf = new Map<string, string>();
	for (const [nid, did] of rows(db, 'SELECT nid, did FROM cards ORDER BY nid, ord'))
		if (!deckOf.has(String(nid))) deckOf.set(String(nid), String(did));

	if (pkg.media.length > 0) {
		const images = pkg.media.filter((m) => IMAGE.test(m)).length;
		const sounds = pkg.media.filter((m) => SOUND.test(m)).length;
		const other = pkg.media.length - images - sounds;
		const parts = [
			images ? plural(images, 'image') : '',
			sounds ? plural(sounds, 'sound') : '',
			other ? plural(other, 'other file') : ''
		].filter(Boolean);
		c.warn(
			1,
			`the package holds ${plural(pkg.media.length, 'media file')} (${parts.join(', ')}); Quire keeps no pictures or sounds yet, so none is imported: each note that uses one says so`
		);
	}
	if (tables.has('revlog')) {
		const reviews = Number(rows(db, 'SELECT count(*) FROM revlog')[0]?.[0] ?? 0);
		if (reviews > 0)
			c.warn(
				1,
				`the review history (${plural(reviews, 'review')}) is not imported: the cards start new in Quire`
			);
	}

	const skipped = new Map<string, { type: NoteType; count: number; line: number }>();
	const mapped = new Set<string>();
	const notes = db.prepare('SELECT id, guid, mid, tags, flds FROM notes ORDER BY id');
	try {
		let line = 0;
		while (notes.step()) {
			line++;
			const [nid, guidRaw, mid, tagsRaw, flds] = notes.get();
			const type = types.get(String(mid));
			if (!type || type.kind === 'unknown') {
				const key = String(mid);
				const s = skipped.get(key);
				if (s) s.count++;
				else
					skipped.set(key, {
						type: type ?? { name: `#${key}`, kind: 'unknown', fields: [], templates: 0 },
						count: 1,
						line
					});
				continue;
			}
			if (type.mapped && !mapped.has(type.name)) {
				mapped.add(type.name);
				c.warn(line, type.mapped);
			}
			const fields = String(flds ?? '').split('\x1f');
			const guid = String(guidRaw ?? '').trim();
			const deck = decks.get(deckOf.get(String(nid)) ?? '') ?? '';
			const tags = String(tagsRaw ?? '')
				.split(/\s+/)
				.filter(Boolean)
				.map((t) => slugify(t.replace(/::/g, '-'), 'tag'));
			const used = mediaOf(fields);
			const losses = { images: 0, alts: 0, links: 0, media: [] as string[] };
			const toText = (field: string) => {
				const r = htmlToText(field.replace(/\[sound:[^\]]*\]/g, ''));
				losses.images += r.images;
				losses.alts += r.alts;
				losses.links += r.links;
				losses.media.push(...r.media);
				return r.text;
			};
			const common = {
				...(ID.test(guid) ? { id: guid } : guid ? { name: guid } : {}),
				...(deck ? { topic: c.topicFrom(deck.replace(/::/g, '/'), line) } : {}),
				tags: [...new Set(tags)]
			};
			const report = () => {
				const names = [
					...used.images.map((n) => `${n} (image)`),
					...used.sounds.map((n) => `${n} (sound)`)
				];
				if (names.length > 0)
					c.warn(
						line,
						`${plural(used.images.length + used.sounds.length, 'media file')} not kept: ${names.join(', ')}; Quire keeps no pictures or sounds yet`
					);
				const html = htmlLosses({ ...losses, images: 0, alts: losses.alts });
				if (html) c.warn(line, html);
			};
			if (type.kind === 'cloze') {
				const text = readCloze(toText(fields[0] ?? ''), line, c);
				const extra = toText(fields[1] ?? '');
				report();
				if (text === null) continue;
				dropFields(type.fields.slice(2), fields.slice(2), line, c);
				c.add(
					{
						type: 'cloze',
						prompt: defaultClozePrompt(text),
						text,
						...(extra ? { explanation: extra } : {}),
						...common
					},
					line
				);
				continue;
			}
			const front = toText(fields[0] ?? '');
			const back = toText(fields[1] ?? '');
			report();
			if (front === '' || back === '') {
				c.error(
					line,
					`${front === '' ? 'the front' : 'the back'} is empty${front === '' && used.images.length + used.sounds.length > 0 ? ' (it held only media)' : ''}; note skipped`
				);
				continue;
			}
			let reverse = type.kind === 'reversed';
			let rest = 2;
			if (type.kind === 'optional') {
				reverse = (fields[2] ?? '').trim() !== '';
				rest = 3;
			}
			dropFields(type.fields.slice(rest), fields.slice(rest), line, c);
			c.add({ type: 'flashcard', front, back, reverse, ...common }, line);
		}
	} finally {
		notes.free();
	}
	for (const { type, count, line } of skipped.values()) {
		const fields = type.fields.length > 0 ? ` (fields: ${type.fields.join(', ')})` : '';
		c.warn(
			line,
			`${plural(count, 'note')} of the note type "${type.name}"${fields} skipped: Quire reads Basic, Basic (and reversed card), Basic (optional reversed card) and Cloze notes`
		);
	}
}

function dropFields(names: string[], values: string[], line: number, c: Collector): void {
	const kept = values
		.map((v, i) => ({ name: names[i] ?? `field ${i + 3}`, text: htmlToText(v).text }))
		.filter((f) => f.text !== '');
	if (kept.length > 0)
		c.warn(
			line,
			`${plural(kept.length, 'further field')} not kept: ${kept.map((f) => `${f.name} "${f.text.length > 40 ? `${f.text.slice(0, 39)}…` : f.text}"`).join(', ')}`
		);
}
