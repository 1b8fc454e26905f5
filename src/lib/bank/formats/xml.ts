/**
 * XML read into a small tree with the line of every element, with htmlparser2 in XML mode (the
 * parser the importers already load for HTML; it runs in Node, a worker and a page alike, with no
 * DOM). Nothing of a DTD is processed: a `<!DOCTYPE …>` is refused, entities other than XML's five
 * and character references are never expanded, so no external entity is fetched and no entity
 * grows the input. An element left open, a file cut off, text outside the root or nesting past
 * `MAX_DEPTH` is an error with its line.
 */
import { Parser } from 'htmlparser2';
import { LineIndex } from './text.ts';

export interface XmlElement {
	name: string;
	attrs: Record<string, string>;
	children: XmlElement[];
	/** The element's own text (CDATA included), not its children's. */
	text: string;
	/** How many characters of text the element held, kept also where `text` is not (`bulk`). */
	textLength: number;
	/** 1-based line of the start tag. */
	line: number;
	/** Comments directly inside the element, in order. */
	comments: string[];
}

export type XmlResult =
	{ ok: true; root: XmlElement } | { ok: false; line: number; message: string };

/** Deeper than this is no Moodle question file (a question nests about 5 levels). */
export const MAX_DEPTH = 64;

export interface XmlOptions {
	/** Elements whose text is only counted, not kept (base64 files of several megabytes). */
	bulk?: ReadonlySet<string>;
}

/** Reads XML text into a tree; never throws on bad input. */
export function parseXml(text: string, options: XmlOptions = {}): XmlResult {
	const lines = new LineIndex(text);
	const bulk = options.bulk ?? new Set<string>();
	const doc: XmlElement = {
		name: '#document',
		attrs: {},
		children: [],
		text: '',
		textLength: 0,
		line: 1,
		comments: []
	};
	const stack: XmlElement[] = [doc];
	let failure: { line: number; message: string } | null = null;
	let parser: Parser | null = null;
	let ending = false;
	const at = () => lines.line(parser?.startIndex ?? 0);
	const fail = (line: number, message: string) => {
		if (!failure) failure = { line, message };
		parser?.pause();
	};
	parser = new Parser(
		{
			onopentag(name, attrs) {
				if (failure) return;
				const parent = stack[stack.length - 1] as XmlElement;
				if (parent === doc && doc.children.length > 0)
					return fail(at(), `a second root element <${name}>: an XML file has one`);
				if (stack.length > MAX_DEPTH)
					return fail(at(), `elements nested more than ${MAX_DEPTH} deep`);
				const el: XmlElement = {
					name,
					attrs,
					children: [],
					text: '',
					textLength: 0,
					line: at(),
					comments: []
				};
				parent.children.push(el);
				stack.push(el);
			},
			ontext(data) {
				if (failure) return;
				const el = stack[stack.length - 1] as XmlElement;
				if (el === doc) {
					if (data.trim() !== '') fail(at(), 'text outside the root element');
					return;
				}
				el.textLength += data.length;
				if (!bulk.has(el.name)) el.text += data;
			},
			oncomment(data) {
				if (failure) return;
				(stack[stack.length - 1] as XmlElement).comments.push(data);
			},
			onclosetag(name, implied) {
				if (failure) return;
				const el = stack[stack.length - 1] as XmlElement;
				// htmlparser2 calls a self-closing element's end "implied" too: told by its "/>".
				const end = parser?.endIndex ?? 0;
				const selfClosing = !ending && text.slice(end - 1, end + 1) === '/>';
				if ((implied && !selfClosing) || el.name !== name) {
					return ending
						? fail(
								lines.line(text.length),
								`<${el.name}> (line ${el.line}) is not closed: the file ends first (was it cut off?)`
							)
						: fail(
								at(),
								`<${el.name}> (line ${el.line}) is closed by the end tag of another element`
							);
				}
				stack.pop();
			},
			onprocessinginstruction(name) {
				if (failure) return;
				if (name.toLowerCase() === '!doctype')
					fail(
						at(),
						'the file declares a DTD (<!DOCTYPE …>); Quire reads no DTD and expands no entities, so it reads no such file'
					);
			}
		},
		{ xmlMode: true, decodeEntities: true }
	);
	parser.write(text);
	ending = true;
	if (!failure) parser.end();
	if (failure) return { ok: false, ...(failure as { line: number; message: string }) };
	const root = doc.children[0];
	if (!root) return { ok: false, line: 1, message: 'no XML element in the file' };
	return { ok: true, root };
}

/** The first child element named `name`. */
export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
	return el?.children.find((c) => c.name === name);
}

/** Every child element named `name`. */
export function children(el: XmlElement | undefined, name: string): XmlElement[] {
	return el ? el.children.filter((c) => c.name === name) : [];
}

/** Every element below `el` (itself excluded), depth first. */
export function descendants(el: XmlElement): XmlElement[] {
	const out: XmlElement[] = [];
	const todo = [...el.children].reverse();
	while (todo.length > 0) {
		const next = todo.pop() as XmlElement;
		out.push(next);
		for (let i = next.children.length - 1; i >= 0; i--) todo.push(next.children[i] as XmlElement);
	}
	return out;
}

/** Escapes text for an XML element or attribute; characters XML 1.0 cannot hold become U+FFFD. */
export function escapeXml(text: string): string {
	return (
		text
			// eslint-disable-next-line no-control-regex -- the characters XML 1.0 cannot hold
			.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\uFFFD')
			.replace(/[&<>"\r]/g, (ch) =>
				ch === '&'
					? '&amp;'
					: ch === '<'
						? '&lt;'
						: ch === '>'
							? '&gt;'
							: ch === '"'
								? '&quot;'
								: '&#13;'
			)
	);
}
