/**
 * Quire's own set file, `.quire.json`: a versioned JSON document holding a set's items and
 * flashcards exactly as Quire keeps them, validated against `QuireSetFile` on import.
 */
import * as v from 'valibot';
import { Lang } from '../lang.ts';
import { Article, Id, type ArticleT } from '../schema.ts';
import { MAX_TITLE } from '../set.ts';
import { Collector } from './collect.ts';
import {
	IMPORT_DEFAULTS,
	ImportedFlashcardSchema,
	ImportedItemSchema,
	type Draft,
	type ExportSet
} from './item.ts';
import { jsonErrorOffset } from '../json-offset.ts';
import { LineIndex } from './text.ts';
import type { ExportResult, ParseOptions, ParseResult } from './types.ts';

export const QUIRE_SET_FORMAT = 'quire-set';
export const QUIRE_SET_VERSION = 1;

const Text = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'));
const Title = v.pipe(Text, v.maxLength(MAX_TITLE));
const Description = v.pipe(v.string(), v.maxLength(2000));
const TopicRow = v.strictObject({ id: Id, title: Title });

/** A Quire set file, version 1. */
export const QuireSetFile = v.strictObject({
	format: v.literal(QUIRE_SET_FORMAT),
	version: v.literal(QUIRE_SET_VERSION),
	title: Title,
	description: v.optional(Description),
	/** The set's language (BCP 47), for Listen. */
	lang: v.optional(Lang),
	/** When the file was written (ISO 8601). */
	exportedAt: v.optional(v.pipe(v.string(), v.isoTimestamp())),
	topics: v.optional(v.array(TopicRow), []),
	/** The article a set is built on, when its entries cite paragraphs. */
	article: v.optional(Article),
	items: v.array(ImportedItemSchema),
	flashcards: v.array(ImportedFlashcardSchema)
});
export type QuireSetFileT = v.InferOutput<typeof QuireSetFile>;

/** The envelope, checked first so each entry can be checked (and reported) on its own. */
const Envelope = v.strictObject({
	format: v.literal(QUIRE_SET_FORMAT),
	version: v.number(),
	title: Title,
	description: v.optional(Description),
	lang: v.optional(Lang),
	exportedAt: v.optional(v.pipe(v.string(), v.isoTimestamp())),
	topics: v.optional(v.array(TopicRow), []),
	article: v.optional(v.unknown()),
	items: v.array(v.unknown()),
	flashcards: v.array(v.unknown())
});

/** A parse result with the article a set file may carry. */
export interface SetParseResult extends ParseResult {
	article?: ArticleT;
	description?: string;
	/** The set's language (BCP 47), when the file says. */
	lang?: string;
}

/** Reads a `.quire.json` set file; every problem is named with its line. */
export function parseQuireSet(text: string, options: ParseOptions = {}): SetParseResult {
	let read: { article?: ArticleT; description?: string; lang?: string } = {};
	const result: SetParseResult = Collector.run('quire-set', text, options.limits, (c) => {
		read = readSet(text.replace(/^\uFEFF/, ''), c);
	});
	if (read.article) result.article = read.article;
	if (read.description) result.description = read.description;
	if (read.lang) result.lang = read.lang;
	return result;
}

function readSet(
	text: string,
	c: Collector
): { article?: ArticleT; description?: string; lang?: string } {
	const lines = new LineIndex(text);
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (e) {
		const at = jsonErrorOffset(text);
		const near = JSON.stringify(text.slice(at, at + 20));
		c.error(lines.line(at), `not valid JSON near ${near} (${(e as Error).message.split('\n')[0]})`);
		return {};
	}
	const where = locate(text);
	const lineOf = (key: string) => lines.line(where.keys.get(key) ?? 0);
	const record = typeof data === 'object' && data !== null && !Array.isArray(data) ? data : {};
	const format = (record as { format?: unknown }).format;
	const version = (record as { version?: unknown }).version;
	if (format !== QUIRE_SET_FORMAT) {
		c.error(lineOf('format'), `not a Quire set file: "format" must be "${QUIRE_SET_FORMAT}"`);
		return {};
	}
	if (typeof version === 'number' && version > QUIRE_SET_VERSION) {
		c.error(
			lineOf('version'),
			`this set file is version ${version}, made by a newer Quire; this one reads version ${QUIRE_SET_VERSION}`
		);
		return {};
	}
	if (version !== QUIRE_SET_VERSION) {
		c.error(lineOf('version'), `"version" must be ${QUIRE_SET_VERSION}`);
		return {};
	}
	const envelope = v.safeParse(Envelope, data);
	if (!envelope.success) {
		for (const issue of envelope.issues) {
			const first = issue.path?.[0]?.key;
			const key = typeof first === 'string' || typeof first === 'number' ? String(first) : '';
			const path = (issue.path ?? []).map((p) => String(p.key)).join('.');
			const message =
				issue.type === 'strict_object' && issue.expected === 'never'
					? 'unknown field'
					: issue.input === undefined
						? 'is required'
						: issue.message;
			c.error(lineOf(key), `${path || 'set'}: ${message}`);
		}
		return {};
	}
	const set = envelope.output;
	c.expect(set.items.length + set.flashcards.length);
	c.title = set.title;
	for (const t of set.topics) c.topic(t.id, t.title);
	const topicIds = new Set(set.topics.map((t) => t.id));
	let article: ArticleT | undefined;
	const description = {
		...(set.description ? { description: set.description } : {}),
		...(set.lang ? { lang: set.lang } : {})
	};
	if (set.article !== undefined) {
		const checked = v.safeParse(Article, set.article);
		if (checked.success) article = checked.output;
		else
			c.error(
				lineOf('article'),
				`article: ${checked.issues[0]?.message ?? 'invalid'}; the article was not imported`
			);
	}
	for (const [kind, list] of [
		['items', set.items],
		['flashcards', set.flashcards]
	] as const) {
		list.forEach((entry, i) => {
			const line = lines.line(where[kind][i] ?? 0);
			if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
				c.error(line, `${kind}[${i}]: expected an object; skipped`);
				return;
			}
			const fields = entry as Record<string, unknown>;
			if (kind === 'flashcards' && 'type' in fields) {
				c.error(line, `${kind}[${i}]: a flashcard has no "type"; skipped`);
				return;
			}
			const type = kind === 'flashcards' ? 'flashcard' : fields.type;
			if (typeof type !== 'string') {
				c.error(line, `${kind}[${i}]: "type" is required; skipped`);
				return;
			}
			const listed = typeof fields.topic !== 'string' || topicIds.has(fields.topic);
			if (c.add({ ...fields, type } as Draft, line) && !listed) {
				topicIds.add(fields.topic as string);
				c.warn(
					line,
					`${kind}[${i}]: topic "${String(fields.topic)}" is not in the file's topic list; added with its id as title`
				);
			}
		});
	}
	return article ? { article, ...description } : description;
}

