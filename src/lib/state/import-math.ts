/**
 * The maths of an imported file: every entry whose text holds TeX gets its `math` map made here
 * (temml loads on the first formula, in the import worker), and a map a file brought is never
 * kept as it came (it is made again from the TeX). A formula that does not convert is a warning
 * naming its entry and line; the entry is kept and shows that formula as its TeX.
 */
import { entryTexts, hasTex } from '$lib/bank/math';
import type { ParsedSet } from './library-io';

const loadTex = () => import('$lib/bank/tex');

/** Longest quote of an entry's text in a message. */
const QUOTE = 60;

function entryName(entry: { name?: string | undefined } & object): string {
	if (entry.name) return entry.name;
	const text = 'prompt' in entry && typeof entry.prompt === 'string' ? entry.prompt : '';
	const front = 'front' in entry && typeof entry.front === 'string' ? entry.front : '';
	const shown = (text || front).replace(/\s+/g, ' ').trim();
	return shown.length > QUOTE ? `${shown.slice(0, QUOTE - 1)}…` : shown;
}

/** The set with its entries' maths made; the parsed set itself is not changed. */
export async function withImportedMath(parsed: ParsedSet): Promise<ParsedSet> {
	const wants = (e: object) =>
		'math' in e || entryTexts(e as Record<string, unknown>).some((t) => hasTex(t));
	if (!parsed.items.some(wants) && !parsed.flashcards.some(wants)) return parsed;
	const { withMath } = await loadTex();
	const problems = [...parsed.problems];
	const convert = async <E extends { name?: string | undefined } & object>(
		list: E[],
		lines: number[],
		kind: string
	): Promise<E[]> => {
		const out: E[] = [];
		for (const [i, e] of list.entries()) {
			if (!wants(e)) {
				out.push(e);
				continue;
			}
			const { entry, errors } = await withMath(e);
			out.push(entry);
			for (const error of errors)
				problems.push({
					line: lines[i] ?? 1,
					message: `${kind} “${entryName(e)}”: the formula ${error.source} could not be converted (${error.message}); it shows as its TeX`,
					severity: 'warning'
				});
		}
		return out;
	};
	const items = await convert(parsed.items, parsed.lines.items, 'item');
	const flashcards = await convert(parsed.flashcards, parsed.lines.flashcards, 'flashcard');
	problems.sort((a, b) => a.line - b.line);
	return { ...parsed, items, flashcards, problems };
}
