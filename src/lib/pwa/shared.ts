/**
 * What the page and the service worker agree on for "share to Quire", "open with Quire" and the
 * app badge: the share URL, where the worker keeps what was shared until a page takes it, and
 * which files Quire reads. Plain TypeScript, no DOM: the worker bundle (src/sw) imports it too.
 */

/** The manifest's share_target action: the worker answers POSTs to it, even offline. */
export const SHARE_ACTION = '/share-target';
/** The Cache Storage cache where the worker keeps a shared text or file for the page. */
export const SHARE_CACHE = 'quire-share';
/** Keys in SHARE_CACHE (same-origin paths nothing serves). */
export const SHARED_TEXT_KEY = '/__quire/shared-text';
export const SHARED_FILE_KEY = '/__quire/shared-file';
/** Header carrying the shared file's name (URI-encoded) on its stored response. */
export const NAME_HEADER = 'x-quire-name';
/** Where a shared text opens: New set from an article. The hash keeps the precached page's URL. */
export const SHARED_TEXT_PAGE = '/library/draft#shared';
/** Where a shared or opened file opens: the library's import preview. */
export const SHARED_FILE_PAGE = '/library#shared';

/** The longest shared text kept: an own article's cap (README, Caps on stored text). */
export const MAX_SHARED_TEXT = 200_000;

/** Files the library's import reads. */
export const READABLE_EXTENSIONS = [
	'.gift',
	'.txt',
	'.csv',
	'.tsv',
	'.json',
	'.xml',
	'.apkg',
	'.colpkg'
] as const;

/** Files the share sheet and "Open with" offer Quire, by MIME type (the manifest's lists). */
export const SHARE_FILE_TYPES: Record<string, string[]> = {
	'text/plain': ['.gift', '.txt'],
	'text/csv': ['.csv'],
	'text/tab-separated-values': ['.tsv'],
	'application/json': ['.json', '.quire.json'],
	'application/xml': ['.xml'],
	'text/xml': ['.xml'],
	'application/zip': ['.quire.zip', '.zip'],
	'application/octet-stream': ['.apkg']
};

const lower = (name: string) => name.toLowerCase();

/**
 * Why Quire cannot read a shared or opened file, in a sentence, or null when the import reads it.
 * Phones offer Quire for types they only guess at, so every other file gets a clear answer.
 */
export function sharedFileProblem(name: string): string | null {
	const n = lower(name);
	if (READABLE_EXTENSIONS.some((ext) => n.endsWith(ext))) return null;
	if (n.endsWith('.zip'))
		return `“${name}” is a .zip archive, which Quire cannot open: share the .quire.json, GIFT, Moodle XML, CSV or text file inside it, or the Anki package (.apkg) itself.`;
	return `Quire cannot import “${name}”: it reads GIFT, Aiken, Quizlet or Anki text (.gift, .txt), Moodle XML (.xml), Anki packages (.apkg), CSV or TSV files and Quire set files (.quire.json).`;
}

/** What a share carried: the manifest's title, text and url fields. */
export interface SharedText {
	title: string;
	text: string;
	url: string;
}

/**
 * The article text a share gives "New set from an article": the title as its heading line (unless
 * the text starts with it), the text, then the link when the text does not hold it. Capped.
 */
export function sharedArticle({ title, text, url }: SharedText): string {
	const t = title.trim();
	const body = text.trim();
	const link = url.trim();
	const parts = [
		...(t && !body.startsWith(t) ? [t] : []),
		...(body ? [body] : []),
		...(link && !body.includes(link) ? [link] : [])
	];
	return parts.join('\n\n').slice(0, MAX_SHARED_TEXT);
}
