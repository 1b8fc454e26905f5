import nlp from 'compromise/two';

/** What an entity names; distractors and swaps only ever use entities of the same kind. */
export type EntityKind = 'person' | 'place' | 'org' | 'name' | 'date' | 'year' | 'number';

/** A span of a paragraph that names something; offsets index the paragraph text. */
export interface Entity {
	kind: EntityKind;
	text: string;
	start: number;
	end: number;
	/** The year of a date or year, the value of a number. */
	value?: number;
	/** The word after a number that says what it counts ("kilometers", "years", "%"). */
	unit?: string;
	/** The text hedges the number ("more than 30 years", "about 500"). */
	approx?: boolean;
	/** For a place: a country, a region (continents, compass regions) or a site (cities, buildings). */
	sub?: 'country' | 'region' | 'site';
	/** For a date: its month (1–12) and day, when the text gives them. */
	month?: number;
	day?: number;
}

const REGIONS = new Set(
	(
		'east west north south pacific atlantic asia europe africa americas arctic antarctic middle ' +
		'region continent caribbean balkans baltic mediterranean scandinavia oceania'
	).split(' ')
);

/** A word as the tagger saw it; offsets index the paragraph text. */
export interface Term {
	text: string;
	start: number;
	end: number;
	pre: string;
	post: string;
	tags: ReadonlySet<string>;
}

/** A sentence of a paragraph, its words and the entities in it. */
export interface Sentence {
	start: number;
	end: number;
	text: string;
	terms: Term[];
	entities: Entity[];
}

interface RawTerm {
	text: string;
	pre: string;
	post: string;
	tags: string[];
	offset: { start: number; length: number };
}
interface RawSentence {
	offset: { start: number; length: number };
	terms: RawTerm[];
}

const MONTH =
	'(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const FULL_DATE = new RegExp(
	`\\b(?:${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+(\\d{4})|\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH},?\\s+(\\d{4})|${MONTH}\\s+(\\d{4}))\\b`,
	'g'
);
const DAY_DATE = new RegExp(
	`\\b(?:${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?|\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH})\\b(?!,?\\s+\\d)`,
	'g'
);
const MONTH_NAMES = [
	'jan',
	'feb',
	'mar',
	'apr',
	'may',
	'jun',
	'jul',
	'aug',
	'sep',
	'oct',
	'nov',
	'dec'
];

/** The month (1–12) and day a date names: "Dec. 8, 1987" → 12, 8; "October 1787" → 10. */
export function monthDay(text: string): { month?: number; day?: number } {
	const name = /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?/i.exec(text);
	const month = name ? MONTH_NAMES.indexOf((name[1] ?? '').toLowerCase()) + 1 : 0;
	const day = /(?:^|\s)(\d{1,2})(?:st|nd|rd|th)?\b(?!\d)/.exec(text.replace(/\d{4}/, ''));
	return {
		...(month > 0 ? { month } : {}),
		...(day && Number(day[1]) <= 31 ? { day: Number(day[1]) } : {})
	};
}
const YEAR = /\b(1[0-9]{3}|20[0-9]{2})\b/g;
const YEAR_CUE =
	/(?:\b(?:in|since|until|till|by|before|after|from|to|of|early as|late as|as of|during|around|circa|c\.|year|spring|summer|autumn|fall|winter)\s+|\(|\b\d{1,2},\s*)$/i;
const NUMBER = /(?<![\p{L}\d.,-])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d,]*[\p{L}\p{No}])/gu;
const APPROX =
	/\b(?:about|around|nearly|almost|some|roughly|approximately|over|under|more than|less than|fewer than|at least|up to)\s+$/i;
/** Words a bare number can count; anything else after a number is not taken as its unit. */
const UNIT = /^(?:%|percent|per cent|[a-z]+s|km|kg|mm|cm|m|ft|mi|kilometers|kilometres|miles)\b/i;

/** The word before the number of a figure, table, section, chapter or page. */
const REFERENCE_BEFORE =
	/\b(?:fig(?:ure)?s?|tables?|sections?|chapters?|pages?|pp?|equations?|eq|units?|lessons?|steps?|no)\.?\s*(?:\d+\.)?$/i;

