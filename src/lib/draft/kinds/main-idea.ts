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
			(i === 0 ? 0.5 : 0) +
			// A short general opening ("Several conditions helped the fire spread.") announces the rest.
			(i === 0 && words <= 12 && GENERAL.test(s.plain) ? 0.3 : 0) -
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
	// A paragraph that turns ("I am not going to tell you that you must stay. What I am going to
	// tell you is this: …") makes its point after the turn: the opening only sets it up.
	const turn = usable.findIndex((s, i) => i > 0 && TURN.test(s.plain));
	if (turn > 0) {
		const s = usable[turn] as Located;
		return s.plain.split(/\s+/).length <= 30 ? { s, score: found.score } : null;
	}
	return found;
}

/** A sentence that turns a paragraph from its set-up to its point. */
export const TURN =
	/^(?:but|yet|instead|rather|however|still|on the contrary|the (?:real|true|only) (?:question|point|issue|problem|answer)|the truth is|in truth|in fact|what (?:i|we) (?:am|are|want|wish|mean|need)\b[^.,:;]{0,30}\b(?:tell|say|ask|propose|argue)|what (?:matters|counts|is needed))\b/i;

/** A sentence that leans on the one before it cannot state a paragraph's point on its own. */
const ANAPHOR =
	/^(?:(?:in|at|by|for|from|with|after|before|during)\s+[^,]{0,40},\s+)?(?:this|these|that|those|such|it|its|they|them|their|he|she|his|her|there|here)\b|\b(?:their|they|them|these|those)\b/i;

/** A sentence that opens on a word pointing back: "It", "This", "They". */
const LEANS = /^(?:this|these|that|those|such|it|its|they|them|their|he|she|his|her|there)\b/i;

/** A point general enough that details back it: "Several conditions helped the fire spread." */
const GENERAL =
	/\b(?:several|many|various|number of|ways|reasons|conditions|factors|causes|effects|helped|important|main|changes)\b/i;

/** A sentence that sets out someone else's view, which the paragraph goes on to answer. */
const REPORTED_VIEW =
	/^(?:(?:some|many|most|critics|supporters|opponents|others|people)\b[^.]{0,60}?\b(?:say|says|argue|argues|claim|claims|believe|believes|insist|will (?:say|argue|claim|object))\b)/i;

/** A date, a year or a number: a sentence that has one reports a detail, not a point. */
const dated = (s: Located) =>
	s.entities.some((e) => e.kind === 'date' || e.kind === 'year' || e.kind === 'number');

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth'];

/**
 * How the stem names a paragraph so that any reader finds it: its number as a reader counts
 * (headings are not paragraphs), and under a subheading which one it is there.
 */
export function whereIs(ctx: Context, s: Located): string {
	const section = ctx.sections?.get(s.paragraph);
	const ordinal = section ? ORDINALS[section.ordinal - 1] : undefined;
	if (!section || !ordinal) return `paragraph ${s.n}`;
	return `paragraph ${s.n} (the ${ordinal} paragraph under the heading “${section.heading}”)`;
}

/**
 * Main-idea items: "Which sentence states the main point of paragraph 4 (…)?" with the
 * paragraph's own narrower sentences as the other options, for at most two paragraphs that state
 * their point first; and, where a point is general ("Several conditions helped the fire spread"),
 * "Which detail from the text supports this point: “…”?". No two items share an option.
 */
