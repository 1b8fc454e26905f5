// The item-quality checker over any importable file: `npm run bank:lint -- FILE [--from FORMAT]`.
// Reads GIFT, Aiken, Quizlet, Anki text, CSV or .quire.json with the app's own parsers (the
// format is told from the name and content, as on the import screen), prints every finding as
// file:line: severity rule [field]: message — hint, the count per rule and the set's figures,
// then a summary line. Exits 1 on any error (a finding or a part of the file that could not be
// read), 0 when only warnings remain, 2 on bad usage.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { FORMATS, parseAny, type FormatId } from '../src/lib/bank/formats/index';
import { lintSet, type SetFinding } from '../src/lib/bank/lint/index';
import { acceptsTyped } from '../src/lib/engine/score';
import { findingLines, summaryLine, summaryLines } from './lint-report';

const USAGE = 'usage: npm run bank:lint -- <file> [--from gift|aiken|quizlet|anki|csv|quire-set]';
const FROM: FormatId[] = ['gift', 'aiken', 'quizlet', 'anki', 'csv', 'quire-set'];

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const at = args.indexOf('--from');
	const from = at >= 0 ? (args[at + 1] as FormatId | undefined) : undefined;
	const files = at < 0 ? args : args.filter((_, i) => i !== at && i !== at + 1);
	if (files.length !== 1 || (at >= 0 && (!from || !FROM.includes(from)))) {
		console.error(USAGE);
		process.exit(2);
	}
	const file = files[0] as string;
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (e) {
		console.error(`${file}: cannot read it (${(e as Error).message})`);
		process.exit(1);
	}
	const result = parseAny(text, {
		fileName: path.basename(file),
		...(from ? { format: from } : {})
	});
	for (const p of result.problems)
		console.error(`${file}:${p.line}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`);
	const unread = result.problems.filter((p) => p.severity === 'error').length;
	if (!result.format) process.exit(1);
	const entries = [...result.items, ...result.flashcards];
	console.log(
		`read ${result.items.length} questions and ${result.flashcards.length} flashcards from ${file} as ${FORMATS[result.format].name}`
	);
	const { findings, summary } = lintSet(entries, {
		...(result.article ? { paragraphs: result.article.paragraphs } : {}),
		accepts: acceptsTyped
	});
	const lines = [...result.lines.items, ...result.lines.flashcards];
	const where = (f: SetFinding) => {
		const line = f.index === null ? undefined : lines[f.index];
		return line ? `${file}:${line}` : `${file} (the set as a whole)`;
	};
	if (findings.length) console.log(findingLines(findings, where).join('\n') + '\n');
	console.log(summaryLines(summary).join('\n') + '\n');
	const unreadNote = unread
		? `; ${unread} part${unread === 1 ? '' : 's'} of the file could not be read`
		: '';
	console.log(summaryLine(summary, file) + unreadNote);
	process.exit(summary.errors > 0 || unread > 0 ? 1 : 0);
}

await main();
