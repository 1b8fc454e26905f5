/**
 * Problems a student reports with questions and flashcards: the dialog's submit, the "already
 * reported" marks on feedback and cards, and the list in Settings with export and delete.
 * Dexie loads only when a report is read or written, never on a first visit.
 */
import type { ReportRow } from '$lib/db';
import { databaseExists } from '$lib/db/exists';
import { cleanNote, REASON_LABELS, REPORT_REASONS, type ReportReason } from '$lib/engine/report';
import { toCsv } from '$lib/teach/csv';
import { app } from './app.svelte';
import { loadDb } from './load-db';

/** The longest prompt kept with a report (as `MAX_REPORT_PROMPT` in the row schema). */
export const PROMPT_CHARS = 300;

/** What a report is about, as the screen that offers the button knows it. */
export interface ReportTarget {
	itemId: string;
	kind: ReportRow['kind'];
	/** The question's prompt or the card's front, as shown. */
	prompt: string;
}

/** The prompt as kept: on one line, cut to PROMPT_CHARS with an ellipsis; never empty. */
export function promptForReport(prompt: string, itemId: string): string {
	const line =
		prompt
			.replace(/\{\{[^}]*\}\}/g, '____')
			.replace(/\s+/g, ' ')
			.trim() || itemId;
	if (line.length <= PROMPT_CHARS) return line;
	let cut = line.slice(0, PROMPT_CHARS - 1);
	if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
	return `${cut}…`;
}

/** A date as the list shows it. */
function day(at: number): string {
	return new Date(at).toISOString().slice(0, 10);
}

/** The reports as CSV for a spreadsheet: formula-safe (see toCsv). */
export function reportsCsv(rows: readonly ReportRow[]): string {
	return toCsv([
		['Date', 'Kind', 'Id', 'Question or card', 'Reason', 'Note'],
		...rows.map((r) => [
			day(r.at),
			r.kind === 'card' ? 'Flashcard' : 'Question',
			r.itemId,
			r.prompt,
			REASON_LABELS[r.reason],
			r.note
		])
	]);
}

/** The reports as JSON, one object per report, in the stored shape. */
export function reportsJson(rows: readonly ReportRow[], now: number): string {
	return `${JSON.stringify({ format: 'quire-reports', exportedAt: now, reports: rows }, null, '\t')}\n`;
}

/** What submit answers: done, or why not, in words for the student. */
export type SubmitResult = { ok: true; replaced: boolean } | { ok: false; error: string };

/** Every report on this device, loaded once and kept in step with every change made here. */
export class ReportsState {
	/** Reports by entry id. */
	byId = $state.raw<ReadonlyMap<string, ReportRow>>(new Map());
	/** True once the stored reports have been read (or there is no database to read). */
	loaded = $state(false);
	/** Sentences about damaged rows or a failed read. */
	problems = $state.raw<string[]>([]);
	/** Newest first. */
	list = $derived([...this.byId.values()].sort((a, b) => b.at - a.at));
	private loading: Promise<void> | null = null;

	/** Reads the stored reports once; later calls wait on the same read. */
	ensureLoaded(): Promise<void> {
		this.loading ??= this.reload();
		return this.loading;
	}

	/** Reads the stored reports again (after an import or a reset elsewhere). */
	async reload(): Promise<void> {
		try {
			if (!(await databaseExists())) {
				this.byId = new Map();
				this.problems = [];
				return;
			}
			const db = await loadDb();
			const { rows, damaged } = await db.listReports();
			this.byId = new Map(rows.map((r) => [r.itemId, r]));
			this.problems = damaged.map(db.describeDamaged);
		} catch (error) {
			const { describeStorageError } = await loadDb();
			this.problems = [describeStorageError(error)];
		} finally {
			this.loaded = true;
		}
	}

	/** The report on one entry, if the student made one. */
	get(itemId: string): ReportRow | undefined {
		return this.byId.get(itemId);
	}

	/** Stores a report on `target`, replacing any earlier one. */
	async submit(
		target: ReportTarget,
		reason: ReportReason | null,
		note: string,
		now: number
	): Promise<SubmitResult> {
		if (reason === null || !REPORT_REASONS.includes(reason))
			return {
				ok: false,
				error: 'Choose what is wrong: wrong answer, my answer should count, unclear, typo or other.'
			};
		const row: ReportRow = {
			itemId: target.itemId,
			kind: target.kind,
			prompt: promptForReport(target.prompt, target.itemId),
			reason,
			note: cleanNote(note),
			at: Math.round(now)
		};
		const replaced = this.byId.has(row.itemId);
		let refused: string | null = null;
		const saved = await app.save(async () => {
			try {
				await (await loadDb()).saveReport(row);
			} catch (error) {
				if (!(error instanceof RangeError)) throw error;
				refused = error.message;
			}
		});
		if (refused) return { ok: false, error: refused };
		if (!saved) return { ok: false, error: app.storageError ?? 'The report could not be saved.' };
		this.byId = new Map(this.byId).set(row.itemId, row);
		return { ok: true, replaced };
	}

	/** Deletes the report on one entry. */
	async remove(itemId: string): Promise<boolean> {
		const saved = await app.save(async () => (await loadDb()).deleteReport(itemId));
		if (saved) {
			const next = new Map(this.byId);
			next.delete(itemId);
			this.byId = next;
		}
		return saved;
	}

	/** Deletes every report; the number deleted, or null when storage failed. */
	async removeAll(): Promise<number | null> {
		let n = 0;
		const saved = await app.save(async () => (n = await (await loadDb()).deleteAllReports()));
		if (!saved) return null;
		this.byId = new Map();
		return n;
	}
}

/** The app's one list of reports. */
export const reports = new ReportsState();
