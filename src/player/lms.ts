/**
 * The SCORM 1.2 API as the LMS offers it: found with the standard search (this window's
 * parents, then its opener's), called through a small wrapper that never throws.
 */

/** The SCORM 1.2 API object an LMS puts on a window as `API`. */
export interface Scorm12Api {
	LMSInitialize(arg: ''): string | boolean;
	LMSFinish(arg: ''): string | boolean;
	LMSGetValue(element: string): string;
	LMSSetValue(element: string, value: string): string | boolean;
	LMSCommit(arg: ''): string | boolean;
	LMSGetLastError(): string | number;
	LMSGetErrorString(code: string): string;
}

/** How far up the frames the search goes: ADL's sample looks 7 levels up; LMSs nest a few more. */
const MAX_DEPTH = 10;

function apiOf(win: Window): Scorm12Api | null {
	try {
		const api = (win as Window & { API?: unknown }).API;
		return api && typeof (api as Scorm12Api).LMSInitialize === 'function'
			? (api as Scorm12Api)
			: null;
	} catch {
		// A parent on another origin cannot be read: it is not the LMS's frame.
		return null;
	}
}

function searchUp(start: Window): Scorm12Api | null {
	let win: Window = start;
	for (let depth = 0; depth <= MAX_DEPTH; depth++) {
		const api = apiOf(win);
		if (api) return api;
		let parent: Window | null;
		try {
			parent = win.parent;
		} catch {
			return null;
		}
		if (!parent || parent === win) return null;
		win = parent;
	}
	return null;
}

/** The LMS's API: in this window or a parent, else in the opener's chain; null outside an LMS. */
export function findApi(win: Window): Scorm12Api | null {
	const found = searchUp(win);
	if (found) return found;
	let opener: Window | null;
	try {
		opener = win.opener as Window | null;
	} catch {
		opener = null;
	}
	return opener ? searchUp(opener) : null;
}

const ok = (r: string | boolean) => r === true || r === 'true';

/** The calls the player makes, each reporting success; errors are kept for the page to show. */
export class Lms {
	/** The last call that failed, in words: "LMSSetValue cmi.core.score.raw: error 405 …". */
	lastProblem = '';
	#api: Scorm12Api;

	constructor(api: Scorm12Api) {
		this.#api = api;
	}

	#check(call: string, result: string | boolean): boolean {
		if (ok(result)) return true;
		let code = '';
		let text = '';
		try {
			code = String(this.#api.LMSGetLastError());
			text = this.#api.LMSGetErrorString(code);
		} catch {
			// An LMS whose error calls fail too: the call's name is all there is to say.
		}
		this.lastProblem = `${call}: error ${code || '?'}${text ? ` (${text})` : ''}`;
		return false;
	}

	#try<T>(call: string, run: () => T, fallback: T): T {
		try {
			return run();
		} catch (error) {
			this.lastProblem = `${call}: ${error instanceof Error ? error.message : String(error)}`;
			return fallback;
		}
	}

	initialize(): boolean {
		return this.#try(
			'LMSInitialize',
			() => this.#check('LMSInitialize', this.#api.LMSInitialize('')),
			false
		);
	}

	get(element: string): string {
		return this.#try(
			`LMSGetValue ${element}`,
			() => String(this.#api.LMSGetValue(element) ?? ''),
			''
		);
	}

	set(element: string, value: string): boolean {
		return this.#try(
			`LMSSetValue ${element}`,
			() => this.#check(`LMSSetValue ${element}`, this.#api.LMSSetValue(element, value)),
			false
		);
	}

	commit(): boolean {
		return this.#try('LMSCommit', () => this.#check('LMSCommit', this.#api.LMSCommit('')), false);
	}

	finish(): boolean {
		return this.#try('LMSFinish', () => this.#check('LMSFinish', this.#api.LMSFinish('')), false);
	}
}
