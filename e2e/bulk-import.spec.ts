import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { encryptResult, type StudentResult } from '../src/lib/teach/crypto';
import { decodeAssignment } from '../src/lib/teach/link';
import { openHydrated, storedRows } from './helpers';
import { bank } from './quiz';

/**
 * A class's worth of result codes at once, on /teach/results: 30 codes of which 3 are bad (one
 * cut short, one with a changed character, one for an assignment this device does not hold), by
 * paste (the codes inside an email) and by the file chooser (a CSV file). 27 are stored each time
 * and the 3 are named by line and start, with the reason.
 */

const axe = async (page: Page) =>
	(
		await new AxeBuilder({ page })
			.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
			.analyze()
	).violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(' ')})`);

/** The start of a code as its label shows it. */
const start = (code: string) => `${code.slice(0, 14)}…`;

test('30 result codes with 3 bad ones: 27 stored and the 3 named, by paste and by file', async ({
	page
}) => {
	test.slow();
	const b = await bank();
	const item = b.items.find((i) => i.type === 'truefalse')!;
	if (item.type !== 'truefalse') throw new Error('The bank has no true/false question.');

	// The teacher makes an assignment of one true/false question.
	await openHydrated(page, '/teach');
	await page.getByRole('textbox', { name: 'Title' }).fill('Period 2 check');
	await page.getByRole('searchbox', { name: 'Search questions' }).fill(item.id);
	await page
		.getByRole('list', { name: 'Questions to choose from' })
		.getByRole('checkbox')
		.first()
		.check();
	await expect(page.getByText('1 ticked')).toBeVisible();
	await page.getByRole('button', { name: 'Create the link' }).click();
	const created = page.getByRole('region', { name: /Link ready/ });
	const link = await created.getByRole('textbox', { name: 'Assignment link' }).inputValue();
	const decoded = await decodeAssignment(link, b.version, new Set(b.items.map((i) => i.id)));
	if (!decoded.ok) throw new Error(decoded.error);
	const a = decoded.assignment;

	// The students' devices seal their results for the teacher's key, as the app does.
	const result = (student: string, right: boolean, assignmentId = a.id): StudentResult => ({
		v: 1,
		assignmentId,
		student,
		answers: [
			{
				itemId: item.id,
				answer: { type: 'truefalse', value: right ? item.answer : !item.answer },
				score: right ? 1 : 0,
				timeMs: 3000
			}
		],
		startedAt: 1_700_000_000_000,
		submittedAt: 1_700_000_060_000,
		late: false,
		attempt: 1
	});
	/** 27 good codes (every third student wrong) and the 3 bad ones, in class order. */
	async function batch(prefix: string) {
		const good = await Promise.all(
			Array.from({ length: 27 }, (_, n) =>
				encryptResult(
					result(`${prefix} ${String(n + 1).padStart(2, '0')}`, n % 3 !== 0),
					a.teacherKey
				)
			)
		);
		const whole = await encryptResult(result(`${prefix} cut`, true), a.teacherKey);
		const truncated = whole.slice(0, whole.length - 25);
		const other = await encryptResult(result(`${prefix} other`, true), a.teacherKey);
		const mid = Math.floor(other.length / 2);
		const tampered = other.slice(0, mid) + (other[mid] === 'A' ? 'B' : 'A') + other.slice(mid + 1);
		const elsewhere = await encryptResult(
			result(`${prefix} away`, true, 'not-on-this-device'),
			a.teacherKey
		);
		const codes = [...good];
		codes.splice(4, 0, truncated);
		codes.splice(15, 0, tampered);
		codes.splice(29, 0, elsewhere);
		return { codes, truncated, tampered, elsewhere };
	}

	await page.getByRole('link', { name: 'Period 2 check' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Results' })).toBeVisible();
	const box = page.getByRole('textbox', { name: 'Paste result codes, one or many' });
	const outcomes = page.getByRole('list', { name: 'Import results' });
	const summary = page.getByRole('status').filter({ hasText: /\d+ read:/ });
	const book = page.getByRole('region', { name: /Gradebook table/ });

	// Paste: the codes inside an email, each on its own line after a greeting, one quoted.
	const pasted = await batch('Paste');
	const email = [
		'Hello Ms Rivera,',
		'here are the codes from period 2 that were sent to me:',
		'',
		...pasted.codes.map((c, n) => (n === 7 ? `> ${c}` : n === 9 ? `Noor: ${c}, thanks` : c)),
		'',
		'Best, the class rep'
	].join('\n');
	await box.fill(email);
	await page.getByRole('button', { name: 'Import codes' }).click();
	await expect(summary).toContainText('30 read: 27 imported, 0 already there, 3 with a problem.');
	// Lines: 3 of greeting, then code n on line n + 4.
	const line = (n: number, code: string) => `Line ${n + 4} (${start(code)})`;
	const errors = outcomes.locator('li.error');
	await expect(errors).toHaveCount(3);
	await expect(errors.nth(0)).toContainText(`${line(4, pasted.truncated)}: Not imported.`);
	await expect(errors.nth(0)).toContainText('Check that it was copied completely');
	await expect(errors.nth(1)).toContainText(`${line(15, pasted.tampered)}: Not imported.`);
	await expect(errors.nth(1)).toContainText('has been changed');
	await expect(errors.nth(2)).toContainText(`${line(29, pasted.elsewhere)}: Not imported.`);
	await expect(errors.nth(2)).toContainText('for a different assignment');
	await expect(outcomes.locator('li.added')).toHaveCount(27);
	await expect(outcomes.locator('li.added').first()).toContainText(
		`${line(0, pasted.codes[0]!)}: Imported Paste 01, attempt 1: 0%.`
	);
	expect(await storedRows(page, 'results')).toHaveLength(27);
	await expect(book.getByRole('row')).toHaveCount(28);
	// The refused codes stay in the box to be fixed; the page passes axe with the long list.
	await expect(box).toHaveValue(email);
	expect(await axe(page)).toEqual([]);
	await page.emulateMedia({ colorScheme: 'dark' });
	expect(await axe(page)).toEqual([]);
	// At phone width the long list wraps inside the page: nothing scrolls sideways.
	await page.setViewportSize({ width: 360, height: 740 });
	expect(
		await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		)
	).toBe(0);
	await page.setViewportSize({ width: 1280, height: 720 });

	// The file chooser: the next class's codes as a CSV file, a header and one row per student.
	const filed = await batch('File');
	const csv = ['Name,Code', ...filed.codes.map((c, n) => `Student ${n + 1},"${c}"`)].join('\r\n');
	const chooser = page.waitForEvent('filechooser');
	await page.getByRole('button', { name: 'Choose result files…' }).click();
	await (
		await chooser
	).setFiles({
		name: 'period-3.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(csv)
	});
	await expect(summary).toContainText('30 read: 27 imported, 0 already there, 3 with a problem.');
	const fileLine = (n: number, code: string) => `period-3.csv, line ${n + 2} (${start(code)})`;
	await expect(errors).toHaveCount(3);
	await expect(errors.nth(0)).toContainText(`${fileLine(4, filed.truncated)}: Not imported.`);
	await expect(errors.nth(1)).toContainText(`${fileLine(15, filed.tampered)}: Not imported.`);
	await expect(errors.nth(2)).toContainText(`${fileLine(29, filed.elsewhere)}: Not imported.`);
	expect(await storedRows(page, 'results')).toHaveLength(54);
	await expect(book.getByRole('row')).toHaveCount(55);

	// The same file again stores nothing more: 27 already there, the same 3 refused.
	const again = page.waitForEvent('filechooser');
	await page.getByRole('button', { name: 'Choose result files…' }).click();
	await (
		await again
	).setFiles({
		name: 'period-3.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(csv)
	});
	await expect(summary).toContainText('30 read: 0 imported, 27 already there, 3 with a problem.');
	expect(await storedRows(page, 'results')).toHaveLength(54);
});
