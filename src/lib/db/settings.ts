import { db } from './index';

/** Every setting Quire stores, with its type and default. */
export interface Settings {
	theme: 'system' | 'light' | 'dark';
	persistAsked: boolean;
}

const DEFAULTS: Settings = { theme: 'system', persistAsked: false };

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
