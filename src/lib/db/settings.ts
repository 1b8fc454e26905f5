import * as v from 'valibot';
import { db } from './database';
import { SETTING_SCHEMAS, type Settings } from './rows';
import { issueText } from './read';
import { DEFAULT_SETTINGS } from './defaults';

export type { Settings } from './rows';

export { DEFAULT_SETTINGS } from './defaults';

/** A stored value for `key` checked against its schema: the value, or the default. */
export function settingOr<K extends keyof Settings>(key: K, value: unknown): Settings[K] {
	const parsed = v.safeParse(SETTING_SCHEMAS[key], value);
	return parsed.success ? (parsed.output as Settings[K]) : DEFAULT_SETTINGS[key];
}

/** Reads a setting, falling back to its default when unset or not valid. */
export async function getSetting<K extends keyof Settings>(key: K): Promise<Settings[K]> {
	const row = await db.settings.get(key);
	return row ? settingOr(key, row.value) : DEFAULT_SETTINGS[key];
}

/** Stores a setting; refuses a value outside its schema. */
export async function setSetting<K extends keyof Settings>(key: K, value: Settings[K]) {
	const parsed = v.safeParse(SETTING_SCHEMAS[key], value);
	if (!parsed.success) throw new RangeError(`The setting ${key} ${issueText(parsed.issues)}.`);
	await db.settings.put({ key, value: parsed.output });
}
