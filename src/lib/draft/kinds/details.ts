/**
 * Who / what / when / where / how many: a real question made from the sentence ("Who declared
 * martial law on October 11?", "In what year was the Northern Lighthouse Board founded?", "How
 * many people did the fire kill?"), answered from same-kind options drawn from the article
 * (people for a person, years for a year) or typed (a number, a year).
 */
import {
	attribution,
	base,
	choicesWith,
	distractors,
	explain,
	isTopic,
	type Candidate,
	type Context
} from '../context.ts';
import { fixArticles, invert, type Inverted } from '../grammar.ts';
import type { Entity, Term } from '../nlp.ts';
import { plainText, type Located } from '../sentences.ts';
import { shuffle } from '../../engine/rng.ts';
import { mentions, mentionsNumber } from '../text.ts';
import type { DraftItem } from '../types.ts';

const WHO: Partial<Record<Entity['kind'], string>> = {
	person: 'Who',
	org: 'Which organisation',
	place: 'Which place',
	name: 'What'
};

/** Words that may stand before a name and stay with the question: titles and ranks. */
const TITLE =
	/^(?:Mayor|President|General|Gen\.|Queen|King|Prince|Princess|Chancellor|Senator|Governor|Captain|Lieutenant|Commander|Admiral|Colonel|Major|Sir|Lady|Lord|Dr\.|Mr\.|Mrs\.|Ms\.|Professor|Judge|Bishop|Pope|Emperor|Empress|Secretary|Minister|Prime|Chief)$/;

/** The clause of a sentence's words that holds the index: cut at ", and", "; ", ", but", ", which". */
function clauseAround(terms: readonly Term[], at: number): [number, number] {
	let a = 0;
	let b = terms.length;
	for (let i = 0; i < terms.length - 1; i++) {
		const t = terms[i] as Term;
		const next = terms[i + 1] as Term;
		const cut =
			/;/.test(t.post) ||
			(/,/.test(t.post) && /^(?:and|but|while|which|so|whereas|where|when)$/i.test(next.text));
		if (!cut) continue;
		if (i < at) a = i + 1;
		else {
			b = i + 1;
			break;
		}
	}
	if (/^(?:and|but|so)$/i.test(terms[a]?.text ?? '')) a++;
	return [a, b];
}

/** Words from index a to b as the text spells them, asides removed, no end punctuation. */
function spell(s: Located, terms: readonly Term[]): string {
	if (terms.length === 0) return '';
	const first = terms[0] as Term;
	const last = terms[terms.length - 1] as Term;
	return plainText(s.text.slice(first.start - s.start, last.end - s.start))
		.replace(/\[[^\]]*\]?/g, '')
		.replace(/[\s,;:.!?]+$/, '');
}

function termIndex(terms: readonly Term[], offset: number): number {
	return terms.findIndex((t) => t.end > offset);
}

function keepsCase(terms: readonly Term[], s?: Located) {
	return (i: number) => {
		const t = terms[i];
		return (
			!!t &&
			// A word of a name the sentence holds ("Johnstown was founded …") keeps its capital.
			((s?.entities.some((e) => e.start <= t.start && t.end <= e.end) ?? false) ||
				t.tags.has('ProperNoun') ||
				t.tags.has('Person') ||
				t.tags.has('Place') ||
				t.tags.has('Organization') ||
				/^\p{Lu}{2}/u.test(t.text))
		);
	};
}

