import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '$lib/db';
import { MAX_REPORTS } from '$lib/db/rows';
import {
	PROMPT_CHARS,
	promptForReport,
	reportsCsv,
	reportsJson,
	ReportsState
} from './reports.svelte';

const NOW = Date.UTC(2026, 10, 30, 12);
const target = { itemId: 'treaty-signing-year', kind: 'item' as const, prompt: 'In which year?' };

beforeEach(async () => {
	await db.open();
	await Promise.all(db.tables.map((t) => t.clear()));
});

describe('ReportsState', () => {
	it('asks for a reason and stores nothing without one', async () => {
		const state = new ReportsState();
		const out = await state.submit(target, null, 'note', NOW);
		expect(out).toEqual({
			ok: false,
			error: 'Choose what is wrong: wrong answer, my answer should count, unclear, typo or other.'
		});
		expect(await db.reports.count()).toBe(0);
	});

	it('stores a report with its note cleaned, shows it as reported, and replaces it on a second one', async () => {
		const state = new ReportsState();
		await state.ensureLoaded();
		expect(state.get(target.itemId)).toBeUndefined();
		expect(await state.submit(target, 'wrong', '  The key says 1988\t ', NOW)).toEqual({
			ok: true,
			replaced: false
		});
		expect(state.get(target.itemId)).toMatchObject({ reason: 'wrong', note: 'The key says 1988' });
		expect(await state.submit(target, 'typo', 'x'.repeat(900), NOW + 1)).toEqual({
			ok: true,
			replaced: true
		});
		// A fresh state (another page) reads the stored row back.
		const other = new ReportsState();
		await other.ensureLoaded();
		expect(other.list).toHaveLength(1);
		expect(other.get(target.itemId)).toMatchObject({ reason: 'typo', at: NOW + 1 });
		expect(other.get(target.itemId)?.note).toHaveLength(500);
	});

	it('lists newest first, leaves a damaged row out and names it', async () => {
		const state = new ReportsState();
		await state.submit(target, 'unclear', '', NOW);
		await state.submit({ ...target, itemId: 'card-x', kind: 'card' }, 'other', '', NOW + 5);
		await db.reports.put({
			...target,
			reason: 'spam',
			note: '',
			at: NOW,
			itemId: 'bad-row'
		} as never);
		await state.reload();
		expect(state.list.map((r) => r.itemId)).toEqual(['card-x', target.itemId]);
		expect(state.problems).toHaveLength(1);
		expect(state.problems[0]).toMatch(
			/^The reported problem “bad-row” stored on this device is damaged \(reason: /
		);
	});

	it('deletes one report, then all', async () => {
		const state = new ReportsState();
		await state.submit(target, 'unclear', '', NOW);
		await state.submit({ ...target, itemId: 'card-x', kind: 'card' }, 'other', '', NOW);
		expect(await state.remove(target.itemId)).toBe(true);
		expect(state.list.map((r) => r.itemId)).toEqual(['card-x']);
		expect(await state.removeAll()).toBe(1);
		expect(state.list).toEqual([]);
		expect(await db.reports.count()).toBe(0);
	});

	it('refuses a new report past the limit but still lets one be changed', async () => {
		await db.reports.bulkPut(
			Array.from({ length: MAX_REPORTS }, (_, i) => ({
				itemId: `q-${i}`,
				kind: 'item' as const,
				prompt: 'P',
				reason: 'other' as const,
				note: '',
				at: NOW
			}))
		);
		const state = new ReportsState();
		await state.ensureLoaded();
		const out = await state.submit(target, 'typo', '', NOW);
		expect(out).toEqual({
			ok: false,
			error: `You have reported ${MAX_REPORTS} problems already. Export and delete some in Settings first.`
		});
		expect(await state.submit({ ...target, itemId: 'q-7' }, 'typo', '', NOW)).toEqual({
			ok: true,
			replaced: true
		});
	});
});

describe('what a report keeps and exports', () => {
	it('keeps a prompt on one line, blanks for cloze gaps, cut to the bound', () => {
		expect(promptForReport('The {{1987}} treaty\n was   signed', 'x')).toBe(
			'The ____ treaty was signed'
		);
		expect(promptForReport('   ', 'the-id')).toBe('the-id');
		const long = promptForReport('w '.repeat(400), 'x');
		expect(long).toHaveLength(PROMPT_CHARS);
		expect(long.endsWith('…')).toBe(true);
	});

	it('exports CSV a spreadsheet cannot run, and JSON in the stored shape', () => {
		const row = {
			itemId: 'q-1',
			kind: 'item' as const,
			prompt: '=1+1',
			reason: 'wrong' as const,
			note: '@SUM(A1)\nsecond line, "quoted"',
			at: NOW
		};
		expect(reportsCsv([row])).toBe(
			'Date,Kind,Id,Question or card,Reason,Note\r\n' +
				`2026-11-30,Question,q-1,'=1+1,Wrong answer,"'@SUM(A1)\nsecond line, ""quoted"""\r\n`
		);
		expect(JSON.parse(reportsJson([row], NOW))).toEqual({
			format: 'quire-reports',
			exportedAt: NOW,
			reports: [row]
		});
	});
});
