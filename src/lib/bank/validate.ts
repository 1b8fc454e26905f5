import { gradingProblems } from './grading.ts';
import * as v from 'valibot';
import {
	isAlias,
	isMap,
	isScalar,
	isSeq,
	LineCounter,
	parseDocument,
	visit,
	type Document
} from 'yaml';
import { parseCloze } from './cloze.ts';
import { findQuote, foldText, sentencesOfQuote } from './highlight.ts';
import { numberParagraphs } from './paragraphs.ts';
import { attributionCue, citations } from './voice.ts';
import {
	Article,
	Flashcard,
	FlashcardFile,
	Item,
	ItemFile,
	type ArticleT,
	type Bank,
	type FlashcardT,
	type QuizItem
} from './schema.ts';

/** One problem in the bank, pinned to a file and a 1-based line. */
export interface BankError {
	file: string;
	line: number;
	message: string;
}

/** A raw YAML file: its name as reported in errors, and its text. */
export interface BankSource {
	file: string;
	text: string;
}

/** A raw quiz-items or flashcards file. */
export interface BankFile extends BankSource {
	kind: 'items' | 'flashcards';
}

/** The compiled bank (null when anything failed) and every error found. */
export interface BankResult {
	bank: Bank | null;
	errors: BankError[];
	/** Where each entry starts (the line of its id), by id: later checks report file and line. */
	places?: Record<string, { file: string; line: number }>;
}

type Key = string | number;

interface Parsed {
	file: string;
	doc: Document.Parsed;
	lines: LineCounter;
	data: unknown;
}

interface Place {
	file: string;
	line: number;
}

/** Parses and checks the article and every items/flashcards file; the bank is null on any error. */
export function validateBank(article: BankSource, files: readonly BankFile[]): BankResult {
	const errors: BankError[] = [];
	const report = (file: string, line: number, message: string) =>
		errors.push({ file, line, message });

	const art = parseYaml(article, errors);
	const checked = art ? v.safeParse(Article, art.data) : null;
	if (art && checked && !checked.success) reportIssues(art, [], checked.issues, 'article', report);
	const index = art ? indexArticle(art, report) : null;

	const byName = (a: BankFile, b: BankFile) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
	const ids = new Map<string, Place>();
	const cited = new Set<string>();
	const items: QuizItem[] = [];
	const flashcards: FlashcardT[] = [];
	const places = new Map<Entry, Place>();

	// Items before flashcards, each by file name, so "first at" and the bank order are stable.
	for (const kind of ['items', 'flashcards'] as const) {
		for (const src of files.filter((f) => f.kind === kind).sort(byName)) {
			const parsed = parseYaml(src, errors);
			if (!parsed) continue;
			const top = v.safeParse(kind === 'items' ? ItemFile : FlashcardFile, parsed.data);
			if (!top.success) {
				for (const issue of top.issues) {
					const path = issuePath(issue);
					const message =
						path.length === 0 || path[0] === kind
							? `expected a top-level "${kind}:" list`
							: `${formatPath(path)}: unknown top-level key (only "${kind}:" is allowed)`;
					report(src.file, lineAt(parsed, path), message);
				}
			}
			const list = isRecord(parsed.data) ? parsed.data[kind] : undefined;
			if (!Array.isArray(list)) continue;

			list.forEach((raw: unknown, i) => {
				const base: Key[] = [kind, i];
				const at = (...path: Key[]) => lineAt(parsed, [...base, ...path]);
				const say = (path: Key[], message: string) => report(src.file, at(...path), message);
				const rec = isRecord(raw) ? raw : {};

				if (typeof rec.id === 'string') {
					const first = ids.get(rec.id);
					const here = { file: src.file, line: at('id') };
					if (first) say(['id'], `duplicate id "${rec.id}" (first at ${first.file}:${first.line})`);
					else ids.set(rec.id, here);
				}
				if (kind === 'items' && typeof rec.paragraph === 'string') cited.add(rec.paragraph);
				if (kind === 'items' && Array.isArray(rec.sources)) {
					for (const c of rec.sources) {
						if (isRecord(c) && typeof c.paragraph === 'string') cited.add(c.paragraph);
					}
				}
				if (index) checkReferences(rec, index, article.file, say);

				const result = v.safeParse(kind === 'items' ? Item : Flashcard, raw);
				if (!result.success) {
					const what = kind === 'items' ? 'item' : 'flashcard';
					reportIssues(parsed, base, result.issues, what, report);
					return;
				}
				const place = { file: src.file, line: at('id') };
				if (kind === 'items') {
					const item = result.output as QuizItem;
					checkItem(item, say);
					if (index) checkOrderSources(item, index, say);
					checkVoice(item, say);
					items.push(item);
					places.set(item, place);
				} else {
					const card = result.output as FlashcardT;
					checkVoice(card, say);
					flashcards.push(card);
					places.set(card, place);
				}
			});
		}
	}

	const sayAt = (entry: Entry, message: string) => {
		const place = places.get(entry);
		if (place) report(place.file, place.line, message);
	};
	checkNearDuplicates(items, places, sayAt);
	checkNearDuplicates(flashcards, places, sayAt);

	if (art && index) {
		for (const p of index.paragraphs.values()) {
			if (!cited.has(p.id))
				report(art.file, p.line, `paragraph "${p.id}" has no quiz item citing it`);
		}
	}

	errors.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
	if (errors.length > 0 || !checked?.success) return { bank: null, errors };
	const where: Record<string, Place> = {};
	for (const [entry, place] of places) where[entry.id] = place;
	return { bank: compile(checked.output, items, flashcards), errors, places: where };
}

