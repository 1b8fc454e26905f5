import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addSession, db, getSession, getSetting, setSetting, type SessionRow } from '$lib/db';
import { clearErrors, readErrorRows } from '$lib/db/error-log';
import { checkLogged } from '$lib/db/error-log-rows';
import { databaseExists } from '$lib/db/exists';
import { NOW, sessionState } from '$lib/db/fixtures';
import { AppState } from './app.svelte';
import { ResumeState } from './resume.svelte';

/**
 * A window with what AppState.start reads: connectivity, events, the theme attributes app.html
 * sets (the choice, and the palette shown), and the system's colour scheme.
 */
function fakeWindow(onLine = true, choice?: string, systemDark = false) {
	const shown = choice === 'light' || choice === 'dark' ? choice : systemDark ? 'dark' : 'light';
	const dataset: Record<string, string | undefined> = choice ? { choice, theme: shown } : {};
	const win = Object.assign(new EventTarget(), {
		navigator: { onLine },
		matchMedia: (query: string) => ({ matches: query.includes('dark') && systemDark })
	});
	const document = { documentElement: { dataset }, defaultView: win };
	Object.assign(win, { document });
	return { win: win as unknown as Window, doc: document as unknown as Document, dataset };
}

/** localStorage as app.html's theme mirror reads it. */
function fakeLocalStorage() {
	const items = new Map<string, string>();
	vi.stubGlobal('localStorage', {
		getItem: (k: string) => items.get(k) ?? null,
		setItem: (k: string, v: string) => void items.set(k, v),
		removeItem: (k: string) => void items.delete(k)
	});
	return items;
}

function session(id: string, updatedAt = NOW): SessionRow {
	const state = sessionState(id, NOW - 10_000);
	return {
		id,
		status: state.status,
		title: `Quiz ${id}`,
		createdAt: NOW - 10_000,
		updatedAt,
		state
	};
}

/** A browser whose persistence request waits on a prompt nobody answers (Firefox does this). */
function promptingStorage() {
	const persist = vi.fn(() => new Promise<boolean>(() => {}));
	vi.stubGlobal('navigator', {
		storage: {
			persist,
			persisted: () => Promise.resolve(false),
			estimate: () => Promise.resolve({ usage: 1024, quota: 1024 ** 3 })
		}
	});
	return persist;
}

beforeEach(async () => {
	await db.open();
	await Promise.all(db.tables.map((t) => t.clear()));
});

afterEach(() => {
	vi.unstubAllGlobals();
});

describe('AppState.start', () => {
	it('on a first visit follows connectivity and the page theme, and opens storage only at the first key press', async () => {
		await db.delete();
		expect(await databaseExists()).toBe(false);
		const { win } = fakeWindow(false, 'dark');
		const app = new AppState();
		await app.start(win);
		expect(app.mounted).toBe(true);
		expect(app.online).toBe(false);
		expect(app.theme).toBe('dark');
		// Nothing was opened or created yet.
		expect(db.isOpen()).toBe(false);
		expect(await databaseExists()).toBe(false);

		win.dispatchEvent(new Event('online'));
		expect(app.online).toBe(true);
		win.dispatchEvent(new Event('offline'));
		expect(app.online).toBe(false);

		win.dispatchEvent(new Event('keydown'));
		await vi.waitFor(() => expect(db.isOpen()).toBe(true));
		await db.open(); // joins the opening the key press started
		expect(await databaseExists()).toBe(true);
		expect(app.storageError).toBeNull();
	});

	it('on a later visit applies the theme stored in IndexedDB over the page attribute', async () => {
		await setSetting('theme', 'dark');
		const mirror = fakeLocalStorage();
		const { win, dataset } = fakeWindow(true, 'light');
		const app = new AppState();
		await app.start(win);
		expect(app.theme).toBe('dark');
		expect(dataset.theme).toBe('dark');
		expect(mirror.get('quire-theme')).toBe('dark');
		expect(app.storageError).toBeNull();
	});

	it('names the problem in the shell when the browser blocks storage, and reads nothing', async () => {
		await setSetting('theme', 'dark');
		db.close();
		const open = vi
			.spyOn(db, 'open')
			.mockRejectedValueOnce(new DOMException('The operation is insecure.', 'SecurityError'));
		const { win } = fakeWindow(true, 'light');
		const app = new AppState();
		await app.start(win);
		expect(open).toHaveBeenCalledOnce();
		expect(app.mounted).toBe(true);
		expect(app.storageError).toBe(
			'The browser blocks storage for this site (private mode or a privacy setting), so progress cannot be saved.'
		);
		// The theme the page already shows stays: the stored one could not be read.
		expect(app.theme).toBe('light');
		open.mockRestore();
	});
});

