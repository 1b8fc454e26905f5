/**
 * A full disk mid-quiz: what storage refuses is kept on the page, the banner says
 * so, and it is written, in order, as soon as storage works again (app.retryKept), without a
 * reload. Also: an own set that is missing, damaged or unreadable is told apart.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '$lib/db';
import { plainSetRow } from '$lib/db/fixtures';
import { createSet } from '$lib/db/sets';
import type { Answer, SessionState } from '$lib/engine';
import { app } from './app.svelte';
import { readOwnSet } from './load-db';
import { SessionRunner } from './session.svelte';
import { DEFAULT_CHOICE, StudyState } from './study.svelte';

const T = Date.UTC(2025, 4, 1, 9);

/** Chromium on a full disk: the write fails and the connection is gone before it runs. */
function fillDisk() {
	return vi
		.spyOn(db, 'transaction')
		.mockImplementation((() =>
			Promise.reject(
				new DOMException(
					'IO error: …/000012.log: FILE_ERROR_NO_SPACE (ChromeMethodBFE: 3::WritableFileAppend::8)',
					'UnknownError'
				)
			)) as unknown as typeof db.transaction);
}

/** Some answer to an item: the truth of a true/false, else whatever the item takes first. */
function someAnswer(s: SessionState, id: string): Answer {
	const item = s.items[id]!;
	if (item.type === 'truefalse') return { type: 'truefalse', value: item.answer };
	if (item.type === 'single') return { type: 'single', choice: item.answer };
	if (item.type === 'numeric') return { type: 'numeric', value: item.answer };
	if (item.type === 'short') return { type: 'short', text: item.answer };
	if (item.type === 'multi') return { type: 'multi', choices: item.answers };
	if (item.type === 'order') return { type: 'order', order: item.items };
	if (item.type === 'match')
		return { type: 'match', pairs: Object.fromEntries(item.pairs.map((p) => [p.left, p.right])) };
	return { type: 'cloze', blanks: [...item.text.matchAll(/\{\{([^|}]+)/g)].map((m) => m[1]!) };
}

beforeEach(async () => {
	await db.open();
	await Promise.all(db.tables.map((t) => t.clear()));
});

afterEach(() => {
	vi.restoreAllMocks();
});

describe('a full disk mid-quiz', () => {
	it('keeps every answer and the submit, says so, and stores them when space returns', async () => {
		const study = new StudyState();
		await study.load();
		const started = await study.start({ ...DEFAULT_CHOICE, mode: 'test', count: 3 }, () => 0.3, T);
		if (!started.ok) throw new Error(started.reason);
		const runner = new SessionRunner();
		await runner.load(started.id);
		const ids = runner.state!.quiz.itemIds;
		const answerAt = (i: number, at: number) =>
			runner.act(
				{ type: 'answer', itemId: ids[i]!, answer: someAnswer(runner.state!, ids[i]!) },
				at
			);

		await answerAt(0, T + 1000);
		const disk = fillDisk();
		await answerAt(1, T + 2000);
		await answerAt(2, T + 3000);
		expect(runner.kept).toBe(2);
		await runner.act({ type: 'submit' }, T + 4000);
		// The screen has them all; storage has only what came before the disk filled.
		expect(Object.keys(runner.state!.answers)).toHaveLength(3);
		expect(runner.state!.status).toBe('submitted');
		// Submitting scores every answer: all three differ from what is stored.
		expect(runner.kept).toBe(3);
		expect(app.storageKind).toBe('full');
		expect(app.kept).toMatch(/^Kept on this page and waiting to be saved: 3 quiz answers\./);
		disk.mockRestore();
		let row = await db.sessions.get(started.id);
		expect(Object.keys(row!.state.answers)).toHaveLength(1);
		expect(row!.status).toBe('active');

		// Space is back: the retry writes all of it, without a reload, and the banner goes.
		await app.retryKept();
		await runner.flush();
		row = await db.sessions.get(started.id);
		expect(Object.keys(row!.state.answers).sort()).toEqual([...ids].sort());
		expect(row!.status).toBe('submitted');
		expect(await db.attempts.count()).toBe(3);
		expect(runner.kept).toBe(0);
		expect(app.storageError).toBeNull();
		expect(app.kept).toBe('');
	});
});

describe('readOwnSet', () => {
	it('tells a missing set from a damaged one and from storage that cannot be read', async () => {
		expect(await readOwnSet('set-nowhere1')).toEqual({
			ok: false,
			problem: 'missing',
			message: 'This set is not on this device.'
		});
		await createSet(plainSetRow('set-okay01'));
		expect(await readOwnSet('set-okay01')).toMatchObject({
			ok: true,
			set: { id: 'set-okay01' },
			rows: []
		});

		await db.sets.put({ ...plainSetRow('set-broken1'), title: 42 } as never);
		const damaged = await readOwnSet('set-broken1');
		expect(damaged).toMatchObject({ ok: false, problem: 'damaged' });
		expect(!damaged.ok && damaged.message).toMatch(
			/^The question set “set-broken1” stored on this device is damaged \(title: /
		);

		vi.spyOn(db.sets, 'get').mockRejectedValueOnce(
			new DOMException('Internal error', 'UnknownError')
		);
		const unreadable = await readOwnSet('set-okay01');
		expect(unreadable).toMatchObject({ ok: false, problem: 'unreadable' });
		expect(!unreadable.ok && unreadable.message).toMatch(
			/could not be read from this device’s storage/
		);

		// A fault in Quire is not dressed up as any of them.
		vi.spyOn(db.sets, 'get').mockRejectedValueOnce(new TypeError('bug'));
		await expect(readOwnSet('set-okay01')).rejects.toThrow(TypeError);
	});
});
