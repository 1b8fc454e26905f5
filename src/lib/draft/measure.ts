import type { Bank } from '../bank/schema.ts';
import type { DraftProblems } from './check.ts';
import { analyse } from './nlp.ts';
import type { DraftArticleT, Drafts } from './types.ts';

/** Straight quotes and single spaces, case kept: how the bank compares a quote with its paragraph. */
function foldQuotes(s: string): string {
	return s.replace(/[“”„]/g, '"').replace(/[‘’]/g, "'").replace(/\s+/g, ' ');
}

/** The sentences of one paragraph text, split once and shared. */
class Sentences {
	private cache = new Map<string, { start: number; end: number }[]>();

	of(text: string): { start: number; end: number }[] {
		let found = this.cache.get(text);
		if (!found) {
			found = analyse(foldQuotes(text)).map((s) => ({ start: s.start, end: s.end }));
			this.cache.set(text, found);
		}
		return found;
	}

	/** Keys of the sentences of `text` that the quote overlaps; empty when it is not there. */
	keys(text: string, quote: string): string[] {
		const hay = foldQuotes(text);
		const at = hay.indexOf(foldQuotes(quote).trim());
		if (at < 0) return [];
		const end = at + foldQuotes(quote).trim().length;
		return this.of(text)
			.map((s, i) => ({ ...s, i }))
			.filter((s) => s.start < end && at < s.end)
			.map((s) => `${hay}#${s.i}`);
	}
}

/** How many of the reference bank's quotes have a draft on the same sentence, and which do not. */
export interface Coverage {
	covered: number;
	total: number;
	missed: { paragraph: string; source: string }[];
}

/**
 * The share of the reference bank's quotes (distinct paragraph + source) for which the drafter made
 * at least one item or card quoting the same sentence. Sentences are compared by paragraph text,
 * so the drafted article's paragraph ids need not match the bank's.
 */
export function coverage(reference: Bank, article: DraftArticleT, drafts: Drafts): Coverage {
	const sentences = new Sentences();
	const textOf = new Map(article.paragraphs.map((p) => [p.id, p.text]));
	const drafted = new Set<string>();
	for (const d of [...drafts.items, ...drafts.flashcards]) {
		const text = textOf.get(d.paragraph);
		if (text !== undefined) for (const key of sentences.keys(text, d.source)) drafted.add(key);
	}
	const bankText = new Map(reference.paragraphs.map((p) => [p.id, p.text]));
	const quotes = new Map<string, { paragraph: string; source: string }>();
	for (const q of [...reference.items, ...reference.flashcards]) {
		quotes.set(`${q.paragraph}\u0000${q.source}`, { paragraph: q.paragraph, source: q.source });
	}
	const missed: Coverage['missed'] = [];
	let covered = 0;
	for (const q of quotes.values()) {
		const keys = sentences.keys(bankText.get(q.paragraph) ?? '', q.source);
		if (keys.some((k) => drafted.has(k))) covered++;
		else missed.push(q);
	}
	return { covered, total: quotes.size, missed };
}

/** How many drafts pass the bank's validation unchanged. */
export function validShare(
	drafts: Drafts,
	problems: DraftProblems
): { valid: number; total: number } {
	const all = [...drafts.items, ...drafts.flashcards];
	return { valid: all.filter((d) => !problems[d.id]).length, total: all.length };
}
