/**
 * Maths in an entry's text: TeX between `\( … \)` (inline), `\[ … \]` or `$$ … $$` (display).
 * The TeX stays in the text (it is what the editor edits and what GIFT and Moodle export write
 * back); the MathML it was converted to when the entry was saved or imported is kept beside it,
 * in the entry's optional `math` map (TeX segment, delimiters included → MathML). Study pages
 * render that map and never load the converter (`./tex.ts`).
 *
 * Everything in the map is read from IndexedDB or a file and may be hostile, so MathML is never
 * put in the page as markup: `sanitiseMathml` reads it with a small strict XML reader into a tree
 * of MathML Core elements and attributes from an allowlist (no links, no event handlers, no
 * styles, no foreign elements), and the page builds DOM nodes from that tree. Pure TypeScript,
 * no DOM.
 */
import * as v from 'valibot';

/** A run of plain text, or one TeX segment (`source` with its delimiters, `tex` without). */
export type Segment =
	{ kind: 'text'; text: string } | { kind: 'math'; source: string; tex: string; display: boolean };

const DELIMITED = /\\\(([\s\S]+?)\\\)|\\\[([\s\S]+?)\\\]|\$\$([\s\S]+?)\$\$/g;

/** True when a text holds at least one TeX segment. */
export function hasTex(text: string): boolean {
	DELIMITED.lastIndex = 0;
	const found = DELIMITED.test(text);
	DELIMITED.lastIndex = 0;
	return found;
}

/**
 * Splits a text into plain runs and TeX segments. An opening delimiter with no closing one, or
 * with only blanks inside, stays plain text.
 */
export function splitMath(text: string): Segment[] {
	const out: Segment[] = [];
	let last = 0;
	for (const m of text.matchAll(DELIMITED)) {
		const tex = (m[1] ?? m[2] ?? m[3] ?? '').trim();
		if (tex === '') continue;
		if (m.index > last) out.push({ kind: 'text', text: text.slice(last, m.index) });
		out.push({ kind: 'math', source: m[0], tex, display: m[1] === undefined });
		last = m.index + m[0].length;
	}
	if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
	return out;
}

/** Every TeX segment in some texts, each source once, in order of first appearance. */
export function texSegments(texts: readonly string[]): Extract<Segment, { kind: 'math' }>[] {
	const seen = new Set<string>();
	const out: Extract<Segment, { kind: 'math' }>[] = [];
	for (const text of texts)
		for (const s of splitMath(text))
			if (s.kind === 'math' && !seen.has(s.source)) {
				seen.add(s.source);
				out.push(s);
			}
	return out;
}

/**
 * The text fields of an entry (any item type or flashcard), or of the editor's form for one, that
 * may hold TeX.
 */
export function entryTexts(entry: Record<string, unknown>): string[] {
	const out: string[] = [];
	const add = (x: unknown) => {
		if (typeof x === 'string') out.push(x);
		else if (Array.isArray(x)) x.forEach(add);
		else if (x && typeof x === 'object') {
			// A match pair, or an editor form's choice row.
			const o = x as { left?: unknown; right?: unknown; text?: unknown };
			add(o.left);
			if (typeof o.right === 'string') add(o.right);
			add(o.text);
		}
	};
	for (const key of [
		'prompt',
		'text',
		'choices',
		'answer',
		'answers',
		'accept',
		'items',
		'steps',
		'pairs',
		'explanation',
		'front',
		'back'
	])
		add(entry[key]);
	return out;
}

/** Longest TeX segment kept in a map, in characters. */
export const MAX_TEX = 4000;
/** Longest MathML of one segment, in characters. */
export const MAX_MATHML = 64 * 1024;
/** Most segments one entry's map holds. */
export const MAX_FORMULAS = 100;

