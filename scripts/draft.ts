// Drafts items from an article file: `npm run draft -- <article.txt|.md|.html> [--seed S] [--quiet]`.
// Prints the drafts as YAML, then the quality figures against the hand-made bank in questions/.
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { formatErrors, loadBank } from '../src/lib/bank/load';
import { createRng } from '../src/lib/engine/rng';
import { checkDrafts, settleDrafts } from '../src/lib/draft/check';
import { draftItems } from '../src/lib/draft/draft';
import { coverage, validShare } from '../src/lib/draft/measure';
import { splitArticle } from '../src/lib/draft/split';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const USAGE = 'usage: npm run draft -- <article.txt|.md|.html> [--seed S] [--quiet]';

const args = process.argv.slice(2);
const file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--seed');
const seed = args[args.indexOf('--seed') + 1] ?? 'draft';
const quiet = args.includes('--quiet');
if (!file) {
	console.error(USAGE);
	process.exit(2);
}

const text = await readFile(file, 'utf8');
let t = performance.now();
const article = splitArticle(text);
const raw = draftItems(article, { rng: createRng(seed) });
const draftMs = performance.now() - t;
t = performance.now();
// As the worker does: one validation run, and near-duplicates of a draft kept before are dropped.
const { drafts, dropped } = settleDrafts(article, raw);
const checkMs = performance.now() - t;
// The figure is measured, not assumed: the kept drafts are validated again from scratch.
const recheck = checkDrafts(article, drafts);

if (!quiet) {
	console.log(
		stringify({ meta: article.meta, items: drafts.items, flashcards: drafts.flashcards })
	);
	for (const [id, list] of Object.entries(recheck))
		console.log(`invalid ${id}: ${list.join('; ')}`);
}

const pct = (a: number, b: number) => (b === 0 ? '–' : `${((100 * a) / b).toFixed(1)}%`);
const words = article.paragraphs.reduce((n, p) => n + p.text.split(/\s+/).length, 0);
const byType = new Map<string, number>();
for (const i of drafts.items) byType.set(i.type, (byType.get(i.type) ?? 0) + 1);
const byVoice = new Map<string, number>();
for (const d of [...drafts.items, ...drafts.flashcards])
	byVoice.set(d.voice, (byVoice.get(d.voice) ?? 0) + 1);

console.log(`\nArticle: ${file}`);
console.log(
	`  ${article.paragraphs.length} paragraphs, ${words} words; title “${article.meta.title}”, author “${article.meta.author}”`
);
const rawCount = raw.items.length + raw.flashcards.length;
console.log(`Drafts: ${drafts.items.length} items, ${drafts.flashcards.length} flashcards`);
console.log(
	`  near-duplicates dropped: ${dropped.length} of ${rawCount} drafted${dropped.length ? ` (${dropped.join(', ')})` : ''}`
);
console.log(`  by type:  ${[...byType].map(([k, n]) => `${k} ${n}`).join(', ')}`);
console.log(`  by voice: ${[...byVoice].map(([k, n]) => `${k} ${n}`).join(', ')}`);
const { valid, total } = validShare(drafts, recheck);
console.log(
	`(b) drafts passing the bank validation unchanged: ${valid}/${total} = ${pct(valid, total)} (aim ≥ 90%)`
);

const { bank, errors } = await loadBank('questions', ROOT);
if (!bank) {
	console.error(`The reference bank in questions/ does not load:\n${formatErrors(errors)}`);
	process.exit(1);
}
const cov = coverage(bank, article, drafts);
if (cov.covered === 0 && cov.missed.length === cov.total) {
	console.log('(a) not measured: this article is not the one the bank in questions/ is built on.');
} else {
	console.log(
		`(a) bank quotes with a draft on the same sentence: ${cov.covered}/${cov.total} = ${pct(cov.covered, cov.total)} (aim ≥ 60%)`
	);
	// True/false drafts exist for nearly every sentence; without them the figure is stricter.
	const strict = coverage(bank, article, {
		items: drafts.items.filter((i) => i.type !== 'truefalse'),
		flashcards: drafts.flashcards
	});
	console.log(
		`    without true/false drafts: ${strict.covered}/${strict.total} = ${pct(strict.covered, strict.total)}`
	);
	if (!quiet)
		for (const m of cov.missed) console.log(`    missed ${m.paragraph}: ${m.source.slice(0, 90)}`);
}
console.log(
	`Time: split + draft ${draftMs.toFixed(0)} ms, bank validation ${checkMs.toFixed(0)} ms`
);
