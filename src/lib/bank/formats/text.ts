/** Small text helpers shared by the parsers: ids, line numbers, sizes and HTML reduced to text. */

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

const ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: ' ',
	ndash: '–',
	mdash: '—',
	hellip: '…',
	lsquo: '‘',
	rsquo: '’',
	ldquo: '“',
	rdquo: '”',
	laquo: '«',
	raquo: '»',
	copy: '©',
	reg: '®',
	deg: '°',
	times: '×',
	divide: '÷',
	minus: '−',
	plusmn: '±',
	euro: '€',
	pound: '£',
	middot: '·',
	shy: ''
};

/** Decodes character references (&amp;, &#233;, &#xE9;, common named ones); others stay as written. */
export function decodeEntities(text: string): string {
	return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
		if (ref[0] === '#') {
			const code =
				ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
			const ok =
				Number.isInteger(code) &&
				code > 0 &&
				code <= 0x10ffff &&
				!(code >= 0xd800 && code <= 0xdfff);
			return ok ? String.fromCodePoint(code) : whole;
		}
		return ENTITIES[ref.toLowerCase()] ?? whole;
	});
}

/** HTML reduced to plain text, and what was dropped on the way. */
export interface HtmlText {
	text: string;
	/** How many images (<img>) were removed. */
	images: number;
}

/**
 * Reduces HTML to the text a reader would see: tags removed, line breaks kept, entities decoded.
 * Pure string work, no DOM: nothing is ever parsed as markup or rendered. Entities are decoded
 * last, so `&lt;img&gt;` becomes the text "<img>", never a tag.
 */
export function htmlToText(html: string): HtmlText {
	let images = 0;
	const text = html
		.replace(/<!--[\s\S]*?(?:-->|$)/g, '')
		.replace(/<(script|style|template)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi, '')
		.replace(/<img\b[^>]*>/gi, () => {
			images++;
			return '';
		})
		.replace(/<br\s*\/?>/gi, '\n')
		.replace(/<\/(p|div|li|h[1-6]|tr|blockquote|pre|table|ul|ol)\s*>/gi, '\n')
		.replace(/<\/?[a-z][^>]*>/gi, '')
		.replace(/[ \t\f\v]+/g, ' ');
	const lines = decodeEntities(text)
		.split('\n')
		.map((l) => l.trim());
	return {
		text: lines
			.join('\n')
			.replace(/\n{3,}/g, '\n\n')
			.trim(),
		images
	};
}

/** Whether text looks like HTML (a tag or an entity), as Anki guesses when a file does not say. */
export function looksLikeHtml(text: string): boolean {
	return /<\/?[a-z][^>]*>|&(?:#x[0-9a-f]+|#\d+|[a-z]+);/i.test(text);
}
