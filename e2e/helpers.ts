import { expect, type Page } from '@playwright/test';

/** The main navigation's routes and the heading each shows. */
export const NAV_ROUTES = [
	{ path: '/', heading: 'Learn it for good' },
	{ path: '/study', heading: 'Study' },
	{ path: '/review', heading: 'Review' },
	{ path: '/teach', heading: 'Teach' },
	{ path: '/progress', heading: 'Progress' }
] as const;

/** Every top-level route: the offline, axe and 360 px checks cover all of them. */
export const ROUTES = [
	...NAV_ROUTES,
	{ path: '/read', heading: 'Why the US insists on withdrawing from the INF Treaty?' },
	{ path: '/cards', heading: 'Cards' },
	{ path: '/library', heading: 'Library' },
	{ path: '/library/draft', heading: 'New set from an article' },
	{ path: '/settings', heading: 'Settings' },
	{ path: '/a', heading: 'Assignment' }
] as const;

/** Opens a page and waits until Svelte has hydrated it (controls are enabled). */
export async function openHydrated(page: Page, path: string) {
	await page.goto(path);
	await expect(page.getByRole('combobox', { name: 'Theme' })).toBeEnabled();
}

/** Waits until the service worker is active and controls the page. */
export async function waitForServiceWorker(page: Page) {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller) {
			await new Promise<void>((resolve) =>
				navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), {
					once: true
				})
			);
		}
	});
}

/**
 * Every row of one of the app's IndexedDB tables ([] while the database or the table is missing).
 * It never creates the database, and it closes its connection before returning: a connection
 * left open would block the app's own schema upgrade (Dexie waits on "blocked").
 */
export function storedRows<T = Record<string, unknown>>(page: Page, table: string): Promise<T[]> {
	return page.evaluate(
		(table) =>
			new Promise<T[]>((resolve, reject) => {
				if (!('databases' in indexedDB)) return resolve([]);
				void indexedDB.databases().then((list) => {
					if (!list.some((d) => d.name === 'quire')) return resolve([]);
					const req = indexedDB.open('quire');
					req.onsuccess = () => {
						const db = req.result;
						if (!db.objectStoreNames.contains(table)) {
							db.close();
							return resolve([]);
						}
						const all = db.transaction(table).objectStore(table).getAll();
						all.onsuccess = () => {
							db.close();
							resolve(all.result as T[]);
						};
						all.onerror = () => {
							db.close();
							reject(all.error ?? new Error('IndexedDB request failed'));
						};
					};
					req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
				}, reject);
			}),
		table
	);
}

/**
 * The stored sessions with their questions joined back in (`state.quiz`, `state.items`), as the
 * app reads them: since database version 7 a session's questions are a row of sessionItems.
 */
export async function storedSessions<T = Record<string, unknown>>(page: Page): Promise<T[]> {
	type Row = { id: string; state: Record<string, unknown> };
	type Fixed = { id: string; quiz: unknown; items: unknown };
	const [rows, fixed] = await Promise.all([
		storedRows<Row>(page, 'sessions'),
		storedRows<Fixed>(page, 'sessionItems')
	]);
	const byId = new Map(fixed.map((f) => [f.id, f]));
	return rows.map((row) => {
		const f = byId.get(row.id);
		return (f ? { ...row, state: { ...row.state, quiz: f.quiz, items: f.items } } : row) as T;
	});
}

/** A value from the app's settings table, or undefined while the database or row is missing. */
export async function storedSetting(page: Page, key: string): Promise<unknown> {
	const rows = await storedRows<{ key: string; value?: unknown }>(page, 'settings');
	return rows.find((r) => r.key === key)?.value;
}

/**
 * Has the app create its database at the current schema version the way a student does, by
 * saving something (the theme). Opening pages alone stores nothing, so no page opens the
 * database before the first write (src/lib/db/exists.ts).
 */
export async function createAppDatabase(page: Page) {
	await page.getByRole('combobox', { name: 'Theme' }).selectOption('light');
	await expect
		.poll(() => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name)))
		.toContain('quire');
}

/**
 * Tap targets smaller than 44 × 44 CSS px on the page, each named with its size. A target is a
 * visible link, button, form field or summary; a checkbox or radio counts by its label, and a
 * visually hidden file input by its label[for] (what the finger hits). Links inside a sentence
 * are exempt, as in WCAG 2.5.8: their size is the text's, and padding them would break the line.
 */
export function smallTapTargets(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const MIN = 44;
		const out: string[] = [];
		const seen = new Set<Element>();
		const inSentence = (el: Element) => {
			if (el.tagName !== 'A') return false;
			const parent = el.parentElement;
			if (!parent || getComputedStyle(el).display !== 'inline') return false;
			return [...parent.childNodes].some(
				(n) => n !== el && n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim().length > 1
			);
		};
		const targets = document.querySelectorAll(
			'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"]'
		);
		for (const el of targets) {
			let target: Element = el;
			if (el instanceof HTMLInputElement) {
				const label =
					el.type === 'checkbox' || el.type === 'radio'
						? el.closest('label')
						: el.id && el.getBoundingClientRect().width <= 1
							? document.querySelector(`label[for="${el.id}"]`)
							: null;
				if (label) target = label;
				else if (el.type === 'checkbox' || el.type === 'radio') target = el;
			}
			if (seen.has(target)) continue;
			seen.add(target);
			const r = target.getBoundingClientRect();
			const style = getComputedStyle(target);
			if (r.width <= 1 || r.height <= 1 || style.visibility === 'hidden') continue;
			if (target.closest('[hidden], .visually-hidden, [aria-hidden="true"]')) continue;
			if (inSentence(target)) continue;
			if (r.width < MIN - 0.5 || r.height < MIN - 0.5) {
				const name = (target.getAttribute('aria-label') ?? target.textContent ?? '')
					.trim()
					.replace(/\s+/g, ' ')
					.slice(0, 40);
				out.push(
					`${target.tagName.toLowerCase()}${target.id ? '#' + target.id : ''} "${name}" ${Math.round(r.width)}×${Math.round(r.height)}`
				);
			}
		}
		return out;
	});
}
