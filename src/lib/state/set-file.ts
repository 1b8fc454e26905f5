/**
 * Quire's own set file (`.quire.json`) in the library: read with `parseQuireSet` and written with
 * `toQuireSet`, the one reader and the one writer (`bank:convert` uses them too). Loaded only when
 * a set file is read or written.
 */
import { parseQuireSet, toQuireSet } from '$lib/bank/formats/quire-set';
import { LIMITS } from '$lib/bank/formats/types';
import { MAX_SET_ENTRIES, utf8Bytes } from '$lib/bank/set';
import {
	checkRead,
	emptyParsed,
	MAX_FILE_BYTES,
	type ParsedSet,
	type SetForExport
} from './read-check';

/**
 * Writes a set in one of EXPORT_FORMATS; `now` dates the file. A set file is written by
 * `toQuireSet`, the one writer, which `bank:convert` uses too.
 */
export function exportSet(
	set: SetForExport,
	format: string,
	now: number
): { text: string; warnings: string[] } {
	if (format !== 'quire-set') throw new Error(`Quire cannot write the format "${format}".`);
	return toQuireSet(
		{ topics: set.topics, items: set.items, flashcards: set.flashcards },
		{
			title: set.title,
			now,
			...(set.description ? { description: set.description } : {}),
			...(set.lang ? { lang: set.lang } : {})
		}
	);
}

/**
 * Reads a set file; never throws on bad input: every problem comes back with its line. `chosen`:
 * the teacher said it is one, whatever its name. The one reader of set files is `parseQuireSet`
 * (`bank:convert` reads them with it too); its entries are checked here as every format's are.
 */
export function parseAny(text: string, fileName: string, chosen = false): ParsedSet {
	const out = emptyParsed();
	const fail = (message: string) => {
		out.problems.push({ line: 1, message, severity: 'error' });
		return out;
	};
	if (utf8Bytes(text) > MAX_FILE_BYTES)
		return fail('the file is larger than 50 MB, the most Quire reads');
	const body = text.replace(/^\uFEFF/, '');
	const looksLikeSet = /\.json$/i.test(fileName) || body.trimStart().startsWith('{');
	if (!looksLikeSet && !chosen)
		return fail('Quire cannot tell this file’s format: choose a Quire set file (.quire.json)');
	const read = parseQuireSet(body, { limits: { ...LIMITS, entries: MAX_SET_ENTRIES } });
	const parsed = checkRead('Quire set file', read);
	if (read.description) parsed.description = read.description;
	if (read.lang) parsed.lang = read.lang;
	return parsed;
}
