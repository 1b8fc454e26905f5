/**
 * Moodle GIFT, read as Moodle's own importer (question/format/gift/format.php) reads it, and written
 * so Moodle imports it. See README.md in this folder for what maps to what.
 *
 * Questions are blocks of lines separated by blank lines; `//` starts a comment line. A block is
 * `::title::` (optional), the question text with an optional `[html]`/`[moodle]`/`[plain]`/
 * `[markdown]` marker, and one answer block `{…}`; text after the block makes a missing-word
 * question. `\~ \= \# \{ \} \: \\` escape the special characters and `\n` is a line break.
 *
 * Quire writes one `// quire: {…}` comment line above each question with what GIFT has no place
 * for (type, topic, difficulty, tags, paragraph, quote, voice, unit, a cloze's instruction); Moodle
 * ignores it and Quire reads it back, so export → import gives the same items.
 */
import * as v from 'valibot';
import { parseCloze } from '../cloze.ts';
import { Citation, Id, ITEM_TYPES, LEVELS } from '../schema.ts';
import { Collector } from './collect.ts';
import { clozeBlank, defaultClozePrompt, VOICES, type Draft, type ExportSet } from './item.ts';
import { htmlLosses, htmlToText, type HtmlLosses } from './html.ts';
import { plural, splitLines } from './text.ts';
import type { ExportResult, ParseOptions, ParseResult } from './types.ts';

// ---------------------------------------------------------------- escapes

/** The characters GIFT escapes with a backslash. */
const SPECIAL = '\\~=#{}:';
// While parsing, an escaped special character is held as a private-use character (U+E000 plus
// its code), so no splitting step can mistake it for syntax; `restore` turns it back.
const HELD_CLASS = `[${[...SPECIAL].map((ch) => `\\u${hex(0xe000 + ch.charCodeAt(0))}`).join('')}]`;
const HELD = new RegExp(HELD_CLASS, 'g');
const HAS_HELD = new RegExp(HELD_CLASS);
/** The held characters and U+E000 (which marks a missing word's place) may not occur in input. */
const RESERVED = new RegExp(`[\\ue000${HELD_CLASS.slice(1)}`, 'g');
const HAS_RESERVED = new RegExp(RESERVED.source);

function hex(n: number): string {
	return n.toString(16).padStart(4, '0');
}

