/**
 * The item-quality checker (`$lib/bank/lint`) as the library's screens show it: a set's findings
 * grouped by rule (a count per rule, and the entries each rule found, the first `LISTED` of them),
 * the set's figures (keys by stored position, the longest-key share), and warnings the teacher
 * dismissed for an entry (its `dismissed` list) left out and counted. Plain TypeScript: the import
 * worker and the quality worker run it off the page; tests call it directly.
 */
import {
	lintSet,
	ruleById,
	type LintEntry,
	type LintParagraph,
	type LintProgress,
	type LintSeverity,
	type SetFigures,
	type SetGoals
} from '$lib/bank/lint';
import { acceptsTyped } from '$lib/engine';

/** Findings listed per rule; the count says how many more there are. */
export const LISTED = 200;

/** One finding as a screen lists it. */
export interface QualityFinding {
	/** The entry's place in the list checked, its id and, for a file, its line; null for the set. */
	index: number | null;
	id: string | null;
	line?: number;
	severity: LintSeverity;
	field: string;
	message: string;
	hint: string;
}

/** What one rule found. */
export interface RuleReport {
	rule: string;
	title: string;
	errors: number;
	warnings: number;
	/** The first LISTED findings, in entry order (the set's own findings first). */
	findings: QualityFinding[];
}

/** What the checker found in a set or a file. */
export interface QualityReport {
	entries: number;
	errors: number;
	warnings: number;
	/** Warnings left out because the teacher dismissed them for their entry. */
	dismissed: number;
	entriesWithFindings: number;
	/** Rules that found something, in the checker's order. */
	rules: RuleReport[];
	figures: SetFigures;
	goals: SetGoals;
}

export interface QualityOptions {
	/** The article the set is built on: typed answers are checked against its words. */
	paragraphs?: readonly LintParagraph[];
	/** Each entry's line in its file, by index (the import preview). */
	lines?: readonly number[];
	onProgress?: LintProgress;
}

/** Runs the checker over a set's entries and groups what it finds by rule. */
export function qualityReport(
	entries: readonly LintEntry[],
	{ paragraphs, lines, onProgress }: QualityOptions = {}
): QualityReport {
	const { findings, summary } = lintSet(
		entries,
		{ accepts: acceptsTyped, ...(paragraphs ? { paragraphs } : {}) },
		onProgress
	);
	const byRule = new Map<string, RuleReport>();
	const withFindings = new Set<number>();
	let dismissed = 0;
	let errors = 0;
	for (const f of findings) {
		const entry = f.index === null ? undefined : entries[f.index];
		const off = entry && 'dismissed' in entry ? entry.dismissed : undefined;
		if (f.severity === 'warning' && off?.includes(f.rule)) {
			dismissed++;
			continue;
		}
		let report = byRule.get(f.rule);
		if (!report) {
			report = {
				rule: f.rule,
				title: ruleById(f.rule)?.title ?? f.rule,
				errors: 0,
				warnings: 0,
				findings: []
			};
			byRule.set(f.rule, report);
		}
		if (f.severity === 'error') {
			report.errors++;
			errors++;
		} else report.warnings++;
		if (f.index !== null) withFindings.add(f.index);
		if (report.findings.length < LISTED) {
			const line = f.index === null ? undefined : lines?.[f.index];
			report.findings.push({
				index: f.index,
				id: f.id,
				...(line !== undefined ? { line } : {}),
				severity: f.severity,
				field: f.field,
				message: f.message,
				hint: f.hint
			});
		}
	}
	const total = findings.length - dismissed;
	return {
		entries: entries.length,
		errors,
		warnings: total - errors,
		dismissed,
		entriesWithFindings: withFindings.size,
		rules: [...byRule.values()],
		figures: summary.figures,
		goals: summary.goals
	};
}
