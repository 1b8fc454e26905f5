/** One-for-one character folding, so indices in the folded text are indices in the original. */
function fold(text: string): string {
	return text.replace(/[“”„]/g, '"').replace(/[‘’]/g, "'");
}

/** The text folded and with whitespace runs collapsed, and each kept character's index in the original. */
function collapse(text: string): { folded: string; at: number[] } {
	const f = fold(text);
	let folded = '';
	const at: number[] = [];
	for (let i = 0; i < f.length; i++) {
		const c = f[i] ?? '';
		if (/\s/.test(c)) {
			if (folded.endsWith(' ')) continue;
			folded += ' ';
		} else folded += c;
		at.push(i);
	}
	return { folded, at };
}

/**
 * The one normalisation of quoted text: typographic quotes straightened, whitespace runs folded
 * to one space, ends trimmed; case kept. Validation compares with it and findQuote matches by it.
 */
export function foldText(text: string): string {
	return collapse(text.trim()).folded;
}

// Paragraph texts are few and reused for every quote that cites them.
const collapsed = new Map<string, ReturnType<typeof collapse>>();

/**
 * Where a quote sits in a text, as [start, end) in the text; null when absent. Typographic quotes
 * match straight ones and any run of whitespace matches any other, as in the bank's validation.
 */
export function findQuote(text: string, quote: string): { start: number; end: number } | null {
	let hay = collapsed.get(text);
	if (!hay) {
		hay = collapse(text);
		if (collapsed.size > 500) collapsed.clear();
		collapsed.set(text, hay);
	}
	const needle = foldText(quote);
	if (needle === '') return null;
	const i = hay.folded.indexOf(needle);
	if (i < 0) return null;
	return { start: hay.at[i] ?? 0, end: (hay.at[i + needle.length - 1] ?? 0) + 1 };
}

/** Splits a paragraph around a quoted passage; null when the quote is not in it. */
export function splitAroundQuote(
	text: string,
	quote: string
): { before: string; match: string; after: string } | null {
	const at = findQuote(text, quote);
	if (!at) return null;
	return {
		before: text.slice(0, at.start),
		match: text.slice(at.start, at.end),
		after: text.slice(at.end)
	};
}

// Abbreviations the article (and similar texts) put before a capital or a number: months, titles
// and ranks ("Lt. Col. Smith"), "Fig. 5", and a person's initial ("Roswell B. Mason", "H. Smith";
// not the last letter of "U.S.", which can end a sentence).
const ABBREVIATION =
	/(?:^|[\s(])(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Mr|Mrs|Ms|Mme|Dr|Prof|St|Mt|Ft|No|Nos|Gen|Lt|Col|Capt|Cmdr|Cdr|Maj|Sgt|Adm|Gov|Sen|Rep|Rev|Hon|Pres|Jr|Sr|Fig|Figs|Vol|\p{Lu})\.$/u;

/**
 * The sentences of a paragraph as [start, end) ranges, trimmed, covering every non-space
 * character. A sentence ends at `.`, `?` or `!` (plus any closing quote or bracket) followed by
 * space and a capital or an opening quote, and at every line break (the header's lines).
 */
export function sentenceRanges(text: string): { start: number; end: number }[] {
	const ranges: { start: number; end: number }[] = [];
	const push = (start: number, end: number) => {
		while (start < end && /\s/.test(text[start] ?? '')) start++;
		while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
		if (end > start) ranges.push({ start, end });
	};
	const END = /[.?!][”"’')]*(?=\s+[A-Z“"‘(])|\n/g;
	let start = 0;
	for (const m of text.matchAll(END)) {
		const end = m.index + m[0].length;
		if (m[0] !== '\n' && ABBREVIATION.test(text.slice(Math.max(0, m.index - 6), m.index + 1)))
			continue;
		push(start, end);
		start = end;
	}
	push(start, text.length);
	return ranges;
}

/** Indices of the sentences a quote overlaps; empty when the quote is not in the text. */
export function sentencesOfQuote(text: string, quote: string): number[] {
	const at = findQuote(text, quote);
	if (!at) return [];
	const out: number[] = [];
	sentenceRanges(text).forEach((s, i) => {
		if (s.start < at.end && at.start < s.end) out.push(i);
	});
	return out;
}

/** A run of a paragraph for the reading view: plain, or one sentence marked with its voices. */
export interface TextRun<V> {
	/** Offset of the run in the paragraph; unique, so it can key a list. */
	start: number;
	text: string;
	voices: V[] | null;
	/** The highlighted quote, when it lies inside this run. */
	quote: { before: string; match: string; after: string } | null;
}

/**
 * Cuts a paragraph into plain runs and marked sentences (marks in text order, not overlapping),
 * and places the highlighted quote inside the run that holds it.
 */
export function paragraphRuns<V>(
	text: string,
	marks: readonly { start: number; end: number; voices: V[] }[],
	quote: string | null
): TextRun<V>[] {
	const runs: TextRun<V>[] = [];
	const at = quote ? findQuote(text, quote) : null;
	const push = (start: number, end: number, voices: V[] | null) => {
		if (end <= start) return;
		const inside = at && at.start >= start && at.end <= end;
		runs.push({
			start,
			text: text.slice(start, end),
			voices,
			quote: inside
				? {
						before: text.slice(start, at.start),
						match: text.slice(at.start, at.end),
						after: text.slice(at.end, end)
					}
				: null
		});
	};
	let cursor = 0;
	for (const m of marks) {
		push(cursor, m.start, null);
		push(m.start, m.end, m.voices);
		cursor = m.end;
	}
	push(cursor, text.length, null);
	return runs;
}
