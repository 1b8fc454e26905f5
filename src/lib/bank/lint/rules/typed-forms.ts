import { abbreviationForms, foldSpelling } from '../../answer-forms.ts';
import { parseCloze } from '../../cloze.ts';
import { findQuote, foldText } from '../../highlight.ts';
import type { AnyItem } from '../../set.ts';
import { MOODLE_SHORT_ANSWER, standard } from '../references.ts';
import { contentWords, sameRoot, STOPWORDS, words } from '../text.ts';
import type { Hit, ItemRule, LintContext } from '../types.ts';

/** A typed answer's comparison form without the engine: words folded, articles dropped. */
function folded(text: string): string {
	return words(text)
		.filter((w) => w !== 'the' && w !== 'a' && w !== 'an')
		.map(foldSpelling)
		.join(' ');
}

/** Whether the item takes `typed`: the engine's matcher when given, else folded text. */
function takes(
	item: AnyItem,
	accepted: readonly string[],
	typed: string,
	context: LintContext
): boolean {
	if (context.accepts) return context.accepts(item, typed);
	const forms = new Set(accepted.flatMap(abbreviationForms).map(folded));
	return abbreviationForms(typed).some((f) => forms.has(folded(f)));
}

/** An item with one blank holding `typed` in place of blank `n`, so the matcher can judge it. */
function withBlank(item: AnyItem, n: number, answers: readonly string[]): AnyItem {
	if (item.type !== 'cloze')
		return { ...item, answer: answers[0] ?? '', accept: answers.slice(1) } as AnyItem;
	const blank = parseCloze(item.text).parts.filter((p) => p.kind === 'blank')[n];
	const text = `{{${(blank?.kind === 'blank' ? blank.answers : answers).join('|')}}}`;
	return { ...item, text };
}

/** "X (ABB)" as the article prints it: the long form and the abbreviation. */
const DEFINED =
	/((?:[\p{Lu}][\p{L}’'-]*|of|the|and|for)(?:\s+(?:[\p{Lu}][\p{L}’'-]*|of|the|and|for))*)\s*\((\p{Lu}[\p{L}]{1,9})\)/gu;

function definitions(text: string): { long: string; abbr: string; printed: string }[] {
	return [...text.matchAll(DEFINED)].map((m) => ({
		long: (m[1] ?? '').replace(/^(?:of|the|and|for)\s+/i, ''),
		abbr: m[2] ?? '',
		printed: (m[0] ?? '').replace(/^(?:of|the|and|for)\s+/i, '')
	}));
}

/** The word that follows `answer` where the article has it, if the answer is not at a sentence end. */
function nextWordInArticle(answer: string, source: string): string | null {
	const at = findQuote(source, answer);
	if (!at) return null;
	const rest = source.slice(at.end);
	const m = /^\s+([\p{L}-]+)/u.exec(rest);
	return m?.[1] ?? null;
}

