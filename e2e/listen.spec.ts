import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openHydrated } from './helpers';

/**
 * Puts a stand-in for the browser's speech in the page before it loads: `voices` are what it
 * lists; every call is logged in `window.__speech`. This tests Quire's calls, not the voices.
 */
async function stubSpeech(page: Page, voices: { lang: string; name: string }[]) {
	await page.addInitScript((list) => {
		const log: { call: string; text?: string; lang?: string; voice?: string }[] = [];
		(window as unknown as { __speech: typeof log }).__speech = log;
		class Utterance extends EventTarget {
			text: string;
			lang = '';
			voice: { name: string } | null = null;
			constructor(text: string) {
				super();
				this.text = text;
			}
		}
		const all = list.map((v) => ({ ...v, default: false, localService: true, voiceURI: v.name }));
		const synth = Object.assign(new EventTarget(), {
			getVoices: () => all,
			speak: (u: Utterance) =>
				log.push({ call: 'speak', text: u.text, lang: u.lang, voice: u.voice?.name ?? '' }),
			cancel: () => log.push({ call: 'cancel' }),
			speaking: false,
			pending: false,
			paused: false
		});
		Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
		Object.defineProperty(window, 'SpeechSynthesisUtterance', {
			value: Utterance,
			configurable: true
		});
	}, voices);
}

const calls = (page: Page) =>
	page.evaluate(() => (window as unknown as { __speech: unknown[] }).__speech);

async function type(page: Page, label: string, text: string) {
	const field = page.getByLabel(label, { exact: true });
	await field.focus();
	await page.keyboard.press('ControlOrMeta+A');
	await page.keyboard.type(text);
}

test('Listen reads a question in its set’s language with a voice of it, and stops on moving on', async ({
	page
}) => {
	test.slow();
	await stubSpeech(page, [
		{ lang: 'en-US', name: 'Alex' },
		{ lang: 'fr-FR', name: 'Thomas' }
	]);
	await openHydrated(page, '/library');
	await type(page, 'Title', 'Vocabulaire');
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { level: 1, name: 'Vocabulaire' })).toBeVisible();
	const setId = new URL(page.url()).searchParams.get('id')!;

	// The set's language, on its page.
	await page.getByText('Rename, describe or set the language of this set').click();
	await type(page, 'Language', 'fr');
	await page.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Saved.' }).first()).toBeVisible();

	for (const [q, a] of [
		['Comment dit-on « cat » ?', 'chat'],
		['Comment dit-on « dog » ?', 'chien']
	] as const) {
		await page.goto(`/library/edit?set=${setId}`);
		await expect(page.getByRole('heading', { level: 1, name: 'New question' })).toBeFocused();
		await page.getByLabel('Question type', { exact: true }).selectOption({ label: 'Short answer' });
		await type(page, 'Question', q);
		await type(page, 'Answer', a);
		await page.keyboard.press('ControlOrMeta+S');
		await expect(
			page.getByRole('alert').filter({ hasText: 'Saved in “Vocabulaire”.' })
		).toBeVisible();
	}

	await openHydrated(page, `/study?set=${setId}&mode=practice`);
	await page.getByRole('button', { name: 'Start' }).click();
	await expect(page).toHaveURL(/\/study\/session\?id=/);
	const listen = page.getByRole('button', { name: 'Listen to the question' });
	await expect(listen).toBeVisible();
	expect(
		await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze()
	).toHaveProperty('violations', []);
	const prompt = (await page.locator('.prompt').first().innerText()).trim();
	await listen.focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('button', { name: 'Stop reading the question' })).toBeFocused();
	const spoken = (await calls(page)) as {
		call: string;
		text?: string;
		lang?: string;
		voice?: string;
	}[];
	expect(spoken.filter((c) => c.call === 'speak')).toEqual([
		{ call: 'speak', text: prompt, lang: 'fr-FR', voice: 'Thomas' }
	]);

	// Moving on stops it.
	const before = spoken.length;
	await page.getByLabel(/Comment dit-on/).fill('x');
	await page.getByRole('button', { name: 'Check' }).click();
	await page.getByRole('button', { name: /^Next/ }).click();
	await expect(page.getByRole('button', { name: 'Listen to the question' })).toBeVisible();
	const after = (await calls(page)) as { call: string }[];
	expect(after.slice(before).some((c) => c.call === 'cancel')).toBe(true);
});

test('no Listen button where no voice speaks the set’s language', async ({ page }) => {
	await stubSpeech(page, [{ lang: 'de-DE', name: 'Anna' }]);
	await openHydrated(page, '/study');
	await page.getByRole('button', { name: 'Start' }).click();
	await expect(page).toHaveURL(/\/study\/session\?id=/);
	await expect(page.locator('.prompt').first()).toBeVisible();
	await expect(page.getByRole('button', { name: /Listen/ })).toHaveCount(0);
});
