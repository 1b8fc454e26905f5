import { describe, expect, it } from 'vitest';
import { FakeCaches } from './fake-caches';
import { BADGE_CACHE, BADGE_KEY } from './badge';
import { NAME_HEADER, SHARE_CACHE, SHARED_FILE_KEY, SHARED_TEXT_KEY } from './shared';
import {
	installBadge,
	installShareTarget,
	receiveShare,
	updateBadge,
	type ExtendableEventLike,
	type FetchEventLike,
	type WorkerScope
} from './worker';

const ORIGIN = 'https://quire.test';

function fakeScope(withBadge = true) {
	const caches = new FakeCaches();
	const badge: (number | 'cleared')[] = [];
	const listeners = new Map<string, ((event: never) => void)[]>();
	const scope = {
		location: { origin: ORIGIN },
		caches: caches.asStorage(),
		navigator: withBadge
			? {
					setAppBadge: (n?: number) => Promise.resolve(void badge.push(n ?? 0)),
					clearAppBadge: () => Promise.resolve(void badge.push('cleared'))
				}
			: {},
		addEventListener(type: string, listener: (event: never) => void) {
			listeners.set(type, [...(listeners.get(type) ?? []), listener]);
		}
	} as WorkerScope;
	const fire = (type: string, event: unknown) => {
		for (const l of listeners.get(type) ?? []) l(event as never);
	};
	return { scope, caches, badge, fire };
}

function post(form: FormData, path = '/share-target') {
	return new Request(`${ORIGIN}${path}`, { method: 'POST', body: form });
}

describe('receiveShare', () => {
	it('keeps a shared text and opens New set from an article', async () => {
		const { scope, caches } = fakeScope();
		const form = new FormData();
		form.set('title', 'A title');
		form.set('text', 'Some text; with, marks.');
		form.set('url', 'https://example.test/a');
		const res = await receiveShare(post(form), scope);
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe(`${ORIGIN}/library/draft#shared`);
		const kept = await (await caches.open(SHARE_CACHE)).match(SHARED_TEXT_KEY);
		expect(await kept?.json()).toEqual({
			title: 'A title',
			text: 'Some text; with, marks.',
			url: 'https://example.test/a'
		});
	});

	it('keeps a shared file with its name and opens the import preview', async () => {
		const { scope, caches } = fakeScope();
		const form = new FormData();
		form.set('file', new File(['::Q1:: 2+2? {=4 ~5}'], 'Quiz één.gift', { type: 'text/plain' }));
		const res = await receiveShare(post(form), scope);
		expect(res.headers.get('location')).toBe(`${ORIGIN}/library#shared`);
		const cache = await caches.open(SHARE_CACHE);
		const kept = await cache.match(SHARED_FILE_KEY);
		expect(decodeURIComponent(kept?.headers.get(NAME_HEADER) ?? '')).toBe('Quiz één.gift');
		expect(await kept?.text()).toBe('::Q1:: 2+2? {=4 ~5}');
		// A file share replaces a text left from before.
		expect(await cache.match(SHARED_TEXT_KEY)).toBeUndefined();
	});
});

describe('installShareTarget', () => {
	it('answers POSTs to the share URL only', async () => {
		const { scope, fire } = fakeScope();
		installShareTarget(scope);
		const answered: Promise<Response>[] = [];
		const event = (request: Request): FetchEventLike => ({
			request,
			respondWith: (r) => void answered.push(r)
		});
		fire('fetch', event(new Request(`${ORIGIN}/share-target`)));
		fire('fetch', event(post(new FormData(), '/library')));
		fire('fetch', event(new Request('https://elsewhere.test/share-target', { method: 'POST' })));
		expect(answered).toHaveLength(0);
		fire('fetch', event(post(new FormData())));
		expect(answered).toHaveLength(1);
		expect((await answered[0])?.status).toBe(303);
	});
});

describe('the badge in the worker', () => {
	async function leave(caches: FakeCaches, due: unknown) {
		await (await caches.open(BADGE_CACHE)).put(BADGE_KEY, new Response(JSON.stringify({ due })));
	}

	it('counts the cards due now from what the page left', async () => {
		const { scope, caches, badge } = fakeScope();
		await updateBadge(scope, 100);
		expect(badge).toEqual([]);
		await leave(caches, [10, 100, 101, 5000]);
		await updateBadge(scope, 100);
		await updateBadge(scope, 5);
		await leave(caches, ['bad']);
		await updateBadge(scope, 100);
		expect(badge).toEqual([2, 'cleared']);
	});

	it('is silent without the Badging API', async () => {
		const { scope, caches } = fakeScope(false);
		await leave(caches, [1]);
		await expect(updateBadge(scope, 100)).resolves.toBeUndefined();
	});

	it('refreshes on activation, its periodic sync and a message, not on other tags', async () => {
		const { scope, caches, badge, fire } = fakeScope();
		await leave(caches, [1, 2, 3]);
		installBadge(scope, () => 2);
		const waits: Promise<unknown>[] = [];
		const event = (extra: object): ExtendableEventLike => ({
			waitUntil: (p) => void waits.push(p),
			...extra
		});
		fire('activate', event({}));
		fire('periodicsync', event({ tag: 'other' }));
		fire('periodicsync', event({ tag: 'quire-badge' }));
		fire('message', event({ data: { type: 'SKIP_WAITING' } }));
		fire('message', event({ data: { type: 'quire-badge' } }));
		await Promise.all(waits);
		expect(badge).toEqual([2, 2, 2]);
	});
});