/** "Who declared martial law?": the entity is the subject, the question keeps the rest. */
function subjectQuestion(s: Located, e: Entity): { stem: string; key: Entity } | null {
	const terms = s.words;
	const i = termIndex(terms, e.start);
	if (i < 0) return null;
	// Only titles may come before the subject: "Mayor Roswell B. Mason declared …".
	const HEDGE =
		/^(?:about|around|nearly|almost|some|roughly|approximately|over|more|less|fewer|than|at|least|up|to)$/i;
	// A short fronted phrase ("In all, about 17,500 buildings …") is left out of the question.
	let from = 0;
	for (let k = 0; k < Math.min(i, 4); k++) if (/,/.test((terms[k] as Term).post)) from = k + 1;
	for (let k = from; k < i; k++) {
		const w = (terms[k] as Term).text;
		if (!TITLE.test(w) && !/^the$/i.test(w) && !(e.kind === 'number' && HEDGE.test(w))) return null;
	}
	let j = i;
	while (j < terms.length && (terms[j] as Term).start < e.end) j++;
	// "17,500 buildings were destroyed": the counted noun belongs to the subject.
	if (e.kind === 'number' && e.unit && terms[j]?.text === e.unit) j++;
	// An apposition after the name stays: "The Chicago Relief and Aid Society, a private charity, handed out …".
	let appositive = '';
	if (/,/.test(terms[j - 1]?.post ?? '')) {
		let k = j;
		while (k < terms.length && !/,/.test((terms[k] as Term).post)) k++;
		if (k >= terms.length - 1 || k - j > 10) return null;
		appositive = `, ${spell(s, terms.slice(j, k + 1))},`;
		j = k + 1;
	}
	const verb = terms[j];
	if (
		!verb ||
		!(verb.tags.has('Verb') || verb.tags.has('Auxiliary') || verb.tags.has('Adverb')) ||
		(/[,;:]/.test(terms[j - 1]?.post ?? '') && !appositive)
	)
		return null;
	if (verb.tags.has('Gerund')) return null;
	const [, end] = clauseAround(terms, j);
	const rest = spell(s, terms.slice(j, end));
	if (rest.split(/\s+/).length < 2) return null;
	let wh = WHO[e.kind];
	if (e.kind === 'number') {
		if (!e.unit || !/^[\p{L}]+s$/u.test(e.unit)) return null;
		wh = `How many ${e.unit}`;
		const after = spell(s, terms.slice(j, end));
		return { stem: `${wh} ${after}?`, key: e };
	}
	if (!wh) return null;
	// "Who, the president of the club, sent …?" is no English: a person's apposition goes.
	if (e.kind === 'person') appositive = '';
	return { stem: `${wh}${appositive} ${rest}?`, key: e };
}

/** The time phrase around a date: "in 1786", "on October 11", "late on the evening of October 9". */
const TIME_LEAD =
	/(?:\b(?:early|late|later)\s+)?(?:\b(?:in|on|by|during|since|until|from)\s+)(?:(?:the\s+)?(?:early|late|spring|summer|autumn|fall|winter|morning|evening|night|end|beginning|middle|hours|afternoon|days?)\s+(?:of\s+)?)*(?:\w+day,?\s+)?$/i;

/** "In what year was the board founded?": the time phrase cut out, the clause inverted. */
function timeQuestion(
	s: Located,
	e: Entity,
	who: string,
	asYear = false
): { stem: string; key: Entity } | null {
	const before = s.text.slice(0, e.start - s.start);
	const lead = TIME_LEAD.exec(before);
	if (!lead) return null;
	// "By 1889 the company employed thousands", "Since 1961 …": a limit, not the time of an event.
	if (/^\s*(?:early\s+|late\s+|later\s+)?(?:by|since|until|from)\b/i.test(lead[0])) return null;
	const from = s.start + lead.index;
	const to = e.end;
	const terms = s.words;
	const at = termIndex(terms, e.start);
	const [a, b] = clauseAround(terms, at);
	// The date must date the main clause: not a range ("from October 8 to 10"), not a relative
	// clause ("a fire that burned on October 8").
	if (a !== 0 || /^\s*(?:to|and|-|–)\s/.test(s.text.slice(e.end - s.start))) return null;
	if (/\b(?:that|which|who|whom|whose|when|where)\b/i.test(s.text.slice(0, from - s.start)))
		return null;
	let kept = terms.slice(a, b).filter((t) => t.end <= from || t.start >= to);
	// A fronted time phrase leaves its comma: "In 1885, the …" → "the …".
	while (kept.length > 0 && /^[,\s]*$/.test((kept[0] as Term).text)) kept = kept.slice(1);
	if (kept.length < 2) return null;
	const inv = invert(kept, keepsCase(kept, s));
	if (!inv) return null;
	if (asYear) {
		if (e.value === undefined) return null;
		return {
			stem: ask(who, 'In what year', inv),
			key: { ...e, kind: 'year', text: String(e.value), day: undefined, month: undefined }
		};
	}
	const wh =
		e.kind === 'date' && e.day !== undefined
			? 'On what date'
			: e.kind === 'date' && e.value === undefined
				? null
				: 'In what year';
	if (!wh) return null;
	return { stem: ask(who, wh, inv), key: e };
}

