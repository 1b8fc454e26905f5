/**
 * A student's report of a problem with a question or a flashcard: the reasons, the bounds of the
 * note, and the shape a report takes inside a result code. Pure: no storage, no DOM.
 */
import * as v from 'valibot';
import { Id } from '../bank/schema';

/** Why a student reports an entry, in the order the dialog offers them. */
export const REPORT_REASONS = ['wrong', 'should-count', 'unclear', 'typo', 'other'] as const;

/** One reason a student can give. */
export type ReportReason = (typeof REPORT_REASONS)[number];

/** Each reason as the student and the teacher read it. */
export const REASON_LABELS: Record<ReportReason, string> = {
	wrong: 'Wrong answer',
	'should-count': 'My answer should count',
	unclear: 'Unclear',
	typo: 'Typo',
	other: 'Other'
};

/** The longest note a report keeps, in characters. */
export const MAX_REPORT_NOTE = 500;

/** A reason, checked. */
export const ReportReasonSchema = v.picklist(
	REPORT_REASONS,
	'must be wrong, should-count, unclear, typo or other'
);

/** A note, checked: at most MAX_REPORT_NOTE characters, no control characters but line breaks. */
export const ReportNoteSchema = v.pipe(
	v.string(),
	v.maxLength(MAX_REPORT_NOTE, `must be at most ${MAX_REPORT_NOTE} characters`),
	// eslint-disable-next-line no-control-regex
	v.regex(/^[^\u0000-\u0009\u000b-\u001f\u007f]*$/, 'must not hold control characters')
);

/** The id of the reported entry, as ids appear in links and result codes. */
export const ReportItemId = v.pipe(Id, v.maxLength(100, 'must be at most 100 characters'));

/** A report as it travels inside a result code: which item, why, and the note. */
export const ResultReportSchema = v.strictObject({
	itemId: ReportItemId,
	reason: ReportReasonSchema,
	note: ReportNoteSchema
});
export type ResultReport = v.InferOutput<typeof ResultReportSchema>;

/**
 * A note as typed, made fit to keep: tabs and other control characters become spaces, Windows and
 * old Mac line breaks become "\n", the ends are trimmed and the length is cut to the bound (never
 * inside a surrogate pair).
 */
export function cleanNote(raw: string): string {
	const text = raw
		.replace(/\r\n?/g, '\n')
		// eslint-disable-next-line no-control-regex
		.replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' ')
		.trim();
	if (text.length <= MAX_REPORT_NOTE) return text;
	let cut = text.slice(0, MAX_REPORT_NOTE);
	if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
	return cut.trimEnd();
}
