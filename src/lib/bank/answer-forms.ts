/**
 * The forms of a typed answer that a student who knows it may write, shared by the engine's
 * matcher (`engine/score.ts`) and the item-quality checker (`lint/`): a parenthetical
 * abbreviation that is optional or stands for what it abbreviates, and British and American
 * spellings folded to one. Pure: no DOM, no storage.
 */

/**
 * British spellings and their American forms, whole words, lower case. Only pairs that are the
 * same word in both spellings: "-our" and "-ence" words are listed one by one, never made by a
 * rule ("four" is not "for", "hour" is not "hor").
 */
const UK_US: Record<string, string> = {
	defence: 'defense',
	offence: 'offense',
	licence: 'license',
	pretence: 'pretense',
	colour: 'color',
	colours: 'colors',
	honour: 'honor',
	honours: 'honors',
	labour: 'labor',
	favour: 'favor',
	favourable: 'favorable',
	behaviour: 'behavior',
	neighbour: 'neighbor',
	neighbours: 'neighbors',
	neighbouring: 'neighboring',
	harbour: 'harbor',
	armour: 'armor',
	armoured: 'armored',
	rumour: 'rumor',
	humour: 'humor',
	endeavour: 'endeavor',
	vigour: 'vigor',
	rigour: 'rigor',
	valour: 'valor',
	saviour: 'savior',
	centre: 'center',
	centres: 'centers',
	theatre: 'theater',
	fibre: 'fiber',
	calibre: 'caliber',
	manoeuvre: 'maneuver',
	manoeuvres: 'maneuvers',
	programme: 'program',
	programmes: 'programs',
	catalogue: 'catalog',
	dialogue: 'dialog',
	analogue: 'analog',
	travelled: 'traveled',
	travelling: 'traveling',
	cancelled: 'canceled',
	modelling: 'modeling',
	labelled: 'labeled',
	fuelled: 'fueled',
	jewellery: 'jewelry',
	grey: 'gray',
	aluminium: 'aluminum',
	tyre: 'tire',
	plough: 'plow',
	sceptical: 'skeptical',
	sceptic: 'skeptic',
	ageing: 'aging',
	judgement: 'judgment',
	acknowledgement: 'acknowledgment',
	fulfil: 'fulfill',
	enrol: 'enroll',
	practise: 'practice',
	paediatric: 'pediatric',
	encyclopaedia: 'encyclopedia'
};

/** Words that end in -ise (or -yse) in both spellings: never folded to -ize. */
const ISE_ALWAYS = new Set(
	(
		'advertise advise chastise comprise compromise concise demise despise devise disguise ' +
		'enterprise excise exercise expertise franchise improvise incise merchandise otherwise ' +
		'precise premise promise revise supervise surmise surprise televise treatise wise'
	).split(' ')
);

// -ise, -ised, -ises, -ising, -isation(s); the same with -yse ("analyse").
const ISE = /^(.{3,}?)([iy])s(e|ed|es|ing|ation|ations)$/;

/** A word's spelling-neutral form: British spellings as American ("defence" → "defense"). */
export function foldSpelling(word: string): string {
	const w = word.toLowerCase();
	const listed = UK_US[w];
	if (listed) return listed;
	// kilometre(s), centimetre(s), litre(s): the -re of a unit.
	const unit = /^(.*(?:met|lit))res?$/.exec(w);
	if (unit) return w.replace(/res?$/, (m) => (m === 'res' ? 'ers' : 'er'));
	const ise = ISE.exec(w);
	if (ise) {
		const [, stem = '', vowel = '', ending = ''] = ise;
		const base = `${stem}${vowel}se`;
		if (!ISE_ALWAYS.has(base) && ![...ISE_ALWAYS].some((x) => base.endsWith(x)))
			return `${stem}${vowel}z${ending}`;
	}
	return w;
}

/** Words an abbreviation may pass over ("Department of Defense" = DoD, but "of" may be left out). */
const SMALL_WORDS = new Set(['of', 'the', 'and', 'for', 'on', 'in', 'to', '&']);

/** A parenthetical that looks like an abbreviation: one token, 2–10 characters, 2+ capitals. */
const ABBREVIATION = /^[\p{L}\d.&-]{2,10}$/u;

function isAbbreviation(s: string): boolean {
	return ABBREVIATION.test(s) && (s.match(/\p{Lu}/gu)?.length ?? 0) >= 2;
}

/**
 * How many words at the end of `before` the abbreviation stands for, or 0 when its letters are
 * not their initials: "US Department of Defense" and "DoD" → 3 (Department of Defense);
 * "Intermediate-Range Nuclear Forces" and "INF" → 3 (a hyphenated word gives one initial or one
 * per part); small words ("of", "the") may be passed over.
 */