/** A short content hash: FNV-1a 64 over the UTF-8 bytes, first 12 hex digits. */
export function hashText(text: string): string {
	// 16-bit limbs keep every product below 2^31, so plain numbers suffice without BigInt or crypto.
	let h0 = 0x2325;
	let h1 = 0x8422;
	let h2 = 0x9ce4;
	let h3 = 0xcbf2;
	for (const byte of new TextEncoder().encode(text)) {
		h0 ^= byte;
		const t0 = h0 * 0x1b3;
		let t1 = h1 * 0x1b3;
		let t2 = h2 * 0x1b3 + (h0 << 8);
		const t3 = h3 * 0x1b3 + (h1 << 8);
		t1 += t0 >>> 16;
		t2 += t1 >>> 16;
		h0 = t0 & 0xffff;
		h1 = t1 & 0xffff;
		h2 = t2 & 0xffff;
		h3 = (t3 + (t2 >>> 16)) & 0xffff;
	}
	const hex = (n: number) => n.toString(16).padStart(4, '0');
	return (hex(h3) + hex(h2) + hex(h1) + hex(h0)).slice(0, 12);
}

/** One problem with one field of a single entry: its path inside the entry, and what is wrong. */
export interface EntryProblem {
	path: Key[];
	message: string;
	/**
	 * Editorial advice (a prompt that gives the answer away, a pair whose right side echoes its
	 * left): the entry works as written. An import shows it as a warning instead of refusing.
	 */
	editorial?: true;
}

/** Says a problem at a path; `editorial` marks advice about the wording, not a broken entry. */
type Say = (path: Key[], message: string, editorial?: boolean) => void;

type Uncited<T> = T extends unknown
	? Omit<T, 'source' | 'paragraph' | 'explanation'> & {
			source?: string;
			paragraph?: string;
			explanation?: string;
		}
	: never;

/** An entry as checkEntry takes it: a bank entry whose quote and explanation may be absent. */
export type CheckableEntry = Uncited<QuizItem> | Uncited<FlashcardT>;

/**
 * The build's own checks for one entry made outside questions/ (the set editor, a link): the
 * item rules and, when the entry cites a paragraph, the topic and the verbatim quote, exactly as
 * validateBank checks them. `article` is null for an entry that cites nothing.
 */
export function checkEntry(
	entry: CheckableEntry,
	article: {
		topics: Iterable<string>;
		paragraphs: Iterable<{ id: string; text: string }>;
	} | null
): EntryProblem[] {
	const problems: EntryProblem[] = [];
	const say: Say = (path, message, editorial) =>
		problems.push(editorial ? { path, message, editorial: true } : { path, message });
	if (article) {
		const index: ArticleIndex = { topics: new Set(article.topics), paragraphs: new Map() };
		let order = 0;
		for (const p of article.paragraphs)
			index.paragraphs.set(p.id, { ...p, line: 0, order: order++ });
		checkReferences(entry, index, 'the article', say);
	}
	// The item rules read only the prompt and the fields of the item's own type.
	if ('type' in entry) checkItem(entry as QuizItem, say);
	return problems;
}

function compile(article: ArticleT, items: QuizItem[], flashcards: FlashcardT[]): Bank {
	const content = {
		meta: article.meta,
		topics: article.topics,
		paragraphs: numberParagraphs(article.paragraphs),
		items,
		flashcards
	};
	return { version: hashText(JSON.stringify(content)), ...content };
}

