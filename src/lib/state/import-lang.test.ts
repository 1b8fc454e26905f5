import { describe, expect, it } from 'vitest';
import { readSetFileInWorker } from './import-read';

describe('the language of an imported file', () => {
	it('is told from its text when the file does not say', async () => {
		const french = [
			'Quelle est la capitale de la France ?\tParis',
			'Combien de jours compte une semaine ?\tSept jours',
			'Quel est le plus long fleuve de France ?\tLa Loire',
			'Qui a écrit Les Misérables ?\tVictor Hugo',
			'En quelle année a eu lieu la Révolution française ?\tEn mille sept cent quatre-vingt-neuf'
		].join('\n');
		expect((await readSetFileInWorker(french, 'fr.txt')).lang).toBe('fr');
		const english =
			'What is the capital of France?\tParis\nHow many days are in a week?\tSeven days\nWho wrote Hamlet and Macbeth?\tWilliam Shakespeare\n';
		expect((await readSetFileInWorker(english, 'en.txt')).lang).toBe('en');
	});

	it('keeps what a set file says', async () => {
		const file = {
			format: 'quire-set',
			version: 1,
			title: 'Deutsch',
			lang: 'de-AT',
			items: [],
			flashcards: [
				{
					id: 'own-aaaaaaaaaa',
					front: 'the cat',
					back: 'the dog',
					topic: 'general',
					difficulty: 2,
					voice: 'fact'
				}
			]
		};
		expect((await readSetFileInWorker(JSON.stringify(file), 'de.quire.json')).lang).toBe('de-AT');
	});
});
