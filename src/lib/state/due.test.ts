import { describe, expect, it } from 'vitest';
import { FakeCaches } from '$lib/pwa/fake-caches';
import { BADGE_CACHE, BADGE_KEY } from '$lib/pwa/badge';
import { publishBadge, type BadgeHost } from './due.svelte';

function host(withBadge = true) {
	const caches = new FakeCaches();
	const badge: (number | 'cleared')[] = [];
	const synced: string[] = [];
	const h: BadgeHost = {
		caches: caches.asStorage(),
		navigator: {
			...(withBadge
				? {
						setAppBadge: (n?: number) => Promise.resolve(void badge.push(n ?? 0)),
						clearAppBadge: () => Promise.resolve(void badge.push('cleared'))
					}
				: {}),
			serviceWorker: {
				ready: Promise.resolve({
					periodicSync: { register: (tag: string) => Promise.resolve(void synced.push(tag)) }
				})
			}
		}
	};
	return { h, caches, badge, synced };
}

describe('publishBadge', () => {
	it('sets the badge to the cards due now and leaves the due times for the worker', async () => {
		const { h, caches, badge, synced } = host();
		await publishBadge(h, [10, 20, 300], 100);
		expect(badge).toEqual([2]);
		const left = await (await caches.open(BADGE_CACHE)).match(BADGE_KEY);
		expect(await left?.json()).toEqual({ due: [10, 20, 300] });
		expect(synced).toEqual(['quire-badge']);
		await publishBadge(h, [300], 100);
		expect(badge).toEqual([2, 'cleared']);
	});

	it('does nothing at all without the Badging API (Firefox, WebKit)', async () => {
		const { h, caches, synced } = host(false);
		await publishBadge(h, [10], 100);
		expect(caches.stores.size).toBe(0);
		expect(synced).toEqual([]);
	});
});