// ---------------------------------------------------------------- YAML and positions

function parseYaml(src: BankSource, errors: BankError[]): Parsed | null {
	const lines = new LineCounter();
	const doc = parseDocument(src.text, { lineCounter: lines, prettyErrors: false });
	const lineOf = (offset: number | undefined) => lines.linePos(offset ?? 0).line;
	for (const e of [...doc.errors, ...doc.warnings]) {
		errors.push({ file: src.file, line: lineOf(e.pos[0]), message: `YAML: ${e.message}` });
	}
	let ok = doc.errors.length === 0 && doc.warnings.length === 0;
	// The parser accepts an alias to a missing anchor; toJS() would throw without a position.
	visit(doc, {
		Alias(_, node) {
			if (node.resolve(doc)) return;
			errors.push({
				file: src.file,
				line: lineOf(node.range?.[0]),
				message: `YAML: unknown alias *${node.source}`
			});
			ok = false;
		}
	});
	if (!ok) return null;
	try {
		return { file: src.file, doc, lines, data: doc.toJS({ maxAliasCount: 100 }) };
	} catch (e) {
		errors.push({ file: src.file, line: 1, message: `YAML: ${(e as Error).message}` });
		return null;
	}
}

/** Line of the value at path, or of its deepest existing ancestor; a map field reports its key. */
function lineAt(p: Parsed, path: readonly Key[]): number {
	const lineOf = (node: unknown) => {
		const range = (node as { range?: [number, number, number] } | null)?.range;
		return range ? p.lines.linePos(range[0]).line : null;
	};
	let node: unknown = p.doc.contents;
	let line = lineOf(node) ?? 1;
	for (const key of path) {
		if (isAlias(node)) node = node.resolve(p.doc);
		if (isMap(node)) {
			const pair = node.items.find(
				(it) => isScalar(it.key) && String(it.key.value) === String(key)
			);
			if (!pair) break;
			line = lineOf(pair.key) ?? line;
			node = pair.value;
		} else if (isSeq(node) && typeof key === 'number') {
			node = node.items[key];
			if (node === undefined) break;
			line = lineOf(node) ?? line;
		} else break;
	}
	return line;
}

function issuePath(issue: v.BaseIssue<unknown>): Key[] {
	return (issue.path ?? []).map((p) => p.key as Key);
}

/** Renders a path relative to an entry: `choices[2]`, `pairs[0].right`. */
function formatPath(path: readonly Key[]): string {
	return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}

function reportIssues(
	p: Parsed,
	base: Key[],
	issues: readonly v.BaseIssue<unknown>[],
	what: string,
	report: (file: string, line: number, message: string) => void
) {
	for (const issue of issues) {
		const path = issuePath(issue);
		report(
			p.file,
			lineAt(p, [...base, ...path]),
			`${formatPath(path) || what}: ${describe(issue)}`
		);
	}
}