export function mainIdeaDrafts(ctx: Context): Candidate[] {
	const byParagraph = new Map<string, Located[]>();
	for (const s of ctx.sentences)
		if (s.kind === 'body')
			byParagraph.set(s.paragraph, [...(byParagraph.get(s.paragraph) ?? []), s]);
	const central = [...byParagraph.values()]
		.map((list) => centralSentence(list))
		.filter(
			(c): c is { s: Located; score: number } =>
				c !== null &&
				c.s.plain.split(/\s+/).length <= 30 &&
				!ANAPHOR.test(c.s.plain) &&
				!REPORTED_VIEW.test(c.s.plain) &&
				!dated(c.s)
		);
	const out: Candidate[] = [];
	const shown = new Set<string>();
	const ranked = [...central].sort((a, b) => b.score - a.score);
	let made = 0;
	// Two paragraphs, three in a long text: more and the set turns into a reading of topic sentences.
	const words = ctx.usable.reduce((n, x) => n + x.plain.split(/\s+/).length, 0);
	const most = words > 800 ? 3 : 2;
	for (const c of ranked) {
		if (made >= most) break;
		const len = c.s.plain.length;
		const others = ctx.usable
			.filter(
				(x) =>
					x.paragraph === c.s.paragraph &&
					x !== c.s &&
					x.plain.split(/\s+/).length <= 35 &&
					x.plain.length >= len * 0.5 &&
					x.plain.length <= len * 2.5 &&
					!shown.has(x.plain)
			)
			.map((x) => x.plain)
			.slice(0, 3);
		if (others.length < 2) continue;
		made++;
		for (const o of [c.s.plain, ...others]) shown.add(o);
		const who = c.s.voice === 'fact' ? '' : ` in the ${owner(ctx.genre)}’s view`;
		out.push({
			kind: 'main-idea',
			score: 0.6 + Math.min(0.3, c.score / 5),
			sentences: [c.s.order],
			entry: {
				...base(ctx, c.s, 'main-idea', 'single', 'understanding', ['main-ideas']),
				type: 'single',
				prompt: `Which sentence states the main point of ${whereIs(ctx, c.s)}${who}?`,
				choices: choicesWith(ctx, c.s.plain, others),
				answer: c.s.plain,
				explanation: `${c.s.voice === 'fact' ? `Paragraph ${c.s.n} is about this point` : `In the ${owner(ctx.genre)}’s view, paragraph ${c.s.n} comes down to this point`}: “${c.s.text}” The other options are details of the same paragraph that back or explain it.`
			}
		});
	}
	const whole = wholeText(ctx, shown);
	if (whole) out.push(whole);
	// "Which detail supports this point: …?": a detail of the paragraph against details of others.
	const details = (c: { s: Located }) =>
		ctx.usable.filter(
			(x) =>
				x.paragraph === c.s.paragraph &&
				x !== c.s &&
				x.plain.split(/\s+/).length <= 28 &&
				x.voice === 'fact' &&
				!ANAPHOR.test(x.plain)
		);
	for (const c of ranked) {
		if (!GENERAL.test(c.s.plain) && c.s.voice === 'fact') continue;
		const mine = details(c).filter((x) => !shown.has(x.plain));
		const key = mine.find((x) => x.entities.length > 0);
		if (!key) continue;
		const others = central
			.filter((o) => o.s.paragraph !== c.s.paragraph)
			.flatMap((o) =>
				details(o)
					.filter((x) => !shown.has(x.plain))
					.slice(0, 1)
					.map((x) => x.plain)
			)
			.filter((o) => o.length >= key.plain.length * 0.5 && o.length <= key.plain.length * 2)
			.slice(0, 3);
		if (others.length < 2) continue;
		for (const o of [key.plain, ...others]) shown.add(o);
		const point = c.s.plain.replace(
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
				prompt: `Which detail from the text supports this point: “${point.charAt(0).toUpperCase()}${point.slice(1)}”?`,
				choices: choicesWith(ctx, key.plain, others),
				answer: key.plain,
				explanation: `Paragraph ${c.s.n} makes the point “${c.s.text}” and backs it with “${key.text}” The other options come from other paragraphs.`
			}
		});
		break;
	}
	return out;
}

/**
 * "Which sentence best sums up the whole text?" for a report or an account (news, encyclopedia,
 * textbook), keyed by its opening sentence (a news lead, an encyclopedia's first line) when that
 * sentence shares words with most paragraphs; the options are the opening sentences of later
 * paragraphs, each about one part only.
 */
function wholeText(ctx: Context, shown: Set<string>): Candidate | null {
	if (ctx.genre === 'speech' || ctx.genre === 'opinion') return null;
	const body = ctx.usable.filter((s) => s.kind === 'body');
	const lead = body[0];
	if (!lead || lead.index !== 0 || LEANS.test(lead.plain) || shown.has(lead.plain)) return null;
	const n = lead.plain.split(/\s+/).length;
	if (n < 8 || n > 40) return null;
	const mine = contentWords(lead.plain);
	const paragraphs = [...new Set(body.map((s) => s.paragraph))];
	if (paragraphs.length < 4) return null;
	// The lead names what the text is about: its words come back in most later paragraphs.
	const echoed = paragraphs.slice(1).filter((p) => {
		const words = contentWords(
			body
				.filter((s) => s.paragraph === p)
				.map((s) => s.plain)
				.join(' ')
		);
		return [...mine].some((w) => words.has(w));
	}).length;
	if (echoed < 0.6 * (paragraphs.length - 1)) return null;
	const others = body
		.filter(
			(s) =>
				s.index === 0 &&
				s.paragraph !== lead.paragraph &&
				!LEANS.test(s.plain) &&
				!shown.has(s.plain) &&
				s.plain.length >= lead.plain.length * 0.5 &&
				s.plain.length <= lead.plain.length * 1.6
		)
		.map((s) => s.plain);
	const picked = [others[0], others[Math.floor(others.length / 2)], others[others.length - 1]]
		.filter((o): o is string => o !== undefined)
		.filter((o, i, list) => list.indexOf(o) === i);
	if (picked.length < 2) return null;
	for (const o of [lead.plain, ...picked]) shown.add(o);
	return {
		kind: 'main-idea',
		score: 0.8,
		sentences: [lead.order],
		entry: {
			...base(ctx, lead, 'main-idea', 'single', 'understanding', ['main-ideas']),
			type: 'single',
			prompt: 'Which sentence from the text best sums up the whole text?',
			choices: choicesWith(ctx, lead.plain, picked),
			answer: lead.plain,
			explanation: `The opening sentence states what the whole text is about: “${lead.text}” The other options each open one later paragraph and tell only part of it.`
		}
	};
}