describe('AppState.save', () => {
	it('saves a quiz session that Home then offers to resume, as it was', async () => {
		const app = new AppState();
		const row = session('s-1');
		expect(await app.save(() => addSession(row))).toBe(true);
		expect(app.storageError).toBeNull();
		const resume = new ResumeState();
		await resume.load();
		expect(resume.active?.id).toBe('s-1');
		expect(resume.problems).toEqual([]);
		const stored = await getSession('s-1');
		expect(stored?.state).toEqual(row.state);
		expect(stored?.title).toBe('Quiz s-1');
	});

	it('never asks for persistent storage, so a save does not wait on a prompt', async () => {
		const persist = promptingStorage();
		const app = new AppState();
		expect(await app.save(() => addSession(session('s-1')))).toBe(true);
		expect(await app.save(() => addSession(session('s-2')))).toBe(true);
		expect(persist).not.toHaveBeenCalled();
		expect((await db.sessions.toArray()).map((s) => s.id).sort()).toEqual(['s-1', 's-2']);
	});

	it('when the device is full, says so in the shell and keeps what was saved before', async () => {
		const app = new AppState();
		await app.save(() => addSession(session('s-1', NOW)));
		const before = await db.sessions.get('s-1');
		const saved = await app.save(() =>
			db.transaction('rw', db.sessions, async () => {
				await db.sessions.put({ ...before!, updatedAt: NOW + 1, title: 'Changed' });
				throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
			})
		);
		expect(saved).toBe(false);
		expect(app.storageError).toMatch(/^The device is out of storage space/);
		expect(app.storageError).toMatch(/Nothing saved before it was lost/);
		// The failed write was rolled back: the session is as it was.
		expect(await db.sessions.toArray()).toEqual([before]);
		// Space freed: the next change saves, as the message promised, and the message goes.
		expect(await app.save(() => addSession(session('s-2', NOW)))).toBe(true);
		expect(app.storageError).toBeNull();
	});

	it('shows a refused row’s own sentence and stores nothing of it', async () => {
		const app = new AppState();
		const bad = { ...session('s-1'), title: 42 } as unknown as SessionRow;
		expect(await app.save(() => addSession(bad))).toBe(false);
		expect(app.storageError).toBe(
			'Quire refused to store a saved quiz that is not valid (title: Invalid type: Expected string but received 42).'
		);
		expect(await db.sessions.count()).toBe(0);
	});
});

describe('AppState theme', () => {
	it('setTheme stores the choice, applies it and mirrors it; system removes both', async () => {
		const mirror = fakeLocalStorage();
		const { doc, dataset } = fakeWindow();
		const app = new AppState();
		await app.setTheme('dark', doc);
		expect(app.theme).toBe('dark');
		expect(dataset.theme).toBe('dark');
		expect(mirror.get('quire-theme')).toBe('dark');
		expect(await getSetting('theme')).toBe('dark');

		await app.setTheme('system', doc);
		expect(dataset.choice).toBe('system');
		expect(dataset.theme).toBe('light');
		expect(mirror.has('quire-theme')).toBe(false);
		expect(await getSetting('theme')).toBe('system');
	});

	it('with the system choice shows the system’s palette, and a first visit keeps the system choice', async () => {
		fakeLocalStorage();
		const dark = fakeWindow(true, undefined, true);
		const app = new AppState();
		await app.setTheme('system', dark.doc);
		expect(dark.dataset).toEqual({ choice: 'system', theme: 'dark' });

		// A first visit: the page shows the dark palette, but the choice is still the system's.
		await db.delete();
		const page = fakeWindow(true, 'system', true);
		const fresh = new AppState();
		await fresh.start(page.win);
		expect(page.dataset.theme).toBe('dark');
		expect(fresh.theme).toBe('system');
	});

	it('showTheme applies a theme read back after an import without writing it', async () => {
		await setSetting('theme', 'light');
		fakeLocalStorage();
		const { doc, dataset } = fakeWindow();
		const app = new AppState();
		app.showTheme(doc, 'dark');
		expect(app.theme).toBe('dark');
		expect(dataset.theme).toBe('dark');
		expect(await getSetting('theme')).toBe('light');
	});

	it('still applies the theme where localStorage is blocked', async () => {
		vi.stubGlobal('localStorage', {
			setItem: () => {
				throw new DOMException('blocked', 'SecurityError');
			},
			removeItem: () => {
				throw new DOMException('blocked', 'SecurityError');
			}
		});
		const { doc, dataset } = fakeWindow();
		const app = new AppState();
		await app.setTheme('light', doc);
		expect(dataset.theme).toBe('light');
		expect(await getSetting('theme')).toBe('light');
		expect(app.storageError).toBeNull();
	});
});

