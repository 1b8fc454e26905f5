/**
 * A seeded generator of valid imported items and flashcards of every type, full of awkward text
 * (GIFT's special characters, unicode, HTML, spreadsheet formulas, format markers), for round-trip
 * tests and the import benchmark. The same seed gives the same set.
 */
import { ITEM_TYPES, type ItemType } from '../schema.ts';
import { VOICES, type ImportedFlashcard, type ImportedItem } from './item.ts';

/** A small seeded PRNG (mulberry32 over a string hash). */
export function seeded(seed: string): () => number {
	let h = 1779033703 ^ seed.length;
	for (let i = 0; i < seed.length; i++) {
		h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
		h = (h << 13) | (h >>> 19);
	}
	let a = h >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Text that trips naive parsers and renderers; every entry is kept exactly by Quire's formats. */
export const AWKWARD = [
	'plain words',
	'tilde ~ equals = hash # braces { } colon : backslash \\',
	'Ünïcödé ✓ 日本語 🎉 עברית',
	'<img src=x onerror=alert(1)>',
	'=HYPERLINK("http://evil.example","click")',
	'+1 plus',
	'-2 minus',
	'@SUM(A1:A2)',
	'"double" and \'single\' quotes',
	'comma, semicolon; pipe | bar',
	'[html]<b>bold</b>',
	'// not a comment',
	'::not a title::',
	'$CATEGORY: not a category',
	'%50% looks like a weight',
	'#hash at the start',
	'line\nbreak',
	'&amp; an entity',
	'ends with a backslash \\',
	'{{c1::not a cloze}}',
	'TRUE',
	'a -> arrow'
];

/** Fragments a cloze text, a blank or a short answer cannot hold. */
const NOT_IN_CLOZE_TEXT = /[{}]|_____/;
const NOT_IN_BLANK = /[{}|\n]|->/;
const NOT_IN_ANSWER = /->/;

export interface Generated {
	items: ImportedItem[];
	flashcards: ImportedFlashcard[];
}

export interface GenerateOptions {
	/** The text fragments to draw from. */
	awkward?: readonly string[];
	/** Whether flashcards are among the entries (default true). */
	flashcards?: boolean;
}

/** `count` entries cycling through every item type (and flashcards), drawn from the seed. */
export function generateSet(seed: string, count: number, options: GenerateOptions = {}): Generated {
	const awkward = options.awkward ?? AWKWARD;
	const rng = seeded(seed);
	const int = (n: number) => Math.floor(rng() * n);
	const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
	const fragment = (avoid?: RegExp) => {
		const pool = avoid ? awkward.filter((f) => !avoid.test(f)) : awkward;
		return pick(pool.length > 0 ? pool : ['plain words']);
	};
	const text = (avoid?: RegExp) =>
		Array.from({ length: 1 + int(3) }, () => fragment(avoid))
			.join(' ')
			.trim();
	/** n distinct entries: each gets a number word, so no two are the same. */
	const distinct = (n: number, avoid?: RegExp) =>
		Array.from({ length: n }, (_, i) => `${fragment(avoid)} no${i + 1}`);
	const kinds: (ItemType | 'flashcard')[] =
		options.flashcards === false ? [...ITEM_TYPES] : [...ITEM_TYPES, 'flashcard'];
	const out: Generated = { items: [], flashcards: [] };

	for (let n = 0; n < count; n++) {
		const kind = kinds[n % kinds.length] as ItemType | 'flashcard';
		const common = {
			id: `gen-${n}-${kind}`,
			topic: pick(['alpha', 'beta-topic', 'gamma']),
			difficulty: (1 + int(3)) as 1 | 2 | 3,
			tags: int(2) === 0 ? [] : [pick(['dates', 'names', 'x-1'])],
			voice: pick(VOICES),
			...(int(3) > 0 ? { explanation: text() } : {}),
			...(int(2) === 0 ? { paragraph: `p${1 + int(12)}`, source: text() } : {})
		};
		if (kind === 'flashcard') {
			out.flashcards.push({
				...common,
				front: text(),
				back: text(NOT_IN_ANSWER),
				reverse: int(2) === 0
			});
			continue;
		}
		const prompt = text();
		switch (kind) {
			case 'single': {
				const choices = distinct(2 + int(7));
				out.items.push({ ...common, type: 'single', prompt, choices, answer: pick(choices) });
				break;
			}
			case 'multi': {
				const choices = distinct(2 + int(7));
				const right = 1 + int(choices.length - 1);
				const answers = choices.filter((_, i) => i < right);
				out.items.push({
					...common,
					type: 'multi',
					prompt,
					choices: [...choices].reverse(),
					answers: [...answers].reverse()
				});
				break;
			}
			case 'truefalse':
				out.items.push({ ...common, type: 'truefalse', prompt, answer: int(2) === 0 });
				break;
			case 'short': {
				const [answer = 'x', ...accept] = distinct(1 + int(3), NOT_IN_ANSWER);
				out.items.push({ ...common, type: 'short', prompt, answer, accept });
				break;
			}
			case 'numeric': {
				const answer = pick([1987, -40.5, 0.1, 1e-7, 123456789.125, 5500, 0]);
				const tolerance = pick([0, 0, 0.5, 2]);
				out.items.push({
					...common,
					type: 'numeric',
					prompt,
					answer,
					tolerance,
					...(int(2) === 0 ? { unit: pick(['km', 'years', 'm²']) } : {})
				});
				break;
			}
			case 'cloze': {
				const blanks = 1 + int(3);
				let t = int(2) === 0 ? '' : `${text(NOT_IN_CLOZE_TEXT)} `;
				for (let b = 0; b < blanks; b++) {
					const answers = distinct(1 + int(2), NOT_IN_BLANK);
					t += `{{${answers.join('|')}}}`;
					if (b < blanks - 1 || int(2) === 0) t += ` ${text(NOT_IN_CLOZE_TEXT)}`;
					if (b < blanks - 1) t += ' ';
				}
				const instruction =
					int(2) === 0 ? (blanks === 1 ? 'Fill in the blank.' : 'Fill in the blanks.') : text();
				out.items.push({ ...common, type: 'cloze', prompt: instruction, text: t.trim() });
				break;
			}
			case 'order':
				out.items.push({ ...common, type: 'order', prompt, items: distinct(3 + int(6)) });
				break;
			case 'match': {
				const n = 2 + int(7);
				const lefts = distinct(n, NOT_IN_ANSWER);
				const rights = distinct(n);
				out.items.push({
					...common,
					type: 'match',
					prompt,
					pairs: lefts.map((left, i) => ({ left, right: rights[i] ?? '' }))
				});
				break;
			}
		}
	}
	return out;
}

/**
 * `count` short plain questions as a teacher's own bank holds them (single choice, true/false,
 * short answer, numeric; no explanation, quote or tag): 50,000 of them make a GIFT file of about
 * 3.3 MB, the size of the file the big-import goals were set on.
 */
export function generatePlainSet(seed: string, count: number): Generated {
	const rng = seeded(seed);
	const int = (n: number) => Math.floor(rng() * n);
	const words = ['river', 'castle', 'engine', 'planet', 'garden', 'winter', 'signal', 'harbour'];
	const word = () => words[int(words.length)] as string;
	const out: Generated = { items: [], flashcards: [] };
	for (let n = 0; n < count; n++) {
		const common = {
			id: `q${n + 1}`,
			topic: 'general',
			difficulty: 2 as const,
			voice: 'fact' as const,
			tags: [] as string[]
		};
		const prompt = `Question ${n + 1}: which ${word()} is meant?`;
		switch (n % 4) {
			case 0: {
				const choices = [`${word()} a`, `${word()} b`, `${word()} c`];
				out.items.push({
					...common,
					type: 'single',
					prompt,
					choices,
					answer: choices[int(3)] as string
				});
				break;
			}
			case 1:
				out.items.push({
					...common,
					type: 'truefalse',
					prompt: `Statement ${n + 1} is ${word()}.`,
					answer: int(2) === 0
				});
				break;
			case 2:
				out.items.push({
					...common,
					type: 'short',
					prompt: `Question ${n + 1}: name the ${word()}.`,
					answer: `name ${n + 1}`,
					accept: []
				});
				break;
			default:
				out.items.push({
					...common,
					type: 'numeric',
					prompt: `Question ${n + 1}: how many?`,
					answer: int(1000),
					tolerance: 0
				});
		}
	}
	return out;
}
