import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { exportSet, parseAny, type FormatId } from '../formats/index.ts';
import { lintSet } from './index.ts';

const ROOT = fileURLToPath(new URL('../../../..', import.meta.url));

const cue = {
	id: 'banned',
	type: 'single' as const,
	prompt: 'What did the treaty ban?',
	choices: [
		'Ground-launched missiles with ranges of 500 to 5,500 km',
		'Sea mines',
		'Bombers',
		'Tanks'
	],
	answer: 'Ground-launched missiles with ranges of 500 to 5,500 km',
	voice: 'fact' as const,
	topic: 'general',
	difficulty: 2 as const,
	tags: []
};
const set = { title: 'Lint', items: [cue], flashcards: [] };

/** The same item written in every format Quire imports. */
const FILES: [FormatId, string, string][] = [
	['gift', 'set.gift', exportSet(set, 'gift').text],
	['csv', 'set.csv', exportSet(set, 'csv').text],
	[
		'quire-set',
		'set.quire.json',
		exportSet(set, 'quire-set', { set: { title: 'Lint', now: 0 } }).text
	],
	['anki', 'set.txt', exportSet(set, 'anki').text],
	[
		'aiken',
		'aiken.txt',
		`${cue.prompt}\nA. ${cue.choices[0]}\nB. Sea mines\nC. Bombers\nD. Tanks\nANSWER: A\n`
	],
	['quizlet', 'cards.txt', 'INF Treaty\tThe treaty of 1987\nABM Treaty\tThe treaty of 1972\n']
];

describe('the checker on every import format', () => {
	it.each(FILES)('%s: parsed by the import entry point, then checked', (format, name, text) => {
		const result = parseAny(text, { fileName: name });
		expect(result.format).toBe(format);
		const { findings, summary } = lintSet([...result.items, ...result.flashcards]);
		expect(summary.entries).toBe(result.items.length + result.flashcards.length);
		if (format === 'quizlet') expect(findings).toEqual([]);
		else if (format !== 'anki') {
			expect(findings.map((f) => f.rule)).toContain('longest-key');
			// The finding points back at the line the entry was read from.
			const index = findings.find((f) => f.rule === 'longest-key')?.index ?? -1;
			expect([...result.lines.items, ...result.lines.flashcards][index]).toBeGreaterThan(0);
		}
	});

	it('npm run bank:lint prints each finding with file and line, the counts and a summary line', async () => {
		const dir = await mkdtemp(path.join(tmpdir(), 'quire-lint-'));
		const file = path.join(dir, 'set.gift');
		const dup = '::again:: In which year was the INF Treaty signed? {=1987 ~1972 ~2002 ~2019}';
		const gift = `${exportSet(set, 'gift').text}\n::when:: In what year was the INF Treaty signed by both sides? {=1987 ~1991 ~2002 ~2019}\n\n${dup}\n`;
		await writeFile(file, gift);
		const run = promisify(execFile);
		const out = await run('npx', ['tsx', 'scripts/bank-lint.ts', file], { cwd: ROOT }).then(
			(r) => ({ code: 0, text: r.stdout }),
			(e: { code: number; stdout: string }) => ({ code: e.code, text: e.stdout })
		);
		expect(out.text).toMatch(
			new RegExp(`${file}:\\d+: warning longest-key banned \\[choices\\.0\\]`)
		);
		expect(out.text).toMatch(/: error near-duplicate again: near-duplicate of “when”/);
		expect(out.text).toMatch(/^ {2}longest-key +0 errors +1 warning /m);
		expect(out.text).toMatch(/key is the longest option: \d+ of 3 single-choice items/);
		expect(out.text).toMatch(
			/set\.gift: 3 entries, 1 error, \d+ warnings?, \d+ entries with findings$/m
		);
		expect(out.code).toBe(1);
	}, 60_000);
});