describe('AppState faults', () => {
	it('a TypeError in a save is re-thrown, logged and shown as a fault in Quire, never as a storage failure', async () => {
		await clearErrors();
		const app = new AppState([5], () => NOW);
		expect(await app.save(() => addSession(session('s-1')))).toBe(true);
		const bug = new TypeError("Cannot read properties of undefined (reading 'answers')");
		await expect(
			app.save(async () => {
				await addSession(session('s-2'));
				throw bug;
			})
		).rejects.toBe(bug);
		expect(app.storageError).toBeNull();
		expect(app.storageKind).toBeNull();
		expect(app.fault).toBe(
			'Something went wrong in Quire. Your last change was not saved; everything before it is saved. The error is logged under Settings, where you can copy it into a report.'
		);
		expect(app.errors).toEqual([
			expect.objectContaining({ kind: 'bug', name: 'TypeError', message: bug.message, at: NOW })
		]);
		// Written to the device's log too, and reported once however often it is re-thrown.
		app.report(bug, 'bug');
		await vi.waitFor(async () => expect(checkLogged(await readErrorRows()).rows).toHaveLength(1));
		expect(app.errors).toHaveLength(1);
	});

	it('says answers are saved after a fault only while nothing is waiting to be stored', () => {
		const app = new AppState();
		app.report(new Error('render failed'), 'bug');
		expect(app.fault).toMatch(
			/^Something went wrong in Quire\. Your answers up to now are saved\./
		);
		let waiting = 2;
		app.keep({ waiting: () => ({ count: waiting, noun: 'quiz answer' }), retry: async () => {} });
		app.report(new Error('another'), 'bug');
		expect(app.fault).not.toMatch(/saved/);
		waiting = 0;
		app.report(new Error('chunk'), 'load');
		expect(app.fault).toMatch(
			/^Part of Quire could not be loaded.*Your answers up to now are saved\./
		);
	});

	it('a storage failure that escapes its save shows in the storage banner, not as a fault', () => {
		const app = new AppState();
		app.report(new DOMException('… FILE_ERROR_NO_SPACE …', 'UnknownError'), 'bug');
		expect(app.fault).toBeNull();
		expect(app.errors.map((e) => e.kind)).toEqual(['storage']);
	});

	it('after a storage failure, retries what keepers hold with backoff until it is stored', async () => {
		const app = new AppState([5, 10]);
		let fails = 3;
		let stored = 0;
		const keeper = {
			waiting: () => ({ count: 1 - stored, noun: 'flashcard rating' }),
			retry: () =>
				app.save(() => {
					if (fails-- > 0)
						return Promise.reject(new DOMException('Quota exceeded', 'QuotaExceededError'));
					stored = 1;
					return Promise.resolve();
				})
		};
		const release = app.keep(keeper);
		expect(await keeper.retry()).toBe(false);
		app.refreshKept();
		expect(app.storageKind).toBe('full');
		expect(app.kept).toBe(
			'Kept on this page and waiting to be saved: 1 flashcard rating. Keep this tab open: Quire saves them as soon as storage works again, without a reload. Everything else is saved.'
		);
		await vi.waitFor(() => expect(stored).toBe(1));
		release();
		expect(app.storageError).toBeNull();
		expect(app.kept).toBe('');
		expect(fails).toBe(-1);
	});
});