export const typedForms: ItemRule = {
	id: 'typed-forms',
	scope: 'entry',
	title: 'Typed answer refuses what a knowing student types',
	severity: 'warning',
	rationale:
		'A typed answer is marked by a list; a student who writes the article’s own words, its abbreviation or a fuller phrase must not be marked wrong.',
	reference: `${standard('Typed answers')}; ${MOODLE_SHORT_ANSWER}`,
	check(entry, context) {
		if (!('type' in entry) || (entry.type !== 'short' && entry.type !== 'cloze')) return [];
		const item = entry;
		const blanks: { field: string; answers: string[]; after: string; label: string }[] = [];
		if (item.type === 'short') {
			blanks.push({
				field: 'answer',
				answers: [item.answer, ...item.accept],
				after: '',
				label: 'the answer'
			});
		} else {
			const parts = parseCloze(item.text).parts;
			let n = 0;
			parts.forEach((p, i) => {
				if (p.kind !== 'blank') return;
				const next = parts[i + 1];
				const after = next?.kind === 'text' ? next.text : '';
				blanks.push({
					field: 'text',
					answers: p.answers.filter((a) => a.trim() !== ''),
					after,
					label: `blank ${++n}`
				});
			});
		}
		const article = (context.paragraphs ?? []).map((p) => p.text).join('\n');
		const articleWords = [...new Set(words(article).map(foldSpelling))];
		const inArticle = (w: string) => {
			const f = foldSpelling(w);
			return articleWords.some((a) => a === f || sameRoot(a, f));
		};
		const hits: Hit[] = [];
		blanks.forEach((b, n) => {
			const judge = withBlank(item, n, b.answers);
			const ok = (typed: string) => takes(judge, b.answers, typed, context);
			const key = b.answers[0] ?? '';
			// 1. The article's own printed form of a name it abbreviates.
			for (const d of definitions(article)) {
				const bare = b.answers.some((a) => {
					const f = folded(a);
					return f === folded(d.long) || f === folded(d.abbr);
				});
				// A longer answer ending in the name ("secretary-general at …, China Foreign Affairs
				// University") must take the name as printed in the same place, not on its own.
				const longer = b.answers.find((a) => {
					const f = folded(a);
					return f !== folded(d.long) && f.endsWith(folded(d.long));
				});
				if (!bare && longer === undefined) continue;
				const head =
					bare || longer === undefined
						? ''
						: longer.slice(0, longer.toLowerCase().lastIndexOf(d.long.toLowerCase()));
				const headed = head !== '' && !head.endsWith(' ') ? '' : head;
				for (const form of [d.printed, d.long, d.abbr].map((f) => headed + f)) {
					if (ok(form)) continue;
					hits.push({
						field: b.field,
						message: `${b.label} refuses “${form}”, which the article prints (“${d.printed}”)`,
						hint: `write the answer as the article prints it, “${d.printed}”: the abbreviation and the long form are then both accepted`,
						severity: form === headed + d.abbr ? 'warning' : 'error'
					});
					break;
				}
			}
			// 2. An accepted form the article never uses (when the set has an article).
			if (article !== '' && item.paragraph !== undefined) {
				for (const a of b.answers) {
					const own = words(a).filter((w) => !STOPWORDS.has(w) && !/^\d/.test(w));
					if (own.length > 0 && own.every((w) => !inArticle(w)))
						hits.push({
							field: b.field,
							message: `${b.label} accepts “${a}”, a word the article never uses`,
							hint: 'accept the article’s own words; a synonym from elsewhere tests outside knowledge'
						});
				}
			}
			// 3. The answer followed in the article by a word the sentence around the blank lacks.
			// Every quote the item rests on: its source and its further sources.
			const quotes = [item.source ?? '', ...(item.sources ?? []).map((q) => q.quote)];
			const next =
				quotes.map((q) => (q ? nextWordInArticle(key, q) : null)).find((w) => w !== null) ?? null;
			if (
				next &&
				!STOPWORDS.has(next.toLowerCase()) &&
				// A noun the answer names with ("region", "effects"), not a verb or adverb going on.
				!/(?:ing|ed|ly)$/i.test(next) &&
				!foldText(b.after).toLowerCase().trimStart().startsWith(next.toLowerCase())
			) {
				const fuller = `${key} ${next}`;
				if (!ok(fuller))
					hits.push({
						field: b.field,
						message: `${b.label} refuses “${fuller}”, the article’s own words`,
						hint: `accept “${fuller}” too`
					});
			}
			// 4. A pair joined by "and" the other way round.
			const pair = /^(.+?)\s+(?:and|&)\s+(.+)$/i.exec(key);
			if (pair && !item.anyOrder) {
				const [, left = '', right = ''] = pair;
				// "short and medium-range" → "medium and short-range": the head stays at the end.
				const head = /^(\S+?)([- ]\S+)$/.exec(right);
				const swapped =
					head && !/\s/.test(left.replace(/-$/, ''))
						? `${head[1]} and ${left.replace(/-$/, '')}${head[2]}`
						: `${right} and ${left}`;
				if (!ok(swapped))
					hits.push({
						field: b.field,
						message: `${b.label} refuses the pair the other way round (“${swapped}”)`,
						hint: 'set anyOrder: true if the order is not the point, or accept the other order'
					});
			}
			// 5. A phrase with no variant at all.
			if (b.answers.length === 1 && contentWords(key).length >= 2)
				hits.push({
					field: b.field,
					message: `${b.label} is a ${contentWords(key).length}-word phrase with no variant`,
					hint: 'accept the shorter and fuller forms a student who knows it would type'
				});
		});
		return hits;
	}
};