/** An entry's maths: each TeX segment (delimiters included) → its MathML (`<math>…</math>`). */
export const MathMap = v.pipe(
	v.record(
		v.pipe(v.string(), v.minLength(5), v.maxLength(MAX_TEX)),
		v.pipe(v.string(), v.startsWith('<math'), v.maxLength(MAX_MATHML))
	),
	v.check((m) => Object.keys(m).length <= MAX_FORMULAS, `at most ${MAX_FORMULAS} formulas`)
);
export type MathMapT = v.InferOutput<typeof MathMap>;

/** A MathML element after sanitising: only allowlisted names and attributes. */
export interface MathNode {
	name: string;
	attrs: Record<string, string>;
	children: (MathNode | string)[];
}

/** The MathML Core elements rendered (and `menclose`, which the converter writes for `\cancel`). */
export const MATH_ELEMENTS: ReadonlySet<string> = new Set([
	'math',
	'merror',
	'mfrac',
	'mi',
	'mmultiscripts',
	'mn',
	'mo',
	'mover',
	'mpadded',
	'mphantom',
	'mprescripts',
	'none',
	'mroot',
	'mrow',
	'ms',
	'mspace',
	'msqrt',
	'mstyle',
	'msub',
	'msubsup',
	'msup',
	'mtable',
	'mtd',
	'mtext',
	'mtr',
	'munder',
	'munderover',
	'menclose',
	'semantics'
]);

