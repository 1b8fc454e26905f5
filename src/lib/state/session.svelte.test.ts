import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db, resetProgress } from '$lib/db';
import type { Answer, Mode, SessionState } from '$lib/engine';
import { app } from './app.svelte';
import { OUTDATED, REPLACED, SessionRunner } from './session.svelte';
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

async function startQuiz(mode: Mode = 'practice', timeLimitMin = 0): Promise<string> {
	const study = new StudyState();
	await study.load();
	const started = await study.start(
		{ ...DEFAULT_CHOICE, mode, count: 3, timeLimitMin },
		() => 0.42,
		T
	);
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

/** localStorage as a page has it (node has none): the journal writes here. */
class MemoryStorage {
	private map = new Map<string, string>();
	get length() {
		return this.map.size;
	}
	key(i: number) {
		return [...this.map.keys()][i] ?? null;
	}
	getItem(k: string) {
		return this.map.get(k) ?? null;
	}
	setItem(k: string, value: string) {
		this.map.set(k, String(value));
	}
	removeItem(k: string) {
		this.map.delete(k);
	}
	clear() {
		this.map.clear();
	}
}
const storage = new MemoryStorage();
vi.stubGlobal('localStorage', storage);

/** The journal entries pages left in localStorage for a session, by key. */
function journals(id: string) {
	const out: Record<string, { seq: number; action: { type: string } }[]> = {};
	for (let i = 0; i < storage.length; i++) {
		const k = storage.key(i)!;
		if (k.startsWith(`quire-journal:${id}:`))
			out[k] = (JSON.parse(storage.getItem(k)!) as { entries: never[] }).entries;
	}
	return out;
}

beforeEach(async () => {
	storage.clear();
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

describe('SessionRunner drafts, flush and persist', () => {
	it('stores the latest draft behind the typing, and flush waits for it', async () => {
		const id = await startQuiz();
		const tab = await openTab(id);
		const s = tab.state!;
		const itemId = s.queue[s.position]!;
		const typed = rightAnswer(s, itemId);
		for (let k = 0; k < 5; k++) tab.draft(itemId, typed, T + 1000 + k);
		// Shown at once, before any write.
		expect(tab.state!.drafts?.[itemId]).toEqual(typed);
		await tab.flush();
		expect((await db.sessions.get(id))!.state.drafts?.[itemId]).toEqual(typed);
		// Coalesced: the first keystroke's save and one for the rest, not one per keystroke.
		expect((await db.sessions.get(id))!.rev).toBeLessThanOrEqual(3);
		tab.stop();
	});

	it('journals every action before it is stored, and drops it once stored', async () => {
		const id = await startQuiz();
		const tab = await openTab(id);
		const s = tab.state!;
		const itemId = s.queue[s.position]!;
		const saving = tab.act({ type: 'answer', itemId, answer: rightAnswer(s, itemId) }, T + 1000);
		// Written synchronously: a reload now finds it.
		const left = Object.values(journals(id));
		expect(left.flat().map((e) => e.action.type)).toEqual(['answer']);
		await saving;
		expect(journals(id)).toEqual({});
		expect(await stored(id)).toEqual([itemId]);
		tab.stop();
	});

	it('stores on load what a page that closed mid-save left in its journal, once', async () => {
		const id = await startQuiz();
		const tab = await openTab(id);
		const s = tab.state!;
		const first = s.queue[0]!;
		// A page answered and moved on, then closed before its writes were stored.
		storage.setItem(
			`quire-journal:${id}:gone-tab`,
			JSON.stringify({
				v: 1,
				entries: [
					{
						seq: 1,
						position: 0,
						action: { type: 'answer', itemId: first, answer: rightAnswer(s, first), now: T + 1000 }
					},
					{ seq: 2, position: 0, action: { type: 'next', now: T + 1500 } }
				]
			})
		);
		tab.stop();
		const again = await openTab(id);
		expect(again.state!.answers[first]).toBeDefined();
		expect(again.state!.position).toBe(1);
		expect((await db.attempts.toArray()).map((a) => a.itemId)).toEqual([first]);
		expect(journals(id)).toEqual({});
		// Replayed twice (its removal failed), nothing changes: the move is not made again.
		storage.setItem(
			`quire-journal:${id}:gone-tab`,
			JSON.stringify({
				v: 1,
				entries: [
					{
						seq: 1,
						position: 0,
						action: { type: 'answer', itemId: first, answer: rightAnswer(s, first), now: T + 1000 }
					},
					{ seq: 2, position: 0, action: { type: 'next', now: T + 1500 } }
				]
			})
		);
		const third = await openTab(id);
		expect(third.state!.position).toBe(1);
		expect(await db.attempts.count()).toBe(1);
		again.stop();
		third.stop();
	});

	it('ignores a damaged journal and still opens the quiz', async () => {
		const id = await startQuiz();
		storage.setItem(`quire-journal:${id}:gone-tab`, '{"v":1,"entries":[{"seq":"x"}]}');
		const tab = await openTab(id);
		expect(tab.state?.id).toBe(id);
		expect(await stored(id)).toEqual([]);
		tab.stop();
	});

	it('is finished only once the submit is stored, not when an earlier save ends', async () => {
		const id = await startQuiz();
		const tab = await openTab(id);
		const s = tab.state!;
		const itemId = s.queue[s.position]!;
		await tab.act({ type: 'answer', itemId, answer: rightAnswer(s, itemId) }, T + 1000);
		expect(await stored(id)).toEqual([itemId]);
		// The submit's write is refused (a full disk): shown submitted, not finished.
		// eslint-disable-next-line @typescript-eslint/unbound-method -- called as put.apply(this) below
		const put = IDBObjectStore.prototype.put;
		let full = true;
		vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
			this: IDBObjectStore,
			...args: Parameters<IDBObjectStore['put']>
		) {
			if (full && this.name === 'sessions')
				throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
			return put.apply(this, args);
		});
		await tab.act({ type: 'submit' }, T + 1010);
		expect(tab.state!.status).toBe('submitted');
		expect(tab.finished).toBe(false);
		expect((await db.sessions.get(id))!.status).toBe('active');
		full = false;
		await tab.retry(T + 2000);
		expect(tab.finished).toBe(true);
		expect((await db.sessions.get(id))!.status).toBe('submitted');
		tab.stop();
	});

	it('tells the truth when the code that saves cannot load (an update), and keeps the journal', async () => {
		const id = await startQuiz();
		const tab = await openTab(id);
		const s = tab.state!;
		const itemId = s.queue[s.position]!;
		// As in a tab opened before an update: the save's chunk is gone from the server.
		(tab as unknown as { srs: null }).srs = null;
		vi.doMock('$lib/srs', () => {
			throw new TypeError('Failed to fetch dynamically imported module');
		});
		try {
			await tab.act({ type: 'answer', itemId, answer: rightAnswer(s, itemId) }, T + 1000);
		} finally {
			vi.doUnmock('$lib/srs');
		}
		expect(tab.notice).toBe(OUTDATED);
		expect(app.storageError).toBeNull();
		expect(await stored(id)).toEqual([]);
		expect(Object.values(journals(id)).flat()).toHaveLength(1);
		tab.stop();
	});
});

describe('SessionRunner rules for the quiz page', () => {
	it('says what Enter does in practice: check, then next, then finish', async () => {
		const id = await startQuiz('practice');
		const tab = await openTab(id);
		expect(tab.primary).toBe('check');
		expect(tab.locked).toBe(false);
		for (let k = 0; k < 3; k++) {
			const s = tab.state!;
			const itemId = tab.itemId!;
			tab.draft(itemId, rightAnswer(s, itemId), T + 100 * k);
			expect(tab.current).toEqual(rightAnswer(s, itemId));
			await tab.act({ type: 'answer', itemId, answer: rightAnswer(s, itemId) }, T + 1000 * k + 50);
			expect(tab.locked).toBe(true);
			expect(tab.shownResult?.correct).toBe(true);
			expect(tab.primary).toBe(k < 2 ? 'next' : 'finish');
			expect(tab.done).toBe(k === 2);
			if (k < 2) await tab.act({ type: 'next' }, T + 1000 * k + 500);
		}
		await tab.act({ type: 'submit' }, T + 9000);
		expect(tab.primary).toBeNull();
		tab.stop();
	});

	it('says what Enter does in a test: move on, then confirm; the timer ends it', async () => {
		const id = await startQuiz('test', 1);
		const tab = await openTab(id);
		expect(tab.isTest).toBe(true);
		expect(tab.primary).toBe('move');
		expect(tab.shownResult).toBeNull();
		expect(tab.missingIds).toHaveLength(3);
		await tab.act({ type: 'goto', index: 2 }, T + 1000);
		expect(tab.lastPosition).toBe(true);
		expect(tab.primary).toBe('confirm');
		const started = tab.state!.startedAt!;
		expect(tab.tick(started + 30_000)).toBe(false);
		expect(tab.remaining).toBe(30_000);
		expect(tab.tick(started + 60_000)).toBe(true);
		expect(tab.remaining).toBe(0);
		tab.stop();
	});

	it('counts mastery in learn mode and locks the item once answered', async () => {
		const id = await startQuiz('learn');
		const tab = await openTab(id);
		expect(tab.masteryPct).toBe(0);
		const s = tab.state!;
		const itemId = tab.itemId!;
		await tab.act({ type: 'answer', itemId, answer: rightAnswer(s, itemId) }, T + 1000);
		expect(tab.locked).toBe(true);
		expect(tab.masteryPct).toBe(17);
		expect(tab.primary).toBe('next');
		tab.stop();
	});
});

describe('SessionRunner typing', () => {
	it('stores a burst of test keystrokes as one write, shortly after the first', async () => {
		const { id, itemId } = await typedTest();
		const tab = await openTab(id);
		const typed = (text: string): Answer => ({ type: 'short', text });
		const revBefore = (await db.sessions.get(id))!.rev!;
		for (const [k, text] of ['5', '55', '550', '5500'].entries())
			tab.draft(itemId, typed(text), T + 1000 + 10 * k);
		// Shown and journalled at once, one entry for the item, nothing written yet.
		expect(tab.state!.answers[itemId]?.answer).toEqual(typed('5500'));
		expect(Object.values(journals(id)).flat()).toHaveLength(1);
		expect((await db.sessions.get(id))!.rev).toBe(revBefore);
		await vi.waitFor(async () =>
			expect((await db.sessions.get(id))!.state.answers[itemId]?.answer).toEqual(typed('5500'))
		);
		expect((await db.sessions.get(id))!.rev).toBe(revBefore + 1);
		expect(journals(id)).toEqual({});
		tab.stop();
	});

	it('stores typing at once when asked (blur, Enter), without waiting for the timer', async () => {
		const id = await startQuiz('practice');
		const tab = await openTab(id);
		const itemId = tab.state!.queue[0]!;
		tab.draft(itemId, rightAnswer(tab.state!, itemId), T + 1000);
		await tab.save(T + 1001);
		expect((await db.sessions.get(id))!.state.drafts?.[itemId]).toEqual(
			rightAnswer(tab.state!, itemId)
		);
		tab.stop();
	});
});

/** A test-mode quiz whose first question takes typed text. */
async function typedTest(): Promise<{ id: string; itemId: string }> {
	for (let seed = 0; seed < 40; seed++) {
		const study = new StudyState();
		await study.load();
		const started = await study.start(
			{ ...DEFAULT_CHOICE, mode: 'test', count: 1, types: ['short'] },
			() => (seed + 0.5) / 40,
			T
		);
		if (!started.ok) throw new Error(started.reason);
		const fixed = (await db.sessionItems.get(started.id))!;
		const itemId = fixed.quiz.itemIds[0]!;
		if (fixed.items[itemId]?.type === 'short') return { id: started.id, itemId };
	}
	throw new Error('no short-answer test');
}

const text = (s: Pick<SessionState, 'answers'> | null, itemId: string) => {
	const a = s?.answers[itemId]?.answer;
	return a?.type === 'short' ? a.text : undefined;
};

describe('SessionRunner test answers typed in two tabs', () => {
	it('shows the other tab’s answer even while its own saves are under way, and appends to it', async () => {
		const { id, itemId } = await typedTest();
		const a = await openTab(id);
		const b = await openTab(id);
		// A types and its saves are under way while B's answer is stored.
		a.draft(itemId, { type: 'short', text: '5' }, T + 1000);
		const aSaving = a.flush(T + 1001);
		for (const [k, t] of ['5500', '5500 b', '5500 bravo'].entries())
			b.draft(itemId, { type: 'short', text: t }, T + 2000 + k);
		await Promise.all([aSaving, b.flush(T + 2100)]);
		await vi.waitFor(() => expect(text(a.state, itemId)).toBe('5500 bravo'));
		// An edit in A builds on what it shows: B's answer is not destroyed.
		a.draft(itemId, { type: 'short', text: '5500 bravo.' }, T + 3000);
		await a.flush(T + 3001);
		expect(text((await db.sessions.get(id))!.state, itemId)).toBe('5500 bravo.');
		await vi.waitFor(() => expect(text(b.state, itemId)).toBe('5500 bravo.'));
		a.stop();
		b.stop();
	});

	it('a tab that never heard of a later answer does not write its older one over it', async () => {
		const { id, itemId } = await typedTest();
		const a = new SessionRunner();
		await a.load(id);
		const b = await openTab(id);
		// A's keystroke is older than B's stored answer, and A never saw B's.
		a.draft(itemId, { type: 'short', text: 'old' }, T + 1000);
		b.draft(itemId, { type: 'short', text: 'newer' }, T + 2000);
		await b.flush(T + 2001);
		await a.flush(T + 2002);
		expect(text((await db.sessions.get(id))!.state, itemId)).toBe('newer');
		// A now shows what is stored, not its stale copy.
		expect(text(a.state, itemId)).toBe('newer');
		b.stop();
	});
});

describe('SessionRunner after a backup replaced the quiz in another tab', () => {
	/** What an import with "replace" does to one session: an older copy in its place. */
	async function replaceWith(row: unknown) {
		await db.transaction('rw', db.sessions, async () => {
			await db.sessions.clear();
			await db.sessions.put(row as never);
		});
	}

	for (const mode of ['practice', 'learn'] as const)
		it(`${mode}: a tab that did not see the import writes nothing over it and says so`, async () => {
			const id = await startQuiz(mode);
			const tab = new SessionRunner();
			await tab.load(id);
			const backup = await db.sessions.get(id);
			await answer(tab, tab.state!.queue.indexOf(tab.itemId!), T + 1000);
			await tab.act({ type: 'next' }, T + 1100);
			const attempts = await db.attempts.count();
			await replaceWith(backup);
			// The next answer is not stored over the imported copy, and its ✓ does not stay.
			const itemId = tab.itemId!;
			await tab.act({ type: 'answer', itemId, answer: rightAnswer(tab.state!, itemId) }, T + 2000);
			expect(tab.notice).toBe(REPLACED);
			expect(await db.sessions.get(id)).toEqual(backup);
			expect(await db.attempts.count()).toBe(attempts);
			expect(tab.state!.answers).toEqual({});
			expect(tab.shownResult).toBeNull();
			expect(journals(id)).toEqual({});
			// The student goes on from the imported copy: that is stored.
			const first = tab.itemId!;
			await tab.act(
				{ type: 'answer', itemId: first, answer: rightAnswer(tab.state!, first) },
				T + 3000
			);
			expect(Object.keys((await db.sessions.get(id))!.state.answers)).toEqual([first]);
		});

	it('a watching tab shows the imported copy as soon as it is stored, and says so', async () => {
		const id = await startQuiz('test');
		const tab = await openTab(id);
		const backup = await db.sessions.get(id);
		await answer(tab, 0, T + 1000);
		await answer(tab, 1, T + 1100);
		expect(Object.keys(tab.state!.answers)).toHaveLength(2);
		await replaceWith(backup);
		await vi.waitFor(() => expect(tab.notice).toBe(REPLACED));
		expect(tab.state!.answers).toEqual({});
		expect(await db.sessions.get(id)).toEqual(backup);
		tab.stop();
	});

	it('a quiz the import did not hold is gone: nothing is written back', async () => {
		const id = await startQuiz('practice');
		const tab = await openTab(id);
		await answer(tab, 0, T + 1000);
		await db.sessions.clear();
		await vi.waitFor(() => expect(tab.closed).toBe(true));
		await answer(tab, 1, T + 2000);
		expect(await db.sessions.count()).toBe(0);
		tab.stop();
	});
});
