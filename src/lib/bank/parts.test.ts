import { describe, expect, it } from 'vitest';
import full from 'virtual:quire-bank';
import summary from 'virtual:quire-bank/summary';
import flashcards from 'virtual:quire-bank/flashcards';
import { bankFlashcards, bankSummary } from './parts';
import { countEntries, countTypes } from './set';

describe('the parts of the bank', () => {
	it('are served as their own modules, built from the whole bank', () => {
		expect(summary).toEqual(bankSummary(full));
		expect(flashcards).toEqual(bankFlashcards(full));
	});

	it('count the built-in set as the whole bank does', () => {
		expect(summary.itemTypes).toHaveLength(full.items.length);
		expect(countTypes(summary.itemTypes, summary.flashcards)).toEqual(
			countEntries(full.items, full.flashcards.length)
		);
	});

	it('leave the questions’ text out of the summary', () => {
		const text = JSON.stringify(summary);
		expect(text).not.toContain(full.items[0]!.prompt);
		expect(text.length).toBeLessThan(JSON.stringify(full).length / 10);
	});
});
