/**
 * The language of a text, for the drafter's input check. tinyld's light model (pure JS, about
 * 34 KB gzip) is loaded by the worker only: the page never imports this file.
 */
import { detect } from 'tinyld/light';

/** English names of the languages a teacher is most likely to paste, for the message. */
const NAMES: Record<string, string> = {
	en: 'English',
	fr: 'French',
	de: 'German',
	es: 'Spanish',
	it: 'Italian',
	pt: 'Portuguese',
	nl: 'Dutch',
	sv: 'Swedish',
	no: 'Norwegian',
	da: 'Danish',
	fi: 'Finnish',
	pl: 'Polish',
	cs: 'Czech',
	ru: 'Russian',
	uk: 'Ukrainian',
	tr: 'Turkish',
	el: 'Greek',
	ja: 'Japanese',
	zh: 'Chinese',
	ko: 'Korean',
	ar: 'Arabic',
	he: 'Hebrew',
	hi: 'Hindi'
};

/**
 * The language most of the text is in, as an ISO 639-1 code ("en", "fr"), or "" when it cannot
 * tell. Judged paragraph by paragraph (the longest first, about 2,000 words at most), so a quoted
 * phrase in another language does not decide it.
 */
export function detectLanguage(paragraphs: readonly string[]): string {
	const votes = new Map<string, number>();
	let words = 0;
	for (const p of [...paragraphs].sort((a, b) => b.length - a.length)) {
		if (words > 2000) break;
		const n = p.split(/\s+/).length;
		if (n < 4) continue;
		words += n;
		const lang = detect(p);
		if (lang) votes.set(lang, (votes.get(lang) ?? 0) + n);
	}
	let best = '';
	let most = 0;
	for (const [lang, n] of votes)
		if (n > most) {
			best = lang;
			most = n;
		}
	return best;
}

/** A language's English name ("French"), or its code when it has none here. */
export function languageName(code: string): string {
	return NAMES[code] ?? code;
}
