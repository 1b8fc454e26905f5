import { db } from './index';

/** Every setting Quire stores, with its type and default. */
export interface Settings {
	theme: 'system' | 'light' | 'dark';
	persistAsked: boolean;
	/** New flashcards introduced per day. */
	newPerDay: number;
	/** Reviews shown per day. */
	reviewsPerDay: number;
	/** FSRS desired retention, 0.7–0.99. */
	retention: number;
}

/** Defaults for every setting. */
export const DEFAULT_SETTINGS: Settings = {
	theme: 'system',
	persistAsked: false,
	newPerDay: 20,
	reviewsPerDay: 200,
	retention: 0.9
};
const DEFAULTS = DEFAULT_SETTINGS;

/** Reads a setting, falling back to its default when unset or of the wrong type. */
export async function getSetting<K extends keyof Settings>(key: K): Promise<Settings[K]> {
	const row = await db.settings.get(key);
	const fallback = DEFAULTS[key];
	if (!row || typeof row.value !== typeof fallback) return fallback;
	return row.value as Settings[K];
}

/** Stores a setting. */
export async function setSetting<K extends keyof Settings>(key: K, value: Settings[K]) {
	await db.settings.put({ key, value });
}
