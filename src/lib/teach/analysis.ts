/** Item analysis in the manner of Moodle's quiz statistics report, and a per-student gradebook. */
import type { ItemType } from '../bank/schema';
import type { AnyItem } from '../bank/set';
import { scoreAnswer, type Answer } from '../engine/score';
import type { StudentResult } from './crypto';
import { REPORT_REASONS, type ReportReason } from '../engine/report';

/** One attempt as item analysis sees it: a 0..1 score per item, optionally the options picked. */
export interface AnalysisAttempt {
	student: string;
	itemScores: Record<string, number>;
	/** For single, multi and truefalse items; truefalse picks are 'true' or 'false'. */
	choices?: Record<string, string | string[]>;
}

/** A warning worth a teacher's look. */
export type ItemFlag = 'too easy' | 'too hard' | 'negative discrimination';

/** How often one option of a choice item was picked. */
export interface OptionCount {
	option: string;
	correct: boolean;
	count: number;
}

/** Statistics for one item over the attempts that include it. */
export interface ItemStats {
	itemId: string;
	type: ItemType;
	/** Attempts with a score for this item. */
	attempts: number;
	/** Mean score share, 0..1; null with no attempts. */
	facility: number | null;
	/** Sample standard deviation of the score share (n − 1, as Moodle); null below 2 attempts. */
	sd: number | null;
	/** Pearson r of item score against rest-of-test score; null below 2 attempts or with no spread. */
	discrimination: number | null;
	/** Picks per option, in the item's order; null for types without options. */
	options: OptionCount[] | null;
	/** Attempts scored on this item with no option recorded. */
	noResponse: number;
	/** Picks matching none of the options (e.g. from an edited item). */
	otherChoices: number;
	flags: ItemFlag[];
}

/** Facility above this is flagged 'too easy'. */
export const TOO_EASY = 0.9;
/** Facility below this is flagged 'too hard'. */
export const TOO_HARD = 0.2;
// Scores are shares in 0..1, so a spread this small is rounding noise, not variation.
const EPSILON = 1e-12;

function share(value: unknown): number | null {
	if (typeof value !== 'number' || Number.isNaN(value)) return null;
	return Math.min(1, Math.max(0, value));
}

function mean(xs: readonly number[]): number {
	return xs.reduce((s, x) => s + x, 0) / xs.length;
}

/** Sample standard deviation (n − 1); null below two values. */
export function sampleSd(xs: readonly number[]): number | null {
	if (xs.length < 2) return null;
	const m = mean(xs);
	return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
}

/** Pearson correlation; null below two pairs or when either side has no spread. */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
	const n = Math.min(xs.length, ys.length);
	if (n < 2) return null;
	const mx = mean(xs.slice(0, n));
	const my = mean(ys.slice(0, n));
	let sxy = 0;
	let sxx = 0;
	let syy = 0;
	for (let i = 0; i < n; i++) {
		const dx = (xs[i] as number) - mx;
		const dy = (ys[i] as number) - my;
		sxy += dx * dy;
		sxx += dx * dx;
		syy += dy * dy;
	}
	if (sxx < EPSILON || syy < EPSILON) return null;
	return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

function optionList(item: AnyItem): { option: string; correct: boolean; key: string }[] | null {
	switch (item.type) {
		case 'single':
			return item.choices.map((c) => ({ option: c, correct: c === item.answer, key: c }));
		case 'multi':
			return item.choices.map((c) => ({ option: c, correct: item.answers.includes(c), key: c }));
		case 'truefalse':
			return [
				{ option: 'True', correct: item.answer, key: 'true' },
				{ option: 'False', correct: !item.answer, key: 'false' }
			];
		default:
			return null;
	}
}

function picks(item: AnyItem, raw: string | string[] | undefined): string[] {
	const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
	const strings = list.filter((p): p is string => typeof p === 'string');
	// A student picks an option at most once, whatever the record says.
	return [...new Set(item.type === 'truefalse' ? strings.map((p) => p.toLowerCase()) : strings)];
}

