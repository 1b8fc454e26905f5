/** Importing result codes: reading files, checking each code against its assignment, deduping. */
import { studentKey } from './analysis';
import type { StudentResult } from './crypto';
import { MAX_RESULT_FILE } from './limits';
import type { Finding } from './codes';
import type { Assignment } from './link';

/** How one pasted code or dropped file fared. */
export interface ImportOutcome {
	label: string;
	status: 'added' | 'updated' | 'duplicate' | 'error';
	text: string;
}

/** One code to import, or why a file gave none. */
export interface CodeEntry {
	/** Where the code was: its line and start, or the file it came in. */
	label: string;
	code: string;
	error?: string;
	/**
	 * Shorter readings of the same code, tried in order when `code` does not open: the lines below
	 * a code may be more of it (wrapped by a mail app) or a word after it ("Thanks").
	 */
	shorter?: { label: string; code: string }[];
}

/** Text searched for result codes; see findCodes. */
export type CodeFinder = (text: string) => Finding[];

/** The dedupe key of a result: one student's one submission, however many codes carry it. */
export function resultKey(r: StudentResult): string {
	return `${r.assignmentId}|${studentKey(r.student)}|${r.attempt}|${r.submittedAt}`;
}

/** How a code's start is shown in a label: enough to find it in the text, not the whole code. */
const START = 14;

/** "Line 4 (Q1:BGx3kQ9aTr…)", "Lines 4–6 (…)": where a reading is, for its messages. */
function where(line: number, endLine: number, text: string, source: string): string {
	const lines = endLine > line ? `ines ${line}–${endLine}` : `ine ${line}`;
	const start = text.length > START ? `${text.slice(0, START)}…` : text;
	return `${source ? `${source}, l` : 'L'}${lines} (${start})`;
}

/** Why a line that is only a base64url run was not imported. */
const HEADLESS =
	'This looks like part of a result code without its start “Q1:”. Copy the whole code, from “Q1:” to its last character.';

/**
 * The codes found in a text as entries labelled by line and start; a line that looks like a code
 * without its start gets an entry saying so. `source` names the file the text came from.
 */
function entriesIn(findings: readonly Finding[], source = ''): CodeEntry[] {
	return findings.map((f) => {
		if (f.kind === 'headless') {
			const label = where(f.line, f.line, f.text, source);
			return { label, code: '', error: HEADLESS };
		}
		const [longest, ...shorter] = f.readings.map((r) => ({
			label: where(f.line, r.endLine, r.code, source),
			code: r.code
		}));
		return shorter.length ? { ...longest!, shorter } : longest!;
	});
}

/** Pasted text as entries, one per code found, labelled by line; one entry when there is none. */
export function entriesFromText(text: string, find: CodeFinder): CodeEntry[] {
	if (text.trim() === '') {
		return [
			{ label: 'Nothing to import', code: '', error: 'Paste one or more result codes first.' }
		];
	}
	const entries = entriesIn(find(text));
	if (entries.length === 0) {
		return [
			{
				label: 'Nothing to import',
				code: '',
				error: 'There is no result code in this text. Result codes start with “Q1:”.'
			}
		];
	}
	return entries;
}

/**
 * Reads dropped or chosen files into entries: each code in a file is one entry, named by the file
 * (and its line when the file holds more than one); a file too large, unreadable, or holding no
 * code gets one entry that says so.
 */
export async function entriesFromFiles(
	files: readonly File[],
	find: CodeFinder
): Promise<CodeEntry[]> {
	const entries: CodeEntry[] = [];
	for (const file of files) {
		if (file.size > MAX_RESULT_FILE) {
			entries.push({
				label: file.name,
				code: '',
				error: `This file is too large to be a result code (${(file.size / 1_000_000).toFixed(1)} MB; a .quire-result file, or a list of a class’s codes, is well under ${MAX_RESULT_FILE / 1_000_000} MB).`
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
		const findings = find(text);
		if (findings.length === 0) {
			entries.push({
				label: file.name,
				code: '',
				error:
					'There is no result code in this file. Result codes start with “Q1:”; choose the .quire-result file the student sent, or a text or CSV file of codes.'
			});
			continue;
		}
		const one = findings.length === 1 && findings[0]!.kind === 'code';
		const found = entriesIn(findings, file.name);
		entries.push(
			...(one
				? found.map((e) => ({
						...e,
						label: file.name,
						...(e.shorter && { shorter: e.shorter.map((s) => ({ ...s, label: file.name })) })
					}))
				: found)
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