function hold(line: string): string {
	if (!line.includes('\\')) return line;
	return line.replace(/\\([\\~=#{}:n])/g, (_, ch: string) =>
		ch === 'n' ? '\n' : String.fromCharCode(0xe000 + ch.charCodeAt(0))
	);
}

function restore(text: string): string {
	if (!HAS_HELD.test(text)) return text;
	return text.replace(HELD, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xe000));
}

/** Escapes text for GIFT: the special characters get a backslash, line breaks become \n. */
function esc(text: string): string {
	return text.replace(/[\\~=#{}:]/g, '\\$&').replace(/\r\n|\r|\n/g, '\\n');
}

// ---------------------------------------------------------------- the // quire: line

const META_PREFIX = /^\/\/\s*quire:\s*/;

/** What a `// quire:` comment carries; every field is optional. */
const GiftMeta = v.strictObject({
	type: v.optional(v.picklist([...ITEM_TYPES, 'flashcard'])),
	topic: v.optional(Id),
	difficulty: v.optional(v.picklist([1, 2, 3])),
	tags: v.optional(v.array(Id)),
	paragraph: v.optional(Id),
	source: v.optional(v.string()),
	voice: v.optional(v.picklist(VOICES)),
	level: v.optional(v.picklist(LEVELS)),
	sources: v.optional(v.array(Citation)),
	prompt: v.optional(v.string()),
	unit: v.optional(v.string()),
	reverse: v.optional(v.boolean()),
	/** A typed answer's pair joined by "and" may come either way round. */
	anyOrder: v.optional(v.boolean()),
	/** A multi's weights are its own, even where they look like the ones Quire writes by default. */
	weighted: v.optional(v.literal(true)),
	accept: v.optional(v.array(v.array(v.string()))),
	/** Above a $CATEGORY: line, the topic's title. */
	title: v.optional(v.string())
});
type GiftMeta = v.InferOutput<typeof GiftMeta>;

function readMeta(json: string, line: number, c: Collector): GiftMeta | null {
	let data: unknown;
	try {
		data = JSON.parse(json);
	} catch {
		c.warn(
			line,
			'the "// quire:" line is not valid JSON; its details (topic, tags, …) were ignored'
		);
		return null;
	}
	const result = v.safeParse(GiftMeta, data);
	if (result.success) return result.output;
	const what = result.issues
		.map((i) => `${i.path?.map((p) => String(p.key)).join('.') ?? ''}: ${i.message}`)
		.join('; ');
	c.warn(line, `the "// quire:" line was ignored: ${what}`);
	return null;
}

// ---------------------------------------------------------------- reading

interface Block {
	/** Content lines (comments removed), escapes held, joined with \n. */
	text: string;
	/** Offset in `text` where each content line starts, and its line number in the file. */
	starts: number[];
	lines: number[];
	meta: GiftMeta | null;
	metaLine: number;
}

/** Reads GIFT text. Never throws on bad input: every problem is named with its line. */
export function parseGift(text: string, options: ParseOptions = {}): ParseResult {
	return Collector.run('gift', text, options.limits, (c) => readGift(text, c));
}

function readGift(text: string, c: Collector): void {
	const lines = splitLines(text.replace(/^\uFEFF/, ''));
	c.expect(countBlocks(lines));
	let topic: string | undefined;
	let block: Block | null = null;
	const flush = () => {
		if (block) topic = readBlock(block, c, topic);
		block = null;
	};
	lines.forEach((raw, i) => {
		const n = i + 1;
		const line = raw.trim();
		if (line === '') return flush();
		block ??= { text: '', starts: [], lines: [], meta: null, metaLine: 0 };
		if (line.startsWith('//')) {
			const m = META_PREFIX.exec(line);
			if (m) {
				if (block.meta) c.warn(block.metaLine, 'a "// quire:" line with no question after it');
				block.meta = readMeta(line.slice(m[0].length), n, c);
				block.metaLine = n;
			}
			return;
		}
		let content = line;
		if (HAS_RESERVED.test(content)) {
			c.warn(n, 'private-use characters that Quire reserves for reading GIFT were replaced by �');
			content = content.replace(RESERVED, '\uFFFD');
		}
		if (block.starts.length > 0) block.text += '\n';
		block.starts.push(block.text.length);
		block.lines.push(n);
		block.text += hold(content);
	});
	flush();
}

/** How many blocks have an answer block: at least as many as the questions the file holds. */
function countBlocks(lines: string[]): number {
	let n = 0;
	let open = false;
	for (const line of lines) {
		const t = line.trim();
		if (t === '') open = false;
		else if (!open && !t.startsWith('//') && t.includes('{')) {
			n++;
			open = true;
		}
	}
	return n;
}

/** Reads one block; returns the topic in force after it. */
function readBlock(b: Block, c: Collector, topic: string | undefined): string | undefined {
	if (b.starts.length === 0) {
		if (b.meta) c.warn(b.metaLine, 'a "// quire:" line with no question after it');
		return topic;
	}
	const lineAt = (offset: number) => {
		let i = 0;
		while (i + 1 < b.starts.length && (b.starts[i + 1] ?? Infinity) <= offset) i++;
		return b.lines[i] ?? 1;
	};
	if (b.text.startsWith('$CATEGORY:')) {
		const end = b.text.indexOf('\n');
		const name = restore(b.text.slice(10, end < 0 ? undefined : end)).trim();
		const titled = b.meta?.title?.trim();
		if (name && titled) c.topic(c.topicId(name, b.lines[0]), titled);
		const next = name ? c.topicFrom(name, b.lines[0]) : topic;
		if (end >= 0) {
			c.warn(
				lineAt(end + 1),
				'a question right after $CATEGORY: needs a blank line before it (Moodle would read it as part of the category name)'
			);
			readQuestion(b, end + 1, lineAt, c, next);
		}
		return next;
	}
	readQuestion(b, 0, lineAt, c, topic);
	return topic;
}

type Format = 'moodle' | 'html' | 'plain' | 'markdown';

/** Splits a leading [format] marker off, as Moodle's parse_text_with_format does. */
function readFormat(text: string, fallback: Format): { format: Format; text: string } {
	const t = text.trimStart();
	const m = /^\[(moodle|html|plain|markdown)\]/.exec(t);
	return m ? { format: m[1] as Format, text: t.slice(m[0].length) } : { format: fallback, text: t };
}

/** What reducing a question's HTML to text removed or changed. */
type Losses = HtmlLosses;

/** Held text in a format to plain text; HTML is reduced to text, never rendered. */
function plain(text: string, format: Format, losses: Losses): string {
	if (format !== 'html') return restore(text).trim();
	// Escapes are restored first: `href\="http\://…"` is an attribute to the HTML reader.
	const r = htmlToText(restore(text));
	losses.images += r.images;
	losses.alts += r.alts;
	losses.links += r.links;
	losses.media.push(...r.media);
	return r.text;
}

interface Part {
	/** `=`, `~` or '' for text before the first marker. */
	mark: string;
	body: string;
	offset: number;
}

/** Splits an answer block at every unescaped marker character in `marks`. */
function splitParts(text: string, marks: string, offset: number): Part[] {
	const parts: Part[] = [];
	let start = 0;
	let mark = '';
	for (let i = 0; i <= text.length; i++) {
		const ch = text[i];
		if (i === text.length || (ch !== undefined && marks.includes(ch))) {
			const body = text.slice(start, i);
			if (mark !== '' || body.trim() !== '') parts.push({ mark, body, offset: offset + start });
			mark = ch ?? '';
			start = i + 1;
		}
	}
	return parts;
}

const WEIGHT = /^\s*%(-?\d+(?:\.\d+)?)%/;

/** A leading %weight%, if any: the weight and the rest. */
function readWeight(body: string): { weight: number | null; rest: string } {
	const m = WEIGHT.exec(body);
	return m ? { weight: Number(m[1]), rest: body.slice(m[0].length) } : { weight: null, rest: body };
}

/** Splits "answer#feedback" at the first unescaped #. */
function splitFeedback(body: string): { answer: string; feedback: string } {
	const i = body.indexOf('#');
	return i < 0
		? { answer: body, feedback: '' }
		: { answer: body.slice(0, i), feedback: body.slice(i + 1) };
}

const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i;

function readQuestion(
	b: Block,
	from: number,
	lineAt: (offset: number) => number,
	c: Collector,
	topic: string | undefined
): void {
	const text = b.text.slice(from);
	const line = lineAt(from);
	const meta = b.meta;
	let rest = text;
	let restAt = from;
	let title = '';
	if (text.startsWith('::')) {
		const end = text.indexOf('::', 2);
		if (end < 0) {
			c.error(line, 'the title is not closed: write ::title:: before the question');
			return;
		}
		title = restore(text.slice(2, end)).trim();
		rest = text.slice(end + 2);
		restAt = from + end + 2;
	}
	const open = rest.indexOf('{');
	const close = rest.indexOf('}');
	if (open < 0 && close < 0) {
		c.warn(line, 'description items (text with no answer) are not supported, skipped');
		return;
	}
	if (close < 0) {
		c.error(lineAt(restAt + open), "unclosed '{': the answer block has no closing '}'");
		return;
	}
	if (open < 0 || close < open) {
		c.error(lineAt(restAt + close), "'}' without an opening '{'; write \\} for a literal brace");
		return;
	}
	const inner = rest.indexOf('{', open + 1);
	if (inner >= 0 && inner < close) {
		c.error(lineAt(restAt + inner), "'{' inside an answer block; write \\{ for a literal brace");
		return;
	}
	const again = rest.slice(close + 1).search(/[{}]/);
	if (again >= 0) {
		c.error(
			lineAt(restAt + close + 1 + again),
			'more than one answer block {…} in a question; write \\{ and \\} for literal braces'
		);
		return;
	}

	const at = lineAt(restAt + open);
	let answer = rest.slice(open + 1, close);
	const answerAt = restAt + open + 1;
	let generalFeedback = '';
	const gf = answer.lastIndexOf('####');
	if (gf >= 0) {
		generalFeedback = answer.slice(gf + 4);
		answer = answer.slice(0, gf);
	}
	const q = readFormat(rest.slice(0, open), 'moodle');
	const after = rest.slice(close + 1);
	const missingWord = after.trim() !== '';
	const images: Losses = { images: 0, alts: 0, links: 0, media: [] };
	const fmt = q.format;
	const gfText = readFormat(generalFeedback, fmt);
	const explanation = plain(gfText.text, gfText.format, images);

	// The question text, with "_____" where the answers were when text follows them (Moodle's
	// missing word), and a marker there for a cloze.
	const BLANK = '\uE000';
	const withBlank = plain(`${q.text}${BLANK}${after}`, fmt, images);
	const prompt = missingWord
		? withBlank.replace(BLANK, '_____')
		: withBlank.replace(BLANK, '').trim();

	const ctx: Ctx = { c, line: at, lineAt, meta, fmt, images, feedback: [] };
	const common: Omit<Draft, 'type'> = {
		topic: meta?.topic ?? topic,
		difficulty: meta?.difficulty,
		tags: meta?.tags,
		paragraph: meta?.paragraph,
		source: meta?.source,
		voice: meta?.voice,
		level: meta?.level,
		sources: meta?.sources,
		explanation: explanation || undefined
	};

	const body = answer.trim();
	const wants = meta?.type;
	let draft: Draft | null;
	if (body === '') {
		// An essay has no key to check: kept as a flashcard (the prompt on the front; the general
		// feedback, or a note that the file gives no model answer, on the back), tagged `essay`,
		// with a warning, so it is counted and can be studied or rewritten, never scored.
		c.warn(
			line,
			`essay question (no answer to check): imported as a flashcard with ${explanation ? 'its general feedback' : 'a note that the file gives no model answer'} on the back`
		);
		draft = {
			type: 'flashcard',
			front: prompt,
			back: explanation || ESSAY_BACK,
			tags: [...new Set([...(meta?.tags ?? []), 'essay'])]
		};
		if (explanation) draft.explanation = undefined;
	} else if (body.startsWith('#')) {
		draft = readNumeric(answer, answerAt, prompt, ctx);
	} else if (body.includes('~')) {
		draft = readChoice(answer, answerAt, prompt, ctx);
	} else if (
		body.includes('=') &&
		body.includes('->') &&
		wants !== 'short' &&
		wants !== 'flashcard' &&
		!(wants === 'cloze' && !looksLikeBlankPairs(body))
	) {
		draft = readMatch(answer, answerAt, prompt, ctx);
	} else {
		const tf = splitFeedback(body);
		if (['T', 'TRUE', 'F', 'FALSE'].includes(tf.answer.trim())) {
			draft = readTrueFalse(body, prompt, ctx);
		} else {
			draft = readShort(answer, answerAt, { prompt, withBlank, blank: BLANK, missingWord }, ctx);
		}
	}
	if (!draft) return;

	if (wants && wants !== draft.type) {
		c.warn(
			at,
			`the "// quire:" line says ${wants} but the question is written as ${draft.type}; imported as ${draft.type}`
		);
	}
	const lost = htmlLosses(images);
	if (lost) c.warn(at, lost);
	if (!common.explanation) {
		const right = ctx.feedback.find((f) => f.right && f.text);
		if (right) common.explanation = right.text;
	}
	const dropped = ctx.feedback.filter((f) => f.text && !f.kept && f.text !== common.explanation);
	if (dropped.length > 0) {
		c.warn(
			at,
			`feedback on individual answers is not kept (Quire shows one explanation per question): ${dropped
				.map((f) => `"${f.text}"`)
				.join(', ')}`
		);
	}
	for (const k in common) if (common[k] !== undefined && !(k in draft)) draft[k] = common[k];
	if (draft.explanation === undefined) delete draft.explanation;
	if (ctx.meta?.anyOrder && (draft.type === 'short' || draft.type === 'cloze'))
		draft.anyOrder = true;
	c.add(draft, line, title);
}

/** The back of an essay question kept as a flashcard when the file gives no feedback. */
export const ESSAY_BACK =
	'Essay question: the file gives no model answer. Write your answer, then compare it with your notes or ask your teacher.';

interface Ctx {
	c: Collector;
	line: number;
	lineAt: (offset: number) => number;
	meta: GiftMeta | null;
	fmt: Format;
	images: Losses;
	/**
	 * Feedback met on individual answers; the right answer's may become the explanation. `kept`:
	 * the item keeps it with its answer (per choice, per typed form or number).
	 */
	feedback: { text: string; right: boolean; kept?: boolean }[];
}

/** Answer text: an optional [format] marker, then text in that format. */
function answerText(raw: string, ctx: Ctx): string {
	const f = readFormat(raw, ctx.fmt);
	return plain(f.text, f.format, ctx.images);
}

function feedbackText(raw: string, ctx: Ctx): string {
	return raw.trim() === '' ? '' : answerText(raw, ctx);
}

function readChoice(answer: string, at: number, prompt: string, ctx: Ctx): Draft | null {
	const { c } = ctx;
	const parts = splitParts(answer, '~=', at);
	const choices: {
		text: string;
		weight: number;
		marked: boolean;
		line: number;
		feedback: string;
	}[] = [];
	for (const p of parts) {
		const line = ctx.lineAt(p.offset);
		let weight = p.mark === '=' ? 100 : 0;
		let body = p.body;
		if (p.mark === '~') {
			const w = readWeight(body);
			if (w.weight !== null) {
				if (w.weight < -100 || w.weight > 100) {
					c.error(line, `the weight ${w.weight}% is outside -100% … 100%; question skipped`);
					return null;
				}
				weight = w.weight;
				body = w.rest;
			}
		}
		const fb = splitFeedback(body);
		const text = answerText(fb.answer, ctx);
		if (!ctx.meta && text.includes('->')) {
			c.warn(
				line,
				`stray '->' in the choice "${text}": matching pairs are written {=left -> right =left -> right} with no ~`
			);
		}
		const feedback = feedbackText(fb.feedback, ctx);
		ctx.feedback.push({ text: feedback, right: weight > 0, kept: true });
		choices.push({ text, weight, marked: p.mark === '=', line, feedback });
	}
	// Feedback per choice and weights only when the file gives some: a plain question stays plain.
	const perChoice = choices.some((x) => x.feedback !== '')
		? { feedback: choices.map((x) => x.feedback) }
		: {};
	if (choices.length < 2) {
		c.error(ctx.line, 'a multiple-choice question needs at least 2 answers; question skipped');
		return null;
	}
	const marked = choices.filter((x) => x.marked);
	if (marked.length > 0) {
		const list = choices.map((x) => x.text);
		const partial = choices.some((x) => !x.marked && x.weight !== 0);
		if (marked.length === 1)
			return {
				type: 'single',
				prompt,
				choices: list,
				answer: marked[0]?.text,
				...(partial ? { weights: choices.map((x) => (x.marked ? 100 : x.weight)) } : {}),
				...perChoice
			};
		for (const x of choices.filter((x) => !x.marked && x.weight > 0)) {
			c.warn(x.line, `partial credit is not supported: "${x.text}" (${x.weight}%) counts as wrong`);
		}
		c.warn(
			ctx.line,
			'several answers are marked "=": Moodle accepts any one of them, Quire asks for all of them (imported as multiple select)'
		);
		return {
			type: 'multi',
			prompt,
			choices: list,
			answers: marked.map((x) => x.text),
			...perChoice
		};
	}
	const right = choices.filter((x) => x.weight > 0);
	if (right.length === 0) {
		c.error(
			ctx.line,
			'no right answer: mark one with = or give right answers a positive weight such as ~%50%; question skipped'
		);
		return null;
	}
	const sum = right.reduce((s, x) => s + x.weight, 0);
	if (sum < 100 - 0.01) {
		c.warn(
			ctx.line,
			`the right answers' weights add up to ${Math.round(sum * 1000) / 1000}%, so no answer earns full credit`
		);
	}
	// Quire writes an unweighted multi as 100/n per right choice and -100% per wrong one; a file
	// it wrote (with its "// quire:" line) reads back unweighted, as it was.
	const share = Number(formatWeight(100 / right.length));
	const ownDefault =
		ctx.meta !== null &&
		ctx.meta.weighted !== true &&
		choices.every((x) => (x.weight > 0 ? Math.abs(x.weight - share) < 1e-9 : x.weight === -100));
	return {
		type: 'multi',
		prompt,
		choices: choices.map((x) => x.text),
		answers: right.map((x) => x.text),
		...(ownDefault ? {} : { weights: choices.map((x) => x.weight) }),
		...perChoice
	};
}

function readTrueFalse(body: string, prompt: string, ctx: Ctx): Draft {
	const [ans = '', wrong = '', right = ''] = splitN(body, '#', 3);
	const value = ans.trim() === 'T' || ans.trim() === 'TRUE';
	ctx.feedback.push({ text: feedbackText(wrong, ctx), right: false });
	ctx.feedback.push({ text: feedbackText(right, ctx), right: true });
	return { type: 'truefalse', prompt, answer: value };
}

function splitN(s: string, sep: string, n: number): string[] {
	const out: string[] = [];
	let rest = s;
	while (out.length < n - 1) {
		const i = rest.indexOf(sep);
		if (i < 0) break;
		out.push(rest.slice(0, i));
		rest = rest.slice(i + sep.length);
	}
	out.push(rest);
	return out;
}

interface ShortText {
	prompt: string;
	withBlank: string;
	blank: string;
	missingWord: boolean;
}

function readShort(answer: string, at: number, q: ShortText, ctx: Ctx): Draft | null {
	const { c, meta } = ctx;
	const accepted: string[] = [];
	// Other forms with their credit and feedback; kept only by a short-answer question.
	const responses: { answer: string; weight: number; feedback?: string }[] = [];
	const typed = !(q.missingWord || meta?.type === 'cloze' || meta?.type === 'flashcard');
	for (const p of splitParts(answer, '=', at)) {
		const line = ctx.lineAt(p.offset);
		const w = readWeight(p.body);
		const weight = w.weight ?? 100;
		const fb = splitFeedback(w.rest);
		const text = answerText(fb.answer, ctx);
		const feedback = feedbackText(fb.feedback, ctx);
		ctx.feedback.push({ text: feedback, right: weight >= 100, kept: typed });
		if (text.includes('->') && !meta) {
			c.error(
				line,
				`stray '->' in the answer "${text}": matching pairs are written {=left -> right =left -> right}; question skipped`
			);
			return null;
		}
		if (weight < -100 || weight > 100) {
			c.error(line, `the weight ${weight}% is outside -100% … 100%; question skipped`);
			return null;
		}
		if (weight >= 100) accepted.push(text);
		if (typed && (weight < 100 || feedback !== ''))
			responses.push({
				answer: text,
				weight: Math.max(0, weight),
				...(feedback ? { feedback } : {})
			});
		else if (weight > 0 && weight < 100)
			c.warn(line, `partial credit is not supported: "${text}" (${weight}%) is not accepted`);
		else if (weight < 100) c.warn(line, `the wrong answer "${text}" (${weight}%) is not kept`);
		if (typed && weight < 0)
			c.warn(line, `a typed answer is worth at least 0%: "${text}" (${weight}%) counts as 0%`);
	}
	if (accepted.length === 0) {
		c.error(ctx.line, 'no answer is fully right (100%); question skipped');
		return null;
	}
	if (meta?.type === 'flashcard') {
		if (accepted.length > 1)
			c.warn(
				ctx.line,
				`a flashcard has one back; ${plural(accepted.length - 1, 'other answer')} not kept`
			);
		return {
			type: 'flashcard',
			front: q.prompt,
			back: accepted[0],
			...(meta.reverse !== undefined ? { reverse: meta.reverse } : {})
		};
	}
	if (q.missingWord || meta?.type === 'cloze') {
		const blank = clozeBlank(accepted);
		if (!blank) {
			c.error(ctx.line, 'a blank\'s answers cannot contain "|", "{" or "}"; question skipped');
			return null;
		}
		const clozeText = q.withBlank.replace(q.blank, () => blank);
		return {
			type: 'cloze',
			prompt: meta?.prompt ?? defaultClozePrompt(clozeText),
			text: clozeText
		};
	}
	return {
		type: 'short',
		prompt: q.prompt,
		answer: accepted[0],
		accept: accepted.slice(1),
		...(responses.length > 0 ? { responses } : {})
	};
}

function readNumeric(answer: string, at: number, prompt: string, ctx: Ctx): Draft | null {
	const { c } = ctx;
	let body = answer.slice(answer.indexOf('#') + 1);
	const tilde = body.indexOf('~');
	if (tilde >= 0) {
		const wrong = splitFeedback(body.slice(tilde + 1));
		ctx.feedback.push({ text: feedbackText(wrong.feedback || wrong.answer, ctx), right: false });
		body = body.slice(0, tilde);
	}
	const offset = at + answer.indexOf('#') + 1;
	const found: { answer: number; tolerance: number; weight: number; feedback: string }[] = [];
	for (const p of splitParts(body, '=', offset)) {
		const line = ctx.lineAt(p.offset);
		const w = readWeight(p.body);
		const weight = w.weight ?? 100;
		if (weight < -100 || weight > 100) {
			c.error(line, `the weight ${weight}% is outside -100% … 100%; question skipped`);
			return null;
		}
		const fb = splitFeedback(w.rest);
		const spec = restore(fb.answer).trim();
		let value: number;
		let tolerance: number;
		const range = spec.indexOf('..');
		const colon = spec.indexOf(':');
		if (range > 0) {
			const min = spec.slice(0, range).trim();
			const max = spec.slice(range + 2).trim();
			if (!NUMBER.test(min) || !NUMBER.test(max)) {
				c.error(line, `"${spec}" is not a number range such as 1..5; question skipped`);
				return null;
			}
			value = round((Number(min) + Number(max)) / 2);
			tolerance = round(Math.abs(Number(max) - Number(min)) / 2);
		} else {
			const num = (colon > 0 ? spec.slice(0, colon) : spec).trim();
			const tol = colon > 0 ? spec.slice(colon + 1).trim() : '0';
			if (!NUMBER.test(num)) {
				c.error(line, `"${num}" is not a number; question skipped`);
				return null;
			}
			if (!NUMBER.test(tol) || Number(tol) < 0) {
				c.error(line, `the tolerance "${tol}" is not a number of 0 or more; question skipped`);
				return null;
			}
			value = Number(num);
			tolerance = Number(tol);
		}
		const feedback = feedbackText(fb.feedback, ctx);
		const flashcard = ctx.meta?.type === 'flashcard';
		ctx.feedback.push({ text: feedback, right: weight >= 100, kept: !flashcard });
		if (weight < 0)
			c.warn(line, `a number is worth at least 0%: ${spec} (${weight}%) counts as 0%`);
		found.push({ answer: value, tolerance, weight: Math.max(0, weight), feedback });
	}
	const best = found.find((f) => f.weight >= 100);
	if (!best) {
		c.error(ctx.line, 'no numeric answer is fully right (100%); question skipped');
		return null;
	}
	// The other numbers, and the key's own feedback, travel as responses.
	const responses = found
		.filter((f) => f !== best || f.feedback !== '')
		.map((f) => ({
			answer: f.answer,
			tolerance: f.tolerance,
			weight: f.weight,
			...(f.feedback ? { feedback: f.feedback } : {})
		}));
	const unit = ctx.meta?.unit;
	return {
		type: 'numeric',
		prompt,
		answer: best.answer,
		tolerance: best.tolerance,
		...(unit ? { unit } : {}),
		...(responses.length > 0 ? { responses } : {})
	};
}

/** Rounds float noise from a range's midpoint away (0.30000000000000004 → 0.3). */
function round(n: number): number {
	return Number(n.toPrecision(12));
}

/** Whether a match body's left sides are (1), (2), … as Quire writes a cloze of several blanks. */
function looksLikeBlankPairs(body: string): boolean {
	return splitParts(body, '=', 0).every((p, i) => p.body.trim().startsWith(`(${i + 1}) ->`));
}

function readMatch(answer: string, at: number, prompt: string, ctx: Ctx): Draft | null {
	const { c, meta } = ctx;
	const pairs: { left: string; right: string }[] = [];
	for (const p of splitParts(answer, '=', at)) {
		const line = ctx.lineAt(p.offset);
		const arrow = p.body.indexOf('->');
		if (arrow < 0) {
			c.error(
				line,
				`stray entry "${restore(p.body).trim()}" in a matching question: every entry is =left -> right; question skipped`
			);
			return null;
		}
		const left = answerText(p.body.slice(0, arrow), ctx);
		const right = restore(p.body.slice(arrow + 2)).trim();
		if (right === '') {
			c.error(line, `stray '->' with nothing after it; question skipped`);
			return null;
		}
		if (left === '') {
			c.warn(line, `the extra right-hand entry "${right}" (no left entry) is not kept`);
			continue;
		}
		pairs.push({ left, right });
	}
	if (pairs.length < 2) {
		c.error(
			ctx.line,
			'a matching question needs at least 2 pairs =left -> right; question skipped'
		);
		return null;
	}
	if (meta?.type === 'order') {
		if (pairs.every((p, i) => p.left === String(i + 1))) {
			return { type: 'order', prompt, items: pairs.map((p) => p.right) };
		}
		c.warn(
			ctx.line,
			'an order question is written as pairs 1 -> first, 2 -> second, …; imported as matching'
		);
	}
	if (meta?.type === 'cloze') {
		const text = rebuildCloze(prompt, pairs, meta.accept);
		if (text) return { type: 'cloze', prompt: meta.prompt ?? defaultClozePrompt(text), text };
		c.warn(
			ctx.line,
			'a cloze is written as text with _____ (1), _____ (2) … and pairs (1) -> answer; imported as matching'
		);
	}
	return { type: 'match', prompt, pairs };
}

/** The cloze text from "… _____ (1) … _____ (2) …" and pairs (k) -> answer, or null if they disagree. */
function rebuildCloze(
	prompt: string,
	pairs: { left: string; right: string }[],
	accept: string[][] | undefined
): string | null {
	let text = prompt;
	for (const [i, p] of pairs.entries()) {
		const marker = `_____ (${i + 1})`;
		const blank = clozeBlank([p.right, ...(accept?.[i] ?? [])]);
		if (p.left !== `(${i + 1})` || !blank || text.split(marker).length !== 2) return null;
		text = text.replace(marker, () => blank);
	}
	return text;
}

// ---------------------------------------------------------------- writing

export interface GiftOptions {
	/** A category path put before each topic, e.g. a set's name: `$CATEGORY: <category>/<topic>`. */
	category?: string;
}

/** Moodle reads a [format] marker at the start of any text; [plain] before one keeps it as text. */
function guardFormat(text: string): string {
	return /^\[(moodle|html|plain|markdown)\]/.test(text) ? `[plain]${text}` : text;
}

/** An answer's text after = or ~; a leading %n% would be read as a weight, so one is given first. */
function weighted(text: string, weight: '%0%' | '%100%'): string {
	return WEIGHT.test(text) ? `${weight}${text}` : text;
}

function formatWeight(w: number): string {
	return String(Number(w.toFixed(5)));
}

/**
 * Writes items and flashcards as GIFT that Moodle imports: questions as plain text ([plain]), one
 * `$CATEGORY:` per topic, the id as the question name, the explanation as general feedback.
 */
export function toGift(set: ExportSet, options: GiftOptions = {}): ExportResult {
	const warnings: string[] = [];
	const out: string[] = [
		`// Quire question set: ${plural(set.items.length, 'question')}, ${plural(set.flashcards.length, 'flashcard')}.`,
		'// Import into Moodle as GIFT. The "// quire:" lines let Quire import this file back unchanged.',
		''
	];
	let topic: string | null = null;
	const entries = [
		...set.items,
		...set.flashcards.map((f) => ({ ...f, type: 'flashcard' as const }))
	];
	for (const e of entries) {
		if (e.topic !== topic) {
			topic = e.topic;
			const path = options.category
				? `${options.category.replace(/[\\~=#{}:]/g, '')}/${topic}`
				: topic;
			const title = set.topics?.find((t) => t.id === topic)?.title;
			if (title && title !== topic) out.push(`// quire: ${JSON.stringify({ title })}`);
			out.push(`$CATEGORY: ${path}`, '');
		}
		const meta: GiftMeta = { type: e.type, topic: e.topic, difficulty: e.difficulty };
		if (e.tags && e.tags.length > 0) meta.tags = e.tags;
		if (e.paragraph !== undefined) meta.paragraph = e.paragraph;
		if (e.source !== undefined) meta.source = e.source;
		if ('voice' in e && e.voice !== undefined) meta.voice = e.voice;
		if (e.level !== undefined) meta.level = e.level;
		if (e.sources !== undefined) meta.sources = e.sources;
		const say = (message: string) => warnings.push(`${e.id}: ${message}`);
		// The file's own name for the question when it came with one (`::Q2::`), else the id.
		const name = 'name' in e && e.name ? e.name : e.id;
		const head = `::${esc(name)}::[plain]`;
		const gf = e.explanation ? `####${guardFormat(esc(e.explanation))}` : '';
		const arrow = (text: string, what: string) => {
			if (text.includes('->'))
				say(
					`GIFT cannot escape '->' in ${what} "${text}"; Moodle may read the question as matching`
				);
		};
		let body: string;
		switch (e.type) {
			case 'single':
			case 'multi': {
				const rights = e.type === 'single' ? [e.answer] : e.answers;
				const share = formatWeight(100 / rights.length);
				const weights = e.weights?.length === e.choices.length ? e.weights : null;
				const lines = e.choices.map((ch, i) => {
					const right = rights.includes(ch);
					const text = guardFormat(esc(ch));
					const fb = e.feedback?.[i] ? `#${guardFormat(esc(e.feedback[i]))}` : '';
					const w = weights?.[i] ?? 0;
					if (e.type === 'single') {
						if (right) return `\t=${text}${fb}`;
						return `\t~${w !== 0 ? `%${formatWeight(w)}%${text}` : weighted(text, '%0%')}${fb}`;
					}
					if (weights) {
						meta.weighted = true;
						return `\t~%${formatWeight(w)}%${text}${fb}`;
					}
					return `\t~${right ? `%${share}%` : '%-100%'}${text}${fb}`;
				});
				body = `${head}${esc(e.prompt)}{\n${lines.join('\n')}${gf ? `\n\t${gf}` : ''}\n}`;
				break;
			}
			case 'truefalse':
				body = `${head}${esc(e.prompt)}{${e.answer ? 'TRUE' : 'FALSE'}${gf}}`;
				break;
			case 'short': {
				if (e.anyOrder) meta.anyOrder = true;
				const answers = [e.answer, ...e.accept];
				for (const a of answers) arrow(a, 'the answer');
				const said = (r?: { feedback?: string }) =>
					r?.feedback ? `#${guardFormat(esc(r.feedback))}` : '';
				const full = (a: string) => e.responses?.find((r) => r.weight === 100 && r.answer === a);
				const lines = answers.map(
					(a) => `\t=${weighted(guardFormat(esc(a)), '%100%')}${said(full(a))}`
				);
				for (const r of e.responses ?? []) {
					if (r.weight === 100 && answers.includes(r.answer)) continue;
					arrow(r.answer, 'the answer');
					lines.push(`\t=%${formatWeight(r.weight)}%${guardFormat(esc(r.answer))}${said(r)}`);
				}
				body = `${head}${esc(e.prompt)}{\n${lines.join('\n')}${gf ? `\n\t${gf}` : ''}\n}`;
				break;
			}
			case 'numeric': {
				if (e.unit !== undefined) meta.unit = e.unit;
				const tol = e.tolerance ? `:${e.tolerance}` : '';
				const said = (fb?: string) => (fb ? `#${guardFormat(esc(fb))}` : '');
				const others = (e.responses ?? []).filter(
					(r) => !(r.weight === 100 && r.answer === e.answer && r.tolerance === e.tolerance)
				);
				if (others.length === 0 && !e.responses?.length) {
					body = `${head}${esc(e.prompt)}{#${e.answer}${tol}${gf}}`;
					break;
				}
				const own = e.responses?.find((r) => !others.includes(r));
				const lines = [
					`\t=${e.answer}${tol}${said(own?.feedback)}`,
					...others.map(
						(r) =>
							`\t=%${formatWeight(r.weight)}%${r.answer}${r.tolerance ? `:${r.tolerance}` : ''}${said(r.feedback)}`
					)
				];
				body = `${head}${esc(e.prompt)}{#\n${lines.join('\n')}${gf ? `\n\t${gf}` : ''}\n}`;
				break;
			}
			case 'cloze': {
				const { parts } = parseCloze(e.text);
				const blanks = parts.filter((p) => p.kind === 'blank');
				if (e.prompt !== defaultClozePrompt(e.text)) meta.prompt = e.prompt;
				if (e.anyOrder) meta.anyOrder = true;
				if (blanks.length === 1) {
					const blank = blanks[0]?.answers ?? [];
					for (const a of blank) arrow(a, 'the blank');
					const answers = blank.map((a) => `=${weighted(guardFormat(esc(a)), '%100%')}`).join(' ');
					const text = parts
						.map((p) => (p.kind === 'text' ? esc(p.text) : `{${answers}${gf}}`))
						.join('');
					body = `${head}${text}`;
				} else {
					let k = 0;
					const text = parts
						.map((p) => (p.kind === 'text' ? esc(p.text) : `_____ (${++k})`))
						.join('');
					const accept = blanks.map((p) => (p.kind === 'blank' ? p.answers.slice(1) : []));
					if (accept.some((a) => a.length > 0)) meta.accept = accept;
					const lines = blanks.map(
						(p, i) => `\t=(${i + 1}) -> ${p.kind === 'blank' ? esc(p.answers[0] ?? '') : ''}`
					);
					body = `${head}${text}{\n${lines.join('\n')}${gf ? `\n\t${gf}` : ''}\n}`;
				}
				break;
			}
			case 'order': {
				const lines = e.items.map((item, i) => `\t=${i + 1} -> ${esc(item)}`);
				body = `${head}${esc(e.prompt)}{\n${lines.join('\n')}${gf ? `\n\t${gf}` : ''}\n}`;
				break;
			}
			case 'match': {
				for (const p of e.pairs) arrow(p.left, 'the left entry');
				const lines = e.pairs.map((p) => `\t=${guardFormat(esc(p.left))} -> ${esc(p.right)}`);
				body = `${head}${esc(e.prompt)}{\n${lines.join('\n')}${gf ? `\n\t${gf}` : ''}\n}`;
				break;
			}
			case 'flashcard': {
				if (e.reverse) meta.reverse = true;
				arrow(e.back, 'the back');
				body = `${head}${esc(e.front)}{=${weighted(guardFormat(esc(e.back)), '%100%')}${gf}}`;
				break;
			}
		}
		out.push(`// quire: ${JSON.stringify(meta)}`, body, '');
	}
	return { text: out.join('\n'), warnings };
}
