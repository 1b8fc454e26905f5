/** What the page and the service worker agree on for the app badge (no DOM; src/sw imports it). */

/** The Cache Storage cache and key where the page leaves the due times for the worker's badge. */
export const BADGE_CACHE = 'quire-badge';
export const BADGE_KEY = '/__quire/due.json';
/** The Periodic Background Sync tag that refreshes the badge (installed Chromium apps only). */
export const BADGE_SYNC_TAG = 'quire-badge';

/** The due times the page left for the worker: finite numbers only, or null when unreadable. */
export function readDueTimes(value: unknown): number[] | null {
	if (typeof value !== 'object' || value === null) return null;
	const due = (value as { due?: unknown }).due;
	if (!Array.isArray(due) || !due.every((d) => typeof d === 'number' && Number.isFinite(d)))
		return null;
	return due as number[];
}