export function abbreviated(before: string, abbreviation: string): number {
	const letters = abbreviation.toLowerCase().replace(/[^\p{L}\d]/gu, '');
	const words = before
		.trim()
		.split(/\s+/)
		.filter((w) => w !== '');
	// Matches letters[0..p] against words[0..i] from the end; returns where the match starts.
	const match = (i: number, p: number): number => {
		if (p < 0) return i + 1;
		if (i < 0) return -1;
		const w = (words[i] ?? '').toLowerCase();
		const parts = w.split('-').filter((x) => x !== '');
		const initials = parts.map((x) => x[0] ?? '').join('');
		const tries: number[] = [];
		if (parts.length > 1 && letters.slice(p - initials.length + 1, p + 1) === initials)
			tries.push(p - initials.length);
		if (w[0] === letters[p]) tries.push(p - 1);
		for (const next of tries) {
			const at = match(i - 1, next);
			if (at >= 0) return at;
		}
		return SMALL_WORDS.has(w) && p < letters.length - 1 ? match(i - 1, p) : -1;
	};
	if (letters.length < 2) return 0;
	const start = match(words.length - 1, letters.length - 1);
	return start < 0 ? 0 : words.length - start;
}

/** Words that may stand before an abbreviation used alone: articles and country codes ("US"). */
const BARE_HEAD = /^(?:the|a|an|\p{Lu}{2,4})$/u;

/**
 * The forms of an answer with a parenthetical abbreviation: as written, without the
 * parenthetical, and — when its letters are the initials of the words before it — with the
 * abbreviation in place of those words: "US Department of Defense (DoD)" gives itself,
 * "US Department of Defense" and "US DoD"… and "DoD" alone when nothing else precedes.
 * An answer with no such parenthetical has one form, itself.
 */
export function abbreviationForms(answer: string): string[] {
	const forms = new Set([answer]);
	const m = /^(.*?\S)\s*\(([^()]+)\)(.*)$/su.exec(answer);
	if (m) {
		const [, before = '', inner = '', after = ''] = m;
		const abbr = inner.trim();
		if (isAbbreviation(abbr)) {
			forms.add(`${before}${after}`.trim());
			const n = abbreviated(before, abbr);
			if (n > 0) {
				const words = before.trim().split(/\s+/);
				const head = words.slice(0, words.length - n);
				forms.add([...head, abbr].join(' ') + after);
				// "DoD" alone for "US Department of Defense (DoD)": only an article or a country
				// code stood before its words, never a word of substance ("Report of the DoD").
				if (after.trim() === '' && head.every((w) => BARE_HEAD.test(w))) forms.add(abbr);
			}
		}
	}
	return [...forms];
}

// ---- number words: "thirty" = 30, shared by the matcher and the checker

const UNITS = [
	'zero',
	'one',
	'two',
	'three',
	'four',
	'five',
	'six',
	'seven',
	'eight',
	'nine',
	'ten',
	'eleven',
	'twelve',
	'thirteen',
	'fourteen',
	'fifteen',
	'sixteen',
	'seventeen',
	'eighteen',
	'nineteen'
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
export const NUMBER_WORD = new Map<string, number>([
	...UNITS.map((w, n) => [w, n] as const),
	...TENS.flatMap((w, n) => (w ? [[w, n * 10] as const] : []))
]);

/** Reads a run of number words ("thirty five", "five thousand five hundred and fifty"); null if none. */
export function wordsToNumber(tokens: readonly string[]): number | null {
	let total = 0;
	let current = 0;
	let seen = false;
	for (const [i, t] of tokens.entries()) {
		const n = NUMBER_WORD.get(t);
		if (n !== undefined) current += n;
		else if (t === 'hundred' && seen) current = (current || 1) * 100;
		else if (t === 'thousand' && seen) {
			total += (current || 1) * 1000;
			current = 0;
		} else if (t === 'and' && seen && i < tokens.length - 1) continue;
		else return null;
		seen = true;
	}
	return seen ? total + current : null;
}

/**
 * The longest run of number words from `tokens[from]` that reads as one number ("and" only inside
 * one: "five hundred and fifty"), with the index just past it; null if none starts there.
 */
export function readNumberRun(
	tokens: readonly string[],
	from: number
): { value: number; end: number } | null {
	if (!NUMBER_WORD.has(tokens[from] ?? '')) return null;
	let j = from + 1;
	for (;;) {
		if (j < tokens.length && wordsToNumber(tokens.slice(from, j + 1)) !== null) j++;
		else if (tokens[j] === 'and' && wordsToNumber(tokens.slice(from, j + 2)) !== null) j += 2;
		else break;
	}
	const value = wordsToNumber(tokens.slice(from, j));
	return value === null ? null : { value, end: j };
}
