/**
 * The gradebook as the file an LMS imports: Moodle's grade import (Grades → Import → CSV file)
 * and Canvas's gradebook import (Grades → Import). Quire knows each student only by what they
 * typed as their name, so the teacher chooses which LMS identifier that text is (students told to
 * type their email address, say): the file puts it in that column, and the LMS matches on it.
 *
 * Moodle maps the columns on import ("Map from" the identifier column "to" the user field, and the
 * grade column to a grade item); the header names below are the ones Moodle's own export writes,
 * so they are recognised. Canvas reads the layout of its own gradebook export: Student, ID, SIS User
 * ID, SIS Login ID, Section, then one column per assignment, with a "Points Possible" row; it
 * matches a row on ID, SIS User ID or SIS Login ID.
 * Cells go through `toCsv`: a name can never become a spreadsheet formula.
 */
import type { GradebookRow } from './analysis';
import { toCsv, type CsvCell } from './csv';
import { round1 } from './results';

/** The LMSs whose gradebook import Quire writes. */
export type Lms = 'moodle' | 'canvas';

/** What the student's typed name is, in the LMS. */
export type LmsIdentifier = 'email' | 'idnumber' | 'username' | 'sis-user-id' | 'sis-login-id';

/** Which of a student's attempts counts. */
export type Counted = 'best' | 'last';

export interface LmsGradesOptions {
	lms: Lms;
	identifier: LmsIdentifier;
	/** The assignment's name, as the grade column's heading. */
	title: string;
	counted: Counted;
}

/** The identifiers each LMS matches a student on, as the teacher picks them, with their headers. */
export const LMS_IDENTIFIERS: Record<Lms, readonly { id: LmsIdentifier; label: string }[]> = {
	moodle: [
		{ id: 'email', label: 'Email address' },
		{ id: 'idnumber', label: 'ID number' },
		{ id: 'username', label: 'Username' }
	],
	canvas: [
		{ id: 'sis-login-id', label: 'SIS Login ID' },
		{ id: 'sis-user-id', label: 'SIS User ID' }
	]
};

/** Whether `identifier` is one `lms` matches on. */
export function identifies(lms: Lms, identifier: LmsIdentifier): boolean {
	return LMS_IDENTIFIERS[lms].some((i) => i.id === identifier);
}

const score = (row: GradebookRow, counted: Counted) =>
	round1(counted === 'best' ? row.best : row.last);

/** The gradebook as the chosen LMS imports it; throws on an identifier that LMS does not use. */
export function lmsGradesCsv(book: readonly GradebookRow[], options: LmsGradesOptions): string {
	const { lms, identifier, title, counted } = options;
	const header = LMS_IDENTIFIERS[lms].find((i) => i.id === identifier)?.label;
	if (!header) throw new Error(`${lms} does not match students on "${identifier}"`);
	const column = title.trim() || 'Quire assignment';
	const rows: CsvCell[][] = [];
	if (lms === 'moodle') {
		// Out of 100: the grade item in Moodle should have 100 as its maximum grade.
		rows.push([header, column, `${column} (feedback)`]);
		for (const r of book)
			rows.push([
				r.student.trim(),
				score(r, counted),
				`${counted === 'best' ? 'Best' : 'Last'} of ${r.attempts} attempt${r.attempts === 1 ? '' : 's'} in Quire`
			]);
	} else {
		rows.push(['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', column]);
		rows.push(['    Points Possible', null, null, null, null, 100]);
		for (const r of book) {
			const id = r.student.trim();
			rows.push([
				id,
				null,
				identifier === 'sis-user-id' ? id : null,
				identifier === 'sis-login-id' ? id : null,
				null,
				score(r, counted)
			]);
		}
	}
	return toCsv(rows);
}
