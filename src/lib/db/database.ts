/**
 * The one Dexie database. Repositories import `db` from here; nothing else in src/lib/db is
 * imported by this module except the schema versions and the row types, which import nothing
 * from db themselves.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { RowOf, StoredSessionRow } from './rows';
import { SCHEMA_VERSIONS } from './schema';

/** Quire's IndexedDB database: the one place progress is stored. */
export class QuireDB extends Dexie {
	settings!: EntityTable<RowOf<'settings'>, 'key'>;
	sessions!: EntityTable<StoredSessionRow, 'id'>;
	sessionItems!: EntityTable<RowOf<'sessionItems'>, 'id'>;
	attempts!: EntityTable<RowOf<'attempts'>, 'id'>;
	cards!: EntityTable<RowOf<'cards'>, 'id'>;
	reviewLogs!: EntityTable<RowOf<'reviewLogs'>, 'id'>;
	teacherKeys!: EntityTable<RowOf<'teacherKeys'>, 'id'>;
	assignments!: EntityTable<RowOf<'assignments'>, 'id'>;
	results!: EntityTable<RowOf<'results'>, 'id'>;
	received!: EntityTable<RowOf<'received'>, 'id'>;
	sets!: EntityTable<RowOf<'sets'>, 'id'>;
	setItems!: EntityTable<RowOf<'setItems'>, 'id'>;
	setDrafts!: EntityTable<RowOf<'setDrafts'>, 'id'>;
	reports!: EntityTable<RowOf<'reports'>, 'itemId'>;

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
