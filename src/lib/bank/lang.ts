/**
 * A set's language (a BCP 47 tag such as "en", "fr-CA") and the speech voice that reads it.
 * Pure TypeScript, no DOM: the page passes the voices `speechSynthesis` lists.
 */
import * as v from 'valibot';

/** A BCP 47 language tag as sets store it: a language, then optional subtags. */
export const Lang = v.pipe(
	v.string(),
	v.trim(),
	v.maxLength(35),
	v.regex(/^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{1,8})*$/, 'is not a language tag such as en or fr-CA')
);

/** The language of a set that does not say: the built-in bank's, and the app's. */
export const DEFAULT_LANG = 'en';

/** A tag in its usual form: `en_us` (as Android names voices) → `en-US`. */
export function normaliseLang(tag: string): string {
	const parts = tag.trim().replace(/_/g, '-').split('-');
	return parts
		.map((p, i) =>
			i === 0
				? p.toLowerCase()
				: p.length === 2
					? p.toUpperCase()
					: p.length === 4
						? p[0]?.toUpperCase() + p.slice(1).toLowerCase()
						: p.toLowerCase()
		)
		.join('-');
}

/** The part of `SpeechSynthesisVoice` the choice reads. */
export interface VoiceLike {
	lang: string;
	name: string;
	default: boolean;
	localService: boolean;
}

/**
 * The voice that reads a language: one whose tag is the language's (`fr-CA` for `fr-CA`), else
 * one of the same language (`fr-FR` for `fr-CA`, any `fr-…` for `fr`); on-device voices before
 * network ones (they work offline), the browser's default first among equals. Null when no voice
 * speaks the language: the Listen button is then not shown.
 */
export function pickVoice<T extends VoiceLike>(voices: readonly T[], lang: string): T | null {
	const want = normaliseLang(lang).toLowerCase();
	const primary = want.split('-')[0] ?? '';
	if (!primary) return null;
	let best: T | null = null;
	let bestRank = -1;
	for (const voice of voices) {
		const tag = normaliseLang(voice.lang).toLowerCase();
		const exact = tag === want;
		const same = tag.split('-')[0] === primary;
		if (!exact && !same) continue;
		const rank = (exact ? 4 : 0) + (voice.localService ? 2 : 0) + (voice.default ? 1 : 0);
		if (rank > bestRank) {
			best = voice;
			bestRank = rank;
		}
	}
	return best;
}
