import { describe, expect, it } from 'vitest';
import full from 'virtual:quire-bank';
import summary from 'virtual:quire-bank/summary';
import flashcards from 'virtual:quire-bank/flashcards';
import index from 'virtual:quire-bank/index';
import article from 'virtual:quire-bank/article';
import { bankArticle, bankFlashcards, bankIndex, bankSummary } from './parts';
import { voiceMarks } from './voice';
import { countEntries, countTypes } from './set';

describe('the parts of the bank', () => {
	it('are served as their own modules, built from the whole bank', () => {
		expect(summary).toEqual(bankSummary(full));
		expect(flashcards).toEqual(bankFlashcards(full));
		expect(index).toEqual(bankIndex(full));
		expect(article).toEqual(bankArticle(full));
	});

	it('give the reading page the article, the entries per paragraph and the marked sentences', () => {
		expect(article.paragraphs).toEqual(full.paragraphs);
		expect(article.meta).toEqual(full.meta);
		const all = [...full.items, ...full.flashcards];
		for (const p of full.paragraphs) {
			expect(article.counts[p.id] ?? 0).toBe(all.filter((e) => e.paragraph === p.id).length);
			expect(article.quizCounts[p.id] ?? 0).toBe(
				full.items.filter((e) => e.paragraph === p.id).length
			);
		}
		expect(new Map(Object.entries(article.marks))).toEqual(voiceMarks(full));
		expect(Object.values(article.marks).flat().length).toBeGreaterThan(0);
		const text = JSON.stringify(article);
		for (const item of full.items) expect(text).not.toContain(item.explanation);
	});

	it('index every quiz item by id, type, topic, difficulty, paragraph and prompt (a cloze with its text), and nothing more', () => {
		expect(index.version).toBe(full.version);
		expect(index.items).toHaveLength(full.items.length);
		index.items.forEach((entry, i) => {
			const item = full.items[i]!;
			expect(entry).toStrictEqual({
				id: item.id,
				type: item.type,
				topic: item.topic,
				difficulty: item.difficulty,
				paragraph: item.paragraph,
				prompt: item.prompt,
				...(item.type === 'cloze' ? { text: item.text } : {})
			});
		});
		expect(index.items.some((e) => e.text)).toBe(true);
	});

	it('leave the answers and explanations out of the index', () => {
		const text = JSON.stringify(index);
		for (const item of full.items) expect(text).not.toContain(item.explanation);
		expect(text.length).toBeLessThan(JSON.stringify(full).length / 3);
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