/** "How many people did the fire kill?": the count cut out of the clause, the clause inverted. */
function countQuestion(s: Located, e: Entity, who: string): { stem: string; key: Entity } | null {
	if (!e.unit || !/^[\p{L}]+s$/u.test(e.unit) || e.value === undefined) return null;
	const terms = s.words;
	const at = termIndex(terms, e.start);
	if (at < 1) return null;
	const [a, b] = clauseAround(terms, at);
	if (a !== 0) return null;
	const unitAt = s.text.indexOf(e.unit, e.end - s.start) + s.start;
	const hedge =
		/\b(?:about|around|nearly|almost|some|roughly|approximately|over|more than|less than|fewer than|at least|up to)\s+$/i.exec(
			s.text.slice(0, e.start - s.start)
		);
	const from = hedge ? s.start + hedge.index : e.start;
	const to = unitAt + e.unit.length;
	// The count must follow the verb directly: "killed approximately 300 people".
	const prev = terms.filter((t) => t.end <= from).pop();
	if (!prev || !(prev.tags.has('Verb') || prev.tags.has('Auxiliary'))) return null;
	const kept = terms.slice(a, b).filter((t) => t.end <= from || t.start >= to);
	// What follows the count must not need it: "killed 300 people, destroyed …" keeps to its clause.
	const inv = invert(kept, keepsCase(kept, s));
	if (!inv) return null;
	return { stem: ask(who, `How many ${e.unit}`, inv), key: e };
}

/** "Where did the Queen travel?": a place after "in", "at", "to", "near" cut out. */
function placeQuestion(s: Located, e: Entity, who: string): { stem: string; key: Entity } | null {
	const before = s.text.slice(0, e.start - s.start);
	const lead = /\b(?:in|at|near|on)\s+(?:the\s+)?$/i.exec(before);
	if (!lead) return null;
	const terms = s.words;
	const at = termIndex(terms, e.start);
	const [a, b] = clauseAround(terms, at);
	if (a !== 0) return null;
	const clause = terms.slice(a, b);
	// One place per clause, or "where" has two answers.
	if (
		s.entities.filter(
			(x) =>
				x.kind === 'place' &&
				x.start >= (clause[0]?.start ?? 0) &&
				x.end <= (clause[clause.length - 1]?.end ?? 0)
		).length > 1
	)
		return null;
	const from = s.start + lead.index;
	const kept = clause.filter((t) => t.end <= from || t.start >= e.end);
	const inv = invert(kept, keepsCase(kept, s));
	if (!inv) return null;
	return { stem: ask(who, 'Where', inv), key: e };
}

function ask(who: string, wh: string, inv: Inverted): string {
	const rest = inv.rest.replace(/[\s,;:.!?]+$/, '');
	const lead = who ? `${who}${wh.charAt(0).toLowerCase()}${wh.slice(1)}` : wh;
	return fixArticles(
		`${lead} ${inv.aux} ${inv.subject}${rest ? ` ${rest}` : ''}?`.replace(/\s{2,}/g, ' ')
	);
}

/** The key as an option reads it: a date as written, a year as four digits. */
function keyText(e: Entity): string {
	if (e.kind === 'date' && e.day === undefined && e.value !== undefined) return String(e.value);
	return e.text.replace(/\s+/g, ' ');
}

/** A sentence that greets or thanks whom it addresses. */
export const GREETING =
	/^(?:thank you|thanks|dear|welcome|good (?:morning|afternoon|evening)|greetings|hello|ladies and gentlemen|(?:mr|mrs|ms|madam|madame)\.? (?:president|speaker|chair(?:man|woman)?|vice president|chief justice))\b/i;

/** One question from a sentence, the best its entities allow, or null. */
export function detailFor(ctx: Context, s: Located): Candidate | null {
	// A greeting or thanks ("Thank you, President Alvarez, members of the board …"): the names are
	// whom the speaker addresses, and asking for them tests nothing.
	if (GREETING.test(s.plain)) return null;
	const who = attribution(ctx, s.voice);
	const entities = s.entities.filter((e) => !isTopic(ctx, e.text));
	const tries: { stem: string; key: Entity; score: number }[] = [];
	for (const e of entities) {
		let made: { stem: string; key: Entity } | null = null;
		let score = 0.7;
		if (e.kind === 'person' || e.kind === 'org' || e.kind === 'name' || e.kind === 'number') {
			made = subjectQuestion(s, e);
			if (made && who) made = { ...made, stem: `${who}${lowerWh(made.stem)}` };
			score = e.kind === 'person' ? 0.8 : 0.7;
		}
		if (!made && (e.kind === 'date' || e.kind === 'year')) {
			made = timeQuestion(s, e, who);
			score = 0.72;
		}
		if (!made && e.kind === 'number') {
			made = countQuestion(s, e, who);
			score = 0.68;
		}
		if (!made && e.kind === 'place') {
			made = placeQuestion(s, e, who);
			score = 0.6;
		}
		if (made && made.stem.split(/\s+/).length <= 28) tries.push({ ...made, score });
	}
	tries.sort((a, b) => b.score - a.score);
	if (tries.length === 0) return clozeFor(ctx, s, entities);
	for (const t of tries) {
		let item = itemFor(ctx, s, t.stem, t.key);
		// A day with too few other days in the text to choose from is asked as its year.
		if (!item && t.key.kind === 'date' && t.key.value !== undefined) {
			const asYear = timeQuestion(s, t.key, who, true);
			if (asYear) item = itemFor(ctx, s, asYear.stem, asYear.key);
		}
		if (item) return { kind: 'detail', entry: item, score: t.score, sentences: [s.order] };
	}
	return null;
}

