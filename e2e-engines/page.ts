// What the journey does in a page, engine-neutrally: find controls the way a person names them,
// click and type with real input, wait for what a student would see, read IndexedDB.
import { STEP_TIMEOUT, type Engine } from './engines';

/** A control named as a person would: a CSS kind (e.g. 'button') and its visible/accessible name. */
export interface Target {
	css: string;
	/** Exact name, or a pattern (source and flags) the name must match. */
	name?: string | { re: string; flags?: string };
	/** A CSS selector of the part of the page to search in. */
	within?: string;
}

/** Builds a Target name pattern from a RegExp (RegExps do not cross into the page). */
export const re = (pattern: RegExp) => ({ re: pattern.source, flags: pattern.flags });

type Marked = { css: string } | { problem: string };

/**
 * In the page: finds the one visible element that matches, checks it is enabled and marks it
 * with a data attribute, so the driver can click it natively. Self-contained: sent as source.
 */
function markTarget(t: Target): Marked {
	const normal = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
	const textOf = (el: Element) => {
		const copy = el.cloneNode(true) as Element;
		copy.querySelectorAll('[aria-hidden="true"], select, textarea').forEach((n) => n.remove());
		return normal(copy.textContent);
	};
	const nameOf = (el: Element) => {
		const label = el.getAttribute('aria-label');
		if (label) return normal(label);
		const by = el.getAttribute('aria-labelledby');
		if (by)
			return normal(
				by
					.split(/\s+/)
					.map((id) => {
						const ref = document.getElementById(id);
						return ref ? textOf(ref) : '';
					})
					.join(' ')
			);
		if (el instanceof HTMLTableElement && el.caption) return textOf(el.caption);
		const labels = (el as HTMLInputElement).labels;
		if (labels && labels.length) return normal([...labels].map(textOf).join(' '));
		return textOf(el);
	};
	const root = t.within ? document.querySelector(t.within) : document;
	if (!root) return { problem: `nothing matches ${t.within}` };
	const visible = (el: Element) => {
		const box = el.getBoundingClientRect();
		return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
	};
	const wanted = t.name;
	const matches = (el: Element) => {
		if (wanted === undefined) return true;
		const name = nameOf(el);
		return typeof wanted === 'string'
			? name === wanted
			: new RegExp(wanted.re, wanted.flags).test(name);
	};
	const found = [...root.querySelectorAll(t.css)].filter((el) => visible(el) && matches(el));
	const what = `${t.css}${wanted === undefined ? '' : ` named ${JSON.stringify(wanted)}`}`;
	if (found.length !== 1) return { problem: `${found.length} visible ${what}` };
	const el = found[0] as HTMLElement;
	if ((el as HTMLButtonElement).disabled) return { problem: `${what} is disabled` };
	const w = window as unknown as { __quireMark?: number };
	w.__quireMark = (w.__quireMark ?? 0) + 1;
	el.setAttribute('data-e2e-mark', String(w.__quireMark));
	return { css: `[data-e2e-mark="${w.__quireMark}"]` };
}

/**
 * Polls a page function until it returns something truthy (like Playwright's auto-waiting).
 * Errors while polling (a navigation replacing the document) are retried until the time is up,
 * then reported with the last error or value.
 */
export async function waitFor<A extends unknown[], T>(
	engine: Engine,
	what: string,
	fn: (...args: A) => T | Promise<T>,
	...args: A
): Promise<NonNullable<T>> {
	const deadline = Date.now() + STEP_TIMEOUT;
	let last: string;
	for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
		try {
			const value = await engine.run(fn, ...args);
			if (value) return value;
			last = `last value: ${JSON.stringify(value)}`;
		} catch (error) {
			last = `last error: ${error instanceof Error ? error.message : String(error)}`;
		}
		if (Date.now() > deadline)
			throw new Error(`Timed out after ${STEP_TIMEOUT / 1000} s waiting for ${what} (${last})`);
		await new Promise((r) => setTimeout(r, delay));
	}
}

/** Waits until the target exists, is visible and enabled; returns a selector for it. */
export async function find(engine: Engine, target: Target): Promise<string> {
	let problem: string;
	const deadline = Date.now() + STEP_TIMEOUT;
	for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
		try {
			const marked = await engine.run(markTarget, target);
			if ('css' in marked) return marked.css;
			problem = marked.problem;
		} catch (error) {
			problem = error instanceof Error ? error.message : String(error);
		}
		if (Date.now() > deadline)
			throw new Error(
				`Timed out after ${STEP_TIMEOUT / 1000} s finding ${JSON.stringify(target)}: ${problem}`
			);
		await new Promise((r) => setTimeout(r, delay));
	}
}

/** Clicks a control once it is there and enabled. */
export async function clickOn(engine: Engine, target: Target) {
	await engine.click(await find(engine, target));
}

/** Types into a field once it is there and enabled. */
export async function typeInto(engine: Engine, target: Target, text: string) {
	await engine.type(await find(engine, target), text);
}

/** The normalised text of the first element matching a selector ('' when none). */
export function textIn(engine: Engine, css: string): Promise<string> {
	return engine.run(
		(sel: string) => (document.querySelector(sel)?.textContent ?? '').replace(/\s+/g, ' ').trim(),
		css
	);
}

