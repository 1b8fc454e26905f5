/**
 * Issue 27 §3 and §4 through the real pages: every export format is saved under its own name and
 * type, shows what it cannot carry before saving, and the downloaded file, chosen again in the
 * file chooser, gives back the same set (what the format carries of it). Moodle's own GIFT
 * examples import whole, advice shown beside each question; a binary file is named as such; the
 * preview pages its questions; Quizlet's separators are typed in and the cards follow.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openHydrated } from './helpers';

const axe = async (page: Page) =>
	(
		await new AxeBuilder({ page })
			.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
			.analyze()
	).violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(' ')})`);

const common = { topic: 'general', difficulty: 1, voice: 'fact', tags: ['inf'] };
/** A set with every kind of entry the formats differ on, names from a Moodle file included. */
const ITEMS = [
	{
		id: 'a-1',
		name: 'Q1',
		type: 'single',
		prompt: 'Who signed the INF Treaty for the USSR?',
		choices: ['Gorbachev', 'Yeltsin', 'Andropov'],
		answer: 'Gorbachev',
		explanation: 'He signed it with Reagan in 1987.',
		...common
	},
	{
		id: 'a-2',
		type: 'cloze',
		prompt: 'Name the year.',
		text: 'The treaty was signed in {{1987}} in Washington.',
		explanation: 'December 1987.',
		...common
	},
	{
		id: 'a-3',
		type: 'truefalse',
		prompt: 'The treaty covered sea-launched missiles.',
		answer: false,
		...common
	},
	{
		id: 'a-4',
		type: 'match',
		prompt: 'Match each abbreviation to its meaning.',
		pairs: [
			{ left: 'INF', right: 'Intermediate-Range Nuclear Forces' },
			{ left: 'ABM', right: 'Anti-Ballistic Missile' }
		],
		...common
	}
];
const CARDS = [
	{
		id: 'c-1',
		front: 'Café',
		back: 'A place for coffee, article’s “quotes” kept',
		explanation: 'French, with an acute accent.',
		reverse: false,
		...common
	},
	{ id: 'c-2', front: 'Cause and effect', back: 'cause -> effect', reverse: false, ...common }
];
const SET_FILE = JSON.stringify({
	format: 'quire-set',
	version: 1,
	title: 'Export fixture',
	topics: [{ id: 'general', title: 'General' }],
	items: ITEMS,
	flashcards: CARDS
});

type Entry = Record<string, unknown>;
const FRONTS = CARDS.map((c) => c.front);
const pick = (e: Entry, keys: string[]) =>
	Object.fromEntries(keys.filter((k) => k in e).map((k) => [k, e[k]]));
const withoutId = (e: Entry) => {
	const rest = { ...e };
	delete rest.id;
	return rest;
};

/** What each format carries back of the set, as compared after a round trip through the page. */
const CARRIED: Record<string, (set: { items: Entry[]; flashcards: Entry[] }) => unknown> = {
	'Quire set file': (s) => [s.items.map(withoutId), s.flashcards.map(withoutId)],
	'Moodle GIFT': (s) => [s.items.map(withoutId), s.flashcards.map(withoutId)],
	CSV: (s) => [s.items.map(withoutId), s.flashcards.map(withoutId)],
	Aiken: (s) =>
		s.items.filter((i) => i.type === 'single').map((i) => pick(i, ['prompt', 'choices', 'answer'])),
	// Quiz items come back as cards too (named in the warning); the set's own cards are compared.
	Quizlet: (s) =>
		s.flashcards
			.filter((c) => FRONTS.includes(String(c.front)))
			.map((c) => pick(c, ['front', 'back'])),
	'Anki (notes in plain text)': (s) => [
		s.items
			.filter((i) => i.type === 'cloze')
			.map((i) => pick(i, ['name', 'prompt', 'text', 'explanation', 'topic', 'tags'])),
		s.flashcards
			.filter((c) => FRONTS.includes(String(c.front)))
			.map((c) => pick(c, ['name', 'front', 'back', 'explanation', 'reverse', 'topic', 'tags']))
	]
};

const FORMATS = [
	{
		name: 'Quire set file',
		file: 'export-fixture.quire.json',
		type: 'application/json',
		warns: null
	},
	{
		name: 'Moodle GIFT',
		file: 'export-fixture.gift',
		type: 'text/plain;charset=utf-8',
		warns: 'GIFT cannot escape \'->\' in the back "cause -> effect"'
	},
	{
		name: 'Aiken',
		file: 'export-fixture-aiken.txt',
		type: 'text/plain;charset=utf-8',
		warns:
			'Aiken holds single-choice questions only: 3 questions (cloze, truefalse, match) and 2 flashcards not written'
	},
	{
		name: 'Quizlet',
		file: 'export-fixture-quizlet.txt',
		type: 'text/plain;charset=utf-8',
		warns: 'written as term and definition'
	},
	{
		name: 'Anki (notes in plain text)',
		file: 'export-fixture-anki.txt',
		type: 'text/plain;charset=utf-8',
		warns: 'the explanations of 1 flashcard are in the column "Explanation"'
	},
	{ name: 'CSV', file: 'export-fixture.csv', type: 'text/csv;charset=utf-8', warns: null }
];

