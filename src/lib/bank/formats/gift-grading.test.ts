import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseGift, toGift } from './gift.ts';

const moodle = (name: string) =>
	readFileSync(new URL(`./fixtures/moodle/${name}.gift`, import.meta.url), 'utf8');

describe('GIFT: weights, per-answer feedback and several answers travel both ways', () => {
	it.each(['examples', 'questions', 'docs-quick-examples', 'questions-in-category'])(
		"Moodle's %s.gift: export then import gives the same items",
		(name) => {
			const read = parseGift(moodle(name));
			const again = parseGift(
				toGift({ topics: read.topics, items: read.items, flashcards: read.flashcards }).text
			);
			expect(again.items).toEqual(read.items);
			expect(again.flashcards).toEqual(read.flashcards);
		}
	);

	it('writes what it reads: weighted single and multi, feedback per choice, typed forms, numbers', () => {
		const text = [
			'::s::Pick.{=a#Yes. ~%50%b#Half. ~c}',
			'::m::Pick two.{~%50%a#One. ~%50%b ~%-100%c#No.}',
			'::t::City?{=Nazareth#Right. =%75%Nazereth#Nearly. =%0%Bethlehem#No.}',
			'::n::Year?{#\n=1822:0#Exactly.\n=%50%1822:2#Close.\n=%0%1922#A century late.\n}'
		].join('\n\n');
		const read = parseGift(text);
		expect(read.problems).toEqual([]);
		const again = parseGift(toGift({ items: read.items, flashcards: [] }).text);
		expect(again.items).toEqual(read.items);
		expect(again.problems).toEqual([]);
	});
});
