/**
 * Splits pasted text into result codes. Codes start with "Q<version>:", and ':' never occurs inside
 * one, so a new code begins at each prefix; whitespace inside a code (a chat app wrapping it) is
 * kept for decryptResult to drop. Text before the first prefix is split on whitespace, so each
 * stray word gets its own message instead of vanishing.
 */
export function splitCodes(text: string): string[] {
	return text
		.split(/(?=Q\d+:)/)
		.map((part) => part.trim())
		.filter(Boolean)
		.flatMap((part) => (/^Q\d+:/.test(part) ? [part] : part.split(/\s+/).filter(Boolean)));
}
