import type { SessionRow } from '$lib/db';
import { databaseExists } from '$lib/db/exists';

/** The unfinished quiz, for Home's "Resume": no bank or engine, so Home stays light. */
export class ResumeState {
	active = $state.raw<SessionRow | null>(null);
	/** One sentence per stored quiz that could not be read; Resume offers the newest good one. */
	problems = $state.raw<string[]>([]);

	/** Reads the unfinished session, if any. */
	async load() {
		if (!(await databaseExists())) return;
		const { activeSession, describeDamaged, describeStorageError } = await import('$lib/db');
		try {
			const { row, damaged } = await activeSession();
			this.active = row ?? null;
			this.problems = damaged.map(describeDamaged);
		} catch (error) {
			this.problems = [describeStorageError(error)];
		}
	}
}
