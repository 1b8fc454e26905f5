import { Parser } from 'htmlparser2';
import type { DraftArticleT, DraftParagraphT } from './types.ts';

/** Elements whose text is never part of the article. */
const SKIPPED = new Set([
	'script',
	'style',
	'noscript',
	'template',
	'svg',
	'math',
	'iframe',
	'object',
	'head',
	'nav',
	'button',
	'select',
	'form',
	'footer'
]);

/** Elements that end a paragraph. */
const BLOCKS = new Set([
	'address',
	'article',
	'aside',
	'blockquote',
	'dd',
	'div',
	'dl',
	'dt',
	'figcaption',
	'figure',
	'h1',
	'h2',
	'h3',
	'h4',
	'h5',
	'h6',
	'header',
	'hr',
	'li',
	'main',
	'ol',
	'p',
	'pre',
	'section',
	'table',
	'td',
	'th',
	'tr',
	'ul'
]);

/** Whether the text looks like an HTML document or fragment rather than prose. */
export function looksLikeHtml(text: string): boolean {
	return /<(?:!doctype|html|body|head|p|div|h[1-6]|article|section|br|span|a|em|strong|li)\b[^>]*>/i.test(
		text
	);
}

/**
 * Reduces HTML to its text without a DOM (it also runs in a worker): scripts, styles and
 * navigation are dropped, entities decoded, blocks become paragraphs separated by blank lines.
 * The markup is parsed, never rendered. The document's first heading, or its <title>, leads.
 */
export function htmlToText(html: string): string {
	const blocks: string[] = [];
	let current = '';
	let skipDepth = 0;
	let preDepth = 0;
	let inTitle = false;
	let title = '';
	let heading = '';
	let headingDepth = 0;
	const flush = () => {
		const text = preDepth > 0 ? current : current.replace(/[ \t\n\r\f]+/g, ' ').trim();
		if (text) blocks.push(text);
		current = '';
	};
	const parser = new Parser(
		{
			onopentag(name) {
				if (name === 'title') inTitle = true;
				if (SKIPPED.has(name)) skipDepth++;
				if (skipDepth > 0) return;
				if (name === 'br') current += '\n';
				else if (BLOCKS.has(name)) flush();
				if (name === 'pre') preDepth++;
				if (name === 'h1' && !heading) headingDepth++;
			},
			ontext(data) {
				if (inTitle) title += data;
				if (skipDepth > 0) return;
				current += data;
				if (headingDepth > 0) heading += data;
			},
			onclosetag(name) {
				if (name === 'title') inTitle = false;
				if (SKIPPED.has(name)) {
					skipDepth = Math.max(0, skipDepth - 1);
					return;
				}
				if (skipDepth > 0) return;
				if (BLOCKS.has(name)) flush();
				if (name === 'pre') preDepth = Math.max(0, preDepth - 1);
				if (name === 'h1' && headingDepth > 0) headingDepth--;
			}
		},
		{ decodeEntities: true }
	);
	parser.write(html);
	parser.end();
	flush();
	const lead = title.replace(/\s+/g, ' ').trim();
	// A page without an <h1> still has a <title>; put it first so it becomes the heading.
	if (!heading.trim() && lead && blocks[0] !== lead) blocks.unshift(lead);
	return blocks.join('\n\n');
}

/** Whether the text uses Markdown syntax worth removing (headings, links, emphasis). */
export function looksLikeMarkdown(text: string): boolean {
	return (
		/^#{1,6}\s+\S/m.test(text) ||
		/\[[^\]\n]+\]\([^)\s]+\)/.test(text) ||
		/(\*\*|__)\S[^\n]*?\S\1/.test(text)
	);
}