/** Attributes kept, each with the values it may take. Every other attribute is dropped. */
const LENGTH = /^-?[0-9.]+(?:em|ex|px|pt|%|mu)?$|^-?(?:thin|medium|thick)$|^0$/;
const WORD = /^[a-z-]{1,40}$/i;
const WORDS = /^[a-z -]{1,120}$/i;
const BOOL = /^(?:true|false)$/;
const COLOR = /^(?:#[0-9a-f]{3,8}|[a-z]{3,20}|rgba?\([0-9., %]{5,40}\))$/i;
const INT = /^[0-9]{1,3}$/;
const ATTRIBUTES: Record<string, RegExp> = {
	display: /^(?:block|inline)$/,
	dir: /^(?:ltr|rtl)$/,
	displaystyle: BOOL,
	scriptlevel: /^[+-]?[0-9]$/,
	mathvariant: WORD,
	mathsize: LENGTH,
	mathcolor: COLOR,
	mathbackground: COLOR,
	form: /^(?:prefix|infix|postfix)$/,
	fence: BOOL,
	separator: BOOL,
	stretchy: BOOL,
	symmetric: BOOL,
	largeop: BOOL,
	movablelimits: BOOL,
	accent: BOOL,
	accentunder: BOOL,
	lspace: LENGTH,
	rspace: LENGTH,
	minsize: LENGTH,
	maxsize: LENGTH,
	linethickness: LENGTH,
	width: LENGTH,
	height: LENGTH,
	depth: LENGTH,
	voffset: LENGTH,
	columnspan: INT,
	rowspan: INT,
	columnalign: WORDS,
	rowalign: WORDS,
	notation: WORDS
};

/** Deeper than this is no formula a person typed. */
const MAX_DEPTH = 64;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string | null {
	let bad = false;
	const out = text.replace(/&([^;\s&]{1,12});|&/g, (whole, name: string | undefined) => {
		if (name === undefined) return ((bad = true), '');
		if (name in ENTITIES) return ENTITIES[name] ?? '';
		const num = /^#x([0-9a-f]{1,6})$/i.exec(name) ?? /^#([0-9]{1,7})$/.exec(name);
		if (!num) return ((bad = true), '');
		const code = parseInt(num[1] ?? '', name[1] === 'x' || name[1] === 'X' ? 16 : 10);
		if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
			return ((bad = true), '');
		return String.fromCodePoint(code);
	});
	return bad ? null : out;
}

const TAG =
	/<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[a-zA-Z_:][a-zA-Z0-9_:.-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/y;
const ATTR = /([a-zA-Z_:][a-zA-Z0-9_:.-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/g;

/**
 * Reads stored MathML into a tree of allowed elements and attributes; null when it is not one
 * well-formed `<math>` element (comments, CDATA, processing instructions and DOCTYPEs are refused
 * whole). Elements off the allowlist are dropped with everything inside them; attributes off it,
 * or with a value it does not allow, are dropped. The root gets `alttext` when given.
 */
export function sanitiseMathml(mathml: string, alttext?: string): MathNode | null {
	if (mathml.length > MAX_MATHML) return null;
	const root: MathNode = { name: '#root', attrs: {}, children: [] };
	const stack: { node: MathNode; keep: boolean }[] = [{ node: root, keep: true }];
	let i = 0;
	while (i < mathml.length) {
		const lt = mathml.indexOf('<', i);
		const end = lt === -1 ? mathml.length : lt;
		if (end > i) {
			const text = decode(mathml.slice(i, end));
			if (text === null) return null;
			const top = stack[stack.length - 1];
			if (!top) return null;
			if (top.node === root) {
				if (text.trim() !== '') return null;
			} else if (top.keep) top.node.children.push(text);
		}
		if (lt === -1) break;
		TAG.lastIndex = lt;
		const m = TAG.exec(mathml);
		if (!m) return null;
		i = TAG.lastIndex;
		const [, closing, rawName = '', attrText = '', selfClosing] = m;
		const name = rawName.toLowerCase();
		if (closing) {
			if (attrText !== '' || selfClosing) return null;
			const top = stack.pop();
			if (!top || top.node.name !== name || stack.length === 0) return null;
			continue;
		}
		const parent = stack[stack.length - 1];
		if (!parent) return null;
		if (parent.node === root && (name !== 'math' || root.children.length > 0)) return null;
		const keep =
			parent.keep && MATH_ELEMENTS.has(name) && (name !== 'math' || parent.node === root);
		const node: MathNode = { name, attrs: {}, children: [] };
		if (keep) {
			for (const a of attrText.matchAll(ATTR)) {
				const attr = (a[1] ?? '').toLowerCase();
				const value = decode(a[2] ?? a[3] ?? '');
				const rule = ATTRIBUTES[attr];
				if (value !== null && rule && rule.test(value.trim())) node.attrs[attr] = value.trim();
				// The converter writes `\color` as a style: keep its colour, as MathML's own attribute.
				const color =
					attr === 'style' && value
						? /(?:^|;)\s*color\s*:\s*(#[0-9a-f]{3,8})\s*(?:;|$)/i.exec(value)
						: null;
				if (color?.[1]) node.attrs.mathcolor = color[1];
			}
			parent.node.children.push(node);
		}
		if (!selfClosing) {
			if (stack.length > MAX_DEPTH) return null;
			stack.push({ node, keep });
		}
	}
	if (stack.length !== 1) return null;
	const math = root.children[0];
	if (!math || typeof math === 'string') return null;
	if (alttext !== undefined) math.attrs.alttext = alttext.slice(0, MAX_TEX);
	return math;
}

const escapeText = (s: string) =>
	s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Writes a sanitised tree back as MathML text (what the map stores). */
export function serialiseMath(node: MathNode): string {
	const attrs = Object.entries(node.attrs)
		.filter(([k]) => k !== 'alttext')
		.map(([k, val]) => ` ${k}="${escapeText(val).replace(/"/g, '&quot;')}"`)
		.join('');
	const inner = node.children
		.map((c) => (typeof c === 'string' ? escapeText(c) : serialiseMath(c)))
		.join('');
	return `<${node.name}${attrs}>${inner}</${node.name}>`;
}

/** The `math` map of an entry, when it has a valid one; anything else reads as none. */
export function mathOf(entry: object): MathMapT | undefined {
	if (!('math' in entry)) return undefined;
	const parsed = v.safeParse(MathMap, entry.math);
	return parsed.success ? parsed.output : undefined;
}
