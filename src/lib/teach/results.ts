/** Importing result codes: reading files, checking each code against its assignment, deduping. */
import { studentKey } from './analysis';
import type { StudentResult } from './crypto';
import { MAX_RESULT_FILE } from './limits';
import type { Assignment } from './link';

/** How one pasted code or dropped file fared. */
export interface ImportOutcome {
	label: string;
	status: 'added' | 'updated' | 'duplicate' | 'error';
	text: string;
}

/** One code to import, or why a file gave none. */
export interface CodeEntry {
	label: string;
	code: string;
	error?: string;
}

/** Pasted text split into result codes; see splitCodes. */
export type CodeSplitter = (text: string) => string[];

/** The dedupe key of a result: one student's one submission, however many codes carry it. */
export function resultKey(r: StudentResult): string {
	return `${r.assignmentId}|${studentKey(r.student)}|${r.attempt}|${r.submittedAt}`;
}

/** Pasted text as entries, one per code, labelled by position; an entry that says so when empty. */
export function entriesFromText(text: string, split: CodeSplitter): CodeEntry[] {
	const codes = split(text);
	if (codes.length === 0) {
		return [
			{ label: 'Nothing to import', code: '', error: 'Paste one or more result codes first.' }
		];
	}
	return codes.map((code, n) => ({ label: `Code ${n + 1}`, code }));
}

/**
 * Reads dropped or chosen files into entries: each code in a file is one entry; a file too
 * large, unreadable, or holding no code gets one entry that says so.
 */
export async function entriesFromFiles(
	files: readonly File[],
	split: CodeSplitter
): Promise<CodeEntry[]> {
	const entries: CodeEntry[] = [];
	for (const file of files) {
		if (file.size > MAX_RESULT_FILE) {
			entries.push({
				label: file.name,
				code: '',
				error: `This file is too large to be a result code (${(file.size / 1_000_000).toFixed(1)} MB; a .quire-result file is well under 1 MB).`
			});
			continue;
		}
		let text: string;
		try {
			text = await file.text();
		} catch {
			entries.push({ label: file.name, code: '', error: 'This file could not be read.' });
			continue;
		}
		const codes = split(text).filter((c) => /^Q\d+:/.test(c));
		if (codes.length === 0) {
			entries.push({
				label: file.name,
				code: '',
				error:
					'There is no result code in this file. Result codes start with “Q1:”; choose the .quire-result file the student sent.'
			});
			continue;
		}
		codes.forEach((code, n) =>
			entries.push({ label: codes.length > 1 ? `${file.name} (${n + 1})` : file.name, code })
		);
	}
	return entries;
}

/**
 * Why an opened result does not belong to this assignment, or null when it does. `others` names
 * the teacher's other assignments, so a code pasted on the wrong page says where it goes.
 */
export function mismatch(
	r: StudentResult,
	a: Pick<Assignment, 'id' | 'itemIds'>,
	others: ReadonlyMap<string, string>
): string | null {
	if (r.assignmentId !== a.id) {
		const other = others.get(r.assignmentId);
		return other
			? `This code is for your assignment “${other}”, not this one. Import it there.`
			: 'This code is for a different assignment, not this one.';
	}
	const allowed = new Set(a.itemIds);
	if (r.answers.some((x) => !allowed.has(x.itemId))) {
		return 'This code answers questions that are not in this assignment, so it was not imported.';
	}
	return null;
}

/** A percentage to one decimal, as the gradebook and messages show it. */
export const round1 = (n: number) => Math.round(n * 10) / 10;

/** What importing one checked result did: saved anew, already there, or not saved. */
export function savedOutcome(
	r: StudentResult,
	percent: number,
	saved: 'added' | 'replaced' | 'conflict' | 'duplicate' | 'failed'
): Pick<ImportOutcome, 'status' | 'text'> {
	const who = `${r.student}, attempt ${r.attempt}`;
	if (saved === 'failed')
		return { status: 'error', text: `${who}: could not be saved on this device.` };
	if (saved === 'duplicate') {
		return { status: 'duplicate', text: `Already imported: ${who}. Nothing changed.` };
	}
	if (saved === 'replaced')
		return {
			status: 'updated',
			text: `Updated ${who}: a newer code for the same attempt; its reported problems replace the earlier ones.`
		};
	if (saved === 'conflict')
		return {
			status: 'error',
			text: `${who}: another code for this attempt, with the same submission time, holds different answers, so this one was not imported.`
		};
	const late = r.late ? ', late (as reported by the student’s device)' : '';
	return { status: 'added', text: `Imported ${who}: ${round1(percent)}%${late}.` };
}
