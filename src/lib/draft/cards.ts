import type { Voice } from './types.ts';

/** A flashcard found in a paragraph; `start` is where its quote begins. */
export interface FoundCard {
	start: number;
	front: string;
	back: string;
	source: string;
	explanation: string;
	reverse: boolean;
	tags: string[];
	/** Set when the card's kind fixes the voice (a name is a fact); else the sentence's. */
	voice?: Voice;
}

const SMALL = new Set(['of', 'the', 'on', 'for', 'and', 'in', 'to', 'a', 'an', 'at', 'de']);
const ROLES =
	'president|leader|prime minister|minister|secretary|secretary-general|chancellor|director|professor|chairman|chairwoman|chief|general|king|queen|editor|spokesman|spokeswoman|spokesperson|senator|governor|mayor|ambassador|commander|founder|ceo';

/** A name's head word that may follow its acronym: "… Forces (INF) Treaty". */
const TRAILING_HEAD =
	/^\s+(Treaty|Agreement|Accord|Act|Convention|Protocol|Program|Programme|Agency|Council|Commission|Committee|Organi[sz]ation|Force|Forces|Fund|Bank|Party|Alliance|Union|Initiative|Review|System|Satellite|Mission)\b/u;

/** Letters an acronym spells, lower-cased: "DoD" → "dod", "U.S." → "us". */
function letters(acronym: string): string {
	return acronym.replace(/[^\p{L}]/gu, '').toLowerCase();
}

/** Whether `needle` is a subsequence of `hay` starting at its first letter. */
function spells(hay: string, needle: string): boolean {
	if (!needle || hay[0] !== needle[0]) return false;
	let i = 0;
	for (const ch of hay) if (ch === needle[i]) i++;
	return i === needle.length;
}

interface Word {
	text: string;
	start: number;
}

/** Capitalised words (and small words between them) running back from `end`. */
function nameBefore(text: string, end: number): Word[] {
	const words: Word[] = [];
	const re = /[\p{L}\p{N}][\p{L}\p{N}.'’-]*/gu;
	const region = text.slice(0, end);
	const all = [...region.matchAll(re)].map((m) => ({ text: m[0], start: m.index }));
	for (let i = all.length - 1; i >= 0; i--) {
		const w = all[i] as Word;
		const gap = region.slice(w.start + w.text.length, words[0]?.start ?? end);
		// Punctuation other than a closing quote ends the name.
		if (/[,.;:()!?“"]/.test(gap.replace(/[”"’]\s*$/, '')) && words.length > 0) break;
		if (words.length === 0 && /[,;:()]/.test(gap)) break;
		if (/^\p{Lu}/u.test(w.text) || (SMALL.has(w.text.toLowerCase()) && words.length > 0)) {
			words.unshift(w);
			if (words.length > 12) break;
		} else break;
	}
	while (words.length > 0 && SMALL.has((words[0] as Word).text.toLowerCase())) words.shift();
	return words;
}

/** The initials of words; `hyphens` counts each part of "Intermediate-Range" as a word. */
function initialsOf(words: readonly Word[], withSmall: boolean, hyphens = true): string {
	return words
		.filter((w) => withSmall || !SMALL.has(w.text.toLowerCase()))
		.flatMap((w) => (hyphens ? w.text.split('-').filter(Boolean) : [w.text]))
		.map((part) => part[0] ?? '')
		.join('')
		.toLowerCase();
}

function spellsExactly(words: readonly Word[], want: string): boolean {
	return [true, false].some((small) =>
		[true, false].some((hyphens) => initialsOf(words, small, hyphens) === want)
	);
}

/** "Long Name (LN)" and "Long Name Treaty (LN Treaty)": abbreviation cards, studied both ways. */
function acronymCards(text: string): FoundCard[] {
	const cards: FoundCard[] = [];
	const re = /\((\p{Lu}[\p{L}.]*\p{Lu}\.?)(?:\s+(\p{Lu}\p{Ll}+))?\)/gu;
	for (const m of text.matchAll(re)) {
		const acronym = m[1] ?? '';
		const head = m[2];
		const want = letters(acronym);
		if (want.length < 2) continue;
		const words = nameBefore(text, m.index);
		if (words.length === 0) continue;
		// The shortest tail of the name that spells the acronym, else the whole run if it contains it.
		let chosen: Word[] | null = null;
		for (let k = words.length - 1; k >= 0 && !chosen; k--) {
			const tail = words.slice(k);
			if (SMALL.has((tail[0] as Word).text.toLowerCase())) continue;
			const core = head && tail[tail.length - 1]?.text === head ? tail.slice(0, -1) : tail;
			if (spellsExactly(core, want)) chosen = tail;
		}
		if (!chosen) {
			const core = head && words[words.length - 1]?.text === head ? words.slice(0, -1) : words;
			if (!spells(initialsOf(core, false), want) && !spells(initialsOf(core, true), want)) {
				// "Treaty on the Limitation of Anti-Ballistic Missile Systems (ABM Treaty)"
				const at = words.findIndex((w) => w.text === head);
				const rest = at >= 0 ? words.slice(at + 1) : [];
				if (!rest.some((w, i) => spells(initialsOf(rest.slice(i), false), want))) continue;
			}
			chosen = words;
			// The head word ("Treaty") opens the long name: start the name there.
			if (head && words[words.length - 1]?.text !== head) {
				const at = words.findIndex((w) => w.text === head);
				if (at > 0) chosen = words.slice(at);
			}
		}
		const first = chosen[0] as Word;
		const last = chosen[chosen.length - 1] as Word;
		const long = text.slice(first.start, last.start + last.text.length);
		let end = m.index + m[0].length;
		let front = head ? `${acronym} ${head}` : acronym;
		let back = head && !long.includes(head) ? `${long} ${head}` : long;
		// "Intermediate-Range Nuclear Forces (INF) Treaty": the head word follows the parentheses.
		const trailing = head ? null : TRAILING_HEAD.exec(text.slice(end));
		if (trailing) {
			front = `${acronym} ${trailing[1]}`;
			back = `${long} ${trailing[1]}`;
			end += trailing[0].length;
		}
		if (back.toLowerCase() === front.toLowerCase()) continue;
		cards.push({
			start: first.start,
			front,
			back,
			source: text.slice(first.start, end),
			explanation: `The article gives ${front} as the short form of ${back}.`,
			reverse: true,
			tags: ['names', 'definitions'],
			voice: 'fact'
		});
	}
	return cards;
}