/** Per-item statistics for the given items, in their order. */
export function analyseItems(
	attempts: readonly AnalysisAttempt[],
	items: readonly AnyItem[]
): ItemStats[] {
	const ids = items.map((i) => i.id);
	const totals = attempts.map((a) =>
		ids.reduce((sum, id) => sum + (share(a.itemScores[id]) ?? 0), 0)
	);
	return items.map((item) => {
		const scores: number[] = [];
		const rest: number[] = [];
		attempts.forEach((a, i) => {
			const s = share(a.itemScores[item.id]);
			if (s === null) return;
			scores.push(s);
			rest.push((totals[i] as number) - s);
		});
		const facility = scores.length > 0 ? mean(scores) : null;
		const discrimination = pearson(scores, rest);
		const list = optionList(item);
		let options: OptionCount[] | null = null;
		let noResponse = 0;
		let otherChoices = 0;
		if (list) {
			const counts = new Map(list.map((o) => [o.key, 0]));
			for (const a of attempts) {
				const picked = picks(item, a.choices?.[item.id]);
				if (picked.length === 0) {
					if (share(a.itemScores[item.id]) !== null) noResponse++;
					continue;
				}
				for (const p of picked) {
					const n = counts.get(p);
					if (n === undefined) otherChoices++;
					else counts.set(p, n + 1);
				}
			}
			options = list.map((o) => ({
				option: o.option,
				correct: o.correct,
				count: counts.get(o.key) ?? 0
			}));
		}
		const flags: ItemFlag[] = [];
		if (facility !== null && facility > TOO_EASY) flags.push('too easy');
		if (facility !== null && facility < TOO_HARD) flags.push('too hard');
		if (discrimination !== null && discrimination < 0) flags.push('negative discrimination');
		return {
			itemId: item.id,
			type: item.type,
			attempts: scores.length,
			facility,
			sd: sampleSd(scores),
			discrimination,
			options,
			noResponse,
			otherChoices,
			flags
		};
	});
}

