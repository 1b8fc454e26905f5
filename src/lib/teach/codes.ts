/**
 * Finds result codes in any text a teacher pastes or drops: one code per line, a spreadsheet
 * column (CSV or tab-separated, quoted or not), or the body of an email with prose around the
 * codes and "> " before quoted lines. A code is "Q<version>:" and a run of base64url characters;
 * ':' never occurs inside one, so a new code begins at each prefix. Nothing here decrypts: the one
 * decoder (decryptResult) judges each code found.
 */

/** One way to read a found code: the code and the line it ends on. */
export interface Reading {
	code: string;
	endLine: number;
}

/** What the text holds at one place, in the order met. */
export type Finding =
	| {
			kind: 'code';
			/** 1-based line the code starts on. */
			line: number;
			/**
			 * The code as read, longest first. A code that ends its line may go on in the lines below
			 * (a chat or mail app wrapped it) or be followed by a word that only looks like more of it
			 * ("Thanks"); the decoder tries the longest reading first, then shorter ones.
			 */
			readings: Reading[];
	  }
	| {
			/** A line that is nothing but a long base64url run: a code that lost its "Q1:" start. */
			kind: 'headless';
			line: number;
			text: string;
	  };

/** Zero-width characters and soft hyphens that chat and mail apps slip into long words. */
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
/** A prefix, optional spaces (an autocorrected "Q1: "), and the body up to the next prefix. */
const CODE = /Q(\d+):[ \t]*((?:(?!Q\d+:)[A-Za-z0-9_-])*)/g;
/**
 * A line that may continue a wrapped code: mail quote markers, base64url, then perhaps a closing
 * quote, or the "=" of a soft line break in a saved email (.eml, quoted-printable).
 */
const CONTINUATION = /^[\s>]*([A-Za-z0-9_-]+)(?:=|["'])?\s*$/;
/** What may follow a code at the end of its line: a closing quote or a soft line break. */
const LINE_END = /^(?:=|["'])?$/;
/** In prose, a "Q1:" followed by fewer characters than this is text ("Q1: I did not…"), not a code. */
const MIN_BODY_IN_PROSE = 16;
/** A line holding only a base64url run this long is reported as a code missing its start. */
const MIN_HEADLESS = 40;
/** The most readings of one code tried: the longest, ones a line shorter each, the code alone. */
const MAX_READINGS = 10;

/** Finds every result code in the text, with its line, and lines that look like a code's tail. */
export function findCodes(text: string): Finding[] {
	const lines = text.replace(INVISIBLE, '').split(/\r\n|\r|\n|\u2028|\u2029/);
	const findings: Finding[] = [];
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i]!;
		const bare = line.replace(/^[\s>]+/, '').trimEnd();
		let found = false;
		for (const m of line.matchAll(CODE)) {
			const body = m[2]!;
			const end = m.index + m[0].length;
			const endsLine = LINE_END.test(line.slice(end).trim());
			const alone = bare.replace(/^["']|["']$/g, '') === m[0].trim();
			if (body.length < MIN_BODY_IN_PROSE && !alone) continue;
			found = true;
			const parts = [`Q${m[1]}:${body}`];
			// A code at the end of its line takes the base64url lines right below it.
			if (endsLine) {
				for (let j = i + 1; j < lines.length; j++) {
					const more = CONTINUATION.exec(lines[j]!);
					if (!more) break;
					parts.push(more[1]!);
				}
			}
			findings.push({ kind: 'code', line: i + 1, readings: readings(parts, i + 1) });
			i += parts.length - 1;
		}
		if (!found && bare.length >= MIN_HEADLESS && /^[A-Za-z0-9_-]+$/.test(bare)) {
			findings.push({ kind: 'headless', line: i + 1, text: bare });
		}
	}
	return findings;
}

/** The readings of a code and its possible continuation lines: all of them, then fewer. */
function readings(parts: readonly string[], line: number): Reading[] {
	const counts: number[] = [];
	for (let n = parts.length; n >= 1 && counts.length < MAX_READINGS - 1; n--) counts.push(n);
	if (counts.at(-1) !== 1) counts.push(1);
	return counts.map((n) => ({ code: parts.slice(0, n).join(''), endLine: line + n - 1 }));
}