/** Waits until an element's text contains every given piece. */
export async function waitForText(engine: Engine, css: string, ...pieces: string[]) {
	return waitFor(
		engine,
		`${css} to show ${JSON.stringify(pieces)}`,
		(sel: string, want: string[]) => {
			const text = (document.querySelector(sel)?.textContent ?? '').replace(/\s+/g, ' ');
			return want.every((w) => text.includes(w)) ? text : '';
		},
		css,
		pieces
	);
}

/** Waits for a level-one heading with this text: the page a student expects is showing. */
export function waitForHeading(engine: Engine, heading: string) {
	return waitFor(
		engine,
		`the heading “${heading}”`,
		(h: string) =>
			[...document.querySelectorAll('h1')].some(
				(el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim() === h
			),
		heading
	);
}

/** Waits until Svelte has hydrated the shell (its controls are enabled, as the README promises). */
export function waitForHydration(engine: Engine) {
	return waitFor(engine, 'the app to hydrate (Theme menu enabled)', () => {
		const theme = document.querySelector('header select');
		return theme instanceof HTMLSelectElement && !theme.disabled;
	});
}

/** The path and query of the page. */
export function location(engine: Engine) {
	return engine.run(() => window.location.pathname + window.location.search);
}

/** Waits until the page's path (and query) matches. */
export function waitForPath(engine: Engine, pattern: RegExp) {
	return waitFor(
		engine,
		`the address to match ${pattern}`,
		(p: { re: string; flags?: string }) => {
			const here = window.location.pathname + window.location.search;
			return new RegExp(p.re, p.flags).test(here) ? here : '';
		},
		re(pattern)
	);
}

/** Every row of the named IndexedDB tables of the app's database. */
export function readTables(
	engine: Engine,
	tables: string[]
): Promise<Record<string, Record<string, unknown>[]>> {
	return engine.run(
		(names: string[]) =>
			new Promise<Record<string, Record<string, unknown>[]>>((resolve, reject) => {
				const open = indexedDB.open('quire');
				open.onerror = () =>
					reject(open.error ?? new Error('Opening the IndexedDB database failed'));
				open.onsuccess = () => {
					const db = open.result;
					const present = names.filter((n) => db.objectStoreNames.contains(n));
					const out: Record<string, Record<string, unknown>[]> = {};
					for (const n of names) out[n] = [];
					if (!present.length) {
						db.close();
						return resolve(out);
					}
					const tx = db.transaction(present, 'readonly');
					for (const n of present) {
						const all = tx.objectStore(n).getAll();
						all.onsuccess = () => (out[n] = all.result as Record<string, unknown>[]);
					}
					tx.oncomplete = () => {
						db.close();
						resolve(out);
					};
					tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
				};
			}),
		tables
	);
}

/**
 * Catches the files the page saves through `<a download>` (the app's download helper) instead of
 * letting the browser download them: records each file's name and text in the page.
 */
export function captureDownloads(engine: Engine) {
	return engine.run(() => {
		type Saved = { name: string; text: string | null; base64: string | null };
		const w = window as unknown as { __quireFiles?: Saved[] };
		if (w.__quireFiles) return;
		const files: Saved[] = [];
		w.__quireFiles = files;
		// The app's CSP allows no fetch() of blob: URLs, so keep each Blob as its URL is made.
		const blobs = new Map<string, Blob>();
		const createObjectURL = URL.createObjectURL.bind(URL);
		URL.createObjectURL = (object: Blob | MediaSource) => {
			const url = createObjectURL(object);
			if (object instanceof Blob) blobs.set(url, object);
			return url;
		};
		document.addEventListener(
			'click',
			(event) => {
				const a = event.target;
				if (!(a instanceof HTMLAnchorElement) || !a.download) return;
				event.preventDefault();
				const file: Saved = { name: a.download, text: null, base64: null };
				files.push(file);
				const blob = blobs.get(a.href);
				// The bytes too, as base64, for binary files (a zip).
				if (blob)
					void blob.arrayBuffer().then((buffer) => {
						const bytes = new Uint8Array(buffer);
						let binary = '';
						for (let i = 0; i < bytes.length; i += 0x8000)
							binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
						file.base64 = btoa(binary);
						file.text = new TextDecoder().decode(bytes);
					});
			},
			true
		);
	});
}

/** Waits for the next captured file whose name matches; returns its name, text and bytes. */
export async function capturedFile(engine: Engine, name: RegExp) {
	const file = await waitFor(
		engine,
		`a saved file named like ${name}`,
		(p: { re: string; flags?: string }) => {
			type Saved = { name: string; text: string | null; base64: string | null };
			const w = window as unknown as { __quireFiles?: Saved[] };
			const file = (w.__quireFiles ?? []).find(
				(f) => new RegExp(p.re, p.flags).test(f.name) && f.base64 !== null
			);
			return file
				? { name: file.name, text: file.text as string, base64: file.base64 as string }
				: null;
		},
		re(name)
	);
	return { name: file.name, text: file.text, bytes: Buffer.from(file.base64, 'base64') };
}
