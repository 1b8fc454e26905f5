/**
 * How a reader counts an article's paragraphs, for the words "paragraph N" in an entry's text.
 * A reader numbers the body paragraphs from 1 and does not count the header (title, outlet,
 * byline), a photo caption or a closing note about the author: those are named ("the photo
 * caption", "the note at the end"). Paragraph ids are storage keys (saved sets cite them) and
 * keep their own numbering; this is only what the student reads.
 */
import { numberParagraphs } from '../paragraphs.ts';

export interface CountedParagraph {
	id: string;
	/** `body` paragraphs are counted; `header`, `caption` and `note` are not. No kind counts. */
	kind?: string;
}

/** Each counted paragraph's number as a reader gives it, by id. */
export function readerNumbers(paragraphs: readonly CountedParagraph[]): Map<string, number> {
	return new Map(numberParagraphs(paragraphs).flatMap((p) => (p.n > 0 ? [[p.id, p.n]] : [])));
}

/** The reader's name for a paragraph: `¶3`, or `header`, `caption`, `note` for one not counted. */
export function readerLabel(paragraphs: readonly CountedParagraph[], id: string): string {
	const n = readerNumbers(paragraphs).get(id);
	if (n !== undefined) return `¶${n}`;
	return paragraphs.find((p) => p.id === id)?.kind ?? id;
}

/** Every "paragraph N" / "paragraphs N and M" / "paragraphs N to M" an entry's text names. */
export function namedParagraphs(text: string): number[] {
	const out: number[] = [];
	for (const m of text.matchAll(/\bparagraphs?\s+(\d+(?:(?:\s*,\s*|\s+and\s+|\s+to\s+)\d+)*)/gi)) {
		const list = m[1]!;
		const range = /^(\d+)\s+to\s+(\d+)$/.exec(list);
		if (range) {
			for (let i = Number(range[1]); i <= Number(range[2]); i++) out.push(i);
		} else out.push(...(list.match(/\d+/g) ?? []).map(Number));
	}
	return out;
}
