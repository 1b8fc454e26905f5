/**
 * The language an entry is read aloud in: its set's (`lang`), else `DEFAULT_LANG` (the built-in
 * bank's entries, an assignment's copies, a set that does not say). Looked up once per entry.
 */
import { DEFAULT_LANG } from '$lib/bank/lang';
import { splitMath } from '$lib/bank/math';

const loadSets = () => import('$lib/db/sets');

const known = new Map<string, Promise<string>>();

/** The language of the set an entry is in; never rejects. */
export function entryLang(id: string): Promise<string> {
	let found = known.get(id);
	if (!found) {
		found = id.startsWith('own-')
			? loadSets()
					.then(async (repo) => {
						const row = await repo.getEntry(id);
						const set = row ? await repo.getSet(row.setId) : undefined;
						return set?.lang ?? DEFAULT_LANG;
					})
					.catch(() => DEFAULT_LANG)
			: Promise.resolve(DEFAULT_LANG);
		known.set(id, found);
	}
	return found;
}

/** Forgets what was looked up (a set's language was changed). */
export function forgetLangs() {
	known.clear();
}

/** What is read aloud for a text: formulas as their TeX, blanks as a pause. */
export function spokenText(text: string): string {
	return splitMath(text)
		.map((s) => (s.kind === 'text' ? s.text : ` ${s.tex} `))
		.join('')
		.replace(/\{\{[^{}]*\}\}/g, ' … ')
		.replace(/\s+/g, ' ')
		.trim();
}