/** Where the top-level keys and each entry of `items` and `flashcards` start in the JSON text. */
function locate(text: string): {
	keys: Map<string, number>;
	items: number[];
	flashcards: number[];
} {
	const out = {
		keys: new Map<string, number>(),
		items: [] as number[],
		flashcards: [] as number[]
	};
	let i = 0;
	const ws = () => {
		while (i < text.length && /\s/.test(text[i] ?? '')) i++;
	};
	const str = () => {
		const start = ++i;
		while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
		return text.slice(start, i++);
	};
	const skip = (): void => {
		ws();
		const ch = text[i];
		if (ch === '"') str();
		else if (ch === '{' || ch === '[') {
			const close = ch === '{' ? '}' : ']';
			i++;
			for (;;) {
				ws();
				if (text[i] === close || i >= text.length) {
					i++;
					return;
				}
				if (ch === '{') {
					str();
					ws();
					i++; // the colon
				}
				skip();
				ws();
				if (text[i] === ',') i++;
			}
		} else while (i < text.length && !/[\s,}\]]/.test(text[i] ?? '')) i++;
	};
	ws();
	if (text[i] !== '{') return out;
	i++;
	for (;;) {
		ws();
		if (text[i] !== '"') return out;
		const keyAt = i;
		const key = str();
		out.keys.set(key, keyAt);
		ws();
		i++; // the colon
		ws();
		if ((key === 'items' || key === 'flashcards') && text[i] === '[') {
			i++;
			for (;;) {
				ws();
				if (text[i] === ']' || i >= text.length) {
					i++;
					break;
				}
				out[key].push(i);
				skip();
				ws();
				if (text[i] === ',') i++;
			}
		} else skip();
		ws();
		if (text[i] !== ',') return out;
		i++;
	}
}

export interface QuireSetOptions {
	title: string;
	/** When the file is written, in ms since the epoch; recorded as exportedAt. */
	now: number;
	description?: string;
	lang?: string;
	article?: ArticleT;
}

/**
 * Writes a `.quire.json` set file, one entry a line (a problem reported "on line n" of this file
 * points at one entry); every entry carries a voice (the default when it had none). The one
 * writer of set files: the library's export and `bank:convert` both call it, and `parseQuireSet`
 * is the one reader.
 */
export function toQuireSet(set: ExportSet, options: QuireSetOptions): ExportResult {
	const withVoice = <T extends object>(e: T) => ({ voice: IMPORT_DEFAULTS.voice, ...e });
	const topics = [...(set.topics ?? [])];
	for (const e of [...set.items, ...set.flashcards]) {
		if (!topics.some((t) => t.id === e.topic)) topics.push({ id: e.topic, title: e.topic });
	}
	const file: QuireSetFileT = {
		format: QUIRE_SET_FORMAT,
		version: QUIRE_SET_VERSION,
		title: options.title,
		...(options.description ? { description: options.description } : {}),
		...(options.lang ? { lang: options.lang } : {}),
		exportedAt: new Date(options.now).toISOString(),
		topics,
		...(options.article ? { article: options.article } : {}),
		items: set.items.map(withVoice),
		flashcards: set.flashcards.map(withVoice)
	};
	const list = (entries: readonly object[]) =>
		entries.length ? `[\n\t\t${entries.map((e) => JSON.stringify(e)).join(',\n\t\t')}\n\t]` : '[]';
	const fields = Object.entries(file).map(([k, val]) =>
		k === 'items' || k === 'flashcards'
			? `\t${JSON.stringify(k)}: ${list(val as object[])}`
			: `\t${JSON.stringify(k)}: ${JSON.stringify(val)}`
	);
	return { text: `{\n${fields.join(',\n')}\n}\n`, warnings: [] };
}
