/**
 * True or false, only where it teaches: statements rebuilt from what the text relates (a cause
 * with its effect, two dated events in order) or restated (a fronted time moved, asides dropped),
 * true and false in turn; a false one swaps in a cause, a person, a place or a year of the same
 * kind from the article, never a newspaper for a group of people or a name after a title.
 */
import {
	attribution,
	base,
	distractors,
	explainLead,
	isTopic,
	type Candidate,
	type Context
} from '../context.ts';
import { fixArticles } from '../grammar.ts';
import { plainText, type Located } from '../sentences.ts';
import { fold, mentions, occurrences, replaceSpans } from '../text.ts';
import { findRelations } from './cause.ts';
import { findEvents } from './sequence.ts';

interface Statement {
	s: Located;
	text: string;
	answer: boolean;
	why: string;
	score: number;
	sentences: number[];
	sources?: { paragraph: string; quote: string }[];
}

const lower = (s: string) =>
	/^\p{Lu}\p{Ll}/u.test(s) && !/^(?:I|I'm)\b/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
const upper = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const end = (s: string) => s.replace(/[\s,;:.!?]+$/, '') + '.';

/** The sentence restated: a fronted time or place moved to the end, asides and linking words gone. */
export function restate(text: string): string {
	let t = plainText(text).replace(
		/^(?:however|moreover|indeed|in addition|also|and|but|so|yet|then|therefore|thus|first(?:ly)?|second(?:ly)?|third(?:ly)?|finally|in particular),?\s+/i,
		''
	);
	// Only a short fronted time or place moves ("In 1786, …", "After the fire, …"), in a sentence of one clause.
	const fronted =
		/^((?:In|On|By|During|After|Before|Since|Early on|Late on|Last night|This morning|Yesterday|Today|At about|At)(?:\s+[^\s,]+){1,4}),\s+([^,;]+?)[.!]?$/.exec(
			t
		);
	if (fronted) t = `${upper(fronted[2] ?? '')} ${lower(fronted[1] ?? '')}`;
	return end(upper(t));
}

/** A title or role word before a name: swapping the name after it makes nonsense. */
const ROLE_BEFORE =
	/\b(?:president|leader|king|queen|general|mayor|minister|chancellor|engineer|reporter|spokesman|officer|captain|commander|chief|secretary|ambassador|director|scientist|geologist|founder|wife|husband|son|daughter|\p{Lu}\p{Ll}+)\s+$/u;

const wordsOf = (t: string) =>
	new Set(
		fold(t)
			.split(/[^\p{L}\d]+/u)
			.filter((w) => w.length > 2)
	);

/**
 * Whether another sentence says of `to` what `s` says of `from`: it names `to` and shares most of
 * the sentence's other words (parallel sentences: "Last night Japanese forces attacked Hong Kong.",
 * "Last night Japanese forces attacked Guam.").
 */
export function statedElsewhere(ctx: Context, s: Located, from: string, to: string): boolean {
	const drop = wordsOf(from);
	const mine = [...wordsOf(s.plain)].filter((w) => !drop.has(w));
	if (mine.length === 0) return true;
	return ctx.sentences.some((o) => {
		if (o === s || !mentions(o.text, to)) return false;
		const theirs = wordsOf(o.plain);
		return mine.filter((w) => theirs.has(w)).length >= 0.6 * mine.length;
	});
}

/** The last word of an organisation's name: never swapped in for a place. */
const BODY =
	/\b(?:guard|board|company|society|council|department|service|agency|corps|army|navy|committee|office|ministry|party|union|association|institute|university|bank|court)$/i;

/** Whether a name opens a sentence of the text as its subject: "The United States was …". */
function actsInText(ctx: Context, name: string): boolean {
	const folded = fold(name);
	return ctx.usable.some((o) => {
		const first = o.entities[0];
		if (!first || first.start - o.start > 12) return false;
		const f = fold(first.text);
		return f === folded || mentions(f, folded) || mentions(folded, f);
	});
}

function swapped(ctx: Context, s: Located): { text: string; from: string; to: string } | null {
	for (const e of s.entities) {
		if (isTopic(ctx, e.text) || e.kind === 'number' || e.kind === 'name' || e.kind === 'org')
			continue;
		// "the people of the United States": a name after "the" only swaps into nonsense.
		if (/\bthe\s+$/i.test(s.text.slice(0, e.start - s.start)) && e.kind === 'place') continue;
		const kind = e.kind === 'date' && e.day === undefined ? 'year' : e.kind;
		const before = s.text.slice(0, e.start - s.start);
		if (kind === 'person' && ROLE_BEFORE.test(before)) continue;
		const from = kind === 'year' ? String(e.value ?? '') : e.text;
		if (!from) continue;
		const pick = distractors(ctx, { ...e, kind, text: from }, s, 1)[0];
		if (!pick) continue;
		const to = kind === 'year' ? String(pick.value) : pick.text;
		const spans = occurrences(s.text, from);
		if (spans.length !== 1) continue;
		const text = replaceSpans(s.text, spans, () => to);
		// "Last night Japanese forces attacked Guam" is no false statement when the text says it too.
		if (statedElsewhere(ctx, s, from, to)) continue;
		// A place that acts in the text ("The United States was at peace …") swapped in where a
		// place is acted on gives nonsense ("Japanese forces attacked the United States of America").
		if (kind === 'place' && actsInText(ctx, to)) continue;
		// "Heritage groups in United States Coast Guard": a body of people read as a place.
		if (kind === 'place' && BODY.test(to)) continue;
		return { text, from, to };
	}
	return null;
}

function statements(ctx: Context): Statement[] {
	const out: Statement[] = [];
	let flip = ctx.rng() < 0.5;
	const next = () => (flip = !flip);
	// Causes: "The flames grew because the first company was sent to the wrong place."
	const relations = findRelations(ctx.usable);
	relations.forEach((r, i) => {
		if (!r.effect) return;
		const other =
			relations.find(
				(x, k) => k > i && x.link === r.link && x.effect && fold(x.cause) !== fold(r.cause)
			) ??
			relations.find(
				(x) => x !== r && x.link === r.link && x.effect && fold(x.cause) !== fold(r.cause)
			);
		const truth = next();
		if (!truth && !other) return;
		// "X led to Y" said true is the sentence itself: only its false twin teaches.
		if (truth && r.link !== 'because') return;
		const cause = truth ? r.cause : (other?.cause ?? r.cause);
		const who = attribution(ctx, r.s.voice);
		const body =
			r.link === 'because'
				? `${who ? lower(r.effect) : upper(r.effect)} because ${lower(cause)}`
				: `${who ? lower(cause) : upper(cause)} ${r.link} ${lower(r.effect)}`;
		const text = fixArticles(`${who}${body}.`);
		out.push({
			s: r.s,
			text,
			answer: truth,
			score: 0.7,
			sentences: [r.s.order, ...(r.causeIn ? [r.causeIn.order] : [])],
			...(r.causeIn
				? { sources: [{ paragraph: r.causeIn.paragraph, quote: r.causeIn.text }] }
				: {}),
			why: truth
				? `The text gives this reason: “${(r.causeIn ?? r.s).text}”`
				: `That is not the reason the text gives. It says: “${(r.causeIn ?? r.s).text}”${r.causeIn ? ` “${r.s.text}”` : ''}`
		});
	});
	// Two dated events: "X happened before Y."
	const events = findEvents(ctx);
	for (let i = 0; i + 1 < events.length && out.length < 12; i += 2) {
		const a = events[i];
		const b = events[i + 1];
		if (!a || !b || (a.year === b.year && (a.month === b.month || !a.month || !b.month))) continue;
		if (/…$/.test(a.label) || /…$/.test(b.label)) continue;
		const aFirst =
			a.year < b.year ||
			(a.year === b.year && a.month < b.month) ||
			(a.month === b.month && a.day < b.day);
		const truth = next();
		const [x, y] = truth === aFirst ? [a, b] : [b, a];
		out.push({
			s: a.s,
			text: `${x.label.replace(/…$/, '')} before ${lower(y.label.replace(/…$/, ''))}.`.replace(
				/\.\.$/,
				'.'
			),
			answer: truth,
			score: 0.6,
			sentences: [a.s.order, b.s.order],
			sources: [{ paragraph: b.s.paragraph, quote: b.quote }],
			why: `The text dates the first to ${a.when} and the second to ${b.when}.`
		});
	}
	// Restated facts, true, or false with one same-kind name, place or year swapped.
	for (const s of ctx.usable) {
		if (s.voice !== 'fact' || s.plain.split(/\s+/).length > 30) continue;
		const truth = next();
		if (/[;]|,\s+(?:and|but|while|which)\b/.test(s.plain)) continue;
		if (truth) {
			const text = restate(s.text);
			if (fold(text) === fold(s.text) || fold(text) === fold(end(s.plain))) {
				flip = !flip;
				continue;
			}
			out.push({
				s,
				text,
				answer: true,
				score: 0.45,
				sentences: [s.order],
				why: `The text says: “${s.text}”`
			});
		} else {
			const swap = swapped(ctx, s);
			if (!swap) {
				flip = !flip;
				continue;
			}
			out.push({
				s,
				text: restate(swap.text),
				answer: false,
				score: 0.5,
				sentences: [s.order],
				why: `The text says “${s.text}” The statement has “${swap.to}” where the text has “${swap.from}”.`
			});
		}
	}
	return out;
}

/** True/false candidates, alternating true and false. */
export function trueFalseDrafts(ctx: Context): Candidate[] {
	return statements(ctx)
		.filter((st) => !mentions(st.text, '____'))
		.map((st) => ({
			kind: 'truefalse' as const,
			score: st.score,
			sentences: st.sentences,
			entry: {
				...base(ctx, st.s, 'truefalse', 'truefalse', st.score >= 0.6 ? 'understanding' : 'recall'),
				...(st.sources ? { sources: st.sources } : {}),
				type: 'truefalse' as const,
				prompt: st.text,
				answer: st.answer,
				explanation:
					st.s.voice === 'fact'
						? st.why
						: `${explainLead(ctx, st.s.voice)} “${st.s.text}” ${st.answer ? '' : st.why}`.trim()
			}
		}));
}
