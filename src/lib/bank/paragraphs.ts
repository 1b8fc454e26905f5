/**
 * How a reader counts an article's paragraphs, the one rule every screen and check uses: the body
 * paragraphs are numbered from 1; the header (title, outlet, byline), a photo caption and a closing
 * note about the author are not counted (n = 0) and are named instead. Paragraph ids are storage
 * keys (saved sets cite them) and keep their own numbering; `n` is only what the student reads.
 */

/** A paragraph's kind; a paragraph with none is a body paragraph. */
export interface Counted {
	kind?: string;
}

/** Whether a reader counts this paragraph ("paragraph 3"). */
export function isCounted(p: Counted): boolean {
	return p.kind === undefined || p.kind === 'body';
}

/** The paragraphs with their reader's number: body paragraphs from 1, the others 0. */
export function numberParagraphs<P extends Counted>(
	paragraphs: readonly P[]
): (P & { n: number })[] {
	let n = 0;
	return paragraphs.map((p) => ({ ...p, n: isCounted(p) ? ++n : 0 }));
}

const NAMES: Record<string, string> = {
	header: 'Header',
	caption: 'Photo caption',
	note: 'Closing note'
};

/** A numbered paragraph's name for people: "Paragraph 3", or "Header", "Photo caption", "Closing note". */
export function paragraphName(p: Counted & { n: number }): string {
	return p.n > 0 ? `Paragraph ${p.n}` : (NAMES[p.kind ?? ''] ?? 'Unnumbered paragraph');
}

/** The short form for tight places: "¶3", or the name of a paragraph that is not counted. */
export function paragraphShort(p: Counted & { n: number }): string {
	return p.n > 0 ? `¶${p.n}` : paragraphName(p);
}
