/**
 * Sibling key leaks: a draft whose stem or options show what another draft asks for. A student
 * who meets both in one quiz gets the second for free.
 */
import { parseCloze } from '../bank/cloze.ts';
import { asNumber, fold, mentions, mentionsNumber } from './text.ts';
import type { DraftCard, DraftItem } from './types.ts';

type Entry = DraftItem | DraftCard;

/** What a draft asks for: the answers a student must produce or pick. */
export function keysOf(entry: Entry): string[] {
	if (!('type' in entry)) return entry.reverse ? [entry.back, entry.front] : [entry.back];
	switch (entry.type) {
		case 'single':
			return [entry.answer];
		case 'multi':
			return entry.answers;
		case 'short':
			return [entry.answer];
		case 'numeric':
			return [String(entry.answer)];
		case 'cloze':
			return parseCloze(entry.text).parts.flatMap((p) =>
				p.kind === 'blank' ? (p.answers[0] ?? []) : []
			);
		default:
			return [];
	}
}

/** What a student sees before answering: the stem, the options, a card's front. */
export function shownOf(entry: Entry): string {
	if (!('type' in entry)) return entry.front;
	switch (entry.type) {
		case 'single':
		case 'multi':
			return [entry.prompt, ...entry.choices].join('\n');
		case 'cloze':
			return [entry.prompt, entry.text.replace(/\{\{[^{}]*\}\}/g, '____')].join('\n');
		case 'order':
			return [entry.prompt, ...entry.items].join('\n');
		case 'match':
			return [entry.prompt, ...entry.pairs.flatMap((p) => [p.left, p.right])].join('\n');
		default:
			return entry.prompt;
	}
}

const STOP = new Set(
	'the a an and or but of to in on at for by with from as is are was were be been it its this that these those their his her they he she we you our not no so than then there which who whom what when where why how also can could would will shall may might must have has had do does did into over under about after before more most some any each all one text article author speaker according following sentence best term means mean define defines fill gap blank true false statement'.split(
		' '
	)
);

function contentWords(text: string): Set<string> {
	return new Set(
		fold(text)
			.split(/[^\p{L}\d]+/u)
			.filter((w) => w.length > 2 && !STOP.has(w))
			.map((w) => w.replace(/(?:ing|ed|es|s)$/, ''))
	);
}

/** What a draft asks, without its answer: the words its key would be recognised by. */
function cueOf(entry: Entry): string {
	if (!('type' in entry)) return entry.reverse ? `${entry.front} ${entry.back}` : entry.front;
	if (entry.type === 'cloze') return entry.text.replace(/\{\{[^{}]*\}\}/g, ' ');
	return entry.prompt;
}

/**
 * Whether `shown` gives away `key` of a draft that asks `cue`: some line of it holds the key (its
 * words, or its number) together with at least two words of what the draft asks — "The NLB was
 * founded in 1786" gives away "In what year was the NLB founded?", a bare "1786" elsewhere does not.
 */
function reveals(shown: string, key: string, cue: string): boolean {
	const k = key.trim();
	if (k.length < 2) return false;
	const n = asNumber(k);
	const asked = contentWords(cue);
	for (const w of contentWords(k)) asked.delete(w);
	for (const line of shown.split(/\n|(?<=[.!?])\s+/)) {
		if (!(n !== null ? mentionsNumber(line, n) : mentions(line, k))) continue;
		let shared = 0;
		for (const w of contentWords(line)) if (asked.has(w)) shared++;
		if (shared >= Math.min(2, asked.size)) return true;
	}
	return false;
}

/** Whether draft `a` shows one of draft `b`'s keys in `b`'s context. */
export function leaks(a: Entry, b: Entry): boolean {
	if (a.id === b.id) return false;
	const shown = shownOf(a);
	const cue = cueOf(b);
	return keysOf(b).some((k) => reveals(shown, k, cue));
}

/** Every ordered pair (a shows b's key) in a set of drafts. */
export function siblingLeaks(
	entries: readonly Entry[]
): { shows: string; key: string; of: string }[] {
	const out: { shows: string; key: string; of: string }[] = [];
	for (const a of entries)
		for (const b of entries) {
			if (a.id === b.id) continue;
			const shown = shownOf(a);
			const cue = cueOf(b);
			for (const k of keysOf(b))
				if (reveals(shown, k, cue)) out.push({ shows: a.id, key: k, of: b.id });
		}
	return out;
}

/** Two drafts that ask for the same answer: the second tests the same fact again. */
export function sameKey(a: Entry, b: Entry): boolean {
	// Category labels ("A fact that can be checked") are answers many items share by design.
	if (a.tags.includes('fact-or-claim') && b.tags.includes('fact-or-claim')) return false;
	const ka = keysOf(a).map(fold);
	return keysOf(b).some((k) => ka.includes(fold(k)));
}
