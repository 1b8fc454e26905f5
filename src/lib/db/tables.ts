/** Every table Quire stores, named as in the database, in backup order. Imports nothing. */
export const TABLES = [
	'settings',
	'sessions',
	'sessionItems',
	'attempts',
	'cards',
	'reviewLogs',
	'teacherKeys',
	'assignments',
	'results',
	'received',
	'sets',
	'setItems',
	'setDrafts',
	'reports'
] as const;

/** One table of the database. */
export type TableName = (typeof TABLES)[number];

/**
 * Tables added after the first backups: an older backup lacks them and imports them empty, except
 * sessionItems, which an older backup's sessions are split into (see session-split.ts).
 */
export const TABLE_SINCE: Partial<Record<TableName, number>> = {
	sets: 5,
	setItems: 5,
	setDrafts: 5,
	reports: 6,
	sessionItems: 7
};
