/**
 * The service worker's own handlers, added to the generated Workbox worker with importScripts
 * (vite.config.ts builds src/sw/addon.ts into /sw-addon.js): the share target's POST and the app
 * badge. Workbox's routes answer GETs only, so a POST to the share URL reaches this handler.
 */
import { BADGE_CACHE, BADGE_KEY, BADGE_SYNC_TAG, readDueTimes } from './badge';
import {
	MAX_SHARED_TEXT,
	NAME_HEADER,
	SHARE_ACTION,
	SHARE_CACHE,
	SHARED_FILE_KEY,
	SHARED_FILE_PAGE,
	SHARED_TEXT_KEY,
	SHARED_TEXT_PAGE
} from './shared';

/** The parts of a FetchEvent the worker uses. */
export interface FetchEventLike {
	readonly request: Request;
	respondWith(response: Promise<Response>): void;
}

/** The parts of an ExtendableEvent (activate, periodicsync, message) the worker uses. */
export interface ExtendableEventLike {
	waitUntil(done: Promise<unknown>): void;
	readonly tag?: string;
	readonly data?: unknown;
}

/** The parts of the service worker's global scope used here (tests pass a fake). */
export interface WorkerScope {
	readonly location: { origin: string };
	readonly caches: CacheStorage;
	readonly navigator: {
		setAppBadge?: (count?: number) => Promise<void>;
		clearAppBadge?: () => Promise<void>;
	};
	addEventListener(type: 'fetch', listener: (event: FetchEventLike) => void): void;
	addEventListener(
		type: 'activate' | 'periodicsync' | 'message',
		listener: (event: ExtendableEventLike) => void
	): void;
}

const field = (form: FormData, name: string) => {
	const value = form.get(name);
	return typeof value === 'string' ? value.slice(0, MAX_SHARED_TEXT) : '';
};

/**
 * Keeps what was shared in SHARE_CACHE (a file, or the title, text and link) and sends the student
 * to the page that takes it: the import preview for a file, New set from an article for text.
 */
export async function receiveShare(request: Request, scope: WorkerScope): Promise<Response> {
	const origin = scope.location.origin;
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		return Response.redirect(`${origin}${SHARED_TEXT_PAGE}`, 303);
	}
	const cache = await scope.caches.open(SHARE_CACHE);
	await Promise.all([cache.delete(SHARED_TEXT_KEY), cache.delete(SHARED_FILE_KEY)]);
	const file = form.getAll('file').find((f): f is File => typeof f !== 'string');
	if (file) {
		await cache.put(
			SHARED_FILE_KEY,
			new Response(file, {
				headers: {
					'content-type': file.type || 'application/octet-stream',
					[NAME_HEADER]: encodeURIComponent(file.name || 'shared file')
				}
			})
		);
		return Response.redirect(`${origin}${SHARED_FILE_PAGE}`, 303);
	}
	const shared = {
		title: field(form, 'title'),
		text: field(form, 'text'),
		url: field(form, 'url')
	};
	await cache.put(
		SHARED_TEXT_KEY,
		new Response(JSON.stringify(shared), { headers: { 'content-type': 'application/json' } })
	);
	return Response.redirect(`${origin}${SHARED_TEXT_PAGE}`, 303);
}

/** Answers the share target's POST; every other request is left to Workbox. */
export function installShareTarget(scope: WorkerScope) {
	scope.addEventListener('fetch', (event) => {
		const { request } = event;
		if (request.method !== 'POST') return;
		const url = new URL(request.url);
		if (url.origin !== scope.location.origin || url.pathname !== SHARE_ACTION) return;
		event.respondWith(receiveShare(request, scope));
	});
}

/**
 * Sets the app badge to the cards due now, from the due times the page last left in BADGE_CACHE.
 * Silent where there is no Badging API or nothing was left.
 */
export async function updateBadge(scope: WorkerScope, now: number): Promise<void> {
	const { setAppBadge, clearAppBadge } = scope.navigator;
	if (typeof setAppBadge !== 'function') return;
	try {
		const cache = await scope.caches.open(BADGE_CACHE);
		const stored = await cache.match(BADGE_KEY);
		if (!stored) return;
		const due = readDueTimes(await stored.json());
		if (!due) return;
		const count = due.filter((d) => d <= now).length;
		if (count > 0) await setAppBadge.call(scope.navigator, count);
		else await clearAppBadge?.call(scope.navigator);
	} catch {
		// A badge is a nicety: no storage or no permission leaves it as it was.
	}
}

/** Refreshes the badge whenever the worker runs for its own reasons: activation, a periodic sync. */
export function installBadge(scope: WorkerScope, now: () => number = Date.now) {
	scope.addEventListener('activate', (event) => event.waitUntil(updateBadge(scope, now())));
	scope.addEventListener('periodicsync', (event) => {
		if (event.tag === BADGE_SYNC_TAG) event.waitUntil(updateBadge(scope, now()));
	});
	scope.addEventListener('message', (event) => {
		const data = event.data as { type?: unknown } | null;
		if (data?.type === BADGE_SYNC_TAG) event.waitUntil(updateBadge(scope, now()));
	});
}
