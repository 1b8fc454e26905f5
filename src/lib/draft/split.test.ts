import { describe, expect, it } from 'vitest';
import { htmlToText, markdownToText, splitArticle } from './split.ts';

const SEED_LIKE = `Why the US insists on withdrawing from the INF Treaty?

China Military Online
Chen Zhuo

By Ling Shengli

As the administration of US President Donald Trump announced it, the US is going further.

File photo taken on Dec. 8, 1987 shows U.S. president Ronald Reagan.

The treaty bans missiles with a range of 500 to 5,500 kilometers.
It was signed in 1987.

(The author is the secretary-general at the Center.)



Related News----
`;

describe('splitArticle', () => {
	it('reads the header as p0 and prefills title, outlet and author', () => {
		const a = splitArticle(SEED_LIKE);
		expect(a.meta).toEqual({
			title: 'Why the US insists on withdrawing from the INF Treaty?',
			outlet: 'China Military Online',
			author: 'Ling Shengli',
			date: ''
		});
		expect(a.paragraphs[0]).toEqual({
			id: 'p0',
			kind: 'header',
			text: 'Why the US insists on withdrawing from the INF Treaty?\nChina Military Online\nChen Zhuo\nBy Ling Shengli'
		});
	});

	it('numbers paragraphs from p1, keeps their text and tells captions and notes apart', () => {
		const a = splitArticle(SEED_LIKE);
		expect(a.paragraphs.map((p) => `${p.id}:${p.kind}`)).toEqual([
			'p0:header',
			'p1:body',
			'p2:caption',
			'p3:body',
			'p4:note',
			'p5:note'
		]);
		expect(a.paragraphs[1]?.text).toBe(
			'As the administration of US President Donald Trump announced it, the US is going further.'
		);
		// A line break inside a paragraph becomes a space; nothing else changes.
		expect(a.paragraphs[3]?.text).toBe(
			'The treaty bans missiles with a range of 500 to 5,500 kilometers. It was signed in 1987.'
		);
	});

	it('takes the date from the byline block, else the day of now, else leaves it empty', () => {
		const dated = splitArticle(
			'A Title\n\nBy Ann Lee\nMarch 3, 2020\n\nBody text of the article here.'
		);
		expect(dated.meta.author).toBe('Ann Lee');
		expect(dated.meta.date).toBe('March 3, 2020');
		const now = Date.parse('2026-02-01T09:00:00Z');
		expect(splitArticle('A Title\n\nBy Ann Lee\n\nBody text here.', now).meta.date).toBe(
			'2026-02-01'
		);
		expect(splitArticle('Just one paragraph of prose, no header at all.').meta).toEqual({
			title: '',
			outlet: '',
			author: '',
			date: ''
		});
	});

	it('starts at p1 when there is no header', () => {
		const a = splitArticle('First paragraph here.\n\nSecond paragraph here.');
		expect(a.paragraphs.map((p) => p.id)).toEqual(['p1', 'p2']);
	});

	it('reduces Markdown to text: heading marks, emphasis and links go', () => {
		const a = splitArticle(
			'# The **Big** Title\n\nBy Sam Roe\n\nSee [the report](https://example.org) for *more* detail.'
		);
		expect(a.meta.title).toBe('The Big Title');
		expect(a.meta.author).toBe('Sam Roe');
		expect(a.paragraphs.at(-1)?.text).toBe('See the report for more detail.');
	});

	it('reduces HTML to text without running or keeping scripts, styles or navigation', () => {
		const html = `<!doctype html><html><head><title>Page</title><style>p{}</style>
<script>alert("<p>x</p>")</script></head><body><nav>Home | About</nav>
<h1>Moon &amp; Back</h1><p>By Ana Diaz</p>
<p>They said &ldquo;go&rdquo; on July 16, 1969 &mdash; at last.<br>New line.</p>
<p><img src=x onerror="alert(1)">Caption&nbsp;text.</p><footer>&copy; 2020</footer></body></html>`;
		const a = splitArticle(html);
		expect(a.meta.title).toBe('Moon & Back');
		expect(a.meta.author).toBe('Ana Diaz');
		const texts = a.paragraphs.map((p) => p.text);
		expect(texts).toContain('They said “go” on July 16, 1969 — at last. New line.');
		expect(texts).toContain('Caption\u00a0text.');
		const all = texts.join('\n');
		expect(all).not.toMatch(/alert|Home \| About|©|<|>/);
	});

	it('uses the <title> when the page has no <h1>', () => {
		expect(htmlToText('<title>Only Title</title><p>Body.</p>')).toBe('Only Title\n\nBody.');
	});

	it('leaves plain text with asterisks alone unless it looks like Markdown', () => {
		expect(markdownToText('a *b* c')).toBe('a b c');
		expect(splitArticle('Prices rose 5 * 3 times.\n\nNothing else.').paragraphs[0]?.text).toBe(
			'Prices rose 5 * 3 times.'
		);
	});
});
