/**
 * Moodle XML (question/format/xml), read as Moodle's own importer reads it and written so Moodle
 * imports it. See README.md in this folder for what maps to what. Loaded only when such a file
 * is read or written: the import screen and `bank:convert` import this module on their own.
 *
 * Quire writes one `<!-- quire: {…} -->` comment inside each question with what Moodle XML has
 * no place for (type, topic, difficulty, paragraph, quote, voice, level, a cloze's instruction, a
 * flashcard's reverse); Moodle ignores comments and Quire reads it back, so export → import gives
 * the same items.
 */
import * as v from 'valibot';
import { parseCloze } from '../cloze.ts';
import { Citation, Id, ITEM_TYPES, LEVELS } from '../schema.ts';
import { Collector } from './collect.ts';
import { htmlLosses, htmlToText, type HtmlLosses } from './html.ts';
import { defaultClozePrompt, VOICES, type Draft, type ExportSet } from './item.ts';
import { looksLikeHtml, plural, slugify } from './text.ts';
import type { ExportResult, ParseOptions, ParseResult } from './types.ts';
import { child, children, descendants, escapeXml, parseXml, type XmlElement } from './xml.ts';

// ---------------------------------------------------------------- the quire: comment

const META = /^\s*quire:\s*/;

const XmlMeta = v.strictObject({
	type: v.optional(v.picklist([...ITEM_TYPES, 'flashcard'])),
	topic: v.optional(Id),
	/** On a category: the topic's title. */
	title: v.optional(v.string()),
	difficulty: v.optional(v.picklist([1, 2, 3])),
	paragraph: v.optional(Id),
	source: v.optional(v.string()),
	voice: v.optional(v.picklist(VOICES)),
	level: v.optional(v.picklist(LEVELS)),
	sources: v.optional(v.array(Citation)),
	prompt: v.optional(v.string()),
	unit: v.optional(v.string()),
	reverse: v.optional(v.boolean()),
	anyOrder: v.optional(v.boolean())
});
type XmlMeta = v.InferOutput<typeof XmlMeta>;

function readMeta(el: XmlElement, c: Collector): XmlMeta | null {
	const raw = el.comments.find((x) => META.test(x));
	if (raw === undefined) return null;
	let data: unknown;
	try {
		data = JSON.parse(raw.replace(META, ''));
	} catch {
		c.warn(el.line, 'the "quire:" comment is not valid JSON; its details (topic, …) were ignored');
		return null;
	}
	const result = v.safeParse(XmlMeta, data);
	if (result.success) return result.output;
	const what = result.issues
		.map((i) => `${i.path?.map((p) => String(p.key)).join('.') ?? ''}: ${i.message}`)
		.join('; ');
	c.warn(el.line, `the "quire:" comment was ignored: ${what}`);
	return null;
}

/** A comment holding JSON: "--" may not occur in an XML comment, so it is written "-\u002d". */
function metaComment(meta: object): string {
	return `<!-- quire: ${JSON.stringify(meta).replace(/--/g, '-\\u002d')} -->`;
}

// ---------------------------------------------------------------- reading

/** Question types Moodle has that Quire does not read, as Moodle's menu names them. */
const UNSUPPORTED: Record<string, string> = {
	essay: 'essay',
	calculated: 'calculated',
	calculatedsimple: 'simple calculated',
	calculatedmulti: 'calculated multichoice',
	ddwtos: 'drag and drop into text',
	gapselect: 'select missing words',
	ddimageortext: 'drag and drop onto image',
	ddmarker: 'drag and drop markers',
	randomsamatch: 'random short-answer matching',
	random: 'random'
};

/** Elements holding base64 file data: their text is counted, not kept. */
const BULK = new Set(['file', 'image_base64']);

/** Reads Moodle XML; never throws on bad input: every problem is named with its line. */
export function parseMoodleXml(text: string, options: ParseOptions = {}): ParseResult {
	return Collector.run('moodle-xml', text, options.limits, (c) => readXml(text, c));
}

