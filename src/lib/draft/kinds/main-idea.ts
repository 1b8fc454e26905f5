/**
 * Main idea: "Which sentence best sums up paragraph 4?", keyed by the paragraph's own central
 * sentence (the one sharing most words with the rest of it, the first sentence favoured); the
 * options are the central sentences of other paragraphs, each right for its own paragraph only.
 */
import { base, choicesWith, type Candidate, type Context } from '../context.ts';
import { owner } from '../genre.ts';
import type { Located } from '../sentences.ts';
import { fold } from '../text.ts';

const STOP = new Set(
	'the a an and or but of to in on at for by with from as is are was were be been it its this that these those their his her they he she we you i our not no so than then there which who what when where how also can could would will shall may might must have has had do does did into over under about after before more most some any each all one two three'.split(
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

/** The sentence of a paragraph that best states its point, and how clearly it does. */
export function centralSentence(
	paragraph: readonly Located[]
): { s: Located; score: number } | null {
	const usable = paragraph.filter((s) => !s.skip);
	if (usable.length < 3) return null;
	const bags = usable.map((s) => contentWords(s.plain));
	let best: { s: Located; score: number } | null = null;
	usable.forEach((s, i) => {
		const mine = bags[i] as Set<string>;
		let shared = 0;
		bags.forEach((other, j) => {
			if (j !== i) for (const w of mine) if (other.has(w)) shared++;
		});
		const words = s.plain.split(/\s+/).length;
		// A topic sentence opens the paragraph, is general (few numbers and names) and not too long.
		const score =
			shared / Math.max(4, mine.size) +
			(i === 0 ? 0.5 : 0) -
			(s.entities.filter((e) => e.kind === 'number' || e.kind === 'date' || e.kind === 'year')
				.length > 0
				? 0.2
				: 0) -
			(words > 30 ? 0.3 : 0) -
			(/^(?:but|and|so|yet|also|however|then|for example|for instance)\b/i.test(s.text) ? 0.5 : 0);
		if (!best || score > best.score) best = { s, score };
	});
	// A paragraph states its point first or not at all: narrative paragraphs have no main-idea item.
	const found = best as { s: Located; score: number } | null;
	if (!found || found.s !== usable[0] || found.score < 0.55) return null;
	return found;
}

/** Main-idea items for the paragraphs with enough sentences, clearest first, at most three. */
export function mainIdeaDrafts(ctx: Context): Candidate[] {
	const byParagraph = new Map<string, Located[]>();
	for (const s of ctx.sentences)
		if (s.kind === 'body')
			byParagraph.set(s.paragraph, [...(byParagraph.get(s.paragraph) ?? []), s]);
	const central = [...byParagraph.values()]
		.map((list) => centralSentence(list))
		.filter(
			(c): c is { s: Located; score: number } => c !== null && c.s.plain.split(/\s+/).length <= 30
		);
	if (central.length < 3) return [];
	const out: Candidate[] = [];
	const ranked = [...central].sort((a, b) => b.score - a.score).slice(0, 3);
	for (const c of ranked) {
		const others = central
			.filter((o) => o.s.paragraph !== c.s.paragraph)
			.map((o) => o.s.plain)
			.filter((o) => o.length >= c.s.plain.length * 0.5 && o.length <= c.s.plain.length * 2);
		if (others.length < 2) continue;
		const who = c.s.voice === 'fact' ? '' : ` (the ${owner(ctx.genre)}’s view)`;
		out.push({
			kind: 'main-idea',
			score: 0.6 + Math.min(0.3, c.score / 5),
			sentences: [c.s.order],
			entry: {
				...base(ctx, c.s, 'main-idea', 'single', 'understanding', ['main-ideas']),
				type: 'single',
				prompt: `Which sentence best sums up paragraph ${c.s.n}${who}?`,
				choices: choicesWith(ctx, c.s.plain, others.slice(0, 3)),
				answer: c.s.plain,
				explanation: `${c.s.voice === 'fact' ? `Paragraph ${c.s.n} is about this point` : `In the ${owner(ctx.genre)}’s view, paragraph ${c.s.n} comes down to this point`}; its other sentences give details of it: “${c.s.text}” The other options sum up other paragraphs.`
			}
		});
	}
	// "Which detail supports the point that …?": a detail of the paragraph against details of others.
	const details = (c: { s: Located }) =>
		ctx.usable.filter(
			(x) =>
				x.paragraph === c.s.paragraph &&
				x !== c.s &&
				x.plain.split(/\s+/).length <= 28 &&
				x.voice === 'fact'
		);
	for (const c of ranked) {
		const mine = details(c);
		const key = mine.find((x) => x.entities.length > 0) ?? mine[0];
		if (!key) continue;
		const others = central
			.filter((o) => o.s.paragraph !== c.s.paragraph)
			.flatMap((o) =>
				details(o)
					.slice(0, 1)
					.map((x) => x.plain)
			)
			.filter((o) => o.length >= key.plain.length * 0.5 && o.length <= key.plain.length * 2)
			.slice(0, 3);
		if (others.length < 2) continue;
		const point = c.s.plain
			.replace(/[.!]$/, '')
			.replace(
				/^(?:first(?:ly)?|second(?:ly)?|third(?:ly)?|finally|however|moreover|in addition|also),?\s+/i,
				''
			);
		out.push({
			kind: 'main-idea',
			score: 0.7,
			sentences: [key.order],
			entry: {
				...base(ctx, key, 'main-idea', 'single', 'understanding', ['supporting-details']),
				sources: [{ paragraph: c.s.paragraph, quote: c.s.text }],
				type: 'single',
				prompt: `Which detail from the text supports the point that “${point.charAt(0).toLowerCase()}${point.slice(1)}”?`,
				choices: choicesWith(ctx, key.plain, others),
				answer: key.plain,
				explanation: `Paragraph ${c.s.n} makes the point “${c.s.text}” and backs it with “${key.text}” The other options come from other paragraphs.`
			}
		});
	}
	return out;
}
