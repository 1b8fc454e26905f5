// What the quiz does with a typed answer: `npx tsx scripts/try-answer.ts <bank.json> <item id> <answer>
// [<blank number>]` prints "accepted" or "rejected" as Quire's matcher marks it (short answers, and
// one blank of a cloze item: the blank's number, from 1, is the fourth argument).
import { readFileSync } from 'node:fs';
import { scoreAnswer } from '../src/lib/engine/index';
import type { QuizItem } from '../src/lib/bank/schema';

const [file, id, typed, blank] = process.argv.slice(2);
if (!file || !id || typed === undefined) {
	console.error('usage: npx tsx scripts/try-answer.ts <bank.json> <item id> <answer> [<blank>]');
	process.exit(2);
}
const bank = JSON.parse(readFileSync(file, 'utf8')) as { items: QuizItem[] };
const item = bank.items.find((i) => i.id === id);
if (!item) {
	console.error(`no item "${id}" in ${file}`);
	process.exit(2);
}
if (item.type === 'short') {
	console.log(scoreAnswer(item, { type: 'short', text: typed }).correct ? 'accepted' : 'rejected');
} else if (item.type === 'cloze') {
	const at = Math.max(1, Number(blank ?? 1)) - 1;
	const blanks: string[] = [];
	blanks[at] = typed;
	const detail = scoreAnswer(item, {
		type: 'cloze',
		blanks: Array.from(blanks, (b) => b ?? '')
	}).detail;
	console.log(detail?.[at] === true ? 'accepted' : 'rejected');
} else {
	console.error(`"${id}" is a ${item.type} item: only short and cloze answers are typed`);
	process.exit(2);
}
