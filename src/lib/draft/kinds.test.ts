// Each kind's detector and generator on real sentences from the corpus (tuning texts only).
import { describe, expect, it } from 'vitest';
import { createRng } from '../engine/rng.ts';
import { buildPool, countEntities, type Context } from './context.ts';
import { detectGenre, voiceIn } from './genre.ts';
import { articleFor, fixArticles, invert, question } from './grammar.ts';
import { findRelations } from './kinds/cause.ts';
import { findDefinitions } from './kinds/definitions.ts';
import { detailFor } from './kinds/details.ts';
import { findEvents } from './kinds/sequence.ts';
import { restate } from './kinds/truefalse.ts';
import { leaks } from './leaks.ts';
import { readArticle, sentencesOf } from './sentences.ts';
import { splitArticle } from './split.ts';
import type { DraftItem } from './types.ts';

function context(text: string): Context {
	const article = splitArticle(text);
	const genre = detectGenre(article);
	const sentences = readArticle(article, voiceIn(genre));
	return {
		rng: createRng('t'),
		topic: 'article',
		prefix: 'd',
		genre,
		sentences,
		usable: sentences.filter((s) => !s.skip),
		pool: buildPool(sentences),
		counts: countEntities(sentences),
		fullText: text,
		paragraphText: new Map(article.paragraphs.map((p) => [p.id, p.text])),
		title: article.meta.title,
		ids: new Set()
	};
}

const CHICAGO = `Great Chicago Fire

The Great Chicago Fire was a conflagration that burned in the American city of Chicago, Illinois, from October 8 to 10, 1871. The fire killed approximately 300 people, destroyed roughly 3.3 square miles (9 km2) of the city, and left more than 100,000 residents homeless.[1] It was one of the largest disasters in the United States in the 19th century.

Late on the evening of October 9, rain began to fall. In all, about 17,500 buildings were destroyed. The damage was estimated at $222 million (equivalent to about $5.6 billion in 2023).[4]

Mayor Roswell B. Mason declared martial law on October 11 and placed General Philip Sheridan in charge of keeping order. A popular story blamed a cow, but Michael Ahern, a reporter, later admitted that he had made it up. In 1997 the Chicago City Council passed a resolution that cleared Catherine O'Leary of any blame.

Relief and rebuilding

After the fire, the city passed new rules that required buildings to be built of brick. Architects from across the country came to Chicago because there was so much work. As a result, the city became a center of new building methods.`;

describe('text handling', () => {
	it('cuts sentences at their ends, not after initials or ranks, and after a citation', () => {
		const parts = sentencesOf(
			'Mayor Roswell B. Mason declared martial law. Lt. Col. Ames agreed.[2] He moved to the U.S. The next year he left.'
		).map((s) => s.text);
		expect(parts).toEqual([
			'Mayor Roswell B. Mason declared martial law.',
			'Lt. Col. Ames agreed.[2]',
			'He moved to the U.S.',
			'The next year he left.'
		]);
	});

	it('skips headings, questions, list items and reference lists; never asks for a conversion, a citation or an inflation year', () => {
		const ctx = context(
			`${CHICAGO}\n\nWhy did the fire spread so fast?\n\nReferences\n\n1. Miller, Donald L. City of the Century. New York, 1996.`
		);
		expect(ctx.sentences.find((s) => s.text === 'Why did the fire spread so fast?')?.skip).toBe(
			'question'
		);
		expect(ctx.usable.some((s) => /Miller|Relief and rebuilding/.test(s.text))).toBe(false);
		const asked = ctx.sentences.flatMap((s) => s.entities.map((e) => e.text));
		expect(asked).not.toContain('9');
		expect(asked).not.toContain('2023');
		expect(asked).not.toContain('5.6');
		const damage = ctx.sentences.find((s) => s.text.startsWith('The damage'));
		expect(damage?.plain).toBe('The damage was estimated at $222 million.');
	});

	it('fixes "a"/"an" and turns statements into questions', () => {
		expect(fixArticles('It was an minor change, a hour later, a NLB ship, an university.')).toBe(
			'It was a minor change, an hour later, an NLB ship, a university.'
		);
		expect(articleFor('European')).toBe('a');
		const [s] = sentencesOf('The Northern Lighthouse Board was founded in Edinburgh.');
		const inv = s && invert(s.terms, () => true);
		expect(inv && question('Where', { ...inv, rest: 'founded' })).toBe(
			'Where was The Northern Lighthouse Board founded?'
		);
		const [t] = sentencesOf('Keepers trimmed the wicks at dusk.');
		const inv2 = t && invert(t.terms, () => false);
		expect(inv2 && question('Why', inv2)).toBe('Why did keepers trim the wicks at dusk?');
		// A question is never made from a pronoun subject: "Will you join …" cannot come out.
		const [u] = sentencesOf('It happens on high mountains.');
		expect(u && invert(u.terms, () => false)).toBeNull();
	});
});

