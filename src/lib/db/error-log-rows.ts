/** The error log's one stored shape (see error-log.ts), checked on every read. */
import * as v from 'valibot';
import { text, Time } from '../engine/bounds';
import { MAX_MESSAGE, MAX_NAME, MAX_PAGE, MAX_STACK } from './error-log-limits';

/** One logged error: when, what kind, the error's name, message and stack, and on which page. */
export const LoggedErrorSchema = v.strictObject({
	at: Time,
	kind: v.picklist(['bug', 'storage', 'load']),
	name: text(MAX_NAME),
	message: text(MAX_MESSAGE),
	stack: text(MAX_STACK),
	page: text(MAX_PAGE)
});

/** One logged error, as stored. */
export type LoggedError = v.InferOutput<typeof LoggedErrorSchema>;

/** The entries that pass their schema, oldest first, and how many did not (left out). */
export function checkLogged(raws: readonly unknown[]): { rows: LoggedError[]; damaged: number } {
	const rows: LoggedError[] = [];
	for (const raw of raws) {
		const parsed = v.safeParse(LoggedErrorSchema, raw);
		if (parsed.success) rows.push(parsed.output);
	}
	return { rows, damaged: raws.length - rows.length };
}