/** Heads that make a proper name an organisation. */
const ORG_HEADS = new Set(
	(
		'department ministry university center centre institute agency council committee organization ' +
		'organisation party company corporation inc ltd bank association army navy administration ' +
		'commission court congress parliament senate foundation school college society office bureau ' +
		'service group times news post online academy alliance nato league federation club museum ' +
		'library hospital'
	).split(' ')
);
/** Heads that make a proper name a document, event or programme rather than a body. */
const NAME_HEADS = new Set(
	(
		'treaty agreement accord convention act review protocol war doctrine plan pact charter ' +
		'declaration initiative strategy report law bill fire flood earthquake storm hurricane ' +
		'disaster revolution massacre battle rebellion crisis depression address speech'
	).split(' ')
);
/** Words that make a capitalised run a title or office. */
const ROLE_WORDS = new Set(
	'secretary minister president chief commander ambassador speaker chancellor governor senator emperor vice'.split(
		' '
	)
);
/** Heads that make a proper name a built or natural site: a place, not an organisation. */
const SITE_HEADS = new Set(
	(
		'building bridge tower dam tunnel station street avenue square park river lake mountain ' +
		'canal harbor harbour fort castle cathedral church palace hall memorial monument ridge fault ' +
		'trench island islands isles desert forest valley bay gulf strait'
	).split(' ')
);
/** Words that make a proper name a place. */
const PLACE_WORDS = new Set(
	(
		'east west north south pacific atlantic asia europe africa america sea ocean river mountains ' +
		'island islands region valley gulf bay lake city county state states province coast peninsula'
	).split(' ')
);
/** Other names of the same country, so no alias is offered as a wrong answer. */
const ALIASES: readonly (readonly string[])[] = [
	['us', 'u.s.', 'usa', 'u.s.a.', 'united states', 'united states of america', 'america'],
	['uk', 'u.k.', 'united kingdom', 'britain', 'great britain'],
	['ussr', 'soviet union', 'union of soviet socialist republics'],
	['eu', 'european union'],
	['un', 'u.n.', 'united nations']
];

/** The alias group of a name, or null. */
export function aliasGroup(text: string): number | null {
	const key = text.toLowerCase().replace(/^the\s+/, '');
	const i = ALIASES.findIndex((group) => group.includes(key));
	return i < 0 ? null : i;
}

/** Small words allowed inside a name: "Department of Defense", "Treaty on the Limitation of …". */
const CONNECTORS = new Set(['of', 'on', 'for', 'the', 'de', 'von', 'van', 'and']);
/** Capitalised words that start sentences or stand alone but are no names. */
const NOT_NAMES = new Set(
	(
		'i a an the this that these those it its he she they we you his her their our my your firstly ' +
		'secondly thirdly finally moreover however therefore thus but and or so yet also then in on at ' +
		'as for to of by with from after before during since while when where why how what which who ' +
		'mr mrs ms dr president prime minister king queen general'
	).split(' ')
);

const isCapital = (s: string) => /^[\p{Lu}]/u.test(s);
const hasTag = (t: Term, ...tags: string[]) => tags.some((tag) => t.tags.has(tag));

/** The tagger's words of a paragraph, and where its sentences start (offsets in the text). */
export function tag(text: string): { terms: Term[]; starts: number[] } {
	const raw = nlp(text).json({ offset: true, terms: { offset: true } }) as RawSentence[];
	const terms: Term[] = [];
	const starts: number[] = [];
	for (const s of raw) {
		starts.push(s.offset.start);
		for (const t of s.terms)
			terms.push({
				text: t.text,
				start: t.offset.start,
				end: t.offset.start + t.offset.length,
				pre: t.pre,
				post: t.post,
				tags: new Set(t.tags)
			});
	}
	return { terms, starts };
}

/** The names, dates and numbers in the sentence [start, end) of a paragraph, from its words. */
export function entitiesIn(
	paragraph: string,
	start: number,
	end: number,
	terms: readonly Term[]
): Sentence {
	const sentence = {
		start,
		end,
		text: paragraph.slice(start, end),
		terms: terms.filter((t) => t.start >= start && t.end <= end)
	};
	return { ...sentence, entities: findEntities(paragraph, sentence) };
}

