// Prints the item-quality checker's findings and figures for `bank:check` and `bank:lint`.
import { RULES, type LintSummary, type SetFinding } from '../src/lib/bank/lint/index';

const pct = (n: number, of: number) => (of === 0 ? '–' : `${((n / of) * 100).toFixed(1)}%`);

/** One line per finding: `file:line: severity rule [field] message (hint)`. */
export function findingLines(
	findings: readonly SetFinding[],
	where: (f: SetFinding) => string
): string[] {
	return findings.map(
		(f) =>
			`${where(f)}: ${f.severity} ${f.rule}${f.id ? ` ${f.id}` : ''}${f.field ? ` [${f.field}]` : ''}: ${f.message} — ${f.hint}`
	);
}

/** The count per rule (every rule, zeros included) and the set's figures. */
export function summaryLines(summary: LintSummary): string[] {
	const width = Math.max(...RULES.map((r) => r.id.length));
	const rows = RULES.map((r) => {
		const t = summary.byRule[r.id] ?? { errors: 0, warnings: 0 };
		return `  ${r.id.padEnd(width)}  ${String(t.errors).padStart(3)} error${t.errors === 1 ? ' ' : 's'}  ${String(t.warnings).padStart(3)} warning${t.warnings === 1 ? '' : 's'}   ${r.title}`;
	});
	const f = summary.figures;
	const g = summary.goals;
	const positions = f.keyPositions
		.map((n, i) => `${String.fromCharCode(65 + i)} ${n} (${pct(n, f.single)})`)
		.join(', ');
	const tf = f.trueFalse.true + f.trueFalse.false;
	return [
		'findings per rule:',
		...rows,
		'set figures:',
		`  keys by stored position (single choice, before shuffling): ${positions || 'no single-choice items'}; choice items with a key first: ${f.keyFirst} of ${f.choiceItems}`,
		`  key is the longest option: ${f.longestKey} of ${f.single} single-choice items (${pct(f.longestKey, f.single)}; goal at most ${pct(g.maxLongestKey, 1)})`,
		`  key is the shortest option: ${f.shortestKey} of ${f.single} single-choice items (${pct(f.shortestKey, f.single)}; goal at most ${pct(g.maxShortestKey, 1)})`,
		`  true/false balance: ${f.trueFalse.true} true, ${f.trueFalse.false} false (${pct(Math.max(f.trueFalse.true, f.trueFalse.false), tf)} on one side; goal at most ${pct(g.maxTrueFalse, 1)})`,
		`  recall: ${f.recall} of ${f.labelled} labelled items labelled recall (${pct(f.recall, f.labelled)}; goal at most ${pct(g.maxRecall, 1)}); ${f.readsAsRecall} items read as recall by their form`
	];
}

/** The closing line: counts of findings and of entries with any. */
export function summaryLine(summary: LintSummary, what: string): string {
	return `${what}: ${summary.entries} entries, ${summary.errors} error${summary.errors === 1 ? '' : 's'}, ${summary.warnings} warning${summary.warnings === 1 ? '' : 's'}, ${summary.entriesWithFindings} entries with findings`;
}
