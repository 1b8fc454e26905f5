/** Small text helpers shared by the parsers: ids, line numbers, sizes and HTML reduced to text. */

import { decodeHTML } from 'entities';
import { Parser } from 'htmlparser2';
import { groupDigits } from '../digits.ts';

/** A kebab-case id made from any text ("Grant's tomb, Q1" -> "grants-tomb-q1"), at most 60 chars. */
export function slugify(text: string, fallback = 'item'): string {
	const words = text
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/['’]/g, '')
		.split(/[^a-z0-9]+/)
		.filter(Boolean);
	let slug = '';
	for (const w of words) {
		const next = slug ? `${slug}-${w}` : w;
		if (next.length > 60) break;
		slug = next;
	}
	if (!slug && words[0]) slug = words[0].slice(0, 60);
	return slug || fallback;
}

/** Maps offsets in a text to 1-based line numbers (\n, \r\n and lone \r end lines). */
export class LineIndex {
	private starts: number[] = [0];

	constructor(text: string) {
		for (let i = 0; i < text.length; i++) {
			const c = text.charCodeAt(i);
			if (c === 10) this.starts.push(i + 1);
			else if (c === 13) {
				if (text.charCodeAt(i + 1) === 10) i++;
				this.starts.push(i + 1);
			}
		}
	}

	/** The line holding offset. */
	line(offset: number): number {
		let lo = 0;
		let hi = this.starts.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if ((this.starts[mid] ?? 0) <= offset) lo = mid;
			else hi = mid - 1;
		}
		return lo + 1;
	}
}

/** Splits text into lines on \n, \r\n or \r. */
export function splitLines(text: string): string[] {
	return text.split(/\r\n|\n|\r/);
}

/** UTF-8 size of a string, without allocating its bytes. */
export function utf8Bytes(s: string): number {
	let n = 0;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c < 0x80) n += 1;
		else if (c < 0x800) n += 2;
		else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
			n += 4;
			i++;
		} else n += 3;
	}
	return n;
}

/** "1.5 MB", "820 KB", "12 bytes" (1 MB = 1024 × 1024 bytes). */
export function formatBytes(bytes: number): string {
	if (bytes >= 1024 * 1024) return `${trimNumber(bytes / (1024 * 1024))} MB`;
	if (bytes >= 1024) return `${trimNumber(bytes / 1024)} KB`;
	return `${bytes} byte${bytes === 1 ? '' : 's'}`;
}

function trimNumber(n: number): string {
	return String(Math.round(n * 10) / 10);
}

/** "1 item", "3 items". */
export function plural(n: number, word: string, many = `${word}s`): string {
	return `${groupDigits(n)} ${n === 1 ? word : many}`;
}

/** Decodes character references (&amp;, &#233;, &eacute;, every HTML named one); others stay as written. */
export function decodeEntities(text: string): string {
	return text.includes('&') ? decodeHTML(text) : text;
}

/** What reducing HTML to text removed or changed. */
export interface HtmlLosses {
	/** How many images (<img>) were removed. */
	images: number;
	/** How many of them kept their alt text, as `[image: alt]`. */
	alts: number;
	/** How many links were written as "text (address)". */
	links: number;
	/** Audio, video, embedded frames and objects removed, by element name. */
	media: string[];
}

/** HTML reduced to plain text, and what was dropped or changed on the way. */
export interface HtmlText extends HtmlLosses {
	text: string;
}

/** Elements whose content is never text a reader sees. */
const HIDDEN = new Set(['script', 'style', 'template', 'head', 'title']);
/** Media a text question cannot carry; named when dropped. */
const MEDIA = new Set(['audio', 'video', 'iframe', 'object', 'embed', 'svg', 'math', 'canvas']);
/** Elements that end a line. */
const BLOCK = new Set([
	'p',
	'div',
	'li',
	'h1',
	'h2',
	'h3',
	'h4',
	'h5',
	'h6',
	'tr',
	'blockquote',
	'pre',
	'table',
	'ul',
	'ol',
	'dt',
	'dd',
	'figcaption'
]);

/**
 * Reduces HTML to the text a reader would see, with htmlparser2 (no DOM: nothing is ever
 * rendered): tags removed, line breaks kept, every named entity decoded. A link keeps its text and
 * its address as text, "text (https://…)"; an image keeps its alt text as "[image: alt]"; audio,
 * video and embedded frames are removed and counted. Entities decode to text, so `&lt;img&gt;`
 * becomes the text "<img>", never a tag.
 */
export function htmlToText(html: string): HtmlText {
	let out = '';
	let hidden = 0;
	let media = 0;
	let images = 0;
	let alts = 0;
	let links = 0;
	const dropped: string[] = [];
	const open: { href: string; from: number }[] = [];
	const parser = new Parser(
		{
			onopentag(name, attrs) {
				if (HIDDEN.has(name)) hidden++;
				else if (MEDIA.has(name)) {
					if (media === 0 && hidden === 0) dropped.push(name);
					media++;
				} else if (hidden || media) return;
				else if (name === 'br') out += '\n';
				else if (name === 'img') {
					images++;
					const alt = (attrs.alt ?? '').replace(/\s+/g, ' ').trim();
					if (alt) {
						alts++;
						out += `[image: ${alt}]`;
					}
				} else if (name === 'a') open.push({ href: (attrs.href ?? '').trim(), from: out.length });
			},
			ontext(text) {
				if (!hidden && !media) out += text;
			},
			onclosetag(name) {
				if (HIDDEN.has(name)) hidden = Math.max(0, hidden - 1);
				else if (MEDIA.has(name)) media = Math.max(0, media - 1);
				else if (hidden || media) return;
				else if (BLOCK.has(name)) out += '\n';
				else if (name === 'a') {
					const a = open.pop();
					if (!a || !a.href || a.href.startsWith('#') || /^javascript:/i.test(a.href)) return;
					const label = out.slice(a.from).trim();
					if (label === a.href) return;
					links++;
					out += label ? ` (${a.href})` : a.href;
				}
			}
		},
		{ decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true }
	);
	parser.write(html);
	parser.end();
	const lines = out
		.replace(/\u00a0/g, ' ')
		.replace(/[ \t\f\v]+/g, ' ')
		.split('\n')
		.map((l) => l.trim());
	return {
		text: lines
			.join('\n')
			.replace(/\n{3,}/g, '\n\n')
			.trim(),
		images,
		alts,
		links,
		media: dropped
	};
}

/** What htmlToText changed, as one warning (empty when nothing was). */
export function htmlLosses(r: HtmlLosses): string {
	const said: string[] = [];
	if (r.images > 0) said.push(`${plural(r.images, 'image')} removed: Quire imports text only`);
	if (r.alts > 0) said.push(`the alt text of ${plural(r.alts, 'image')} kept as [image: …]`);
	if (r.media.length > 0)
		said.push(
			`${[...new Set(r.media)].map((m) => `<${m}>`).join(', ')} removed: Quire imports text only`
		);
	if (r.links > 0)
		said.push(`${plural(r.links, 'link')} kept as text with its address in brackets`);
	return said.join('; ');
}

/** Whether text looks like HTML (a tag or an entity), as Anki guesses when a file does not say. */
export function looksLikeHtml(text: string): boolean {
	return /<\/?[a-z][^>]*>|&(?:#x[0-9a-f]+|#\d+|[a-z]+);/i.test(text);
}
