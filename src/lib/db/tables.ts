/** Every table Quire stores, named as in the database, in backup order. Imports nothing. */
export const TABLES = [
	'settings',
	'sessions',
	'attempts',
	'cards',
	'reviewLogs',
	'teacherKeys',
	'assignments',
	'results',
	'received'
] as const;

/** One table of the database. */
export type TableName = (typeof TABLES)[number];
