import type { SessionRow } from '$lib/db';
import { databaseExists } from '$lib/db/exists';

/** The unfinished quiz, for Home's "Resume": no bank or engine, so Home stays light. */
export class ResumeState {
	active = $state.raw<SessionRow | null>(null);

	/** Reads the unfinished session, if any. */
	async load() {
		if (!(await databaseExists())) return;
		const { activeSession } = await import('$lib/db');
		this.active = (await activeSession()) ?? null;
	}
}