/**
 * When no question can be rebuilt from the sentence (its clauses are too involved), one name, place,
 * year or count is blanked in the sentence as the text has it, asides removed: typed, a surname
 * accepted for a person. Never a figure number, a conversion or a citation (`askable`).
 */
function clozeFor(ctx: Context, s: Located, entities: readonly Entity[]): Candidate | null {
	if (/[{}|]/.test(s.plain) || s.plain.split(/\s+/).length > 32) return null;
	const order: Entity['kind'][] = ['year', 'date', 'person', 'place', 'org', 'number'];
	const pick = [...entities]
		.filter(
			(e) =>
				order.includes(e.kind) &&
				(e.kind !== 'number' || (e.unit && e.value !== undefined && e.value > 1))
		)
		.filter((e) => !(e.kind === 'date' && e.value === undefined && e.day === undefined))
		// "By 1889", "between 1838 and 1853", "since 1961": a bound, not the time of an event.
		.filter(
			(e) =>
				!['year', 'date', 'number'].includes(e.kind) ||
				!/\b(?:by|since|until|between|from|and|to)\s+(?:the\s+\w+\s+of\s+)?$/i.test(
					s.text.slice(0, e.start - s.start)
				)
		)
		.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind))[0];
	if (!pick) return null;
	const key =
		pick.kind === 'date' && pick.value !== undefined && pick.day === undefined
			? String(pick.value)
			: pick.text;
	const at = s.plain.indexOf(key);
	if (at < 0 || s.plain.indexOf(key, at + key.length) >= 0) return null;
	const parts = key.split(/\s+/);
	const variants =
		pick.kind === 'person' && parts.length > 1 ? [parts[parts.length - 1] as string] : [];
	const text = `${s.plain.slice(0, at)}{{${[key, ...variants].join('|')}}}${s.plain.slice(at + key.length)}`;
	const outside = text.replace(/\{\{[^{}]*\}\}/g, ' ');
	if (mentions(outside, key)) return null;
	const what =
		pick.kind === 'year' || pick.kind === 'date'
			? 'date'
			: pick.kind === 'number'
				? 'number'
				: pick.kind === 'person'
					? 'name'
					: pick.kind === 'place'
						? 'place'
						: 'name';
	const who = attribution(ctx, s.voice);
	return {
		kind: 'detail',
		score: 0.5,
		sentences: [s.order],
		entry: {
			...base(ctx, s, 'detail', 'cloze', 'recall', [
				what === 'date' ? 'dates' : what === 'number' ? 'numbers' : 'names'
			]),
			type: 'cloze',
			prompt: `${who}Fill in the missing ${what}.`.replace(
				/^According to the (\w+), Fill/,
				'According to the $1, fill'
			),
			text,
			explanation: explain(ctx, s)
		}
	};
}

function lowerWh(stem: string): string {
	return /^(?:Who|What|Which|How|When|Where|In|On)\b/.test(stem)
		? stem.charAt(0).toLowerCase() + stem.slice(1)
		: stem;
}

