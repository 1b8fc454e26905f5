import { readFileSync } from 'node:fs';
import { parseAny } from '../src/lib/bank/formats/index.ts';
for (const f of [
	'aiken.txt',
	'quizlet-tab.txt',
	'quizlet-comma-semicolon.txt',
	'anki-notes.txt',
	'every-type.csv',
	'set.quire.json'
]) {
	const r = parseAny(readFileSync('src/lib/bank/formats/fixtures/' + f, 'utf8'), { fileName: f });
	console.log('==', f, r.format, JSON.stringify(r.counts), JSON.stringify(r.topics), r.title);
	for (const p of r.problems) console.log(`  ${p.line} ${p.severity}: ${p.message}`);
	for (const i of [...r.items, ...r.flashcards]) console.log('  ', JSON.stringify(i));
}
