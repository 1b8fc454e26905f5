// Question-bank CLI: `tsx scripts/bank.ts <check|stats|export> [file]`. Exits 1 on any bank error.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatErrors, loadBank } from '../src/lib/bank/load';
import { ITEM_TYPES, LEVELS, VOICES, type Bank } from '../src/lib/bank/schema';
import { bankStats, choiceStats, GOALS } from '../src/lib/bank/stats';
import type { BankError } from '../src/lib/bank/validate';
import { BANK_CONTEXT, lintSet, setFigures, type SetFinding } from '../src/lib/bank/lint/index';
import { readerLabel } from '../src/lib/bank/lint/paragraph-numbers';
import { acceptsTyped } from '../src/lib/engine/score';
import { findingLines, summaryLine, summaryLines } from './lint-report';

// The bank lives next to this script, whatever directory the CLI is run from.
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const USAGE = 'usage: tsx scripts/bank.ts <check|stats|export> [file]';

function fail(errors: readonly BankError[]): never {
	console.error(formatErrors(errors));
	console.error(`\nbank invalid: ${errors.length} error${errors.length === 1 ? '' : 's'}`);
	process.exit(1);
}

/** Renders rows as a plain-text table; numeric columns are right-aligned. */
function table(head: string[], rows: (string | number)[][]): string {
	const cells = [head, ...rows.map((r) => r.map(String))];
	const widths = head.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? '').length)));
	const numeric = head.map((_, c) => rows.every((r) => typeof r[c] === 'number'));
	const line = (r: string[]) =>
		r
			.map((cell, c) => (numeric[c] ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0)))
			.join('  ')
			.trimEnd();
	const rule = widths
		.map((w) => '-'.repeat(w))
		.join('  ')
		.trimEnd();
	return [line(head), rule, ...cells.slice(1).map(line)].join('\n');
}

function count<T>(list: readonly T[], key: (x: T) => string): Map<string, number> {
	const counts = new Map<string, number>();
	for (const x of list) counts.set(key(x), (counts.get(key(x)) ?? 0) + 1);
	return counts;
}

const goal = (ok: boolean, text: string) => `${ok ? 'goal met' : 'GOAL MISSED'}: ${text}`;

