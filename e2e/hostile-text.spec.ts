/**
 * Text from others on every screen that shows it: a class, student, set or topic name holding a
 * right-to-left override (U+202E) stays inside its own isolated element, so it reorders none of
 * the page's own words; and a title of hundreds of characters with no space breaks instead of
 * making the page wider than a 360 px phone.
 */
import { expect, test, type Page } from '@playwright/test';
import { ITEM_TYPES } from '../src/lib/bank/schema';
import { generateTeacherKeys } from '../src/lib/teach/crypto';
import { encodeAssignment, type AssignmentInput } from '../src/lib/teach/link';
import { SCHEMA_VERSION } from '../src/lib/db/schema';
import { createRawDb, openBlankOrigin, storesAt } from './fixtures/idb';
import { openHydrated } from './helpers';
import { bank } from './quiz';

const RLO = '\u202E';
/** 200 characters, no space: as long as a title may be. */
const LONG = 'Intermediaterangenuclearforces'.repeat(7).slice(0, 200);
/** A prompt of 600 characters with no space. */
const LONG_PROMPT = `Is${'Intermediaterangenuclearforces'.repeat(20)}`;
/** Markup in a name is shown as text, never run. */
const CLASS = `9C <img src=x onerror=alert(1)> ${RLO}ssalc`;
const STUDENT = `Ana ${RLO}tneduts`;
const TOPIC = `Treaty ${RLO}cipot`;
const SET_ID = 'set-hostile01';
const NOW = Date.UTC(2025, 4, 1, 9);

function entry(id: string, prompt: string, position: number) {
	return {
		id,
		setId: SET_ID,
		position,
		updatedAt: NOW,
		kind: 'item',
		entry: {
			id,
			type: 'truefalse',
			prompt,
			answer: true,
			topic: 'treaty',
			difficulty: 1,
			voice: 'fact',
			tags: []
		}
	};
}

/** One device holding both sides: a teacher's set, assignment and results, a student's copy. */
async function seed(page: Page) {
	const b = await bank();
	const keys = await generateTeacherKeys();
	const { kty, crv, x, y } = keys.publicJwk;
	const items = [entry('own-hostile1', LONG_PROMPT, 0), entry('own-hostile2', `Is ${RLO}eurt`, 1)];
	const payload: AssignmentInput = {
		v: 1,
		id: 'hostile-text',
		bank: b.version,
		title: LONG,
		className: CLASS,
		itemIds: items.map((i) => i.id),
		mode: 'practice',
		timeLimitMin: null,
		due: null,
		maxAttempts: null,
		shuffle: false,
		passMark: 50,
		seed: 'seed',
		teacherKey: { kty, crv, x, y },
		createdAt: NOW,
		items: items.map((i) => i.entry) as AssignmentInput['items']
	};
	const fragment = await encodeAssignment(payload);
	const result = {
		v: 1,
		assignmentId: payload.id,
		student: STUDENT,
		answers: items.map((i) => ({ itemId: i.id, answer: null, score: 0, timeMs: 1000 })),
		startedAt: NOW - 60_000,
		submittedAt: NOW,
		late: false,
		attempt: 1
	};
	await openBlankOrigin(page);
	await createRawDb(page, {
		version: SCHEMA_VERSION,
		description: 'hostile and long text from others',
		stores: storesAt(SCHEMA_VERSION),
		tables: {
			teacherKeys: [{ id: 'teacher', ...keys, createdAt: NOW }],
			assignments: [
				{
					id: payload.id,
					createdAt: NOW,
					payload,
					link: `http://localhost/a#${fragment}`
				}
			],
			results: [
				{
					id: 1,
					assignmentId: payload.id,
					dedupe: `${payload.id}:${STUDENT}`,
					student: STUDENT,
					submittedAt: NOW,
					importedAt: NOW + 1000,
					result
				}
			],
			received: [{ id: payload.id, openedAt: NOW, student: STUDENT, payload, attempts: [] }],
			sets: [
				{
					id: SET_ID,
					title: LONG,
					description: `About ${RLO}tuoba`,
					article: false,
					topics: [{ id: 'treaty', title: TOPIC }],
					counts: {
						...Object.fromEntries(ITEM_TYPES.map((t) => [t, 0])),
						truefalse: 2,
						flashcard: 0
					},
					createdAt: NOW,
					updatedAt: NOW
				}
			],
			setItems: items,
			reports: [
				{
					itemId: 'own-hostile1',
					kind: 'item',
					prompt: LONG_PROMPT.slice(0, 300),
					reason: 'typo',
					note: `Note ${RLO}eton`,
					at: NOW
				}
			]
		}
	});
}