/** Folds a typed name so "Ana  Lopez" and "ana lopez" are one student. */
export function studentKey(name: string): string {
	return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

function choiceOf(answer: Answer | null): string | string[] | undefined {
	switch (answer?.type) {
		case 'single':
			return answer.choice;
		case 'multi':
			return answer.choices;
		case 'truefalse':
			return answer.value ? 'true' : 'false';
		default:
			return undefined;
	}
}

/** A result re-scored against the bank, per item and as a percent of the given items. */
export interface ScoredResult {
	itemScores: Record<string, number>;
	choices: Record<string, string | string[]>;
	/** 0..100; items the result leaves out count as 0. */
	percent: number;
	/** Sum of the answers' timeMs. */
	timeMs: number;
}

/**
 * Re-scores a result's answers with the app's own scoring: the score a student's device reports
 * can't be trusted, since anyone holding the link can seal a code.
 */
export function scoreResult(result: StudentResult, items: readonly AnyItem[]): ScoredResult {
	const byId = new Map(items.map((i) => [i.id, i]));
	const itemScores: Record<string, number> = {};
	const choices: Record<string, string | string[]> = {};
	let timeMs = 0;
	for (const a of result.answers) {
		timeMs += a.timeMs;
		const item = byId.get(a.itemId);
		// The first answer to an item counts; a repeated one can't add marks.
		if (!item || Object.prototype.hasOwnProperty.call(itemScores, a.itemId)) continue;
		itemScores[a.itemId] = scoreAnswer(item, a.answer).score;
		const choice = choiceOf(a.answer);
		if (choice !== undefined) choices[a.itemId] = choice;
	}
	const total = items.reduce((s, i) => s + (itemScores[i.id] ?? 0), 0);
	return {
		itemScores,
		choices,
		percent: items.length > 0 ? (100 * total) / items.length : 0,
		timeMs
	};
}

/** Which of a student's attempts item analysis uses; Moodle offers the same choice. */
export type AttemptPick = 'first' | 'best' | 'last' | 'all';

function dedupe(results: readonly StudentResult[]): StudentResult[] {
	const seen = new Set<string>();
	return results.filter((r) => {
		const key = `${studentKey(r.student)}\u0000${r.attempt}\u0000${r.submittedAt}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

function byStudent(results: readonly StudentResult[]): Map<string, StudentResult[]> {
	const groups = new Map<string, StudentResult[]>();
	for (const r of dedupe(results)) {
		const key = studentKey(r.student);
		groups.set(key, [...(groups.get(key) ?? []), r]);
	}
	for (const list of groups.values()) {
		list.sort((a, b) => a.submittedAt - b.submittedAt || a.attempt - b.attempt);
	}
	return groups;
}

/**
 * Turns results into analysis attempts, re-scored against the items. 'first' is the default:
 * later attempts are coloured by the feedback from earlier ones.
 */
export function analysisAttempts(
	results: readonly StudentResult[],
	items: readonly AnyItem[],
	pick: AttemptPick = 'first'
): AnalysisAttempt[] {
	const out: AnalysisAttempt[] = [];
	for (const list of byStudent(results).values()) {
		const scored = list.map((r) => ({ r, s: scoreResult(r, items) }));
		let chosen = scored;
		if (pick === 'first') chosen = scored.slice(0, 1);
		else if (pick === 'last') chosen = scored.slice(-1);
		else if (pick === 'best')
			chosen = [scored.reduce((b, x) => (x.s.percent > b.s.percent ? x : b))];
		for (const { r, s } of chosen) {
			out.push({ student: r.student, itemScores: s.itemScores, choices: s.choices });
		}
	}
	return out;
}

/** One student's line in the gradebook. */
export interface GradebookRow {
	/** The name as typed in the student's latest result. */
	student: string;
	attempts: number;
	/** Best percent, 0..100. */
	best: number;
	/** Percent of the latest submission, 0..100. */
	last: number;
	/** Time spent on questions across all attempts. */
	totalTimeMs: number;
	/** When the latest attempt was submitted (ms). */
	submittedAt: number;
	/** Whether the latest attempt came in after the due time. */
	late: boolean;
	/** How many attempts came in late. */
	lateAttempts: number;
}

/** Made on first use: building a collator loads locale data, which a page should not pay on load. */
let collator: Intl.Collator | undefined;

/** Per-student summary of one assignment's results, by name; identical re-imports count once. */
export function gradebook(
	results: readonly StudentResult[],
	items: readonly AnyItem[]
): GradebookRow[] {
	const rows: GradebookRow[] = [];
	for (const list of byStudent(results).values()) {
		const scored = list.map((r) => ({ r, s: scoreResult(r, items) }));
		const latest = scored[scored.length - 1];
		if (!latest) continue;
		rows.push({
			student: latest.r.student.trim(),
			attempts: scored.length,
			best: Math.max(...scored.map((x) => x.s.percent)),
			last: latest.s.percent,
			totalTimeMs: scored.reduce((t, x) => t + x.s.timeMs, 0),
			submittedAt: latest.r.submittedAt,
			late: latest.r.late,
			lateAttempts: scored.filter((x) => x.r.late).length
		});
	}
	collator ??= new Intl.Collator('en', { sensitivity: 'base', numeric: true });
	const by = collator;
	return rows.sort((a, b) => by.compare(a.student, b.student));
}

/** What the students reported about one item: how many, why, and their notes. */
export interface ItemReports {
	/** Students who reported a problem with the item. */
	count: number;
	/** Each reason given at least once, with how many students gave it, in the dialog's order. */
	reasons: { reason: ReportReason; count: number }[];
	/** The notes students wrote, with each one's reason, in order of submission; empty ones left out. */
	notes: { reason: ReportReason; note: string; student: string }[];
}

/**
 * Reported problems per item of the given items. A student counts once per item: their latest
 * submitted result that reports the item speaks for them (a later attempt may change the reason).
 * Reports on items the assignment does not hold are ignored.
 */
export function itemReports(
	results: readonly StudentResult[],
	items: readonly AnyItem[]
): Map<string, ItemReports> {
	const ids = new Set(items.map((i) => i.id));
	type Latest = { reason: ReportReason; note: string; student: string; at: number };
	const latest = new Map<string, Map<string, Latest>>();
	for (const list of byStudent(results).values()) {
		for (const r of list) {
			for (const report of r.reports ?? []) {
				if (!ids.has(report.itemId)) continue;
				let perStudent = latest.get(report.itemId);
				if (!perStudent) latest.set(report.itemId, (perStudent = new Map<string, Latest>()));
				// byStudent sorts each student's results oldest first, so the last one seen wins.
				perStudent.set(studentKey(r.student), {
					reason: report.reason,
					note: report.note,
					student: r.student.trim(),
					at: r.submittedAt
				});
			}
		}
	}
	const out = new Map<string, ItemReports>();
	for (const item of items) {
		const perStudent = latest.get(item.id);
		if (!perStudent) continue;
		const all = [...perStudent.values()].sort((a, b) => a.at - b.at);
		out.set(item.id, {
			count: all.length,
			reasons: REPORT_REASONS.map((reason) => ({
				reason,
				count: all.filter((x) => x.reason === reason).length
			})).filter((x) => x.count > 0),
			notes: all
				.filter((x) => x.note.trim() !== '')
				.map(({ reason, note, student }) => ({ reason, note, student }))
		});
	}
	return out;
}
