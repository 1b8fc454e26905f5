import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { db } from '$lib/db';
import { NOW, sessionItemsRow, sessionRow } from '$lib/db/fixtures';
import { ResumeState } from './resume.svelte';

describe('ResumeState', () => {
	it('offers the newest unfinished quiz and names one that cannot be read', async () => {
		await db.open();
		await Promise.all(db.tables.map((t) => t.clear()));
		await db.sessions.bulkPut([
			sessionRow('older', NOW - 5000),
			sessionRow('newer', NOW),
			{ ...sessionRow('broken', NOW + 1000), state: { v: 99 } } as never,
			// The newest of all, but its questions are gone: named, and the next one is offered.
			sessionRow('no-questions', NOW + 2000)
		]);
		await db.sessionItems.bulkPut([sessionItemsRow('older'), sessionItemsRow('newer')]);
		const resume = new ResumeState();
		await resume.load();
		expect(resume.active?.id).toBe('newer');
		expect(resume.problems).toHaveLength(2);
		expect(resume.problems.join(' ')).toMatch(/“no-questions”.*its questions are missing/);
	});
});
