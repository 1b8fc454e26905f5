// Drafts a set from an article file: `npm run draft -- IN [OUT] [--seed S] [--quiet]`.
// Prints the drafts grouped by kind (YAML) and the set's figures; with OUT, also writes the
// article, the drafts and the figures to OUT as JSON. A missing or unreadable IN prints the usage.
import { readFile, writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { stringify } from 'yaml';
import { createRng } from '../src/lib/engine/rng';
import { settleDrafts } from '../src/lib/draft/check';
import { draftItems, kindOf } from '../src/lib/draft/draft';
import { capArticle, inputProblem } from '../src/lib/draft/input';
import { detectLanguage, languageName } from '../src/lib/draft/language';
import { splitArticle } from '../src/lib/draft/split';
import { setFigures } from '../src/lib/draft/figures';

const USAGE = 'usage: npm run draft -- <article.txt|.md|.html> [out.json] [--seed S] [--quiet]';

const args = process.argv.slice(2);
const positional = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--seed');
const [file, out] = positional;
const seed = args.includes('--seed') ? (args[args.indexOf('--seed') + 1] ?? 'draft') : 'draft';
const quiet = args.includes('--quiet');
if (!file || args.includes('--help')) {
	console.error(USAGE);
	process.exit(2);
}

let text: string;
try {
	text = await readFile(file, 'utf8');
} catch (error) {
	const code = (error as { code?: string }).code;
	console.error(
		`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : 'cannot be read'}`
	);
	console.error(USAGE);
	process.exit(2);
}

const t = performance.now();
const split = splitArticle(text);
const lang = detectLanguage(split.paragraphs.filter((p) => p.kind === 'body').map((p) => p.text));
const problem = inputProblem(split, { code: lang, name: languageName(lang) });
if (problem) {
	console.error(`${file}: ${problem.message}`);
	process.exit(1);
}
const { article, notice } = capArticle(split);
const raw = draftItems(article, { rng: createRng(seed) });
const { drafts, problems } = settleDrafts(split, raw);
const ms = performance.now() - t;

if (!quiet) {
	const grouped: Record<string, unknown[]> = {};
	for (const d of [...drafts.items, ...drafts.flashcards])
		(grouped[kindOf(d) ?? 'other'] ??= []).push(d);
	console.log(stringify(grouped));
}
const figures = setFigures(split, drafts, problems);
if (notice) console.log(notice);
console.log(`Article: ${file} (${raw.genre})`);
for (const line of figures.lines) console.log(`  ${line}`);
console.log(`  time: ${ms.toFixed(0)} ms (split, language, draft, validation)`);
if (out) {
	await writeFile(
		out,
		JSON.stringify(
			{
				file,
				genre: raw.genre,
				notice,
				article: split,
				items: drafts.items,
				flashcards: drafts.flashcards,
				figures: figures.data
			},
			null,
			'\t'
		) + '\n'
	);
	console.log(`Wrote ${out}`);
}