function stats(bank: Bank): string {
	const { items, flashcards } = bank;
	const byType = count(items, (i) => i.type);
	const tally = (key: (x: { topic: string; difficulty: number; paragraph: string }) => string) => ({
		items: count(items, key),
		cards: count(flashcards, key)
	});
	const byTopic = tally((x) => x.topic);
	const byDifficulty = tally((x) => String(x.difficulty));
	const byParagraph = tally((x) => x.paragraph);
	const row = (label: string, t: ReturnType<typeof tally>, key: string) => {
		const i = t.items.get(key) ?? 0;
		const c = t.cards.get(key) ?? 0;
		return [label, i, c, i + c];
	};
	const uncovered = bank.paragraphs.filter(
		(p) => !byParagraph.items.has(p.id) && !byParagraph.cards.has(p.id)
	);
	const figures = bankStats(bank);
	const choices = choiceStats(items);
	const lint = setFigures(items);
	const maxShortest = BANK_CONTEXT.goals?.maxShortestKey ?? 0.3;
	// Where the key ranks by length among its options (1 = shortest), for single-choice items of
	// four options: "pick the longest" and "pick the shortest" both pay when it sits at one end.
	const ranks: Record<string, number> = { shortest: 0, second: 0, third: 0, longest: 0, tied: 0 };
	for (const i of items) {
		if (i.type !== 'single' || i.choices.length !== 4) continue;
		const length = (t: string) => t.trim().replace(/\s+/g, ' ').length;
		const key = length(i.answer);
		const others = i.choices.filter((c) => c !== i.answer).map(length);
		if (others.includes(key)) ranks.tied!++;
		else
			ranks[['shortest', 'second', 'third', 'longest'][others.filter((o) => o < key).length]!]!++;
	}
	const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
	const weight = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));
	const split = (t: { items: number; cards: number }) => [
		t.items,
		pct(items.length ? t.items / items.length : 0),
		t.cards,
		t.items + t.cards
	];

	return [
		`bank ${bank.version}: ${items.length} items, ${flashcards.length} flashcards`,
		'',
		table(
			['type', 'items'],
			[...ITEM_TYPES.map((t) => [t, byType.get(t) ?? 0]), ['total', items.length]]
		),
		'',
		table(
			['topic', 'items', 'cards', 'total'],
			bank.topics.map((t) => row(t.id, byTopic, t.id))
		),
		'',
		table(
			['difficulty', 'items', 'cards', 'total'],
			['1', '2', '3'].map((d) => row(d, byDifficulty, d))
		),
		'',
		table(
			['voice', 'items', 'of items', 'cards', 'total'],
			VOICES.map((v) => [v, ...split(figures.voice[v])])
		),
		'',
		// Level is each entry's `level` field, set by the editor (not derived).
		table(
			['level', 'items', 'of items', 'cards', 'total'],
			LEVELS.map((l) => [l, ...split(figures.level[l])])
		),
		'',
		// An entry citing k quotes counts 1/k towards each cited paragraph.
		table(
			[
				'paragraph',
				'reader',
				'kind',
				'words',
				'of text',
				'items',
				'of items',
				'ratio',
				'cards',
				''
			],
			figures.paragraphs.map((p) => [
				p.id,
				readerLabel(bank.paragraphs, p.id),
				p.kind,
				p.words,
				pct(p.share),
				weight(p.items),
				pct(p.itemShare),
				p.ratio.toFixed(2),
				weight(p.cards),
				p.ratio > GOALS.maxOverweight
					? `<- over ${GOALS.maxOverweight}x its share`
					: p.items + p.cards === 0
						? '<- nothing cites it'
						: ''
			])
		),
		'',
		uncovered.length === 0
			? 'every paragraph is cited'
			: `paragraphs with nothing citing them: ${uncovered.map((p) => p.id).join(', ')}`,
		figures.overweight.length === 0
			? `goal met: no paragraph over ${GOALS.maxOverweight}x its share of the text (highest ${Math.max(...figures.paragraphs.map((p) => p.ratio)).toFixed(2)}x)`
			: `GOAL MISSED: over ${GOALS.maxOverweight}x their share of the text: ${figures.overweight.map((p) => `${p.id} (${p.ratio.toFixed(2)}x)`).join(', ')}`,
		figures.recallOk
			? `goal met: recall is ${pct(figures.recallShare)} of items (at most ${pct(GOALS.maxRecall)})`
			: `GOAL MISSED: recall is ${pct(figures.recallShare)} of items (at most ${pct(GOALS.maxRecall)})`,
		'',
		// The cues a test-wise student could use, in the order the choices are stored.
		table(
			['key position', 'keys', 'of keys'],
			Object.entries(choices.keyPositions).map(([n, k]) => [n, k, pct(k / choices.keys)])
		),
		'',
		table(
			['key length rank', 'single items (4 options)'],
			Object.entries(ranks).map(([r, k]) => [r === 'tied' ? 'tied with a distractor' : r, k])
		),
		'',
		table(
			['options', 'choice items'],
			Object.entries(choices.options).map(([n, k]) => [n, k])
		),
		'',
		goal(
			choices.keyPositionOk,
			`no stored key position holds over ${pct(GOALS.maxKeyPosition)} of the ${choices.keys} keys of single and multiple choice items`
		),
		goal(
			choices.longestKeyOk,
			`the key is the longest option in ${choices.longestKey} of ${choices.singles} single-choice items (${pct(choices.singles ? choices.longestKey / choices.singles : 0)}; at most ${pct(GOALS.maxLongestKey)})`
		),
		goal(
			lint.shortestKey <= maxShortest * lint.single,
			`the key is the shortest option in ${lint.shortestKey} of ${lint.single} single-choice items (${pct(lint.single ? lint.shortestKey / lint.single : 0)}; at most ${pct(maxShortest)})`
		),
		goal(
			choices.trueFalseOk,
			`true/false: ${choices.trueFalse.true} true, ${choices.trueFalse.false} false (neither over ${pct(GOALS.maxTrueFalse)})`
		),
		goal(
			choices.optionsOk,
			`every choice item has ${GOALS.minOptions} to ${GOALS.maxOptions} options`
		)
	].join('\n');
}

async function main(): Promise<void> {
	const [command, file] = process.argv.slice(2);
	if (command !== 'check' && command !== 'stats' && command !== 'export') {
		console.error(USAGE);
		process.exit(2);
	}
	if (command === 'export' && !file) {
		console.error(`export needs an output file\n${USAGE}`);
		process.exit(2);
	}

	const { bank, errors, places } = await loadBank('questions', ROOT);
	if (command === 'stats' && bank) console.log(stats(bank));
	if (!bank) fail(errors);

	if (command === 'check') {
		const { items, flashcards, version } = bank;
		// The item-quality checker, with the bank's own goals binding (issue 23 §2).
		const { findings, summary } = lintSet([...items, ...flashcards], {
			...BANK_CONTEXT,
			paragraphs: bank.paragraphs,
			accepts: acceptsTyped
		});
		const where = (f: SetFinding) => {
			const place = f.id ? places?.[f.id] : undefined;
			return place ? `${place.file}:${place.line}` : 'questions (the set as a whole)';
		};
		const warnings = findings.filter((f) => f.severity === 'warning');
		const faults = findings.filter((f) => f.severity === 'error');
		if (warnings.length) console.log(findingLines(warnings, where).join('\n') + '\n');
		console.log(summaryLines(summary).join('\n'));
		if (faults.length) {
			console.error('\n' + findingLines(faults, where).join('\n'));
			console.error(`\n${summaryLine(summary, 'bank fails the item-quality check')}`);
			process.exit(1);
		}
		console.log(`\n${summaryLine(summary, 'item-quality check')}`);
		console.log(
			`bank ok: ${items.length} items, ${flashcards.length} flashcards, version ${version}`
		);
	} else if (command === 'export' && file) {
		const out = path.resolve(file);
		await mkdir(path.dirname(out), { recursive: true });
		await writeFile(out, JSON.stringify(bank, null, '\t') + '\n');
		const shown = path.relative(process.cwd(), out);
		console.log(`wrote ${shown.startsWith('..') ? out : shown} (version ${bank.version})`);
	}
}

await main();