function itemFor(ctx: Context, s: Located, stem: string, e: Entity): DraftItem | null {
	const key = keyText(e);
	const prompt = fixArticles(stem.charAt(0).toUpperCase() + stem.slice(1))
		.replace(/\s*\[[^\]]*\]?/g, '')
		.replace(/[.\s]+\?$/, '?');
	if (mentions(prompt, key)) return null;
	const isYear = e.kind === 'year' || (e.kind === 'date' && e.day === undefined);
	if (isYear && e.value !== undefined && mentionsNumber(prompt, e.value)) return null;
	const kind = isYear ? 'year' : e.kind;
	const others = distractors(ctx, { ...e, kind, text: key }, s, 3).map((d) =>
		kind === 'year' ? String(d.value) : d.text.replace(/\s+/g, ' ')
	);
	const tags = [
		kind === 'person'
			? 'names'
			: kind === 'place'
				? 'places'
				: kind === 'org'
					? 'organisations'
					: kind === 'number'
						? 'numbers'
						: kind === 'name'
							? 'names'
							: 'dates'
	];
	if (others.length >= 2 && !others.some((o) => mentions(prompt, o))) {
		return {
			...base(ctx, s, 'detail', 'single', 'recall', tags),
			type: 'single',
			prompt,
			choices: choicesWith(ctx, key, [...new Set(others)]),
			answer: key,
			explanation: explain(ctx, s)
		};
	}
	if ((isYear || kind === 'number') && e.value !== undefined) {
		const unit = kind === 'number' ? e.unit : undefined;
		return {
			...base(ctx, s, 'detail', 'numeric', 'recall', tags),
			type: 'numeric',
			prompt,
			answer: e.value,
			tolerance: kind === 'number' && e.approx ? Math.max(1, Math.round(e.value * 0.1)) : 0,
			...(unit ? { unit } : {}),
			explanation: explain(ctx, s)
		};
	}
	if (kind === 'person') {
		const parts = key.split(/\s+/);
		const surname = parts[parts.length - 1] ?? '';
		return {
			...base(ctx, s, 'detail', 'short', 'recall', tags),
			type: 'short',
			prompt,
			answer: key,
			accept: parts.length > 1 && surname.length > 2 ? [surname] : [],
			explanation: explain(ctx, s)
		};
	}
	return null;
}

const SAYING =
	'said|says|told|announced|argued|warned|called|predicted|insisted|claimed|added|explained';

/** Who says what in a report: the speaker before the verb, or after a quotation ("…," said X). */
function speakerOf(s: Located): { speaker: string; verb: string; what: string } | null {
	const before = new RegExp(
		`^((?:The |Mr\\. |Mrs\\. |Ms\\. |Dr\\. )?[\\p{Lu}][\\p{L}'’.-]*(?: [\\p{L}'’.-]+){0,4}?) (${SAYING}) (.{12,})$`,
		'u'
	).exec(s.plain);
	if (
		before &&
		!/,/.test(before[1] ?? '') &&
		!/^(?:It|This|That|They|He|She|We|I|There|Some|Many|Most)\b/.test(before[1] ?? '')
	)
		return {
			speaker: before[1] ?? '',
			verb: before[2] ?? '',
			what: (before[3] ?? '').replace(/[.!]$/, '')
		};
	return null;
}

/** "Who said that the tunnel was a symbol of the cooperation …?": speakers of the text as options. */
function speakerDrafts(ctx: Context): Candidate[] {
	if (ctx.genre !== 'news') return [];
	const said = ctx.usable.flatMap((s) => {
		const found = speakerOf(s);
		return found ? [{ s, ...found }] : [];
	});
	const speakers = [...new Set(said.map((x) => x.speaker))];
	if (speakers.length < 3) return [];
	return said.flatMap((x): Candidate[] => {
		const others = shuffle(
			speakers.filter((o) => o !== x.speaker && !mentions(x.what, o)),
			ctx.rng
		).slice(0, 3);
		const prompt = fixArticles(`Who ${x.verb} ${x.what}?`);
		if (others.length < 2 || mentions(prompt, x.speaker) || prompt.split(/\s+/).length > 30)
			return [];
		return [
			{
				kind: 'detail',
				score: 0.74,
				sentences: [x.s.order],
				entry: {
					...base(ctx, x.s, 'detail', 'single', 'recall', ['names', 'sources'], 'fact'),
					type: 'single',
					prompt,
					choices: choicesWith(ctx, x.speaker, others),
					answer: x.speaker,
					explanation: `The text says: “${x.s.text}”`
				}
			}
		];
	});
}

/** Every detail question the article's usable sentences give, one per sentence. */
export function detailDrafts(ctx: Context): Candidate[] {
	const quoted = speakerDrafts(ctx);
	const taken = new Set(quoted.flatMap((c) => c.sentences));
	return [
		...quoted,
		...ctx.usable.flatMap((s) => (taken.has(s.order) ? [] : (detailFor(ctx, s) ?? [])))
	];
}