function readXml(text: string, c: Collector): void {
	c.expect(text.split('<question').length - 1);
	const xml = parseXml(text.replace(/^\uFEFF/, ''), { bulk: BULK });
	if (!xml.ok) {
		c.error(xml.line, `not well-formed XML: ${xml.message}; nothing was imported`);
		return;
	}
	// A question file exported alone (Moodle's qtype fixtures) is one <question> with no <quiz>.
	const questions =
		xml.root.name === 'quiz' ? xml.root.children : xml.root.name === 'question' ? [xml.root] : null;
	if (!questions) {
		c.error(
			xml.root.line,
			`<${xml.root.name}> is not Moodle XML: a Moodle question file starts with <quiz>`
		);
		return;
	}
	let topic: string | undefined;
	for (const q of questions) {
		if (q.name !== 'question') {
			c.warn(q.line, `<${q.name}> is not a question; ignored`);
			continue;
		}
		const type = (q.attrs.type ?? '').trim();
		if (type === 'category') topic = readCategory(q, c) ?? topic;
		else readQuestion(q, type, topic, c);
	}
}

/** Moodle's category path: segments split at "/", "//" standing for a slash in a name. */
function categorySegments(path: string): string[] {
	return path
		.split(/(?<!\/)\/(?!\/)/)
		.map((s) => s.replace(/\/\//g, '/').trim())
		.filter((s, i) => s !== '' && !(i === 0 && /^\$\w+\$$/.test(s)))
		.filter((s, i) => !(i === 0 && s === 'top'));
}

function readCategory(q: XmlElement, c: Collector): string | undefined {
	const path = textOf(child(q, 'category'))?.trim() ?? '';
	const segments = categorySegments(path);
	if (segments.length === 0) return undefined;
	const info = textOf(child(q, 'info'))?.trim();
	if (info) c.warn(q.line, `the category description "${clip(info)}" is not kept`);
	const meta = readMeta(q, c);
	const name = segments.map((s) => s.replace(/\//g, '∕')).join('/');
	if (meta?.topic) return c.topic(meta.topic, meta.title?.trim() || (segments.at(-1) as string));
	return c.topicFrom(name, q.line);
}

/** The text of an element's <text> child (or its own text when it has none). */
function textOf(el: XmlElement | undefined): string | undefined {
	if (!el) return undefined;
	const t = child(el, 'text');
	return t ? t.text : el.text;
}

/** What reducing a question's text lost, and its files. */
interface Losses extends HtmlLosses {
	files: string[];
}

/** A text element's content as plain text, told by its format (HTML is reduced, never rendered). */
function formatted(
	el: XmlElement | undefined,
	losses: Losses,
	fallback = 'moodle_auto_format'
): string {
	const raw = textOf(el);
	if (raw === undefined) return '';
	const format = el?.attrs.format ?? fallback;
	const html = format === 'html' || (format === 'moodle_auto_format' && looksLikeHtml(raw));
	if (!html) return raw.trim();
	// A link to one of the question's own files has no address outside Moodle; its text is kept.
	const r = htmlToText(raw.replace(/\shref\s*=\s*(["'])@@PLUGINFILE@@\/[^"']*\1/gi, ''));
	losses.images += r.images;
	losses.alts += r.alts;
	losses.links += r.links;
	losses.media.push(...r.media);
	return r.text;
}

function clip(s: string, n = 60): string {
	const one = s.replace(/\s+/g, ' ');
	return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

function fraction(el: XmlElement): number {
	const n = Number((el.attrs.fraction ?? '0').trim());
	return Number.isFinite(n) ? n : NaN;
}

function percent(n: number): string {
	return `${Number(n.toFixed(5))}%`;
}

interface Answer {
	text: string;
	fraction: number;
	feedback: string;
	el: XmlElement;
}

function answers(q: XmlElement, losses: Losses, format?: string): Answer[] {
	return children(q, 'answer').map((a) => ({
		text: formatted(a, losses, format),
		fraction: fraction(a),
		feedback: formatted(child(a, 'feedback'), losses),
		el: a
	}));
}

function readQuestion(q: XmlElement, type: string, topic: string | undefined, c: Collector): void {
	const line = q.line;
	const name = (textOf(child(q, 'name')) ?? '').replace(/\s+/g, ' ').trim();
	const called = name ? `"${clip(name)}"` : '(no name)';
	const unsupported = UNSUPPORTED[type];
	if (type === 'description') {
		c.warn(
			line,
			`description ${called} skipped: a description is text with no question, and Quire has no such entry (its text: "${clip(formatted(child(q, 'questiontext'), { images: 0, alts: 0, links: 0, media: [], files: [] }))}")`
		);
		return;
	}
	if (unsupported !== undefined || !Object.hasOwn(READERS, type)) {
		c.warn(
			line,
			`${unsupported ?? type ?? 'untyped'} question ${called} skipped: Quire does not support ${unsupported ? `${unsupported} questions` : `the question type "${type}"`}`
		);
		return;
	}
	const meta = readMeta(q, c);
	const losses: Losses = { images: 0, alts: 0, links: 0, media: [], files: [] };
	const prompt = formatted(child(q, 'questiontext'), losses, 'html');
	const explanation = formatted(child(q, 'generalfeedback'), losses, 'html');
	const ctx: Ctx = { c, q, line, meta, losses, feedback: [], lost: [] };
	const draft = (READERS[type] as Reader)(prompt, ctx);
	if (!draft) return;
	for (const f of descendants(q)) {
		if (f.name === 'file') ctx.losses.files.push(f.attrs.name?.trim() || 'a file');
	}
	const old = child(q, 'image_base64');
	if (old && old.textLength > 0)
		ctx.losses.files.push((child(q, 'image')?.text ?? '').trim() || 'an image');
	// Moodle's combined feedback and hints: kept nowhere in Quire.
	for (const k of ['correctfeedback', 'partiallycorrectfeedback', 'incorrectfeedback'] as const) {
		const t = formatted(child(q, k), losses);
		if (t && !DEFAULT_COMBINED.has(t))
			ctx.lost.push(`the ${k.replace('feedback', '')} feedback "${clip(t)}"`);
	}
	const hints = children(q, 'hint').filter((h) => (textOf(h) ?? '').trim() !== '');
	if (hints.length > 0) ctx.lost.push(plural(hints.length, 'hint'));

	const common: Omit<Draft, 'type'> = {
		topic: meta?.topic ?? topic,
		difficulty: meta?.difficulty,
		paragraph: meta?.paragraph,
		source: meta?.source,
		voice: meta?.voice,
		level: meta?.level,
		sources: meta?.sources,
		explanation: explanation || undefined
	};
	const tags = children(child(q, 'tags'), 'tag')
		.map((t) => (textOf(t) ?? '').trim())
		.filter(Boolean);
	if (tags.length > 0) common.tags = [...new Set(tags.map((t) => slugify(t, 'tag')))];
	if (!common.explanation) {
		const right = ctx.feedback.find((f) => f.right && f.text);
		if (right) common.explanation = right.text;
	}
	const dropped = ctx.feedback.filter((f) => f.text && f.text !== common.explanation);
	if (dropped.length > 0)
		ctx.lost.push(
			`feedback on individual answers (${dropped.map((f) => `"${clip(f.text)}"`).join(', ')})`
		);
	for (const k in common) if (common[k] !== undefined && !(k in draft)) draft[k] = common[k];
	const idnumber = (child(q, 'idnumber')?.text ?? '').trim();
	if (/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(idnumber)) draft.id = idnumber;

	const html = htmlLosses(losses);
	if (html) c.warn(line, `${type} question ${called}: ${html}`);
	if (losses.files.length > 0)
		c.warn(
			line,
			`${type} question ${called}: ${plural(losses.files.length, 'file')} not kept (${losses.files.join(', ')}): Quire keeps no pictures or sounds yet`
		);
	if (ctx.lost.length > 0)
		c.warn(line, `${type} question ${called}: not kept: ${ctx.lost.join('; ')}`);
	c.add(draft, line, name || undefined);
}

/** The combined feedback Moodle fills in by itself; not worth naming as lost. */
const DEFAULT_COMBINED = new Set([
	'Your answer is correct.',
	'Your answer is partially correct.',
	'Your answer is incorrect.'
]);

interface Ctx {
	c: Collector;
	q: XmlElement;
	line: number;
	meta: XmlMeta | null;
	losses: Losses;
	/** Feedback met on individual answers; the right answer's may become the explanation. */
	feedback: { text: string; right: boolean }[];
	/** What Quire cannot hold, named in one warning. */
	lost: string[];
}

type Reader = (prompt: string, ctx: Ctx) => Draft | null;

function noteFeedback(list: Answer[], ctx: Ctx, right: (a: Answer) => boolean): void {
	for (const a of list) ctx.feedback.push({ text: a.feedback, right: right(a) });
}

const READERS: Record<string, Reader> = {
	multichoice(prompt, ctx) {
		const { c, q } = ctx;
		const list = answers(q, ctx.losses);
		if (list.some((a) => Number.isNaN(a.fraction))) {
			c.error(ctx.line, "an answer's fraction is not a number; question skipped");
			return null;
		}
		if (list.length < 2) {
			c.error(ctx.line, 'a multiple-choice question needs at least 2 answers; question skipped');
			return null;
		}
		const single = (child(q, 'single')?.text ?? 'true').trim().toLowerCase();
		const isSingle = single === 'true' || single === '1';
		noteFeedback(list, ctx, (a) => a.fraction > 0);
		const choices = list.map((a) => a.text);
		if (isSingle) {
			const right = list.filter((a) => a.fraction >= 100);
			if (right.length === 0) {
				c.error(ctx.line, 'no answer is fully right (100%); question skipped');
				return null;
			}
			const partial = list.filter((a) => a.fraction > 0 && a !== right[0]);
			if (partial.length > 0)
				ctx.lost.push(
					`partial credit (${partial.map((a) => `"${clip(a.text, 30)}" ${percent(a.fraction)}`).join(', ')} count as wrong)`
				);
			return { type: 'single', prompt, choices, answer: right[0]?.text };
		}
		const right = list.filter((a) => a.fraction > 0);
		if (right.length === 0) {
			c.error(ctx.line, 'no answer has a positive fraction; question skipped');
			return null;
		}
		// Quire gives each of the n right choices 1/n and takes 1/n for each wrong one.
		const share = 100 / right.length;
		const near = (x: number, y: number) => Math.abs(x - y) < 0.01;
		const differs = list.filter((a) =>
			a.fraction > 0 ? !near(a.fraction, share) : !near(a.fraction, -share)
		);
		if (differs.length > 0 && ctx.meta?.type !== 'multi')
			ctx.lost.push(
				`the weights ${list.map((a) => percent(a.fraction)).join(', ')} (Quire gives each of the ${right.length} right choices ${percent(share)} and takes ${percent(share)} for each wrong one)`
			);
		return { type: 'multi', prompt, choices, answers: right.map((a) => a.text) };
	},

	truefalse(prompt, ctx) {
		const list = answers(ctx.q, ctx.losses);
		const t = list.find((a) => a.text.toLowerCase() === 'true');
		const f = list.find((a) => a.text.toLowerCase() === 'false');
		if (!t || !f) {
			ctx.c.error(
				ctx.line,
				'a true/false question needs the answers "true" and "false"; question skipped'
			);
			return null;
		}
		const answer = t.fraction >= f.fraction;
		noteFeedback([t, f], ctx, (a) => a === (answer ? t : f));
		return { type: 'truefalse', prompt, answer };
	},

	shortanswer(prompt, ctx) {
		const { c, meta } = ctx;
		const list = answers(ctx.q, ctx.losses, 'plain_text');
		noteFeedback(list, ctx, (a) => a.fraction >= 100);
		const accepted = list.filter((a) => a.fraction >= 100).map((a) => a.text);
		const partial = list.filter((a) => a.fraction > 0 && a.fraction < 100);
		if (partial.length > 0)
			ctx.lost.push(
				`partial credit (${partial.map((a) => `"${clip(a.text, 30)}" ${percent(a.fraction)}`).join(', ')} not accepted)`
			);
		if (accepted.length === 0) {
			c.error(ctx.line, 'no answer is fully right (100%); question skipped');
			return null;
		}
		const wild = accepted.filter((a) => a.includes('*'));
		if (wild.length > 0)
			ctx.lost.push(
				`the wildcard * in ${wild.map((a) => `"${clip(a, 30)}"`).join(', ')} (Quire matches it as written)`
			);
		if ((child(ctx.q, 'usecase')?.text ?? '0').trim() === '1')
			ctx.lost.push('case sensitivity (Quire accepts any case)');
		if (meta?.type === 'flashcard') {
			if (accepted.length > 1)
				ctx.lost.push(`${plural(accepted.length - 1, 'other answer')} (a flashcard has one back)`);
			return {
				type: 'flashcard',
				front: prompt,
				back: accepted[0],
				...(meta.reverse !== undefined ? { reverse: meta.reverse } : {})
			};
		}
		return {
			type: 'short',
			prompt,
			answer: accepted[0],
			accept: accepted.slice(1),
			...(meta?.anyOrder ? { anyOrder: true } : {})
		};
	},

	numerical(prompt, ctx) {
		const { c } = ctx;
		const list = children(ctx.q, 'answer').map((a) => ({
			text: (textOf(a) ?? '').trim(),
			fraction: fraction(a),
			tolerance: (child(a, 'tolerance')?.text ?? '0').trim() || '0',
			feedback: formatted(child(a, 'feedback'), ctx.losses)
		}));
		for (const a of list) ctx.feedback.push({ text: a.feedback, right: a.fraction >= 100 });
		const best = list.find((a) => a.fraction >= 100 && a.text !== '*');
		if (!best) {
			c.error(ctx.line, 'no numeric answer is fully right (100%); question skipped');
			return null;
		}
		const answer = Number(best.text);
		const tolerance = Math.abs(Number(best.tolerance));
		if (best.text === '' || !Number.isFinite(answer) || !Number.isFinite(tolerance)) {
			c.error(ctx.line, `"${best.text}" ± "${best.tolerance}" is not a number; question skipped`);
			return null;
		}
		const others = list.filter((a) => a !== best && a.text !== '*');
		if (others.length > 0)
			ctx.lost.push(
				`${plural(others.length, 'other answer')} (${others.map((a) => `${a.text} ${percent(a.fraction)}`).join(', ')}): Quire keeps one number and tolerance`
			);
		const units = children(child(ctx.q, 'units'), 'unit').map((u) => ({
			name: (child(u, 'unit_name')?.text ?? '').trim(),
			multiplier: Number((child(u, 'multiplier')?.text ?? '1').trim())
		}));
		const base = units.find((u) => u.multiplier === 1 && u.name);
		const unit = ctx.meta?.unit ?? base?.name;
		const extra = units.filter((u) => u !== base && u.name);
		if (extra.length > 0)
			ctx.lost.push(`the units ${extra.map((u) => `"${u.name}" (×${u.multiplier})`).join(', ')}`);
		return { type: 'numeric', prompt, answer, tolerance, ...(unit ? { unit } : {}) };
	},

	matching(prompt, ctx) {
		const pairs: { left: string; right: string }[] = [];
		for (const s of children(ctx.q, 'subquestion')) {
			const left = formatted(s, ctx.losses, 'html');
			const right = (textOf(child(s, 'answer')) ?? '').trim();
			if (left === '' && right !== '') {
				ctx.lost.push(`the extra right-hand entry "${clip(right, 30)}"`);
				continue;
			}
			if (left === '' && right === '') continue;
			pairs.push({ left, right });
		}
		return { type: 'match', prompt, pairs };
	},

	ordering(prompt, ctx) {
		const list = children(ctx.q, 'answer').map((a, i) => ({
			text: formatted(a, ctx.losses, 'html'),
			order: Number.isFinite(fraction(a)) ? fraction(a) : i,
			i,
			feedback: formatted(child(a, 'feedback'), ctx.losses)
		}));
		list.sort((a, b) => a.order - b.order || a.i - b.i);
		for (const a of list) if (a.feedback) ctx.feedback.push({ text: a.feedback, right: false });
		const select = (child(ctx.q, 'selecttype')?.text ?? '').trim().toUpperCase();
		const count = Number((child(ctx.q, 'selectcount')?.text ?? '0').trim());
		if (select && select !== 'ALL' && select !== '0' && count > 0 && count < list.length)
			ctx.lost.push(`showing ${count} of the ${list.length} entries (Quire shows them all)`);
		const grading = (child(ctx.q, 'gradingtype')?.text ?? '').trim();
		if (grading !== '')
			ctx.lost.push(
				`the ordering grading type "${grading}" (Quire gives credit for each pair of entries in the right order)`
			);
		return { type: 'order', prompt, items: list.map((a) => a.text) };
	},

	/** Moodle's embedded answers ("cloze"): read when every blank is a short answer. */
	cloze(text, ctx) {
		const { c } = ctx;
		const parts = readEmbedded(text);
		if ('error' in parts) {
			c.warn(ctx.line, `embedded answers (cloze) question skipped: ${parts.error}`);
			return null;
		}
		for (const b of parts.blanks) {
			for (const f of b.feedback) ctx.feedback.push({ text: f.text, right: f.right });
			if (b.partial.length > 0)
				ctx.lost.push(`partial credit (${b.partial.join(', ')} not accepted)`);
		}
		return {
			type: 'cloze',
			prompt: ctx.meta?.prompt ?? defaultClozePrompt(parts.text),
			text: parts.text,
			...(ctx.meta?.anyOrder ? { anyOrder: true } : {})
		};
	}
};

interface Embedded {
	text: string;
	blanks: { partial: string[]; feedback: { text: string; right: boolean }[] }[];
}

/** The blank syntax {1:SHORTANSWER:=a#feedback~%50%b} (also SA, MW, SHORTANSWER_C). */
const EMBEDDED = /\{(\d*):([A-Z_]+):((?:\\.|[^\\}])*)\}/g;

function unescapeEmbedded(s: string): string {
	return s.replace(/\\(.)/g, '$1');
}

/** Splits at an unescaped separator. */
function splitEscaped(s: string, sep: string): string[] {
	const out: string[] = [];
	let cur = '';
	for (let i = 0; i < s.length; i++) {
		const ch = s[i] as string;
		if (ch === '\\' && i + 1 < s.length) {
			cur += ch + (s[i + 1] as string);
			i++;
		} else if (ch === sep) {
			out.push(cur);
			cur = '';
		} else cur += ch;
	}
	out.push(cur);
	return out;
}

function readEmbedded(text: string): Embedded | { error: string } {
	const blanks: Embedded['blanks'] = [];
	let error: string | null = null;
	const out = text.replace(EMBEDDED, (whole, _w: string, type: string, body: string) => {
		if (error) return whole;
		if (!/^(SHORTANSWER|SA|MW|SHORTANSWER_C|SAC|MWC)$/.test(type)) {
			error = `its ${type.toLowerCase()} blank ${clip(whole, 40)} is not one Quire holds (Quire reads short-answer blanks only)`;
			return whole;
		}
		const accepted: string[] = [];
		const partial: string[] = [];
		const feedback: { text: string; right: boolean }[] = [];
		for (const raw of splitEscaped(body, '~')) {
			const m = /^(=|%(-?\d+(?:\.\d+)?)%)?/.exec(raw);
			const weight = m?.[1] === '=' ? 100 : m?.[2] !== undefined ? Number(m[2]) : 0;
			const [answer = '', fb = ''] = splitEscaped(raw.slice(m?.[0].length ?? 0), '#');
			const a = unescapeEmbedded(answer).trim();
			const f = unescapeEmbedded(fb).trim();
			if (f) feedback.push({ text: f, right: weight >= 100 });
			if (a === '*') continue;
			if (weight >= 100) accepted.push(a);
			else if (weight > 0) partial.push(`"${clip(a, 30)}" ${percent(weight)}`);
		}
		if (accepted.length === 0 || accepted.some((a) => a === '' || /[{}|]/.test(a))) {
			error = `the blank ${clip(whole, 40)} has no fully right answer Quire can hold (not empty, no | { })`;
			return whole;
		}
		blanks.push({ partial, feedback });
		return `{{${accepted.join('|')}}}`;
	});
	if (error) return { error };
	if (blanks.length === 0) return { error: 'it has no blanks {1:SHORTANSWER:=answer}' };
	return { text: out, blanks };
}

// ---------------------------------------------------------------- writing

export interface MoodleXmlOptions {
	/** The category every topic is put in, e.g. the set's title (default: the set's title). */
	category?: string;
}

/** Moodle's grades: a multiple select's right answers share 100% in one of these steps. */
const SHARES: Record<number, string> = {
	1: '100',
	2: '50',
	3: '33.33333',
	4: '25',
	5: '20',
	6: '16.66667',
	7: '14.28571',
	8: '12.5',
	9: '11.11111',
	10: '10'
};

function el(name: string, text: string, attrs = ''): string {
	return `<${name}${attrs}>${escapeXml(text)}</${name}>`;
}

function textEl(name: string, text: string, attrs = ' format="plain_text"'): string {
	return `<${name}${attrs}><text>${escapeXml(text)}</text></${name}>`;
}

/** A category path segment: "/" in a name is written "//", as Moodle does. */
function segment(name: string): string {
	return (
		name
			.replace(/[\r\n]+/g, ' ')
			.replace(/\//g, '//')
			.trim() || 'Quire'
	);
}

/** A short answer inside an embedded-answers blank, with Moodle's escapes. */
function embeddedAnswer(a: string): string {
	return a.replace(/[\\}~#/"]/g, '\\$&');
}

/**
 * Writes items and flashcards as Moodle XML that Moodle imports: texts as plain text, one
 * category per topic, the name (else id) as the question's name and the id as its ID number, the
 * explanation as general feedback, tags as tags.
 */
export function toMoodleXml(set: ExportSet, options: MoodleXmlOptions = {}): ExportResult {
	const warnings: string[] = [];
	const root = segment(options.category ?? set.title ?? 'Quire');
	const out: string[] = [
		'<?xml version="1.0" encoding="UTF-8"?>',
		`<!-- Quire question set: ${plural(set.items.length, 'question')}, ${plural(set.flashcards.length, 'flashcard')}. Import into Moodle as Moodle XML. The "quire:" comments let Quire import this file back unchanged. -->`,
		'<quiz>'
	];
	let topic: string | null = null;
	const entries = [
		...set.items,
		...set.flashcards.map((f) => ({ ...f, type: 'flashcard' as const }))
	];
	for (const e of entries) {
		if (e.topic !== topic) {
			topic = e.topic;
			const title = set.topics?.find((t) => t.id === topic)?.title ?? topic;
			out.push(
				'  <question type="category">',
				`    ${metaComment({ topic, title })}`,
				`    <category><text>${escapeXml(`$course$/top/${root}/${segment(title)}`)}</text></category>`,
				'  </question>'
			);
		}
		const say = (message: string) => warnings.push(`${e.id}: ${message}`);
		const meta: XmlMeta = { type: e.type, topic: e.topic, difficulty: e.difficulty };
		if (e.paragraph !== undefined) meta.paragraph = e.paragraph;
		if (e.source !== undefined) meta.source = e.source;
		if ('voice' in e && e.voice !== undefined) meta.voice = e.voice;
		if (e.level !== undefined) meta.level = e.level;
		if (e.sources !== undefined) meta.sources = e.sources;
		const name = 'name' in e && e.name ? e.name : e.id;
		let type: string;
		let prompt: string;
		const body: string[] = [];
		const answer = (text: string, fraction: string, format = ' format="plain_text"') =>
			`    <answer fraction="${fraction}"${format}><text>${escapeXml(text)}</text><feedback format="plain_text"><text></text></feedback></answer>`;
		const wildcard = (a: string) => {
			if (a.includes('*')) say(`Moodle reads * in the answer "${a}" as a wildcard`);
		};
		switch (e.type) {
			case 'single':
			case 'multi': {
				type = 'multichoice';
				prompt = e.prompt;
				const rights = e.type === 'single' ? [e.answer] : e.answers;
				const share = SHARES[rights.length];
				if (!share)
					say(
						`Moodle has no grade of 1/${rights.length}; the right answers get ${percent(100 / rights.length)}, which Moodle refuses`
					);
				const w = share ?? String(Number((100 / rights.length).toFixed(5)));
				body.push(
					`    <single>${e.type === 'single' ? 'true' : 'false'}</single>`,
					'    <shuffleanswers>true</shuffleanswers>',
					'    <answernumbering>abc</answernumbering>',
					...e.choices.map((ch) =>
						answer(ch, rights.includes(ch) ? w : e.type === 'single' ? '0' : `-${w}`)
					)
				);
				break;
			}
			case 'truefalse':
				type = 'truefalse';
				prompt = e.prompt;
				body.push(
					answer('true', e.answer ? '100' : '0', ' format="moodle_auto_format"'),
					answer('false', e.answer ? '0' : '100', ' format="moodle_auto_format"')
				);
				break;
			case 'short':
				type = 'shortanswer';
				prompt = e.prompt;
				if (e.anyOrder) meta.anyOrder = true;
				body.push('    <usecase>0</usecase>');
				for (const a of [e.answer, ...e.accept]) {
					wildcard(a);
					body.push(answer(a, '100', ''));
				}
				break;
			case 'flashcard':
				type = 'shortanswer';
				prompt = e.front;
				if (e.reverse) meta.reverse = true;
				wildcard(e.back);
				body.push('    <usecase>0</usecase>', answer(e.back, '100', ''));
				break;
			case 'numeric':
				type = 'numerical';
				prompt = e.prompt;
				body.push(
					`    <answer fraction="100"><text>${e.answer}</text><tolerance>${e.tolerance}</tolerance><feedback format="plain_text"><text></text></feedback></answer>`
				);
				if (e.unit !== undefined) {
					meta.unit = e.unit;
					body.push(
						`    <units><unit><multiplier>1</multiplier>${el('unit_name', e.unit)}</unit></units>`,
						'    <unitgradingtype>0</unitgradingtype>',
						'    <unitpenalty>0.1000000</unitpenalty>',
						'    <showunits>1</showunits>',
						'    <unitsleft>0</unitsleft>'
					);
				}
				break;
			case 'cloze': {
				type = 'cloze';
				if (e.prompt !== defaultClozePrompt(e.text)) meta.prompt = e.prompt;
				if (e.anyOrder) meta.anyOrder = true;
				prompt = parseCloze(e.text)
					.parts.map((p) =>
						p.kind === 'text'
							? p.text
							: `{1:SHORTANSWER:${p.answers.map((a) => `%100%${embeddedAnswer(a)}`).join('~')}}`
					)
					.join('');
				break;
			}
			case 'order':
				type = 'ordering';
				prompt = e.prompt;
				body.push(
					'    <layouttype>VERTICAL</layouttype>',
					'    <selecttype>ALL</selecttype>',
					'    <selectcount>0</selectcount>',
					...e.items.map((item, i) => answer(item, String(i + 1)))
				);
				break;
			case 'match':
				type = 'matching';
				prompt = e.prompt;
				body.push(
					'    <shuffleanswers>true</shuffleanswers>',
					...e.pairs.map(
						(p) =>
							`    <subquestion format="plain_text"><text>${escapeXml(p.left)}</text><answer><text>${escapeXml(p.right)}</text></answer></subquestion>`
					)
				);
				break;
		}
		const tags = e.tags ?? [];
		out.push(
			`  <question type="${type}">`,
			`    ${metaComment(meta)}`,
			`    <name><text>${escapeXml(name)}</text></name>`,
			`    ${textEl('questiontext', prompt)}`,
			`    ${textEl('generalfeedback', e.explanation ?? '')}`,
			'    <defaultgrade>1</defaultgrade>',
			'    <penalty>0.3333333</penalty>',
			'    <hidden>0</hidden>',
			`    ${el('idnumber', e.id)}`,
			...body,
			...(tags.length > 0
				? [
						`    <tags>${tags.map((t) => `<tag><text>${escapeXml(t)}</text></tag>`).join('')}</tags>`
					]
				: []),
			'  </question>'
		);
	}
	out.push('</quiz>', '');
	return { text: out.join('\n'), warnings };
}