describe('key terms', () => {
	it('finds "X is the …" definitions and "called" terms, and no names or measurements', () => {
		const ctx = context(`The Water Cycle

Evaporation is the change of liquid water into water vapor, the gas form of water. Transpiration is the release of water vapor from the leaves of plants through tiny openings called stomata. The tunnel is about 50 kilometres long. The Mid-Atlantic Ridge is a divergent boundary. Fog is a cloud that forms near the ground.`);
		const found = findDefinitions(ctx.sentences).map((d) => [d.term, d.meaning]);
		expect(found).toContainEqual([
			'Evaporation',
			'the change of liquid water into water vapor, the gas form of water'
		]);
		expect(found).toContainEqual(['Fog', 'a cloud that forms near the ground']);
		expect(found).toContainEqual(['stomata', 'tiny openings']);
		expect(found.map(([t]) => t)).not.toContain('tunnel');
		expect(found.map(([t]) => t)).not.toContain('Mid-Atlantic Ridge');
	});
});

describe('who / what / when / where / how many', () => {
	const ctx = context(CHICAGO);
	const ask = (start: string) => {
		const s = ctx.usable.find((x) => x.text.startsWith(start));
		if (!s) throw new Error(`no sentence ${start}`);
		return detailFor(ctx, s)?.entry as DraftItem | undefined;
	};

	it('asks who did it, with people from the article as the options', () => {
		const item = ask('Mayor Roswell');
		expect(item?.type).toBe('single');
		if (item?.type !== 'single') return;
		expect(item.prompt).toBe(
			'Who declared martial law on October 11 and placed General Philip Sheridan in charge of keeping order?'
		);
		expect(item.answer).toBe('Roswell B. Mason');
		expect(item.choices).toEqual(expect.arrayContaining(['Michael Ahern', "Catherine O'Leary"]));
	});

	it('asks when, with the time phrase cut out and the clause inverted', () => {
		const item = ask('Late on the evening');
		expect(item?.prompt).toBe('On what date did rain begin to fall?');
		const year = ask('In 1997');
		expect(year?.prompt).toBe(
			"In what year did the Chicago City Council pass a resolution that cleared Catherine O'Leary of any blame?"
		);
	});

	it('asks how many of what, typed, with a hedged count given a tolerance', () => {
		const item = ask('In all, about 17,500');
		expect(item).toMatchObject({
			type: 'numeric',
			answer: 17500,
			tolerance: 1750,
			unit: 'buildings'
		});
		expect(item?.prompt).toBe('How many buildings were destroyed?');
	});
});

describe('cause and effect, sequence, true or false', () => {
	const ctx = context(CHICAGO);

	it('reads "because" and "As a result" relations', () => {
		const rel = findRelations(ctx.usable).map((r) => [r.cause, r.effect]);
		expect(rel).toContainEqual([
			'there was so much work',
			'Architects from across the country came to Chicago'
		]);
		expect(rel).toContainEqual([
			'Architects from across the country came to Chicago because there was so much work',
			'the city became a center of new building methods'
		]);
	});

	it('dates events by the text, a day by the year last named, never by an inflation note', () => {
		const events = findEvents(ctx);
		expect(events.map((e) => [e.year, e.label])).toContainEqual([1871, 'Rain began to fall']);
		expect(events.some((e) => e.year === 2023)).toBe(false);
	});

	it('restates a sentence rather than copying it', () => {
		expect(restate('In 1997 the council passed a resolution.')).toBe(
			'In 1997 the council passed a resolution.'
		);
		expect(restate('After the fire, the city passed new rules.')).toBe(
			'The city passed new rules after the fire.'
		);
		expect(restate('However, the keepers left (in 1998).[3]')).toBe('The keepers left.');
	});
});

describe('sibling leaks', () => {
	it('counts a key shown in its own context, not a bare mention elsewhere', () => {
		const base = {
			source: 'x',
			paragraph: 'p1',
			topic: 't',
			difficulty: 1 as const,
			voice: 'fact' as const,
			level: 'recall' as const,
			tags: [],
			explanation: 'x'
		};
		const when: DraftItem = {
			...base,
			id: 'a',
			type: 'numeric',
			prompt: 'In what year was the Northern Lighthouse Board founded?',
			answer: 1786,
			tolerance: 0
		};
		const shows: DraftItem = {
			...base,
			id: 'b',
			type: 'truefalse',
			prompt: 'The Northern Lighthouse Board was founded in 1786 in Edinburgh.',
			answer: true
		};
		const other: DraftItem = {
			...base,
			id: 'c',
			type: 'truefalse',
			prompt: 'The keepers kept a logbook from 1786 on.',
			answer: true
		};
		expect(leaks(shows, when)).toBe(true);
		expect(leaks(other, when)).toBe(false);
	});
});