/** Turns valibot's generic messages into short ones; the schema's own messages pass through. */
function describe(issue: v.BaseIssue<unknown>): string {
	const expected = (issue.expected ?? '').replace(/^Object$/, 'a mapping');
	if (issue.type === 'strict_object' && issue.expected === 'never') return 'unknown field';
	if (!issue.message.startsWith('Invalid ')) return issue.message;
	if ((issue.type === 'variant' || issue.type === 'picklist') && expected.includes(' | ')) {
		const options = expected.replace(/[()"]/g, '').split(' | ').join(', ');
		return issue.input === undefined
			? `is required (one of ${options})`
			: `must be one of ${options}`;
	}
	if (issue.kind === 'schema' && issue.input === undefined) return 'is required';
	const m = /^Invalid (\w+): Expected .* but received (.*)$/s.exec(issue.message);
	if (!m) return issue.message;
	const what = m[1] === 'type' ? '' : `${m[1]} `;
	return `expected ${what}${expected}, received ${m[2]}`;
}

function isRecord(x: unknown): x is Record<string, unknown> {
	return typeof x === 'object' && x !== null && !Array.isArray(x);
}

// ---------------------------------------------------------------- article

interface ArticleIndex {
	topics: Set<string>;
	/** In article order. */
	paragraphs: Map<string, { id: string; text: string; line: number; order: number }>;
}

/** Reads topic and paragraph ids leniently, so items are still checked when the article has errors. */
function indexArticle(
	art: Parsed,
	report: (file: string, line: number, message: string) => void
): ArticleIndex {
	const data = isRecord(art.data) ? art.data : {};
	const topics = new Set<string>();
	const paragraphs: ArticleIndex['paragraphs'] = new Map();
	const firstLine = new Map<string, number>();
	for (const list of ['topics', 'paragraphs'] as const) {
		const raw = data[list];
		if (!Array.isArray(raw)) continue;
		raw.forEach((entry: unknown, i) => {
			if (!isRecord(entry) || typeof entry.id !== 'string') return;
			const line = lineAt(art, [list, i, 'id']);
			const seen = firstLine.get(`${list}:${entry.id}`);
			if (seen !== undefined) {
				const what = list === 'topics' ? 'topic' : 'paragraph';
				report(art.file, line, `duplicate ${what} id "${entry.id}" (first at line ${seen})`);
				return;
			}
			firstLine.set(`${list}:${entry.id}`, line);
			if (list === 'topics') topics.add(entry.id);
			else if (typeof entry.text === 'string') {
				paragraphs.set(entry.id, {
					id: entry.id,
					text: entry.text,
					line: lineAt(art, [list, i]),
					order: paragraphs.size
				});
			}
		});
	}
	return { topics, paragraphs };
}

function checkReferences(
	rec: Record<string, unknown>,
	index: ArticleIndex,
	articleFile: string,
	say: (path: Key[], message: string) => void
) {
	if (typeof rec.topic === 'string' && !index.topics.has(rec.topic)) {
		const known = [...index.topics].join(', ');
		say(['topic'], `topic "${rec.topic}" is not defined in ${articleFile} (known: ${known})`);
	}
	const primary = { paragraph: ['paragraph'], quote: ['source'], prefix: '' };
	checkQuote(rec.paragraph, rec.source, primary, index, articleFile, say);
	if (!Array.isArray(rec.sources)) return;
	rec.sources.forEach((c: unknown, i) => {
		if (!isRecord(c)) return;
		const path = {
			paragraph: ['sources', i, 'paragraph'],
			quote: ['sources', i, 'quote'],
			prefix: `sources[${i}]: `
		};
		checkQuote(c.paragraph, c.quote, path, index, articleFile, say);
	});
}

/** A quote must be verbatim in its paragraph and lie within one sentence of it. */
function checkQuote(
	paragraphId: unknown,
	quote: unknown,
	path: { paragraph: Key[]; quote: Key[]; prefix: string },
	index: ArticleIndex,
	articleFile: string,
	say: (path: Key[], message: string) => void
) {
	if (typeof paragraphId !== 'string') return;
	const paragraph = index.paragraphs.get(paragraphId);
	if (!paragraph) {
		say(
			path.paragraph,
			`${path.prefix}paragraph "${paragraphId}" does not exist in ${articleFile}`
		);
		return;
	}
	if (typeof quote !== 'string' || quote.trim() === '') return;
	const what = path.prefix === '' ? 'source' : 'quote';
	// The same match Show in article makes: what passes here is found there.
	if (findQuote(paragraph.text, quote) === null) {
		say(
			path.quote,
			`${path.prefix}${what} not found verbatim in ${paragraph.id}: "${quote.trim()}"`
		);
		return;
	}
	const spans = sentencesOfQuote(paragraph.text, quote).length;
	if (spans > 1) {
		say(
			path.quote,
			`${path.prefix}${what} spans ${spans} sentences of ${paragraph.id}: quote one sentence and cite any other under "sources"`
		);
	}
}

// ---------------------------------------------------------------- item rules

/** The comparison key for "same entry": trimmed, case-insensitive. */
function entryKey(s: string): string {
	return foldText(s).toLowerCase();
}

const WORD = /[\p{L}\p{N}]/u;
const DIGIT = /\d/;

/** Whether needle occurs in hay as a whole word or number; "500" is not inside "5,500". */
export function containsWhole(hay: string, needle: string): boolean {
	const h = entryKey(hay);
	const n = entryKey(needle);
	if (n === '') return false;
	const head = n[0] ?? '';
	const tail = n[n.length - 1] ?? '';
	for (let i = h.indexOf(n); i >= 0; i = h.indexOf(n, i + 1)) {
		const j = i + n.length;
		const before = h[i - 1] ?? '';
		const after = h[j] ?? '';
		if (WORD.test(head) && WORD.test(before)) continue;
		if (WORD.test(tail) && WORD.test(after)) continue;
		// Digit grouping and decimals join numbers: 5,500 and 2.5 are single numbers.
		if (DIGIT.test(head) && /[.,]/.test(before) && DIGIT.test(h[i - 2] ?? '')) continue;
		if (DIGIT.test(tail) && /[.,]/.test(after) && DIGIT.test(h[j + 1] ?? '')) continue;
		return true;
	}
	return false;
}

/** Whether the number appears in the text as a whole number, grouped (5,500) or not (5500). */
function containsNumber(text: string, value: number): boolean {
	const [int = '', frac] = String(Math.abs(value)).split('.');
	const lead = int.length % 3 || 3;
	const groups = [int.slice(0, lead)];
	for (let i = lead; i < int.length; i += 3) groups.push(int.slice(i, i + 3));
	const pattern = groups.join("[,.\\s'’]?") + (frac ? `[.,]${frac}` : '');
	return new RegExp(`(?<!\\d|\\d[.,])${pattern}(?!\\d|[.,]\\d)`).test(text);
}

/** Reads an answer that is just a number ("1987", "5,500", "2.5"); null otherwise. */
function asNumber(s: string): number | null {
	const t = s.trim();
	if (!/^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/.test(t)) return null;
	return Number(t.replace(/,/g, ''));
}

/**
 * Whether the prompt gives the answer away; numbers always count, text from minLength chars:
 * the answer as a whole (a leading article aside), or every content word of a longer answer.
 */
function leaks(prompt: string, answer: string, minLength: number): boolean {
	const n = asNumber(answer);
	if (n !== null) return containsNumber(prompt, n);
	const bare = answer.trim().replace(/^(?:the|an?)\s+/i, '');
	if (bare.length < minLength) return false;
	if (containsWhole(prompt, bare)) return true;
	const words = contentWords(bare);
	const inPrompt = new Set(contentWords(prompt));
	return words.length >= 2 && words.every((w) => inPrompt.has(w));
}

function checkDuplicates(
	entries: readonly string[],
	field: (i: number) => Key[],
	say: (path: Key[], message: string) => void
) {
	const first = new Map<string, number>();
	entries.forEach((entry, i) => {
		const key = entryKey(entry);
		const seen = first.get(key);
		if (seen === undefined) first.set(key, i);
		else
			say(
				field(i),
				`${formatPath(field(i))}: duplicate of ${formatPath(field(seen))} ("${entries[seen]}")`
			);
	});
}

function checkChoice(
	answer: string,
	choices: readonly string[],
	path: Key[],
	say: (path: Key[], message: string) => void
) {
	if (choices.includes(answer)) return;
	const near = choices.find((c) => entryKey(c) === entryKey(answer));
	const hint = near === undefined ? '' : ` (did you mean "${near}"?)`;
	say(path, `answer "${answer}" is not one of the choices${hint}`);
}

function checkItem(item: QuizItem, say: Say) {
	// How an order or match question is worded is advice: the question works as written.
	const advise = (path: Key[], message: string) => say(path, message, true);
	if (item.type === 'order') checkOrderPrompt(item, advise);
	if (item.type === 'match') checkMatchClues(item, advise);
	const leak = (answer: string, minLength: number, what = 'the answer') => {
		if (leaks(item.prompt, answer, minLength))
			say(['prompt'], `prompt gives away ${what} "${answer}"`, true);
	};
	for (const p of gradingProblems(item)) say(p.path, p.message);
	switch (item.type) {
		case 'single':
			checkChoice(item.answer, item.choices, ['answer'], say);
			checkDuplicates(item.choices, (i) => ['choices', i], say);
			leak(item.answer, 3);
			break;
		case 'multi':
			item.answers.forEach((a, i) => checkChoice(a, item.choices, ['answers', i], say));
			checkDuplicates(item.choices, (i) => ['choices', i], say);
			checkDuplicates(item.answers, (i) => ['answers', i], say);
			if (item.choices.every((c) => item.answers.includes(c))) {
				say(['answers'], 'every choice is an answer; at least one choice must be wrong');
			}
			for (const a of item.answers) leak(a, 4);
			break;
		case 'short':
			leak(item.answer, 3);
			for (const a of item.accept) leak(a, 3, 'the accepted answer');
			break;
		case 'numeric':
			if (containsNumber(item.prompt, item.answer)) {
				say(['prompt'], `prompt gives away the answer ${item.answer}`, true);
			}
			break;
		case 'order':
			checkDuplicates(item.items, (i) => ['items', i], say);
			break;
		case 'match':
			checkDuplicates(
				item.pairs.map((p) => p.left),
				(i) => ['pairs', i, 'left'],
				say
			);
			checkDuplicates(
				item.pairs.map((p) => p.right),
				(i) => ['pairs', i, 'right'],
				say
			);
			break;
		case 'cloze':
			checkCloze(item, say);
			break;
	}
}

function checkCloze(item: Extract<QuizItem, { type: 'cloze' }>, say: Say) {
	const { parts } = parseCloze(item.text);
	// A NUL between runs stops a word from being joined across a removed blank.
	const outside = parts.map((p) => (p.kind === 'text' ? p.text : '\u0000')).join('');
	if (/[{}]/.test(outside)) {
		say(['text'], 'stray brace outside a blank: write blanks as {{answer|variant}}');
	}
	let n = 0;
	for (const part of parts) {
		if (part.kind !== 'blank') continue;
		n++;
		const raw = `{{${part.answers.join('|')}}}`;
		if (part.answers.some((a) => a === '')) say(['text'], `blank ${n} ${raw} has an empty answer`);
		for (const a of new Set(part.answers.filter((x) => x !== ''))) {
			const number = asNumber(a);
			const found = (text: string) =>
				number !== null ? containsNumber(text, number) : containsWhole(text, a);
			if (found(outside))
				say(['text'], `blank ${n} answer "${a}" also appears outside the blanks`, true);
			if (found(item.prompt)) say(['prompt'], `prompt gives away blank ${n} answer "${a}"`, true);
		}
	}
}

// ---------------------------------------------------------------- editorial rules

type Entry = QuizItem | FlashcardT;

export const STOPWORDS = new Set(
	(
		'a an the of in on at to for from by with and or but not no nor as is are was were be been ' +
		'being it its this that these those there their them they he his him she her we our you your ' +
		'what which who whom whose when where why how does did do done has have had will would can ' +
		'could should may might must shall than then so such into onto over under about after before ' +
		'during since until while each every any all both either neither one some more most much many ' +
		'very also only just even still own same other another according article author authors ' +
		'text say says said'
	).split(' ')
);

/** Lower-case content words, quotes folded, a plural or possessive -s dropped. */
export function contentWords(text: string): string[] {
	return (
		foldText(text)
			.toLowerCase()
			.match(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu) ?? []
	)
		.map((w) => w.replace(/'s$/, '').replace(/^(.{3,}[^s])s$/, '$1'))
		.filter((w) => w.length > 1 && !STOPWORDS.has(w));
}

/** Jaccard similarity of two sets of content words, 0..1. */
function similarity(x: ReadonlySet<string>, y: ReadonlySet<string>): number {
	if (x.size === 0 || y.size === 0) return 0;
	let both = 0;
	for (const w of x) if (y.has(w)) both++;
	return both / (x.size + y.size - both);
}

/** Whether two words are forms of one another: "region"/"regional", "balance"/"imbalance". */
function echoes(a: string, b: string): boolean {
	if (a.length < 4 || b.length < 4) return a === b;
	if (a.includes(b) || b.includes(a)) return true;
	let n = 0;
	while (n < a.length && a[n] === b[n]) n++;
	return n >= 5;
}

// ---- voice

/** Where a student reads an entry: the prompt (and a cloze's text) or a card's front. */
function studentText(entry: Entry): { path: Key[]; text: string } {
	if ('front' in entry) return { path: ['front'], text: entry.front };
	if (entry.type === 'cloze') return { path: ['prompt'], text: `${entry.prompt} ${entry.text}` };
	return { path: ['prompt'], text: entry.prompt };
}

/** A claim or a prediction is attributed where the student reads it, and in its explanation. */
function checkVoice(entry: Entry, say: (path: Key[], message: string) => void) {
	if (entry.voice === 'fact') return;
	const { path, text } = studentText(entry);
	const where = 'front' in entry ? 'front' : entry.type === 'cloze' ? 'prompt or text' : 'prompt';
	const how =
		entry.voice === 'claim'
			? '"According to the author, …", "The author argues …"'
			: '"The article predicts …", "According to the author, …"';
	if (!attributionCue(text)) {
		say(path, `a ${entry.voice} must be attributed in the ${where}: write ${how}`);
	}
	// Studied back → front, the back is what the student reads first.
	if ('front' in entry && entry.reverse && !attributionCue(entry.back)) {
		say(['back'], `a ${entry.voice} card studied in reverse must be attributed on its back too`);
	}
	if (!attributionCue(entry.explanation)) {
		say(
			['explanation'],
			`the explanation of a ${entry.voice} must not state it as fact: attribute it ("The author argues …", "In the author’s view …")`
		);
	}
}

// ---- order and match items

const TIME_ORDER = /\b(?:chronological|earliest|latest|oldest|in time|took place|happened)\b/i;
const TEXT_ORDER =
	/\b(?:appears?|in the text|order of the text|(?:article|author|paragraph)s?(?:’s|'s)? (?:gives?|presents?|makes?|lists?|raises?|mentions?|names?|takes?|introduces?|order)|(?:article|author) (?:gives|presents|makes|lists|raises|mentions|names|takes|introduces) them)\b/i;
const VAGUE_ORDER = /\b(?:logical|causal|cause|chain)\b/i;
// A sequence spelled out in the stem: "from bilateral to regional to global".
export const SPELLED_ORDER = /\bfrom\s+[\p{L}-]+\s+to\s+[\p{L}-]+\s+(?:to|and then|then)\b/iu;

function orderKind(prompt: string): 'time' | 'text' | null {
	const time = TIME_ORDER.test(prompt);
	const text = TEXT_ORDER.test(prompt);
	return time === text ? null : time ? 'time' : 'text';
}

function checkOrderPrompt(
	item: Extract<QuizItem, { type: 'order' }>,
	say: (path: Key[], message: string) => void
) {
	if (VAGUE_ORDER.test(item.prompt)) {
		say(
			['prompt'],
			'a "logical" or "causal" order is open to argument: ask for the order of the text or the order in time'
		);
	} else if (!orderKind(item.prompt)) {
		say(
			['prompt'],
			'say which order: the order of the text ("in the order the article gives them") or the order in time ("in chronological order")'
		);
	}
	if (SPELLED_ORDER.test(item.prompt)) {
		say(['prompt'], 'prompt spells out the order ("from … to … to …")');
		return;
	}
	// Words that belong to one step only; the stem naming two or more of them in order lists the answer.
	const perStep = item.items.map((step) => new Set(contentWords(step)));
	const own = perStep.map((words, i) =>
		[...words].filter((w) => perStep.every((other, j) => j === i || !other.has(w)))
	);
	const prompt = contentWords(item.prompt);
	const firstAt = own.map((words) => {
		const at = prompt.findIndex((w) => words.includes(w));
		return at;
	});
	const named = firstAt.filter((at) => at >= 0);
	if (named.length >= 2 && named.every((at, i) => i === 0 || at > (named[i - 1] ?? -1))) {
		say(
			['prompt'],
			`prompt names ${named.length} of the steps in their order, which gives the answer away`
		);
	}
}

function checkMatchClues(
	item: Extract<QuizItem, { type: 'match' }>,
	say: (path: Key[], message: string) => void
) {
	const rights = item.pairs.map((p) => contentWords(p.right));
	item.pairs.forEach((pair, i) => {
		for (const w of contentWords(pair.left)) {
			const hit = (rights[i] ?? []).find((r) => echoes(w, r));
			const elsewhere = rights.some((words, j) => j !== i && words.some((r) => echoes(w, r)));
			if (hit && !elsewhere) {
				say(
					['pairs', i, 'right'],
					`pairs[${i}]: the right side echoes "${w}" from its left side ("${hit}"), which gives the pair away`
				);
				return;
			}
		}
	});
}

const TIME_WORDS =
	/\b(?:1\d{3}|20\d\d|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Cold War|since then|at that time|this time|now|previous|after more than \d+ years)\b/i;

/** An order item rests on one quote per step; a text order follows the text, a time order dates. */
function checkOrderSources(
	item: QuizItem,
	index: ArticleIndex,
	say: (path: Key[], message: string) => void
) {
	if (item.type !== 'order') return;
	const cites = citations(item);
	const n = item.items.length;
	if (cites.length !== n) {
		say(
			['sources'],
			`${n} steps need ${n} quotes, one per step in the correct order ("source" backs the first, "sources" the rest); found ${cites.length}`
		);
		return;
	}
	const pathOf = (i: number): Key[] => (i === 0 ? ['source'] : ['sources', i - 1, 'quote']);
	const located = cites.map((c) => {
		const p = index.paragraphs.get(c.paragraph);
		const at = p ? findQuote(p.text, c.quote) : null;
		return p && at ? { order: p.order, start: at.start, end: at.end, paragraph: p.id } : null;
	});
	for (let i = 0; i < n; i++) {
		for (let j = 0; j < i; j++) {
			const a = located[i];
			const b = located[j];
			if (a && b && a.paragraph === b.paragraph && a.start < b.end && b.start < a.end) {
				say(
					pathOf(i),
					`step ${i + 1} shares its quote with step ${j + 1}: each step needs its own quote`
				);
			}
		}
	}
	const kind = orderKind(item.prompt);
	if (kind === 'text') {
		for (let i = 1; i < n; i++) {
			const a = located[i - 1];
			const b = located[i];
			if (a && b && (b.order < a.order || (b.order === a.order && b.start < a.start))) {
				say(
					pathOf(i),
					`step ${i + 1}'s quote comes before step ${i}'s in the article, but the prompt asks for the order of the text`
				);
			}
		}
	} else if (kind === 'time') {
		cites.forEach((c, i) => {
			if (!TIME_WORDS.test(c.quote)) {
				say(
					pathOf(i),
					`step ${i + 1}'s quote gives no date or time: a chronological order must rest on times the article states`
				);
			}
		});
	}
}

// ---- near-duplicates

/** The answers an entry keys, normalised; a true/false statement keys nothing. */
export function keysOf(entry: Entry): string[] {
	const norm = (s: string) =>
		foldText(s)
			.toLowerCase()
			.replace(/[^\p{L}\p{N}]+/gu, ' ')
			.trim()
			.replace(/^(?:the|an?) /, '');
	let raw: string[];
	if ('front' in entry) raw = [entry.back];
	else {
		switch (entry.type) {
			case 'single':
				raw = [entry.answer];
				break;
			case 'short':
				raw = [entry.answer, ...entry.accept];
				break;
			case 'numeric':
				raw = [String(entry.answer)];
				break;
			case 'multi':
				raw = [[...entry.answers].map(norm).sort().join(' | ')];
				break;
			case 'cloze':
				raw = parseCloze(entry.text).parts.flatMap((p) => (p.kind === 'blank' ? p.answers : []));
				break;
			case 'order':
				raw = [entry.items.join(' | ')];
				break;
			case 'match':
				raw = [entry.pairs.map((p) => `${p.left} ${p.right}`).join(' | ')];
				break;
			case 'truefalse':
				raw = [];
		}
	}
	return [...new Set(raw.map(norm).filter((k) => k !== ''))];
}

/** What the student reads as the question: a prompt, a cloze's text around its blanks, a front. */
export function stemOf(entry: Entry): string {
	if ('front' in entry) return entry.front;
	if (entry.type === 'cloze') {
		const around = parseCloze(entry.text).parts.map((p) => (p.kind === 'text' ? p.text : ' '));
		return around.join('');
	}
	return entry.prompt;
}

const SIMILAR_STEMS = 0.5;

/**
 * Two entries ask the same thing when they key the same answer with similar stems, or test an
 * overlapping quote the same way: a shared key, or two true/false statements alike.
 */
function checkNearDuplicates(
	entries: readonly Entry[],
	places: ReadonlyMap<Entry, Place>,
	sayAt: (entry: Entry, message: string) => void
) {
	const prepared = entries.map((e) => ({
		entry: e,
		keys: new Set(keysOf(e)),
		stem: new Set(contentWords(stemOf(e))),
		cites: citations(e).map((c) => ({ paragraph: c.paragraph, quote: entryKey(c.quote) }))
	}));
	for (let i = 0; i < prepared.length; i++) {
		const a = prepared[i]!;
		for (let j = 0; j < i; j++) {
			const b = prepared[j]!;
			// A repeated id is reported as such; comparing the two entries would only repeat it.
			if (a.entry.id === b.entry.id) continue;
			const shared = [...a.keys].find((k) => b.keys.has(k));
			const alike = similarity(a.stem, b.stem);
			const overlap = a.cites.some((x) =>
				b.cites.some(
					(y) =>
						x.paragraph === y.paragraph && (x.quote.includes(y.quote) || y.quote.includes(x.quote))
				)
			);
			const tf =
				!('front' in a.entry) &&
				!('front' in b.entry) &&
				a.entry.type === 'truefalse' &&
				b.entry.type === 'truefalse';
			const first = places.get(b.entry);
			const at = first ? ` (${first.file}:${first.line})` : '';
			if (shared !== undefined && alike >= SIMILAR_STEMS) {
				sayAt(
					a.entry,
					`near-duplicate of "${b.entry.id}"${at}: the same answer "${shared}" to a similar question`
				);
			} else if (overlap && shared !== undefined) {
				sayAt(
					a.entry,
					`near-duplicate of "${b.entry.id}"${at}: tests the same quote for the same answer "${shared}"`
				);
			} else if (overlap && tf && alike >= SIMILAR_STEMS) {
				sayAt(
					a.entry,
					`near-duplicate of "${b.entry.id}"${at}: two true/false statements about the same quote`
				);
			}
		}
	}
}
