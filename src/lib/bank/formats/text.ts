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

/** Whether text looks like HTML (a tag or an entity), as Anki guesses when a file does not say. */
export function looksLikeHtml(text: string): boolean {
	return /<\/?[a-z][^>]*>|&(?:#x[0-9a-f]+|#\d+|[a-z]+);/i.test(text);
}

/** A file's bytes as text, or why they are not a text question file. */
export type DecodedFile = { ok: true; text: string } | { ok: false; reason: string };

/**
 * Reads a file's bytes as text: UTF-8 (a byte order mark is dropped), or UTF-16 when a byte order
 * mark says so. A NUL byte or bytes that are not UTF-8 mean a binary file (a .docx, a picture, an
 * Anki .apkg), refused with a sentence saying so rather than read as garbage.
 */
export function decodeTextFile(bytes: Uint8Array): DecodedFile {
	const refuse: DecodedFile = {
		ok: false,
		reason:
			'this is not a text question file (it holds binary data): save it as Moodle GIFT or Moodle XML, Aiken, Quizlet or Anki text, CSV, a Quire set file or an Anki package (.apkg)'
	};
	const [a, b] = bytes;
	if ((a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff)) {
		try {
			const text = new TextDecoder(a === 0xff ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(
				bytes
			);
			return text.includes('\u0000') ? refuse : { ok: true, text };
		} catch {
			return refuse;
		}
	}
	if (bytes.includes(0)) return refuse;
	try {
		return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
	} catch {
		return refuse;
	}
}
