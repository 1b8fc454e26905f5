/** One-for-one character folding, so indices in the folded text are indices in the original. */
function fold(text: string): string {
	return text.replace(/[“”„]/g, '"').replace(/[‘’]/g, "'");
}

/** Splits a paragraph around a quoted passage; null when the quote is not in it. */
export function splitAroundQuote(
	text: string,
	quote: string
): { before: string; match: string; after: string } | null {
	const at = fold(text).indexOf(fold(quote.trim()));
	if (at < 0) return null;
	const end = at + quote.trim().length;
	return { before: text.slice(0, at), match: text.slice(at, end), after: text.slice(end) };
}
