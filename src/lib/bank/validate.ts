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
				if (index) checkReferences(rec, index, article.file, say);

				const result = v.safeParse(kind === 'items' ? Item : Flashcard, raw);
				if (!result.success) {
					const what = kind === 'items' ? 'item' : 'flashcard';
					reportIssues(parsed, base, result.issues, what, report);
					return;
				}
				if (kind === 'items') {
					const item = result.output as QuizItem;
					checkItem(item, say);
					items.push(item);
				} else {
					flashcards.push(result.output as FlashcardT);
				}
			});
		}
	}

	if (art && index) {
		for (const p of index.paragraphs.values()) {
			if (!cited.has(p.id))
				report(art.file, p.line, `paragraph "${p.id}" has no quiz item citing it`);
		}
	}

	errors.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
	if (errors.length > 0 || !checked?.success) return { bank: null, errors };
	return { bank: compile(checked.output, items, flashcards), errors };
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
}

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
	const say = (path: Key[], message: string) => problems.push({ path, message });
	if (article) {
		const index: ArticleIndex = { topics: new Set(article.topics), paragraphs: new Map() };
		for (const p of article.paragraphs) index.paragraphs.set(p.id, { ...p, line: 0 });
		checkReferences(entry as Record<string, unknown>, index, 'the article', say);
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
	paragraphs: Map<string, { id: string; text: string; line: number }>;
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
				paragraphs.set(entry.id, { id: entry.id, text: entry.text, line: lineAt(art, [list, i]) });
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
	if (typeof rec.paragraph !== 'string') return;
	const paragraph = index.paragraphs.get(rec.paragraph);
	if (!paragraph) {
		say(['paragraph'], `paragraph "${rec.paragraph}" does not exist in ${articleFile}`);
	} else if (typeof rec.source === 'string' && rec.source.trim() !== '') {
		if (!foldQuotes(paragraph.text).includes(foldQuotes(rec.source))) {
			say(['source'], `source not found verbatim in ${paragraph.id}: "${rec.source.trim()}"`);
		}
	}
}

// ---------------------------------------------------------------- item rules

/** Collapses whitespace and straightens typographic quotes; case is kept. */
function foldQuotes(s: string): string {
	return s.replace(/[“”„]/g, '"').replace(/[‘’]/g, "'").replace(/\s+/g, ' ').trim();
}

/** The comparison key for "same entry": trimmed, case-insensitive. */
function entryKey(s: string): string {
	return foldQuotes(s).toLowerCase();
}

const WORD = /[\p{L}\p{N}]/u;
const DIGIT = /\d/;

/** Whether needle occurs in hay as a whole word or number; "500" is not inside "5,500". */
function containsWhole(hay: string, needle: string): boolean {
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

/** Whether the prompt gives the answer away; numbers always count, text from minLength chars. */
function leaks(prompt: string, answer: string, minLength: number): boolean {
	const n = asNumber(answer);
	if (n !== null) return containsNumber(prompt, n);
	return answer.trim().length >= minLength && containsWhole(prompt, answer);
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

function checkItem(item: QuizItem, say: (path: Key[], message: string) => void) {
	const leak = (answer: string, minLength: number, what = 'the answer') => {
		if (leaks(item.prompt, answer, minLength))
			say(['prompt'], `prompt gives away ${what} "${answer}"`);
	};
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
				say(['prompt'], `prompt gives away the answer ${item.answer}`);
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

function checkCloze(
	item: Extract<QuizItem, { type: 'cloze' }>,
	say: (path: Key[], message: string) => void
) {
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
			if (found(outside)) say(['text'], `blank ${n} answer "${a}" also appears outside the blanks`);
			if (found(item.prompt)) say(['prompt'], `prompt gives away blank ${n} answer "${a}"`);
		}
	}
}

/** Numbers paragraphs from 1 in article order; the header is not a paragraph of the text (0). */
function numberParagraphs<P extends { kind: string }>(
	paragraphs: readonly P[]
): (P & { n: number })[] {
	let n = 0;
	return paragraphs.map((p) => ({ ...p, n: p.kind === 'header' ? 0 : ++n }));
}
