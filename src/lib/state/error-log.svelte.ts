/** The error log panel in Settings: what was logged on this device, as a report to copy. */
import type { LoggedError } from '$lib/db/error-log';

/** Entries stored on the device and those of this page whose write failed, oldest first. */
export function combine(
	stored: readonly LoggedError[],
	page: readonly LoggedError[]
): LoggedError[] {
	const key = (e: LoggedError) => `${e.at}|${e.kind}|${e.name}|${e.message}`;
	const seen = new Set(stored.map(key));
	return [...stored, ...page.filter((e) => !seen.has(key(e)))].sort((a, b) => a.at - b.at);
}

const KIND_NAMES: Record<LoggedError['kind'], string> = {
	bug: 'fault in Quire',
	storage: 'storage failure',
	load: 'part of the app did not load'
};

/** The report a user pastes into a message: the browser, then each entry with its stack. */
export function reportText(entries: readonly LoggedError[], userAgent: string): string {
	const lines = ['Quire error report', `Browser: ${userAgent}`, `Entries: ${entries.length}`];
	for (const e of entries) {
		lines.push(
			'',
			`${new Date(e.at).toISOString()} · ${KIND_NAMES[e.kind]} · ${e.page || '/'}`,
			`${e.name}: ${e.message}`
		);
		if (e.stack) lines.push(...e.stack.split('\n').map((l) => `    ${l.trim()}`));
	}
	return lines.join('\n');
}

/** The Settings panel's state: loads the log, copies it as a report, clears it. */
export class ErrorLogState {
	entries = $state.raw<LoggedError[]>([]);
	/** Stored entries left out because they failed their schema. */
	damaged = $state(0);
	loaded = $state(false);
	/** What the last copy or clear did, for a status line. */
	message = $state('');

	/** Reads the device's log, with this page's entries that could not be stored. */
	async load(page: readonly LoggedError[]) {
		const [{ readErrorRows }, { checkLogged }] = await Promise.all([
			import('$lib/db/error-log'),
			import('$lib/db/error-log-rows')
		]);
		let stored: LoggedError[] = [];
		try {
			const checked = checkLogged(await readErrorRows());
			stored = checked.rows;
			this.damaged = checked.damaged;
		} catch {
			this.message =
				'The log stored on this device could not be read; this page’s errors are shown.';
		}
		this.entries = combine(stored, page);
		this.loaded = true;
	}

	/** Puts the report on the clipboard; says so, or how to copy it by hand. */
	async copy(report: string, clipboard: Pick<Clipboard, 'writeText'> | undefined) {
		try {
			if (!clipboard) throw new Error('no clipboard');
			await clipboard.writeText(report);
			this.message = 'The report is copied: paste it into your message.';
		} catch {
			this.message = 'The browser did not allow copying: select the report’s text and copy it.';
		}
	}

	/** Empties the device's log and this page's list. */
	async clear(onCleared: () => void) {
		const { clearErrors } = await import('$lib/db/error-log');
		try {
			await clearErrors();
			onCleared();
			this.entries = [];
			this.damaged = 0;
			this.message = 'The error log is empty.';
		} catch {
			this.message = 'The error log could not be cleared.';
		}
	}
}
