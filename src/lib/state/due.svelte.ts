import { dayStarts } from '$lib/srs/days';
import { dueLine, dueToday, type DueToday } from '$lib/srs/due';
import { BADGE_CACHE, BADGE_KEY, BADGE_SYNC_TAG } from '$lib/pwa/badge';
import { databaseExists } from '$lib/db/exists';

/** Home's "due today" line as the prerendered page shows it, before the device is read. */
export const DUE_PLACEHOLDER = 'Checking what is due today…';

/** The parts of the page's world the badge uses (tests pass fakes). */
export interface BadgeHost {
	navigator: {
		setAppBadge?: (count?: number) => Promise<void>;
		clearAppBadge?: () => Promise<void>;
		serviceWorker?: {
			ready: Promise<{
				periodicSync?: { register(tag: string, options: { minInterval: number }): Promise<void> };
				active?: { postMessage(message: unknown): void } | null;
			}>;
		};
	};
	caches?: CacheStorage;
}

/** How often an installed app may ask to refresh its badge in the background (a hint). */
const BADGE_SYNC_MS = 6 * 60 * 60 * 1000;

/** The studied cards' due times, or null when nothing is stored on this device yet. */
export async function readDueTimes(): Promise<number[] | null> {
	if (!(await databaseExists())) return null;
	const { dueTimes } = await import('$lib/db/due');
	return dueTimes();
}

/**
 * Shows the number of cards due now on the app's icon (the Badging API; nothing where the browser
 * has none) and leaves the due times where the service worker reads them, so the badge keeps
 * counting when the worker next runs without the app (a periodic sync, an update).
 */
export async function publishBadge(host: BadgeHost, due: readonly number[], now: number) {
	const { setAppBadge, clearAppBadge } = host.navigator;
	if (typeof setAppBadge !== 'function') return;
	const count = due.filter((d) => d <= now).length;
	try {
		if (count > 0) await setAppBadge.call(host.navigator, count);
		else await clearAppBadge?.call(host.navigator);
	} catch {
		// Not allowed here (not installed, a permission): the badge is a nicety.
	}
	try {
		const cache = await host.caches?.open(BADGE_CACHE);
		await cache?.put(
			BADGE_KEY,
			new Response(JSON.stringify({ due }), { headers: { 'content-type': 'application/json' } })
		);
		const registration = await host.navigator.serviceWorker?.ready;
		await registration?.periodicSync?.register(BADGE_SYNC_TAG, { minInterval: BADGE_SYNC_MS });
	} catch {
		// No Cache Storage, or periodic sync not granted (only installed apps may): the open app
		// still sets the badge itself.
	}
}

/** Reads the due cards and updates the badge; failures leave the badge as it was. */
export async function refreshBadge(host: BadgeHost, now: number) {
	if (typeof host.navigator.setAppBadge !== 'function') return;
	try {
		const due = await readDueTimes();
		if (due) await publishBadge(host, due, now);
	} catch {
		// Storage unreadable: the pages that need it say so; the badge stays as it was.
	}
}

/** Home's line about what is due today, and the badge with it. */
export class DueTodayState {
	line = $state(DUE_PLACEHOLDER);
	due = $state.raw<DueToday | null>(null);

	async load(host: BadgeHost, now: number) {
		try {
			const times = await readDueTimes();
			this.due = times ? dueToday(times, now, dayStarts(now, 1)[1] ?? now) : null;
			this.line = dueLine(this.due);
			if (times) await publishBadge(host, times, now);
		} catch {
			this.line = 'What is due today could not be read on this device.';
		}
	}
}
