import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBank } from '../load.ts';
import type { Bank } from '../schema.ts';
import { parseAnki, toAnki } from './anki.ts';
import { parseCsv, toCsv } from './csv.ts';
import { parseGift, toGift } from './gift.ts';
import { IMPORT_DEFAULTS, type ExportSet } from './item.ts';
import { parseQuireSet, toQuireSet } from './quire-set.ts';
import { AWKWARD, generateSet } from './testgen.ts';
import type { ExportResult, ParseResult } from './types.ts';

const ROOT = fileURLToPath(new URL('../../../..', import.meta.url));
const SEEDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'];

const FORMATS: [string, (s: ExportSet) => ExportResult, (t: string) => ParseResult][] = [
	['GIFT', (s) => toGift(s), (t) => parseGift(t)],
	[
		'set file',
		(s) => toQuireSet(s, { title: 'Round trip', now: Date.UTC(2025, 0, 2) }),
		(t) => parseQuireSet(t)
	],
	['CSV', (s) => toCsv(s), (t) => parseCsv(t)]
];

describe.each(FORMATS)('%s round trip over generated items of every type', (_, write, read) => {
	it.each(SEEDS)('seed %s: export then import gives the same items and flashcards', (seed) => {
		const set = generateSet(seed, 180);
		const types = new Set(set.items.map((i) => i.type));
		expect(types.size).toBe(8);
		expect(set.flashcards.length).toBeGreaterThan(0);
		const out = write(set);
		expect(out.warnings).toEqual([]);
		const back = read(out.text);
		expect(back.problems).toEqual([]);
		expect(back.items).toEqual(set.items);
		expect(back.flashcards).toEqual(set.flashcards);
	});

	it('keeps every awkward text exactly, in every field', () => {
		const set = generateSet('awkward', 90);
		const text = JSON.stringify(set);
		// The generator really does use every awkward fragment somewhere.
		for (const fragment of AWKWARD) expect(text).toContain(JSON.stringify(fragment).slice(1, -1));
		const back = read(write(set).text);
		expect({ items: back.items, flashcards: back.flashcards }).toEqual(set);
	});
});

describe('Anki round trip', () => {
	it('keeps flashcards: id, front, back, reverse, topic and tags', () => {
		const set = generateSet('anki', 180);
		const back = parseAnki(toAnki({ title: 'Set', items: [], flashcards: set.flashcards }).text);
		expect(back.problems).toEqual([]);
		expect(back.flashcards.map((f) => [f.id, f.front, f.back, f.reverse, f.topic, f.tags])).toEqual(
			set.flashcards.map((f) => [f.id, f.front, f.back, f.reverse, f.topic, f.tags])
		);
	});

	it('keeps a cloze item as a Cloze note with its explanation', () => {
		const item = {
			id: 'c',
			type: 'cloze' as const,
			prompt: 'Fill in the blanks.',
			text: 'The {{INF}} Treaty was signed in {{1987}}.',
			explanation: 'Because.',
			topic: 'treaty',
			difficulty: 2 as const,
			tags: ['dates'],
			voice: 'fact' as const
		};
		const back = parseAnki(toAnki({ items: [item], flashcards: [] }).text);
		expect(back.items).toEqual([item]);
	});
});

describe('the built-in bank', () => {
	let bank: Bank;
	beforeAll(async () => {
		const loaded = await loadBank('questions', ROOT);
		expect(loaded.errors).toEqual([]);
		bank = loaded.bank as Bank;
	});
	// Built-in entries carry no voice yet; imports give the default one.
	const withVoice = <T extends object>(e: T) => ({ voice: IMPORT_DEFAULTS.voice, ...e });

	const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);

	it.each(FORMATS)('exports to %s and imports back as the same items', (name, write, read) => {
		const out = write(bank);
		expect(out.warnings).toEqual([]);
		const back = read(out.text);
		expect(back.problems).toEqual([]);
		expect(back.items).toEqual(bank.items.map(withVoice));
		expect(back.flashcards).toEqual(bank.flashcards.map(withVoice));
		// The whole built-in bank went through, not a sample (it holds about a hundred items).
		expect(back.items.length).toBe(bank.items.length);
		expect(back.items.length).toBeGreaterThan(90);
		// CSV names topics by id only; GIFT and the set file keep their titles.
		const titles =
			name === 'CSV' ? bank.topics.map((t) => ({ id: t.id, title: t.id })) : bank.topics;
		expect([...back.topics].sort(byId)).toEqual([...titles].sort(byId));
	});
});
