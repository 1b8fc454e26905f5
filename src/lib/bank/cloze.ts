/** One run of a cloze text: plain text, or a blank whose first answer is the one shown. */
export type ClozePart = { kind: 'text'; text: string } | { kind: 'blank'; answers: string[] };

// No braces inside a blank, so a stray `{` or `}` stays in the text where validation can flag it.
const BLANK = /\{\{([^{}]*)\}\}/g;

/** Splits a cloze text into text runs and `{{answer|variant}}` blanks, answers trimmed. */
export function parseCloze(text: string): { parts: ClozePart[] } {
	const parts: ClozePart[] = [];
	let last = 0;
	for (const m of text.matchAll(BLANK)) {
		if (m.index > last) parts.push({ kind: 'text', text: text.slice(last, m.index) });
		// Empty entries are kept so validation can report them rather than silently dropping them.
		parts.push({ kind: 'blank', answers: (m[1] ?? '').split('|').map((a) => a.trim()) });
		last = m.index + m[0].length;
	}
	if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
	return { parts };
}