/** Splits a paragraph into sentences and finds the names, dates and numbers in each. */
export function analyse(text: string): Sentence[] {
	const raw = nlp(text).json({ offset: true, terms: { offset: true } }) as RawSentence[];
	return raw.map((s) => {
		const terms: Term[] = s.terms.map((t) => ({
			text: t.text,
			start: t.offset.start,
			end: t.offset.start + t.offset.length,
			pre: t.pre,
			post: t.post,
			tags: new Set(t.tags)
		}));
		let start = s.offset.start;
		let end = s.offset.start + s.offset.length;
		// The tagger's sentence includes trailing spaces; a quote stops at its punctuation.
		while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
		while (start < end && /\s/.test(text[start] ?? '')) start++;
		const sentence = { start, end, text: text.slice(start, end), terms, entities: [] };
		return { ...sentence, entities: findEntities(text, sentence) };
	});
}

function findEntities(paragraph: string, s: Omit<Sentence, 'entities'>): Entity[] {
	const found: Entity[] = [];
	const taken = (a: number, b: number) => found.some((e) => a < e.end && b > e.start);
	const add = (e: Entity) => {
		if (!taken(e.start, e.end)) found.push(e);
	};

	for (const m of s.text.matchAll(FULL_DATE)) {
		const start = s.start + m.index;
		const year = Number(m[1] ?? m[2] ?? m[3]);
		add({
			kind: 'date',
			text: m[0],
			start,
			end: start + m[0].length,
			value: year,
			...monthDay(m[0])
		});
	}
	// "October 9", "9 October": a day the text dates by the year around it.
	for (const m of s.text.matchAll(DAY_DATE)) {
		const start = s.start + m.index;
		add({ kind: 'date', text: m[0], start, end: start + m[0].length, ...monthDay(m[0]) });
	}
	for (const m of s.text.matchAll(YEAR)) {
		const start = s.start + m.index;
		const before = s.text.slice(0, m.index);
		const term = s.terms.find((t) => t.start === start);
		const after = s.text.slice(m.index + m[0].length);
		// A year stands alone: not a count of things ("1500 soldiers"), not inside a bigger number.
		if (/^(?:,\d|\.\d|\s*(?:%|percent))/.test(after) || /[\d,.]$/.test(before)) continue;
		if (/^\s+[a-z]+s\b/.test(after) && !YEAR_CUE.test(before)) continue;
		if (!(term && term.tags.has('Year')) && !YEAR_CUE.test(before)) continue;
		add({ kind: 'year', text: m[0], start, end: start + 4, value: Number(m[0]) });
	}
	for (const m of s.text.matchAll(NUMBER)) {
		const start = s.start + m.index;
		const end = start + m[0].length;
		if (taken(start, end)) continue;
		const after = s.text.slice(m.index + m[0].length);
		const unit = /^\s*(%)|^\s+([\p{L}]+(?:[ -][\p{L}]+)?)/u.exec(after);
		const word = unit?.[1] ?? unit?.[2]?.split(/[ -]/)[0] ?? '';
		const value = Number(m[0].replace(/,/g, ''));
		// Ordinals and list labels ("1.", "5th") are not quantities; neither are clock times
		// ("3:10 p.m.") nor the numbers of figures, tables, sections or pages.
		if (!Number.isFinite(value) || /^(?:st|nd|rd|th)\b/.test(after)) continue;
		if (/^:\d|^\s*[ap]\.?m\b/i.test(after) || /\d:$/.test(s.text.slice(0, m.index))) continue;
		if (REFERENCE_BEFORE.test(s.text.slice(0, m.index))) continue;
		add({
			kind: 'number',
			text: m[0],
			start,
			end,
			value,
			unit: UNIT.test(word) ? word : undefined,
			approx: APPROX.test(s.text.slice(0, m.index))
		});
	}
	// Names inside a quoted title ("“Treaty Between the United States of America and …”") are
	// parts of that title, not things of their own.
	const quoted = [...s.text.matchAll(/[“"]([^”"]+)[”"]/g)]
		.filter((m) => m[0].split(/\s+/).length >= 4)
		.map((m) => ({ start: s.start + m.index, end: s.start + m.index + m[0].length }));
	for (const name of findNames(paragraph, s)) {
		const inside = quoted.some(
			(q) =>
				name.start >= q.start && name.end <= q.end && name.end - name.start < q.end - q.start - 4
		);
		if (!inside) add(name);
	}
	return found.sort((a, b) => a.start - b.start);
}

function isProper(t: Term, first: boolean): boolean {
	if (!isCapital(t.text) || /^\d/.test(t.text)) return false;
	const bare = t.text.replace(/['’]s$/, '').toLowerCase();
	if (NOT_NAMES.has(bare)) return false;
	if (hasTag(t, 'Date', 'Month', 'WeekDay', 'Pronoun', 'Determiner', 'Preposition', 'Conjunction'))
		return false;
	if (hasTag(t, 'ProperNoun', 'Person', 'Place', 'Organization', 'Acronym')) return true;
	// A capital inside a sentence marks a name the lexicon did not know.
	return !first && hasTag(t, 'Noun', 'Adjective', 'Abbreviation');
}

/** Joins runs of capitalised words into names and tells people, places and organisations apart. */
function findNames(paragraph: string, s: Omit<Sentence, 'entities'>): Entity[] {
	const names: Entity[] = [];
	const terms = s.terms;
	let i = 0;
	while (i < terms.length) {
		const t = terms[i] as Term;
		if (!isProper(t, i === 0)) {
			i++;
			continue;
		}
		const run: Term[] = [t];
		let j = i + 1;
		for (; j < terms.length; j++) {
			const prev = run[run.length - 1] as Term;
			// Names run across spaces, hyphens, dashes and the full stop of an initial ("William C. Gorgas").
			const initial = /^\p{Lu}$/u.test(prev.text) && /^\.\s+$/.test(prev.post);
			// A nickname in quotes sits inside a name: Edwin “Buzz” Aldrin.
			const closesNickname = /^[“"]$/.test(prev.pre) && /^[”"]\s+$/.test(prev.post);
			if (!/^(?:\s+|-|–)$/.test(prev.post) && !initial && !closesNickname) break;
			const next = terms[j] as Term;
			const opensNickname = /^[“"]$/.test(next.pre) && hasTag(prev, 'FirstName');
			if (/\S/.test(next.pre) && !opensNickname) break;
			if (isProper(next, false)) {
				run.push(next);
				continue;
			}
			// "of", "of the", "on the" join two capitalised parts of one name.
			const low = next.text.toLowerCase();
			// "and" joins only inside an organisation's name: "National Aeronautics and Space Administration".
			if (low === 'and' && /^\s+$/.test(next.post)) {
				let endAt = -1;
				for (let k = j + 1; k < terms.length && isProper(terms[k] as Term, false); k++) {
					const term = terms[k] as Term;
					if (ORG_HEADS.has(term.text.toLowerCase())) endAt = k;
					if (!/^(?:\s+|-)$/.test(term.post)) break;
				}
				if (endAt > j) {
					run.push(next, ...terms.slice(j + 1, endAt + 1));
					j = endAt;
					continue;
				}
			}
			if (CONNECTORS.has(low) && low !== 'and' && low !== 'the') {
				const after = terms[j + 1];
				const after2 = terms[j + 2];
				if (after && isProper(after, false) && /^\s*$/.test(next.post)) {
					run.push(next);
					continue;
				}
				if (
					after?.text.toLowerCase() === 'the' &&
					after2 &&
					isProper(after2, false) &&
					/^\s*$/.test(next.post + after.post)
				) {
					run.push(next, after);
					j++;
					continue;
				}
			}
			break;
		}
		i = j;
		names.push(...nameEntities(paragraph, run));
	}
	return names;
}

function nameEntities(paragraph: string, run: Term[]): Entity[] {
	// Compound adjectives of two places ("US-Russia relations", "US-Soviet") name no single thing.
	const placeish = (t: Term) => hasTag(t, 'Acronym', 'Country') || aliasGroup(t.text) !== null;
	if (run.some((t, k) => t.post === '-' && placeish(t) && isCapital(run[k + 1]?.text ?? '')))
		return [];
	const last = run[run.length - 1] as Term;
	if (last.post.startsWith('-')) return [];
	let kept = run;
	const words = run.map((t) => t.text.replace(/['’]s$/, '').toLowerCase());
	const last0 = words[words.length - 1] ?? '';
	const singular = last0.replace(/ies$/, 'y').replace(/s$/, '');
	const head = NAME_HEADS.has(singular) ? singular : last0;
	const person = run.some((t) => hasTag(t, 'Person') && !hasTag(t, 'Honorific'));
	const group = aliasGroup(paragraph.slice(run[0]?.start ?? 0, last.end));
	let kind: Entity['kind'] = 'name';
	const follows = paragraph.slice(last.end, last.end + 24);
	if (group !== null && group < 3) kind = 'place';
	// "the Trump administration", "the Obama government" name a person's team.
	else if (
		run.length === 1 &&
		!/(?:an|ese|ish|ian|ic)$/.test(last.text) &&
		/^\s+(?:administration|government|campaign|era|presidency)\b/.test(follows)
	)
		kind = 'person';
	else if (NAME_HEADS.has(head)) kind = 'name';
	// "Secretary of State", "Commander in Chief of the Army": a title, not a place or a body.
	else if (words.some((w) => ROLE_WORDS.has(w))) kind = 'name';
	else if (SITE_HEADS.has(head) && run.length > 1) kind = 'place';
	else if (
		ORG_HEADS.has(head) ||
		ORG_HEADS.has(words[0] ?? '') ||
		words.some((w) => w === 'department' || w === 'university')
	)
		kind = 'org';
	else if (run.some((t) => hasTag(t, 'Organization')) && !person && run.length > 1) kind = 'org';
	else if (person) {
		kind = 'person';
		// "US President Donald Trump" names Donald Trump; titles stay outside the answer.
		let k = run.length;
		while (k > 0 && (hasTag(run[k - 1] as Term, 'Person') || isCapital(run[k - 1]?.text ?? ''))) {
			const term = run[k - 1] as Term;
			if (hasTag(term, 'Honorific') || (hasTag(term, 'Acronym') && term.text.length > 1)) break;
			k--;
		}
		kept = run.slice(k);
		// A lone first name ("Edwin" before a nickname in quotes) is half a name.
		if (
			kept.length === 1 &&
			hasTag(kept[0] as Term, 'FirstName') &&
			!hasTag(kept[0] as Term, 'LastName')
		)
			return [];
	} else if (
		run.filter((t) => hasTag(t, 'Place')).length * 2 >= run.length ||
		PLACE_WORDS.has(head)
	)
		kind = 'place';
	if (kept.length === 0) return [];
	// One capitalised word that is no acronym is usually an adjective ("Soviet leader", "European").
	if (kept.length === 1 && kind !== 'person' && !/^[\p{Lu}.]{2,}$/u.test(kept[0]?.text ?? '')) {
		const only = kept[0] as Term;
		if (kind === 'name' || kind === 'org' || hasTag(only, 'Adjective')) return [];
		if (/(?:ean|ian|ese|ish|can|ern)$/.test(only.text) || hasTag(only, 'Demonym')) return [];
	}
	const start = (kept[0] as Term).start;
	let end = (kept[kept.length - 1] as Term).end;
	let text = paragraph.slice(start, end);
	const possessive = /['’]s$/.exec(text);
	if (possessive) {
		end -= possessive[0].length;
		text = text.slice(0, -possessive[0].length);
	}
	// Strip a trailing dot only when it ends the sentence, not an abbreviation like "D.C.".
	if (/\.$/.test(text) && !/(?:^|[.\s])\p{Lu}\.$/u.test(text)) {
		end--;
		text = text.slice(0, -1);
	}
	if (text.length < 2 || NOT_NAMES.has(text.toLowerCase())) return [];
	if (kind !== 'place') return [{ kind, text, start, end }];
	let sub: Entity['sub'] = 'site';
	if ((group !== null && group < 3) || kept.some((t) => hasTag(t, 'Country'))) sub = 'country';
	else if (
		text
			.toLowerCase()
			.split(/[\s-]+/)
			.some((w) => REGIONS.has(w))
	)
		sub = 'region';
	return [{ kind, text, start, end, sub }];
}
