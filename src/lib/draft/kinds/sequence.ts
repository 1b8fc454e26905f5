/**
 * Sequence: events the text dates itself, put in order of time. Each step cites the clause that
 * dates it; a day without a year ("October 9") takes the year the text last named. Dates in
 * brackets (citations, inflation notes such as "equivalent to … in 2023") never date an event:
 * `askable` in sentences.ts has already left them out.
 */
import { shuffle } from '../../engine/rng.ts';
import { base, type Candidate, type Context } from '../context.ts';
import type { Entity } from '../nlp.ts';
import { plainText, type Located } from '../sentences.ts';
import { clip, fold } from '../text.ts';

interface Event {
	s: Located;
	label: string;
	quote: string;
	year: number;
	month: number;
	day: number;
	/** The date as the text writes it, for the explanation. */
	when: string;
}

const DATE_LEAD =
	/(?:\b(?:early|late|later)\s+)?(?:\b(?:on|in|since|by|from|during|until|of|as early as|as late as)\s+)(?:(?:the\s+)?(?:early|late|spring|summer|autumn|fall|winter|morning|evening|night|end|beginning|middle|hours|afternoon)\s+(?:of\s+)?)*(?:\w+day,?\s+)?$/i;

function label(s: Located, clause: string, offset: number, date: Entity): string {
	const a = date.start - s.start - offset;
	const b = date.end - s.start - offset;
	const text = plainText(clause.slice(0, a).replace(DATE_LEAD, '') + ' ' + clause.slice(b))
		.replace(/\s+,/g, ',')
		.replace(/\s{2,}/g, ' ')
		.replace(/^[\s,;:]+|[\s,;:.]+$/g, '')
		.replace(/^(?:however|moreover|therefore|finally|and|but|then)\b,?\s*/i, '');
	if (/^(?:which|that|it|they|this|he|she|its)\b/i.test(text)) return '';
	return clip(text.charAt(0).toUpperCase() + text.slice(1), 14);
}

/** The dated events of the article, one per date, in the text's order. */
export function findEvents(ctx: Context): Event[] {
	const events: Event[] = [];
	let year = 0;
	for (const s of ctx.sentences) {
		const dated = s.entities.filter((e) => e.kind === 'date' || e.kind === 'year');
		const usable = !s.skip && dated.length > 0 && dated.length <= 3;
		const cuts = [0];
		if (dated.length > 1)
			for (const m of s.text.matchAll(/,\s+(?=and\b|but\b|while\b|which\b|when\b)|;\s+/g))
				cuts.push(m.index + m[0].length);
		cuts.push(s.text.length);
		for (const e of dated) {
			const eventYear = e.value ?? year;
			if (usable && eventYear >= 1000) {
				const i = cuts.findIndex(
					(c, k) => c <= e.start - s.start && (cuts[k + 1] ?? 0) >= e.end - s.start
				);
				const a = cuts[i] ?? 0;
				const b = cuts[i + 1] ?? s.text.length;
				const inside = dated.filter((d) => d.start - s.start >= a && d.end - s.start <= b);
				const clause = s.text.slice(a, b);
				const text = inside.length === 1 ? label(s, clause, a, e) : '';
				const quote = clause.replace(/^[\s,;:]+|[\s,;:]+$/g, '');
				if (text.split(/\s+/).length >= 3 && !/\b1\d{3}\b|\b20\d{2}\b/.test(text)) {
					events.push({
						s,
						label: text,
						quote,
						year: eventYear,
						month: e.month ?? 0,
						day: e.day ?? 0,
						when: e.text
					});
				}
			}
			if (e.value !== undefined) year = e.value;
		}
	}
	return events;
}

const MAX_STEPS = 5;

/** One order item: four or five dated events, earliest first, each step with its own quote. */
export function sequenceDrafts(ctx: Context): Candidate[] {
	const all = findEvents(ctx);
	const seen = new Set<string>();
	// Two events of one year, one of them without a month, cannot be ordered by the text's dates.
	const undated = (e: Event) => !e.month && all.some((x) => x !== e && x.year === e.year);
	const distinct = all
		.filter((e) => !undated(e))
		.filter((e) => {
			const key = `${e.year}-${e.month}-${e.day}`;
			if (seen.has(key) || seen.has(fold(e.label))) return false;
			seen.add(key);
			seen.add(fold(e.label));
			return true;
		});
	if (distinct.length < 3) return [];
	// Spread over the text: a seeded pick when there are more than fit on a phone.
	const chosen = (
		distinct.length > MAX_STEPS ? shuffle(distinct, ctx.rng).slice(0, MAX_STEPS) : distinct
	).sort((a, b) => a.year - b.year || a.month - b.month || a.day - b.day);
	const [first, ...rest] = chosen as [Event, ...Event[]];
	const orderedInText = chosen.every(
		(e, i) => i === 0 || e.s.order >= (chosen[i - 1] as Event).s.order
	);
	return [
		{
			kind: 'sequence',
			// An order the text already tells in sequence is easier, but still worth having.
			score: orderedInText ? 0.75 : 0.85,
			sentences: chosen.map((e) => e.s.order),
			entry: {
				...base(
					ctx,
					{ ...first.s, voice: 'fact' },
					'sequence',
					'order',
					'understanding',
					['dates'],
					'fact'
				),
				source: first.quote,
				sources: rest.map((e) => ({ paragraph: e.s.paragraph, quote: e.quote })),
				type: 'order',
				prompt:
					'Put these events from the text in the order in which they happened, earliest first.',
				items: chosen.map((e) => e.label),
				explanation: `The text dates them: ${chosen.map((e) => `${e.label.replace(/…$/, '')} (${e.when})`).join('; ')}.`
			}
		}
	];
}
