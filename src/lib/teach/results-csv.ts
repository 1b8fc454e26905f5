/** The gradebook and the item analysis as CSV files. */
import type { AnyItem } from '../bank/set';
import { REASON_LABELS } from '../engine/report';
import type { GradebookRow, ItemReports, ItemStats } from './analysis';
import { toCsv, type CsvCell } from './csv';
import { round1 } from './results';

/** The gradebook as CSV; `passMark` in percent decides the Passed column. */
export function gradebookCsv(book: readonly GradebookRow[], passMark: number): string {
	const rows: CsvCell[][] = [
		[
			'Student',
			'Attempts',
			'Best %',
			'Last %',
			'Passed',
			'Time (s)',
			'Last submitted (reported by student)',
			'Late (reported by student)',
			'Late attempts (reported by student)'
		],
		...book.map((r) => [
			r.student,
			r.attempts,
			round1(r.best),
			round1(r.last),
			r.best >= passMark,
			Math.round(r.totalTimeMs / 1000),
			new Date(r.submittedAt).toISOString(),
			r.late,
			r.lateAttempts
		])
	];
	return toCsv(rows);
}

/** The item analysis as CSV, each item named by `label`. */
export function analysisCsv(
	stats: readonly ItemStats[],
	items: readonly AnyItem[],
	label: (item: AnyItem) => string,
	reports: ReadonlyMap<string, ItemReports> = new Map()
): string {
	const byId = new Map(items.map((i) => [i.id, i]));
	const rows: CsvCell[][] = [
		[
			'Number',
			'Item id',
			'Question',
			'Type',
			'Attempts',
			'Facility %',
			'Discrimination',
			'Options picked',
			'Flags',
			'Reports',
			'Report reasons',
			'Report notes'
		],
		...stats.map((s, n) => {
			const item = byId.get(s.itemId);
			const reported = reports.get(s.itemId);
			return [
				n + 1,
				s.itemId,
				item ? label(item) : '',
				s.type,
				s.attempts,
				s.facility === null ? null : round1(s.facility * 100),
				s.discrimination === null ? null : Math.round(s.discrimination * 100) / 100,
				s.options
					? s.options.map((o) => `${o.option}${o.correct ? ' (right)' : ''}: ${o.count}`).join('; ')
					: null,
				s.flags.join('; '),
				reported?.count ?? 0,
				reported
					? reported.reasons.map((x) => `${REASON_LABELS[x.reason]}: ${x.count}`).join('; ')
					: null,
				reported
					? reported.notes
							.map((x) => `${x.student} (${REASON_LABELS[x.reason]}): ${x.note}`)
							.join(' | ')
					: null
			];
		})
	];
	return toCsv(rows);
}
