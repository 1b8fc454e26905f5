import { describe, expect, it } from 'vitest';
import { readDueTimes } from './badge';
import { sharedArticle, sharedFileProblem, SHARE_FILE_TYPES } from './shared';

describe('sharedFileProblem', () => {
	it('lets the files the import reads through', () => {
		for (const name of [
			'deck.gift',
			'Notes.TXT',
			'cards.csv',
			'a.tsv',
			'set.quire.json',
			'Spanish.apkg',
			'moodle.xml'
		])
			expect(sharedFileProblem(name), name).toBeNull();
	});

	it('says clearly why other files cannot be imported', () => {
		expect(sharedFileProblem('set.quire.zip')).toMatch(/\.zip archive/);
		expect(sharedFileProblem('photo.png')).toBe(
			'Quire cannot import “photo.png”: it reads GIFT, Aiken, Quizlet or Anki text (.gift, .txt), Moodle XML (.xml), Anki packages (.apkg), CSV or TSV files and Quire set files (.quire.json).'
		);
	});

	it('the manifest offers every file type the issue names', () => {
		const exts = Object.values(SHARE_FILE_TYPES).flat();
		for (const ext of ['.gift', '.txt', '.csv', '.apkg', '.xml', '.quire.json', '.quire.zip'])
			expect(exts).toContain(ext);
	});
});

describe('sharedArticle', () => {
	it('puts the title first, then the text, then a link the text does not hold', () => {
		expect(sharedArticle({ title: 'Title', text: 'Body text.', url: 'https://x.test/a' })).toBe(
			'Title\n\nBody text.\n\nhttps://x.test/a'
		);
		expect(
			sharedArticle({
				title: 'Title',
				text: 'Title and more https://x.test/a',
				url: 'https://x.test/a'
			})
		).toBe('Title and more https://x.test/a');
		expect(sharedArticle({ title: '', text: '', url: '' })).toBe('');
	});
});

describe('readDueTimes', () => {
	it('accepts a list of finite numbers only', () => {
		expect(readDueTimes({ due: [1, 2] })).toEqual([1, 2]);
		expect(readDueTimes({ due: [1, 'x'] })).toBeNull();
		expect(readDueTimes({ due: [Infinity] })).toBeNull();
		expect(readDueTimes(null)).toBeNull();
	});
});
