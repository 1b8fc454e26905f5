/**
 * HTML reduced to text for the importers, with htmlparser2 and its entity decoder. Apart from
 * `text.ts` so that the small helpers there (sizes, ids) load without an HTML parser.
 */
import { Parser } from 'htmlparser2';
import { plural } from './text.ts';

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