/** Reduces Markdown to its text: heading marks, emphasis, code ticks, links and images go. */
export function markdownToText(md: string): string {
	return md
		.split('\n')
		.map((line) =>
			line
				.replace(/^\s{0,3}#{1,6}\s+/, '')
				.replace(/\s+#+\s*$/, '')
				.replace(/^\s{0,3}>\s?/, '')
				.replace(/^\s{0,3}([-*_])(?:\s*\1){2,}\s*$/, '')
				.replace(/!\[[^\]]*\]\([^)]*\)/g, '')
				.replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
				.replace(/(\*\*|__)(\S(?:.*?\S)?)\1/g, '$2')
				.replace(/(^|[^\w*])\*(\S(?:.*?\S)?)\*(?=[^\w*]|$)/g, '$1$2')
				.replace(/(^|[^\w])_(\S(?:.*?\S)?)_(?=[^\w]|$)/g, '$1$2')
				.replace(/`([^`]+)`/g, '$1')
		)
		.join('\n');
}

const MONTH =
	'(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
/** A date as a byline prints it: "Dec. 8, 1987", "8 December 1987", "2018-10-22", "October 2018". */
const DATE_LINE = new RegExp(
	`(?:${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH},?\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2}|${MONTH}\\s+\\d{4})`,
	'i'
);
const BYLINE = /^(?:by|written by|words by|author:)\s+(\p{Lu}.*)$/iu;
/** Words that name a publication: the header line holding one is the outlet. */
const OUTLET_WORD =
	/\b(?:times|news|post|journal|review|chronicle|herald|tribune|gazette|press|daily|weekly|quarterly|magazine|online|monthly|observer|guardian|telegraph|standard|courier|record|globe|bulletin|report|wire|radio|tv|channel)\b/i;
/** A person's name alone on a line: "Franklin D. Roosevelt", "Abraham Lincoln". */
const NAME_LINE = /^\p{Lu}[\p{L}'’-]+(?:\s+(?:\p{Lu}\.|\p{Lu}[\p{L}'’-]+|de|van|von|la)){1,3}$/u;

function words(s: string): number {
	return s.split(/\s+/).filter(Boolean).length;
}

/** A header line is short and is not a sentence of prose. */
function isHeaderLine(line: string): boolean {
	const t = line.trim();
	if (!t || words(t) > 16 || t.length > 160 || /:$/.test(t) || APPARATUS.test(t)) return false;
	if (BYLINE.test(t) && words(t) > 8) return false;
	return BYLINE.test(t) || !/[.;]$/.test(t) || (DATE_LINE.test(t) && words(t) <= 6);
}

/** Headings of the parts around a text that are no part of its prose. */
const APPARATUS =
	/^(?:references|notes|bibliography|sources|further reading|external links|see also|learning objectives|objectives|section review|review questions|questions|key terms|glossary|summary questions|exercises|footnotes)\b/i;
/** A line of a list: a bullet or a number. */
const LIST_LINE = /^(?:[-*•–]\s+|\d{1,2}[.)]\s+)/;

function kindOf(text: string, isLast: boolean, isFirst = false): DraftParagraphT['kind'] {
	if (/^\(.*\)$/s.test(text) || /^(?:note|editor['’]s note)\b/i.test(text)) return 'note';
	if (/^(?:see also|references?)\b/i.test(text)) return 'note';
	if (/^(?:file photo|photo|image|picture|caption|figure|fig\.|table)\s*[\d.:]*\b/i.test(text))
		return 'caption';
	// A short line without a sentence's end is a subheading, or page furniture ("Related News")
	// when it comes last.
	if (words(text) <= (isLast ? 6 : 10) && !/[.!?:]["”’)]?$/.test(text)) return 'note';
	// A heading put as a question ("What moves the plates?"): one short question standing alone.
	if (words(text) <= 10 && /^[^.!?]+\?["”’)]?$/.test(text)) return 'note';
	// A speech's salutation ("Fellow-Countrymen:", "Mr. Speaker, Members of the Senate:") opens it
	// and is no paragraph a reader counts.
	if (isFirst && words(text) <= 20 && /:$/.test(text) && !/[.!?]\s/.test(text)) return 'note';
	return 'body';
}

function isoDay(now: number): string {
	return new Date(now).toISOString().slice(0, 10);
}

/**
 * Splits an article given as plain text, Markdown or HTML (reduced to its text, never rendered)
 * into a header and paragraphs with ids p0 (header), p1, p2 … — the shape of
 * questions/article.yaml. Paragraph text is kept verbatim apart from line breaks inside a body
 * paragraph, which become spaces. Title, outlet, author and date are prefilled when the text opens
 * with a heading and a byline; a field the text does not show is empty, except the date, which is
 * the day of `now` when given.
 */
export function splitArticle(text: string, now?: number): DraftArticleT {
	let plain = text.replace(/\r\n?/g, '\n').replace(/^\uFEFF/, '');
	if (looksLikeHtml(plain)) plain = htmlToText(plain);
	else if (looksLikeMarkdown(plain)) plain = markdownToText(plain);

	const blocks = plain
		.split(/\n[ \t]*\n+/)
		.map((b) =>
			b
				.split('\n')
				.map((l) => l.trim())
				.filter(Boolean)
		)
		.filter((b) => b.length > 0);

	// Header: the leading short lines, up to the first block of prose.
	const header: string[] = [];
	let first = 0;
	while (first < blocks.length && header.length < 8) {
		const block = blocks[first] ?? [];
		if (!block.every(isHeaderLine)) break;
		// A lone short line followed by nothing is the article, not its header.
		if (first === blocks.length - 1) break;
		header.push(...block);
		first++;
	}
	const meta = { title: '', outlet: '', author: '', date: '' };
	if (header.length > 0) {
		meta.title = header[0] ?? '';
		for (const line of header.slice(1)) {
			const by = BYLINE.exec(line);
			const date = DATE_LINE.exec(line);
			if (by) {
				const name = (by[1] ?? '').split(/\s+[|·•–—]\s+|,\s+(?=\d|[A-Z][a-z]{2,8}\.? \d)/)[0];
				meta.author = (name ?? '').trim();
				if (date && !meta.date) meta.date = date[0];
			} else if (date && !meta.date && words(line) <= 5) {
				meta.date = date[0];
			} else if (!meta.author && !OUTLET_WORD.test(line) && NAME_LINE.test(line)) {
				meta.author = line;
			} else if (!meta.outlet && !meta.author) {
				meta.outlet = line;
			}
		}
	}
	if (!meta.date && now !== undefined) meta.date = isoDay(now);

	const paragraphs: DraftParagraphT[] = [];
	if (header.length > 0) paragraphs.push({ id: 'p0', kind: 'header', text: header.join('\n') });
	const body = blocks.slice(first);
	// Apparatus around the text: its reference list, review questions, learning objectives.
	let apparatus = false;
	body.forEach((block, i) => {
		const joined = block.join(' ');
		let kind = kindOf(joined, i === body.length - 1 && body.length > 1, i === 0);
		if (kind === 'note' && !/[.!?]["”’)]?$/.test(joined)) apparatus = APPARATUS.test(joined);
		if (apparatus || block.every((line) => LIST_LINE.test(line))) kind = 'note';
		paragraphs.push({
			id: `p${paragraphs.length + (header.length > 0 ? 0 : 1)}`,
			kind,
			text: joined
		});
	});
	return { meta, paragraphs };
}
