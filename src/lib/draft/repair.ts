/**
 * The set as a whole, checked before a teacher sees it: the item-quality checker's set rules (an
 * explanation or a card's front that prints another item's key about its question is an error)
 * run over the chosen drafts. An explanation is repaired where it can be: a quote that prints the
 * other key is cut to the part before (or after) it, or left to the highlighted source; a
 * sentence or bracket of the explanation's own words that states it goes. Anything else, the
 * weaker of the two drafts goes.
 */
import { lintSet, type LintContext } from '../bank/lint/index.ts';
import { containsWhole } from '../bank/validate.ts';
import type { Candidate } from './context.ts';

/** Fewest words a cut quote keeps to still say something. */
const MIN_QUOTE_WORDS = 4;

const wordCount = (s: string) => s.split(/\s+/).filter((w) => /[\p{L}\d]/u.test(w)).length;

/** Words that cannot end a cut quote ("… peace in the"). */
const DANGLING =
	/\s+(?:the|a|an|of|in|on|at|to|for|by|with|from|and|or|but|that|which|who|its|their|his|her|as|than)$/i;

/** A quote without the clause that holds `key`: the clauses before it, else those after it. */
function cutQuote(quote: string, key: string): string | null {
	const parts = quote.split(/(?<=[,;:—–])\s+/);
	const at = parts.findIndex((p) => containsWhole(p, key));
	if (at < 0) return null;
	let before = parts
		.slice(0, at)
		.join(' ')
		.replace(/[,;:—–\s]+$/, '');
	while (DANGLING.test(before)) before = before.replace(DANGLING, '');
	if (wordCount(before) >= MIN_QUOTE_WORDS && !containsWhole(before, key)) return `${before} …`;
	const after = parts
		.slice(at + 1)
		.join(' ')
		.replace(/^[,;:—–\s]+/, '');
	if (wordCount(after) >= MIN_QUOTE_WORDS && !containsWhole(after, key)) return `… ${after}`;
	return null;
}

/**
 * An explanation that no longer prints `key`, or null when none can be made: a quote holding it
 * is cut to the clauses that do not (or pointed to the highlighted source), a bracket holding it
 * goes, and then a sentence of the explanation's own words holding it goes if another remains.
 */
export function trimExplanation(explanation: string, key: string): string | null {
	if (!containsWhole(explanation, key)) return null;
	let out = explanation.replace(/“([^”]*)”/g, (whole, quote: string) => {
		if (!containsWhole(quote, key)) return whole;
		const cut = cutQuote(quote, key);
		return cut ? `“${cut}”` : 'the highlighted sentence';
	});
	out = out.replace(/\s*\(([^()]*)\)/g, (whole, inner: string) =>
		containsWhole(inner, key) ? '' : whole
	);
	if (containsWhole(out, key)) {
		// Sentences outside quotes: split only where no quote is open.
		const sentences: string[] = [];
		let open = false;
		let from = 0;
		for (let i = 0; i < out.length; i++) {
			const ch = out[i];
			if (ch === '“') open = true;
			else if (ch === '”') open = false;
			else if (
				!open &&
				/[.;!?]/.test(ch ?? '') &&
				/\s/.test(out[i + 1] ?? '') &&
				// "Roswell B. Mason": an initial ends no sentence.
				!(ch === '.' && /(?:^|[\s(])\p{Lu}$/u.test(out.slice(0, i)))
			) {
				sentences.push(out.slice(from, i + 1).trim());
				from = i + 1;
			}
		}
		if (from < out.length) sentences.push(out.slice(from).trim());
		const kept = sentences.filter((s) => s !== '' && !containsWhole(s, key));
		if (kept.length === 0 || wordCount(kept.join(' ')) < 5) return null;
		out = kept.join(' ').replace(/;$/, '.');
		out = out.charAt(0).toUpperCase() + out.slice(1);
	}
	out = out
		.replace(/\s+([,;.])/g, '$1')
		.replace(/\s{2,}/g, ' ')
		.trim();
	return out === explanation || containsWhole(out, key) ? null : out;
}

/** The other item and the key a set finding says an entry prints. */
function printed(message: string): { of: string | null; key: string | null } {
	const of = /the (?:answer to the )?quiz item “([^”]+)”/.exec(message)?.[1] ?? null;
	const key =
		/states (?:in other words )?“([^”]+)”/.exec(message)?.[1] ??
		/states ([\d.,]+) in words/.exec(message)?.[1] ??
		null;
	return { of, key };
}

/** Most checks of one set: each repairs an explanation or drops a draft, so this is never reached in practice. */
const MAX_PASSES = 60;

/**
 * Repairs or drops chosen drafts until the item-quality checker finds no error in the set. Returns
 * the set as it stands and the ids of the drafts it dropped.
 */
export function settleSet(
	chosen: readonly Candidate[],
	context: LintContext
): { set: Candidate[]; dropped: string[] } {
	const set = [...chosen];
	const dropped: string[] = [];
	for (let pass = 0; pass < MAX_PASSES; pass++) {
		const { findings } = lintSet(
			set.map((c) => c.entry),
			context
		);
		const errors = findings.flatMap((f) =>
			f.severity === 'error' && f.index !== null ? [{ ...f, index: f.index }] : []
		);
		if (errors.length === 0) break;
		let repaired = false;
		for (const f of errors) {
			const c = set[f.index];
			if (!c || f.field !== 'explanation' || !c.entry.explanation) continue;
			const { key } = printed(f.message);
			const fixed = key ? trimExplanation(c.entry.explanation, key) : null;
			if (!fixed) continue;
			set[f.index] = { ...c, entry: { ...c.entry, explanation: fixed } };
			repaired = true;
			break;
		}
		if (repaired) continue;
		const f = errors[0];
		const c = f ? set[f.index] : undefined;
		if (!f || !c) break;
		const { of } = printed(f.message);
		const other = of ? set.find((x) => x.entry.id === of) : undefined;
		const weaker = other && other.score < c.score ? other : c;
		set.splice(set.indexOf(weaker), 1);
		dropped.push(weaker.entry.id);
	}
	return { set, dropped };
}
