import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db, resetProgress } from '$lib/db';
import type { Answer, SessionState } from '$lib/engine';
import { app } from './app.svelte';
import { SessionRunner } from './session.svelte';
import { DEFAULT_CHOICE, StudyState } from './study.svelte';

const T = Date.UTC(2025, 4, 1, 9);

/** A right answer to any item of the bank, read from the session's own snapshot. */
function rightAnswer(s: SessionState, id: string): Answer {
	const item = s.items[id]!;
	switch (item.type) {
		case 'single':
			return { type: 'single', choice: item.answer };
		case 'multi':
			return { type: 'multi', choices: item.answers };
		case 'truefalse':
			return { type: 'truefalse', value: item.answer };
		case 'short':
			return { type: 'short', text: item.answer };
		case 'numeric':
			return { type: 'numeric', value: item.answer };
		case 'order':
			return { type: 'order', order: item.items };
		case 'match':
			return { type: 'match', pairs: Object.fromEntries(item.pairs.map((p) => [p.left, p.right])) };
		case 'cloze':
			return { type: 'cloze', blanks: [...item.text.matchAll(/\{\{([^|}]+)/g)].map((m) => m[1]!) };
	}
}

async function startQuiz(): Promise<string> {
	const study = new StudyState();
	await study.load();
	const started = await study.start({ ...DEFAULT_CHOICE, count: 3 }, () => 0.42, T);
	if (!started.ok) throw new Error(started.reason);
	return started.id;
}

/** A runner as one tab has it: loaded and watching the stored row. */
async function openTab(id: string): Promise<SessionRunner> {
	const tab = new SessionRunner();
	await tab.load(id);
	await tab.watch();
	return tab;
}

async function answer(tab: SessionRunner, index: number, at: number) {
	const s = tab.state!;
	const itemId = s.quiz.itemIds[index]!;
	await tab.dispatch({ type: 'answer', itemId, answer: rightAnswer(s, itemId), now: at }, at);
}

async function stored(id: string) {
	const row = await db.sessions.get(id);
	return row ? Object.keys(row.state.answers).sort() : null;
}

beforeEach(async () => {
	await db.open();
	await Promise.all(db.tables.map((t) => t.clear()));
	app.storageError = null;
});

afterEach(() => vi.restoreAllMocks());

describe('SessionRunner in two tabs', () => {
	it('keeps every answer when two tabs answer one quiz in turn', async () => {
		const id = await startQuiz();
		const a = await openTab(id);
		const b = await openTab(id);
		const ids = a.state!.quiz.itemIds;
		await answer(a, 0, T + 1000);
		await answer(b, 1, T + 2000);
		await answer(a, 2, T + 3000);
		expect(await stored(id)).toEqual([...ids].sort());
		expect((await db.attempts.toArray()).map((x) => x.itemId).sort()).toEqual([...ids].sort());
		expect((await db.cards.toArray()).map((c) => c.id).sort()).toEqual([...ids].sort());
		// Each tab shows the other's answers too.
		await vi.waitFor(() => expect(Object.keys(b.state!.answers).sort()).toEqual([...ids].sort()));
		expect(Object.keys(a.state!.answers).sort()).toEqual([...ids].sort());
		a.stop();
		b.stop();
	});

	it('merges even when a tab never heard of the other tab’s write', async () => {
		const id = await startQuiz();
		const a = new SessionRunner();
		const b = new SessionRunner();
		await a.load(id);
		await b.load(id);
		await answer(a, 0, T + 1000);
		await answer(b, 1, T + 2000);
		await answer(a, 2, T + 3000);
		expect((await stored(id))!.length).toBe(3);
		expect(Object.keys(a.state!.answers)).toHaveLength(3);
	});

	it('writes nothing back after a reset in another tab, and says so', async () => {
		const id = await startQuiz();
		const b = new SessionRunner();
		await b.load(id);
		await resetProgress();
		await answer(b, 0, T + 1000);
		expect(await db.sessions.count()).toBe(0);
		expect(await db.attempts.count()).toBe(0);
		expect(await db.cards.count()).toBe(0);
		expect(await db.reviewLogs.count()).toBe(0);
		expect(b.closed).toBe(true);
		expect(b.notice).toMatch(/no longer stored on this device: progress was reset/);
		// Later actions are refused without touching storage.
		await answer(b, 1, T + 2000);
		expect(await db.sessions.count()).toBe(0);
	});

	it('keeps studying when storage is full once, then stores both answers', async () => {
		const id = await startQuiz();
		const a = new SessionRunner();
		await a.load(id);
		// eslint-disable-next-line @typescript-eslint/unbound-method -- called as put.apply(this) below
		const put = IDBObjectStore.prototype.put;
		let armed = true;
		vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
			this: IDBObjectStore,
			...args: Parameters<IDBObjectStore['put']>
		) {
			if (armed && this.name === 'sessions') {
				armed = false;
				throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
			}
			return put.apply(this, args);
		});
		await answer(a, 0, T + 1000);
		expect(app.storageError).toMatch(/out of storage space, so your last change was not saved/);
		expect(await stored(id)).toEqual([]);
		expect(await db.attempts.count()).toBe(0);
		expect(Object.keys(a.state!.answers)).toHaveLength(1);
		await answer(a, 1, T + 2000);
		expect((await stored(id))!.length).toBe(2);
		expect(await db.attempts.count()).toBe(2);
		expect(app.storageError).toBeNull();
	});
});

describe('SessionRunner.act', () => {
	it('stamps the time it is given on a page action, and flags without one', async () => {
		const id = await startQuiz();
		const tab = await openTab(id);
		const s = tab.state!;
		const itemId = s.quiz.itemIds[0]!;
		await tab.act({ type: 'answer', itemId, answer: rightAnswer(s, itemId) }, T + 4321);
		expect(tab.state!.answers[itemId]?.at).toBe(T + 4321);
		expect((await db.attempts.toArray()).map((x) => x.at)).toEqual([T + 4321]);
		await tab.act({ type: 'flag', itemId }, T + 5000);
		expect(tab.state!.flags).toContain(itemId);
	});
});
