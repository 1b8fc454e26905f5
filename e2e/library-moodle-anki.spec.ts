/**
 * Issue 25 §3 through the real page: a Moodle XML file (Moodle's own fixture) and an Anki package
 * (built as Anki writes one: zstd-compressed collection.anki21b, media list, meta) go through the
 * file chooser; the preview names what each question or note loses, and the set is imported.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { latestPackage, ready } from '../src/lib/bank/formats/testpkg';
import { openHydrated } from './helpers';

async function choose(page: Page, name: string, buffer: Buffer, mimeType: string) {
	await page.getByLabel('Choose a file…').setInputFiles({ name, mimeType, buffer });
	await expect(
		page.getByRole('heading', { name: new RegExp(`^${name.replace('.', '\\.')}: `) })
	).toBeFocused();
}

test('a Moodle XML file and an Anki package import through the file chooser, losses named per question', async ({
	page
}) => {
	test.slow();
	await openHydrated(page, '/library');
	await expect(page.getByLabel('Choose a file…')).toHaveAttribute('accept', /\.xml.*\.apkg/);

	// Moodle's own multichoice fixture: a sound and four flag pictures, feedback on each answer.
	await choose(
		page,
		'multichoice.xml',
		readFileSync('src/lib/bank/formats/fixtures/moodle-xml/multichoice.xml'),
		'text/xml'
	);
	await expect(
		page.getByRole('heading', { name: 'multichoice.xml: 1 entry to import' })
	).toBeVisible();
	await expect(page.getByText('Format: Moodle XML', { exact: false })).toBeVisible();
	const rows = page.getByRole('list', { name: 'Entries', exact: true }).locator(':scope > li');
	const greeting = rows.filter({ hasText: 'line 12 · ' });
	await expect(greeting).toContainText('What language is being spoken?');
	await expect(
		greeting.getByText(
			'line 12: multichoice question "Greeting": 5 files not kept (bonjour.mp3, flag-uk.jpg, flag-france.jpg, flag-german.jpg, flag-denmark.jpg): Quire keeps no pictures or sounds yet'
		)
	).toBeVisible();
	await expect(
		greeting.getByText(/feedback on individual answers \("Sorry, listen again\."/)
	).toBeVisible();
	await page.getByLabel('Title of the new set').fill('Moodle multichoice');
	await page.getByRole('button', { name: 'Import 1 entry' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Moodle multichoice' })).toBeVisible();
	await expect(page.getByRole('region', { name: 'Entries' }).getByRole('listitem')).toHaveCount(1);

	// An Anki package of the newer kind: two Basic notes (one reversed), a Cloze note, two notes of
	// a note type Quire does not read, an image and a sound.
	await ready();
	await openHydrated(page, '/library');
	await choose(page, 'french.apkg', Buffer.from(latestPackage()), 'application/octet-stream');
	await expect(
		page.getByRole('heading', { name: 'french.apkg: 3 entries to import' })
	).toBeVisible();
	const notes = page.getByRole('list', { name: 'Entries', exact: true }).locator(':scope > li');
	await expect(
		page.getByText(
			'line 1: the package holds 3 media files (2 images, 1 sound); Quire keeps no pictures or sounds yet, so none is imported: each note that uses one says so'
		)
	).toBeVisible();
	const dog = notes.filter({ hasText: 'line 2 · ' });
	await expect(dog).toContainText('le chien');
	await expect(
		dog.getByText(
			'line 2: 2 media files not kept: dog.jpg (image), chien.mp3 (sound); Quire keeps no pictures or sounds yet'
		)
	).toBeVisible();
	await expect(
		page.getByText(/line 4: 2 notes of the note type "Japanese \(recognition\)" .* skipped/)
	).toBeVisible();
	await page.getByLabel('Title of the new set').fill('French from Anki');
	await page.getByRole('button', { name: 'Import 3 entries' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'French from Anki' })).toBeVisible();
	await expect(page.getByRole('region', { name: 'Entries' }).getByRole('listitem')).toHaveCount(3);
});