/** The texts holding U+202E, as stored. */
const HOSTILE = [CLASS, STUDENT, TOPIC, `About ${RLO}tuoba`, `Is ${RLO}eurt`, `Note ${RLO}eton`];

/**
 * Every text node holding U+202E that is not one whole user text alone in an isolated element
 * (a `<bdi>`, an element with `dir`, or a block), described.
 */
function unisolated(page: Page): Promise<string[]> {
	return page.evaluate(
		([rlo, hostile]) => {
			const out: string[] = [];
			const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
			for (let n = walk.nextNode(); n; n = walk.nextNode()) {
				const text = n.textContent ?? '';
				if (!text.includes(rlo)) continue;
				const el = n.parentElement!;
				const bidi = getComputedStyle(el).unicodeBidi;
				const isolated = bidi === 'isolate' || bidi === 'plaintext';
				// The isolated element holds the user's text and nothing of the page's own.
				const alone =
					hostile.includes(text.trim()) && (el.textContent ?? '').trim() === text.trim();
				if (!isolated || !alone)
					out.push(`<${el.tagName.toLowerCase()}> ${bidi}: ${JSON.stringify(el.textContent)}`);
			}
			return out;
		},
		[RLO, HOSTILE] as const
	);
}

async function overflow(page: Page): Promise<number> {
	return page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
}

/**
 * The page shows `sees` (every row read: no damaged-row warning), fits a 360 px screen, and
 * every U+202E it shows is isolated.
 */
async function checkShown(page: Page, what: string, sees: string[]) {
	for (const text of sees)
		await expect(page.getByText(text).filter({ visible: true }).first(), what).toBeVisible();
	await expect(page.locator('.warn[role="alert"]'), what).toHaveCount(0);
	await page.setViewportSize({ width: 360, height: 740 });
	// Soft: one run names every page that fails.
	expect.soft(await overflow(page), `${what} is wider than 360 px`).toBe(0);
	expect.soft(await unisolated(page), what).toEqual([]);
	await expect(page.locator('img[src="x"]')).toHaveCount(0);
}

const ROUTES: { path: string; sees: string[]; ready?: (page: Page) => Promise<void> }[] = [
	{ path: '/', sees: [LONG, CLASS] },
	{ path: '/study', sees: [] },
	{ path: '/review', sees: [] },
	{ path: '/cards', sees: [] },
	{ path: '/progress', sees: [] },
	{ path: '/teach', sees: [LONG, CLASS] },
	{
		path: '/teach/results?id=hostile-text',
		sees: [LONG, CLASS, STUDENT],
		ready: async (page) => {
			await page
				.getByRole('table', { name: /Gradebook/ })
				.getByRole('button', { name: STUDENT })
				.click();
			await expect(page.getByRole('heading', { name: STUDENT })).toBeVisible();
		}
	},
	{ path: '/a?id=hostile-text', sees: [LONG, CLASS, STUDENT] },
	{ path: '/library', sees: [LONG, `About ${RLO}tuoba`] },
	{ path: `/library/set?id=${SET_ID}`, sees: [LONG, TOPIC, LONG_PROMPT] },
	{ path: '/settings', sees: [`Note ${RLO}eton`, LONG_PROMPT.slice(0, 300)] }
];

test('hostile and long text from others: isolated, and no page wider than 360 px', async ({
	page
}) => {
	test.setTimeout(180_000);
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`));
	await seed(page);
	for (const route of ROUTES) {
		await page.setViewportSize({ width: 1280, height: 800 });
		await openHydrated(page, route.path);
		await route.ready?.(page);
		await checkShown(page, route.path, route.sees);
	}

	// The student takes the assignment: the quiz shows the title and the own prompts.
	await page.setViewportSize({ width: 1280, height: 800 });
	await openHydrated(page, '/a?id=hostile-text');
	await page.getByRole('button', { name: 'Start', exact: true }).click();
	await expect(page).toHaveURL(/\/study\/session\?id=/);
	await expect(page.getByRole('region', { name: /^Question 1$/ })).toBeVisible();
	await checkShown(page, 'the quiz', [LONG]);
	// Unfinished, it is offered on Home and Study under its long title.
	for (const path of ['/', '/study']) {
		await openHydrated(page, path);
		await checkShown(page, `${path} with the unfinished quiz`, [LONG]);
	}
	expect(errors).toEqual([]);
});