/** Records the type of every Blob a page saves, since a download does not carry it. */
async function recordBlobTypes(page: Page) {
	await page.addInitScript(() => {
		const made = URL.createObjectURL.bind(URL);
		(window as unknown as { blobTypes: string[] }).blobTypes = [];
		URL.createObjectURL = (obj: Blob | MediaSource) => {
			if (obj instanceof Blob)
				(window as unknown as { blobTypes: string[] }).blobTypes.push(obj.type);
			return made(obj);
		};
	});
}

async function choose(page: Page, name: string, buffer: Buffer, mimeType = 'text/plain') {
	await page.getByLabel('Choose a file…').setInputFiles({ name, mimeType, buffer });
	await expect(
		page.getByRole('heading', {
			name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `)
		})
	).toBeFocused();
}

/** Imports a file through the chooser under a title; gives the new set's page address. */
async function importFile(page: Page, name: string, buffer: Buffer, title: string) {
	await openHydrated(page, '/library');
	await choose(page, name, buffer);
	await page.getByLabel('Title of the new set').fill(title);
	await page.getByRole('button', { name: /^Import \d+ entr/ }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	return page.url();
}

/** Clicks an export button, accepting the warnings when shown; gives the download. */
async function exportAs(page: Page, format: (typeof FORMATS)[number]) {
	const saving = page.waitForEvent('download');
	await page.getByRole('button', { name: `Export: ${format.name}` }).click();
	if (format.warns) {
		const panel = page.getByRole('region', { name: /the file cannot carry/ });
		await expect(panel.getByRole('heading')).toBeFocused();
		await expect(panel).toContainText(format.warns);
		await panel.getByRole('button', { name: `Save ${format.file} anyway` }).click();
	}
	const download = await saving;
	const buffer = readFileSync(await download.path());
	await expect(
		page.getByRole('status').filter({ hasText: `Saved as ${download.suggestedFilename()}.` })
	).toBeVisible();
	return { name: download.suggestedFilename(), buffer };
}

async function setFileOf(page: Page) {
	const { buffer } = await exportAs(page, FORMATS[0]!);
	return JSON.parse(buffer.toString('utf8')) as { items: Entry[]; flashcards: Entry[] };
}

test('every export format: its own name and type, warnings before saving, the file re-imported gives the set back', async ({
	page
}) => {
	test.slow();
	await recordBlobTypes(page);
	const origin = await importFile(
		page,
		'export-fixture.quire.json',
		Buffer.from(SET_FILE),
		'Export fixture'
	);
	const original = await setFileOf(page);
	// The name a Moodle file gave a question is kept through the set (GIFT's ::Q1::).
	expect(original.items[0]).toMatchObject({ name: 'Q1', prompt: ITEMS[0]!.prompt });
	expect(original.items.length + original.flashcards.length).toBe(6);

	for (const format of FORMATS) {
		await page.goto(origin);
		await expect(page.getByRole('button', { name: `Export: ${format.name}` })).toBeEnabled();
		const types = await page.evaluate(
			() => (window as unknown as { blobTypes: string[] }).blobTypes.length
		);
		const file = await exportAs(page, format);
		expect(file.name, format.name).toBe(format.file);
		const saved = await page.evaluate(
			() => (window as unknown as { blobTypes: string[] }).blobTypes
		);
		expect(saved[types], format.name).toBe(format.type);
		if (format.name === 'CSV') expect([...file.buffer.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		if (format.name.startsWith('Anki'))
			expect(file.buffer.toString('utf8')).toMatch(/^#separator:tab\n#html:false\n/);
		if (format.name === 'Moodle GIFT')
			expect(file.buffer.toString('utf8')).toContain('::Q1::[plain]');

		// The downloaded file, chosen again, gives back what the format carries.
		await importFile(page, file.name, file.buffer, `Again ${format.name}`);
		const again = await setFileOf(page);
		expect(CARRIED[format.name]!(again), format.name).toEqual(CARRIED[format.name]!(original));
	}
	expect(await axe(page)).toEqual([]);
});

test("Moodle's own GIFT examples import whole through the file chooser, advice shown beside each question", async ({
	page
}) => {
	test.slow();
	const text = readFileSync('src/lib/bank/formats/fixtures/moodle/examples.gift');
	await openHydrated(page, '/library');
	await choose(page, 'examples.gift', text);
	await expect(
		page.getByRole('heading', { name: 'examples.gift: 43 entries to import' })
	).toBeVisible();
	await expect(page.getByText('Format: Moodle GIFT · 0 problems skipped')).toBeVisible();
	const rows = page.getByRole('list', { name: 'Entries', exact: true }).locator(':scope > li');
	await expect(rows).toHaveCount(43);
	// Both "What two people are entombed in Grant's tomb?", each on its own line, with the advice.
	for (const [line, id] of [
		[132, 'what-two-people-are-entombed-in-grants-tomb'],
		[138, 'what-two-people-are-entombed-in-grants-tomb-2']
	] as const) {
		const row = rows.filter({ hasText: `line ${line} · Multiple select` });
		await expect(row).toContainText("What two people are entombed in Grant's tomb?");
		await expect(
			row.getByText(
				`line ${line}: question "${id}": prompt gives away the answer "Grant" (advice; imported as written)`
			)
		).toBeVisible();
	}
	expect(await axe(page)).toEqual([]);
	await page.getByLabel('Title of the new set').fill('Moodle examples');
	await page.getByRole('button', { name: 'Import 43 entries' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Moodle examples' })).toBeVisible();
	await expect(page.getByRole('region', { name: 'Entries' }).getByRole('listitem')).toHaveCount(43);
});

test('the preview pages long files 50 at a time; a binary file is named as such; Quizlet separators are typed in', async ({
	page
}) => {
	test.slow();
	await openHydrated(page, '/library');
	// A binary file (a zip, as a .docx is) is not read as text.
	await page.getByLabel('Choose a file…').setInputFiles({
		name: 'quiz.docx',
		mimeType: 'application/octet-stream',
		buffer: Buffer.from([0x50, 0x4b, 3, 4, 20, 0, 8, 0, 0, 0])
	});
	await expect(page.getByRole('alert')).toHaveText(
		'quiz.docx: this is not a text question file (it holds binary data): save it as Moodle GIFT or Moodle XML, Aiken, Quizlet or Anki text, CSV, a Quire set file or an Anki package (.apkg).'
	);

	// 120 questions: the first 50, then the next pages.
	const gift = Array.from(
		{ length: 120 },
		(_, i) => `::n${i + 1}::Is ${i + 1} a whole number?{T}`
	).join('\n\n');
	await choose(page, 'long.gift', Buffer.from(gift));
	const list = page.getByRole('list', { name: /^Entries 1–50 of 120$/ });
	await expect(list.locator(':scope > li')).toHaveCount(50);
	await expect(list.locator(':scope > li').first()).toContainText('Is 1 a whole number?');
	await page.getByRole('button', { name: 'Next 50' }).press('Enter');
	const second = page.getByRole('list', { name: 'Entries 51–100 of 120' });
	await expect(second).toBeFocused();
	await expect(second.locator(':scope > li').first()).toContainText('Is 51 a whole number?');
	await page.getByRole('button', { name: 'Next 20' }).press(' ');
	await expect(
		page.getByRole('list', { name: 'Entries 101–120 of 120' }).locator(':scope > li')
	).toHaveCount(20);
	await expect(page.getByRole('button', { name: /^Next/ })).toBeDisabled();

	// Quizlet text with custom separators: told as nothing, then read as the teacher types.
	await choose(
		page,
		'cards.txt',
		Buffer.from('INF - Intermediate-Range Nuclear Forces\n\nABM - Anti-Ballistic Missile\n')
	);
	await expect(page.getByRole('heading', { name: 'cards.txt: 0 entries to import' })).toBeVisible();
	await page.getByLabel('Read the file as').selectOption('quizlet');
	await page.getByLabel('Between term and definition').fill(' - ');
	await page.getByLabel('Between cards').fill('\\n\\n');
	await expect(page.getByRole('heading', { name: 'cards.txt: 2 entries to import' })).toBeVisible();
	const cards = page.getByRole('list', { name: 'Entries', exact: true }).locator(':scope > li');
	await expect(cards).toHaveText([/line 1 · Flashcard\s*INF/, /line 3 · Flashcard\s*ABM/]);
	await page.getByLabel('Between term and definition').fill(' = ');
	await expect(page.getByRole('heading', { name: 'cards.txt: 0 entries to import' })).toBeVisible();
	await expect(page.getByText(/line 1: no " = " between term and definition/)).toBeVisible();
	expect(await axe(page)).toEqual([]);
});
