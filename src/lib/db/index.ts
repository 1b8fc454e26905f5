import Dexie, { type EntityTable } from 'dexie';
import { SCHEMA_VERSIONS } from './schema';

/** A row of the key/value settings table. */
export interface SettingRow {
	key: string;
	value: unknown;
}

/** Quire's IndexedDB database: the one place progress is stored. */
export class QuireDB extends Dexie {
	settings!: EntityTable<SettingRow, 'key'>;

	constructor(name = 'quire', options?: ConstructorParameters<typeof Dexie>[1]) {
		super(name, options);
		for (const v of SCHEMA_VERSIONS) {
			const version = this.version(v.version).stores(v.stores);
			if (v.upgrade) version.upgrade(v.upgrade);
		}
	}
}

/** The single database instance the app uses. */
export const db = new QuireDB();

export { describeStorageError, checkStorage, requestPersistence } from './storage';
export { getSetting, setSetting, type Settings } from './settings';
