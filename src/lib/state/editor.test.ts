import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import bank from 'virtual:quire-bank';
import { db } from '$lib/db';
import {
	createSet,
	emptyCounts,
	getDraft,
	getEntry,
	getSet,
	listEntries,
	putEntries
} from '$lib/db/sets';
import { DRAFT_DELAY_MS, EditorState, type EditorDeps } from './editor.svelte';

/** A clock and timers the test moves by hand. */
function fakeDeps(): EditorDeps & { advance: (ms: number) => Promise<void> } {
	let now = 1_000_000;
	let timers: { at: number; fn: () => void; id: number }[] = [];
	let seq = 0;
	let r = 0;
	return {
		now: () => now,
		random: () => (r++ % 36) / 36,
		setTimer: (fn, ms) => {
			timers.push({ at: now + ms, fn, id: ++seq });
			return seq;
		},
		clearTimer: (id) => {
			timers = timers.filter((t) => t.id !== id);
		},
		async advance(ms) {
			now += ms;
			const due = timers.filter((t) => t.at <= now);
			timers = timers.filter((t) => t.at > now);
			for (const t of due) t.fn();
			// Let the draft write (IndexedDB) finish.
			for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
		}
	};
}

async function newSet(article = false) {
	await createSet({
		id: 'set-editor1',
		title: 'Mine',
		description: '',
		article,
		topics: [{ id: 'general', title: 'General' }],
		counts: emptyCounts(),
		createdAt: 1,
		updatedAt: 1
	});
}

beforeEach(async () => {
	await db.open();
	await Promise.all(db.tables.map((t) => t.clear()));
});

