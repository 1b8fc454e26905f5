/**
 * The item-quality checker (issue 23 §1): editorial rules over one entry (`lintItem`) or a whole
 * set (`lintSet`), each finding naming its rule, severity, field, message and a one-line fix.
 * Pure: no DOM, no storage. The build (`npm run bank:check`), `npm run bank:lint -- FILE`, the
 * editor, the import preview and the drafter all call these two functions, so the rules and
 * messages are the same wherever a set is checked. See README.md in this folder.
 */
import { goalsOf } from './goals.ts';
import { setFigures, type SetFigures } from './figures.ts';
import { ENTRY_RULES, RULES, SET_RULES } from './registry.ts';
import type { Finding, Hit, LintContext, LintEntry, Rule, SetFinding, SetGoals } from './types.ts';

export { BANK_CONTEXT, DEFAULT_GOALS } from './goals.ts';
export {
	keyIsLongest,
	keyIsShortest,
	readsAsRecall,
	setFigures,
	type SetFigures
} from './figures.ts';
export { ENTRY_RULES, RULES, SET_RULES, ruleById } from './registry.ts';
export type * from './types.ts';

function finding(rule: Rule, hit: Hit, context: LintContext): Finding {
	const escalated = context.escalate?.includes(rule.id) ? 'error' : rule.severity;
	return {
		rule: rule.id,
		severity: hit.severity ?? escalated,
		field: hit.field,
		message: hit.message,
		hint: hint(hit)
	};
}

function hint(hit: Hit): string {
	return hit.hint;
}

/** Every finding of the entry rules for one quiz item or flashcard, errors first. */
export function lintItem(entry: LintEntry, context: LintContext = {}): Finding[] {
	const out: Finding[] = [];
	for (const rule of ENTRY_RULES)
		for (const hit of rule.check(entry, context)) out.push(finding(rule, hit, context));
	return out.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
}

/** What a set's findings add up to, and its figures. */
export interface LintSummary {
	entries: number;
	errors: number;
	warnings: number;
	/** Findings per rule id, errors and warnings, for every rule that found something. */
	byRule: Record<string, { errors: number; warnings: number }>;
	/** Entries with at least one finding. */
	entriesWithFindings: number;
	figures: SetFigures;
	goals: SetGoals;
}

/** How far `lintSet` has come: entries checked by the entry rules, then each set rule started. */
export type LintProgress = (step: {
	phase: 'entries' | 'set';
	done: number;
	total: number;
}) => void;

/** Entries checked between two progress reports. */
const PROGRESS_EVERY = 500;

/**
 * Every finding of every rule over a set: entry rules for each entry, then the set rules.
 * `onProgress` (for a screen's progress line) hears every PROGRESS_EVERY entries and each set rule.
 */
export function lintSet(
	entries: readonly LintEntry[],
	context: LintContext = {},
	onProgress?: LintProgress
): { findings: SetFinding[]; summary: LintSummary } {
	const findings: SetFinding[] = [];
	entries.forEach((entry, index) => {
		for (const f of lintItem(entry, context)) findings.push({ ...f, id: entry.id, index });
		if (onProgress && (index + 1) % PROGRESS_EVERY === 0)
			onProgress({ phase: 'entries', done: index + 1, total: entries.length });
	});
	for (const [n, rule] of SET_RULES.entries()) {
		onProgress?.({ phase: 'set', done: n, total: SET_RULES.length });
		for (const hit of rule.check(entries, context)) {
			const index = hit.index;
			const id = index === null ? null : (entries[index]?.id ?? null);
			findings.push({ ...finding(rule, hit, context), id, index });
		}
	}
	const byRule: LintSummary['byRule'] = {};
	for (const f of findings) {
		const tally = (byRule[f.rule] ??= { errors: 0, warnings: 0 });
		if (f.severity === 'error') tally.errors++;
		else tally.warnings++;
	}
	const errors = findings.filter((f) => f.severity === 'error').length;
	return {
		findings,
		summary: {
			entries: entries.length,
			errors,
			warnings: findings.length - errors,
			byRule,
			entriesWithFindings: new Set(findings.filter((f) => f.index !== null).map((f) => f.index))
				.size,
			figures: setFigures(entries),
			goals: goalsOf(context)
		}
	};
}

/** Every rule's id, severity and title, for a list of the rules. */
export function ruleList(): { id: string; severity: string; title: string; scope: string }[] {
	return RULES.map((r) => ({ id: r.id, severity: r.severity, title: r.title, scope: r.scope }));
}