const CUE =
	/,\s+(which\s+(?:is|was|are|were|means)|that\s+is(?:\s+to\s+say)?|i\.e\.|formally(?:\s+known\s+as)?|also\s+(?:known|called)\s+as|known\s+as)\s+/giu;
const TERM_BEFORE =
	/(?:^|[\s(“"])(?:(?:a|an|the)\s+)?((?:[\p{L}][\p{L}-]*\s+){0,3}[\p{L}][\p{L}-]*)$/iu;
const DEFINITION = /^((?:the\s+)?[“"][^”"]+[”"]|[^.;:()]+?(?=[.;:()]|,\s|$))/iu;

/** "X, which is …", "X, that is …", "X, formally the …": definition cards. */
function definitionCards(text: string): FoundCard[] {
	const cards: FoundCard[] = [];
	for (const m of text.matchAll(CUE)) {
		const cue = (m[1] ?? '').toLowerCase();
		const before = text.slice(Math.max(0, m.index - 80), m.index);
		const t = TERM_BEFORE.exec(before);
		const d = DEFINITION.exec(text.slice(m.index + m[0].length));
		if (!t || !d) continue;
		const term = (t[1] ?? '').trim();
		const raw = d[1] ?? '';
		let back = raw.trim().replace(/^(?:the|a|an)\s+/i, '');
		back = back.replace(/^[“"]|[”"]$/g, '').trim();
		if (!term || back.split(/\s+/).length < 2) continue;
		if (/^(?:it|this|that|which|they|he|she|there)$/i.test(term)) continue;
		// "X, which is a …" defines X; "X, which is obviously …" only comments on it.
		if (cue.startsWith('which') && !/^(?:a|an|the|one)\s/i.test(raw)) continue;
		const isName = /^\p{Lu}/u.test(term);
		const start = m.index - before.length + before.lastIndexOf(term);
		const source = text.slice(start, m.index + m[0].length + raw.length).trim();
		const formal = cue.startsWith('formally') || cue.includes('known') || cue.includes('called');
		const front = formal ? `The ${term}: its full name` : `What is meant by “${term}”?`;
		cards.push({
			start,
			front,
			back: back.replace(/[,”"]+$/, '').replace(/,$/, ''),
			source,
			explanation: formal
				? `The article gives the full name of the ${term}.`
				: `The article explains “${term}” in the words that follow it.`,
			reverse: false,
			tags: ['definitions'],
			voice: formal || isName ? 'fact' : undefined
		});
	}
	return cards;
}

/** "U.S. president Ronald Reagan", "Soviet leader Mikhail Gorbachev": who someone is. */
function roleCards(text: string): FoundCard[] {
	const cards: FoundCard[] = [];
	const re = new RegExp(
		`\\b((?:\\p{Lu}[\\p{L}.]*\\s+)?(?:${ROLES}))\\s+(\\p{Lu}\\p{Ll}+(?:\\s+\\p{Lu}\\p{Ll}+){1,2})\\b`,
		'gu'
	);
	for (const m of text.matchAll(re)) {
		const role = m[1] ?? '';
		const person = m[2] ?? '';
		cards.push({
			start: m.index,
			front: `Who is ${person}, according to the article?`,
			back: role,
			source: m[0],
			explanation: `The article introduces ${person} as ${role}.`,
			reverse: false,
			tags: ['names'],
			voice: 'fact'
		});
	}
	return cards;
}

/** Every flashcard the paragraph offers: abbreviations, definitions, people's roles. */
export function findCards(text: string): FoundCard[] {
	return [...acronymCards(text), ...definitionCards(text), ...roleCards(text)].sort(
		(a, b) => a.start - b.start
	);
}