describe('EditorState', () => {
	it('saves a draft as the teacher types and restores it in a new editor', async () => {
		await newSet();
		const deps = fakeDeps();
		const editor = new EditorState(deps);
		const id = await editor.load({ setId: 'set-editor1' });
		expect(id).toMatch(/^own-/);
		editor.edit('prompt', (f) => (f.prompt = 'Who signed for the USSR?'));
		expect(editor.draft).toBe('pending');
		await deps.advance(DRAFT_DELAY_MS);
		expect(editor.draft).toBe('saved');
		expect((await getDraft('set-editor1', id!))?.form.prompt).toBe('Who signed for the USSR?');

		const again = new EditorState(fakeDeps());
		await again.load({ setId: 'set-editor1', entryId: id });
		expect(again.form.prompt).toBe('Who signed for the USSR?');
		expect(again.restoredAt).not.toBeNull();
		expect(again.isNew).toBe(true);
	});

	it('shows problems of touched fields, all of them after a save attempt, and saves nothing', async () => {
		await newSet();
		const editor = new EditorState(fakeDeps());
		await editor.load({ setId: 'set-editor1' });
		editor.edit('prompt', (f) => (f.prompt = 'Who?'));
		expect(Object.keys(editor.errors)).toEqual([]);
		editor.edit('choices.0', (f) => (f.choices[0]!.text = 'Gorbachev'));
		expect(Object.keys(editor.errors)).toEqual([]);
		const result = await editor.save();
		expect(result).toEqual({ ok: false, field: 'choices' });
		expect(editor.errors).toEqual({ choices: ['needs at least 2 choices'] });
		expect(editor.message).toBe('One problem needs fixing before this can be saved.');
		expect((await listEntries('set-editor1')).rows).toEqual([]);
	});

	it('undoes typing in one field as one step, and redoes it', async () => {
		await newSet();
		const deps = fakeDeps();
		const editor = new EditorState(deps);
		await editor.load({ setId: 'set-editor1' });
		editor.edit('prompt', (f) => (f.prompt = 'W'));
		editor.edit('prompt', (f) => (f.prompt = 'Wh'));
		editor.edit('prompt', (f) => (f.prompt = 'Who'));
		editor.edit('type', (f) => (f.type = 'short'));
		expect(editor.undoCount).toBe(2);
		editor.undo();
		expect(editor.form.type).toBe('single');
		expect(editor.form.prompt).toBe('Who');
		editor.undo();
		expect(editor.form.prompt).toBe('');
		editor.redo();
		expect(editor.form.prompt).toBe('Who');
		// A pause starts a new step even in the same field.
		await deps.advance(5000);
		editor.edit('prompt', (f) => (f.prompt = 'Who signed?'));
		editor.undo();
		expect(editor.form.prompt).toBe('Who');
	});

	it('saves a valid entry with a new topic, drops the draft, and edits it again', async () => {
		await newSet();
		const deps = fakeDeps();
		const editor = new EditorState(deps);
		const id = (await editor.load({ setId: 'set-editor1', kind: 'flashcard' }))!;
		editor.edit('front', (f) => (f.front = 'INF'));
		editor.edit('back', (f) => (f.back = 'Intermediate-Range Nuclear Forces'));
		editor.edit('topic', (f) => (f.topic = 'Names'));
		await deps.advance(DRAFT_DELAY_MS);
		expect(await editor.save()).toEqual({ ok: true });
		expect(await getDraft('set-editor1', id)).toBeUndefined();
		const set = await getSet('set-editor1');
		expect(set?.counts.flashcard).toBe(1);
		expect(set?.topics).toContainEqual({ id: 'names', title: 'Names' });

		const again = new EditorState(fakeDeps());
		await again.load({ setId: 'set-editor1', entryId: id });
		expect(again.isNew).toBe(false);
		expect(again.form).toMatchObject({ kind: 'flashcard', front: 'INF', topic: 'Names' });
	});

	it('saves an imported entry with editorial advice, keeping its name from the file', async () => {
		await newSet();
		// Moodle's own example: the prompt names "Grant", one of the keys. Advice, not a fault.
		const entombed = {
			id: 'own-entombed1',
			name: 'Q2',
			topic: 'general',
			difficulty: 2 as const,
			voice: 'fact' as const,
			tags: [],
			type: 'multi' as const,
			prompt: "What two people are entombed in Grant's tomb?",
			choices: ['No one', 'Grant', "Grant's wife", "Grant's father"],
			answers: ['Grant', "Grant's wife"]
		};
		await putEntries('set-editor1', [{ kind: 'item', entry: entombed }], [], 2);
		const editor = new EditorState(fakeDeps());
		await editor.load({ setId: 'set-editor1', entryId: 'own-entombed1' });
		expect(editor.built.advice.prompt?.[0]).toMatch(/^prompt gives away the answer/);
		editor.edit('explanation', (f) => (f.explanation = 'Grant and his wife lie in the tomb.'));
		expect(await editor.save()).toEqual({ ok: true });
		const stored = await getEntry('own-entombed1');
		expect(stored?.entry).toMatchObject({
			name: 'Q2',
			explanation: 'Grant and his wife lie in the tomb.'
		});
	});

	it('shows the checker live beside its field; a warning is dismissed and kept, an error never', async () => {
		await newSet();
		const editor = new EditorState(fakeDeps());
		const id = (await editor.load({ setId: 'set-editor1' }))!;
		editor.edit('prompt', (f) => (f.prompt = 'Which treaty did the US leave in 2019?'));
		editor.edit('choices', (f) => {
			f.choices = [
				{ text: 'The Intermediate-Range Nuclear Forces Treaty of 1987', right: true },
				{ text: 'START', right: false },
				{ text: 'SALT', right: false },
				{ text: 'ABM', right: false }
			];
		});
		const longest = editor.findings.find((f) => f.rule === 'longest-key');
		expect(longest).toMatchObject({ severity: 'warning', key: 'choices.0', dismissed: false });
		expect(longest?.hint).not.toBe('');
		editor.dismiss('longest-key');
		expect(editor.findings.find((f) => f.rule === 'longest-key')?.dismissed).toBe(true);
		expect(await editor.save()).toEqual({ ok: true });
		expect((await getEntry(id))?.entry).toMatchObject({ dismissed: ['longest-key'] });
		const again = new EditorState(fakeDeps());
		await again.load({ setId: 'set-editor1', entryId: id });
		expect(again.findings.find((f) => f.rule === 'longest-key')?.dismissed).toBe(true);
		// Fixing the options clears the finding as the teacher types.
		again.edit('choices.0', (f) => (f.choices[0]!.text = 'INF'));
		expect(again.findings.some((f) => f.rule === 'longest-key')).toBe(false);
		// "All of the above" is an error: shown, saved over, never dismissed.
		again.edit('choices.3', (f) => (f.choices[3]!.text = 'All of the above'));
		const error = again.findings.find((f) => f.rule === 'all-none-above');
		expect(error).toMatchObject({ severity: 'error', key: 'choices.3' });
		again.dismiss('all-none-above');
		expect(again.form.dismissed).not.toContain('all-none-above');
		expect(await again.save()).toEqual({ ok: true });
		expect(again.message).toMatch(/still finds one error/);
	});

	it('edits a copy of a built-in item: new id, the original recorded, the quote checked', async () => {
		await newSet(true);
		const original = bank.items.find((i) => i.type === 'single')!;
		const editor = new EditorState(fakeDeps());
		const id = (await editor.load({ setId: 'set-editor1', copy: original.id }))!;
		expect(id).not.toBe(original.id);
		expect(editor.form.prompt).toBe(original.prompt);
		// The built-in article's paragraphs load with the set, for the paragraph list and the quote.
		expect(editor.paragraphs.map((p) => p.id)).toEqual(bank.paragraphs.map((p) => p.id));
		expect(editor.built.errors).toEqual({});
		editor.edit('source', (f) => (f.source = `${f.source} (not in the article)`));
		expect(editor.errors.source?.[0]).toMatch(/^source not found verbatim in p\d+/);
		editor.undo();
		editor.edit('prompt', (f) => (f.prompt = `${f.prompt} Choose one.`));
		expect(await editor.save()).toEqual({ ok: true });
		const rows = (await listEntries('set-editor1')).rows;
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ id, copyOf: original.id, kind: 'item' });
	});

	it('refuses to edit the built-in set or a set that is gone', async () => {
		const editor = new EditorState(fakeDeps());
		expect(await editor.load({ setId: 'builtin' })).toBeNull();
		expect(editor.status).toBe('missing');
		expect(await editor.load({ setId: 'set-gone00' })).toBeNull();
		expect(editor.problem).toMatch(/not on this device/);
	});
	it('converts TeX for the preview as typed, refuses to save a formula that does not convert, and stores the MathML', async () => {
		await newSet();
		const editor = new EditorState(fakeDeps());
		await editor.load({ setId: 'set-editor1' });
		editor.edit('prompt', (f) => (f.prompt = 'What is \\(x^2\\) at 3?'));
		editor.edit('choices.0', (f) => (f.choices[0]!.text = '9'));
		editor.edit('choices.1', (f) => (f.choices[1]!.text = '\\(x^\\)'));
		editor.edit('choices.0', (f) => (f.choices[0]!.right = true));
		await editor.refreshMath();
		expect(Object.keys(editor.math.map ?? {})).toEqual(['\\(x^2\\)']);
		expect(editor.math.errors).toEqual([{ source: '\\(x^\\)', message: 'not valid TeX' }]);
		expect(await editor.save()).toEqual({ ok: false, field: null });
		expect(editor.message).toBe(
			'The formula \\(x^\\) could not be converted (not valid TeX): fix it before this can be saved.'
		);
		expect((await listEntries('set-editor1')).rows).toEqual([]);

		editor.edit('choices.1', (f) => (f.choices[1]!.text = '6'));
		await editor.refreshMath();
		expect(editor.math.errors).toEqual([]);
		expect(await editor.save()).toEqual({ ok: true });
		const [row] = (await listEntries('set-editor1')).rows;
		expect(row?.entry.math).toEqual({
			'\\(x^2\\)': '<math><msup><mi>x</mi><mn>2</mn></msup></math>'
		});
	});
});
