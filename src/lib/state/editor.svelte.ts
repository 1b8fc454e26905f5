/**
 * The set editor: one entry of an own set, its form, the checks as you type, an undo history of
 * its own, and a draft saved as the teacher types (so nothing typed is lost to a closed tab).
 */
import { lintItem, ruleById, type Finding } from '$lib/bank/lint';
import { entryTexts, hasTex, type MathMapT } from '$lib/bank/math';
import type { TexError } from '$lib/bank/tex';
import { BUILTIN_SET_ID, fromBuiltIn, newId, numberParagraphs } from '$lib/bank/set';
import { acceptsTyped } from '$lib/engine';
import type { NewEntry, SetRow } from '$lib/db/sets';
import {
	blankForm,
	buildEntry,
	findingKey,
	formFrom,
	isEntryId,
	readForm,
	type Built,
	type EntryForm,
	type FieldErrors
} from './entry-form';
import { app } from './app.svelte';

const loadSets = () => import('$lib/db/sets');
/** TeX → MathML: loaded once the form holds a formula (temml itself on the first one). */
const loadTex = () => import('$lib/bank/tex');
import { databaseExists } from '$lib/db/exists';

/** How long typing pauses before the draft is saved. */
export const DRAFT_DELAY_MS = 600;
/** Edits to one field closer together than this undo as one step. */
export const COALESCE_MS = 1000;
/** Undo steps kept. */
const HISTORY = 200;

/** What the editor opens: an entry of a set, a new one, or a copy of a built-in entry. */
export interface EditorTarget {
	setId: string;
	/** The entry to edit, or the id a new entry was given (its draft may be stored). */
	entryId?: string | null;
	/** A built-in entry to copy into the set. */
	copy?: string | null;
	kind?: 'item' | 'flashcard';
}

/** Timers and randomness, passed in so tests control them. */
export interface EditorDeps {
	now: () => number;
	random: () => number;
	setTimer?: (fn: () => void, ms: number) => unknown;
	clearTimer?: (handle: unknown) => void;
}

/**
 * The whole built-in bank (its article, its topics, a copy's original), loaded once a set is
 * open: the page itself does not need it.
 */
const loadBank = () => import('virtual:quire-bank').then((m) => m.default);

/** One finding of the item-quality checker on the form, placed by the field it shows beside. */
export interface FormFinding extends Finding {
	/** The form field (`prompt`, `choices.2`, …); `''` for the entry as a whole. */
	key: string;
	/** The rule's title, e.g. "Key is the longest option". */
	title: string;
	/** A warning the teacher dismissed for this entry (an error never is). */
	dismissed: boolean;
}

/** One editor session; thin pages render it and call its actions. */
export class EditorState {
	status = $state<'loading' | 'missing' | 'ready'>('loading');
	problem = $state('');
	set = $state.raw<SetRow | null>(null);
	entryId = $state('');
	copyOf = $state<string | undefined>(undefined);
	/** Not yet saved in the set. */
	isNew = $state(true);
	form = $state.raw<EntryForm>(blankForm('item'));
	/** Fields edited or left, whose problems show; every field after a save attempt. */
	touched = $state.raw<ReadonlySet<string>>(new Set());
	showAll = $state(false);
	draft = $state<'none' | 'pending' | 'saved' | 'error'>('none');
	draftSavedAt = $state<number | null>(null);
	/** Set when the form came back from a stored draft. */
	restoredAt = $state<number | null>(null);
	message = $state('');
	busy = $state(false);
	undoCount = $state(0);
	redoCount = $state(0);
	/**
	 * The form's maths for the preview: each TeX segment converted (the converter loads on the
	 * first), and each formula that did not convert with its message.
	 */
	math = $state.raw<{ map: MathMapT | undefined; errors: TexError[] }>({
		map: undefined,
		errors: []
	});
	private mathRun = 0;

	/** The built-in article's paragraphs as the editor lists them, once a set is open. */
	private builtInParagraphs = $state.raw<{ id: string; n: number; kind?: string; text: string }[]>(
		[]
	);
	/** The paragraphs entries cite: the set's own article's, or the built-in article's. */
	paragraphs: { id: string; n: number; kind?: string; text: string }[] = $derived(
		this.set?.ownArticle ? numberParagraphs(this.set.ownArticle) : this.builtInParagraphs
	);

	built: Built = $derived(
		buildEntry(this.form, {
			id: this.entryId || 'own-preview',
			topics: this.set?.topics ?? [],
			paragraphs: this.paragraphs,
			requireQuote: this.set?.article ?? false
		})
	);
	/** Problems of the fields that show them. */
	errors: FieldErrors = $derived.by(() => {
		const all = this.built.errors;
		if (this.showAll) return all;
		const out: FieldErrors = {};
		for (const [key, list] of Object.entries(all)) if (this.isTouched(key)) out[key] = list;
		return out;
	});

	/**
	 * The item-quality checker's findings on the entry as it stands (once it has no fault that
	 * keeps it from being saved), live as the teacher types: errors first, dismissed warnings last.
	 */
	findings: FormFinding[] = $derived.by(() => {
		const entry = this.built.entry;
		if (!entry) return [];
		const form = this.form;
		const cites = this.set?.article || this.set?.ownArticle;
		const found = lintItem(entry, {
			accepts: acceptsTyped,
			...(cites ? { paragraphs: this.paragraphs } : {})
		});
		return found
			.map((f) => ({
				...f,
				key: findingKey(form, f.field),
				title: ruleById(f.rule)?.title ?? f.rule,
				dismissed: f.severity === 'warning' && form.dismissed.includes(f.rule)
			}))
			.sort((a, b) => Number(a.dismissed) - Number(b.dismissed));
	});

	/**
	 * Dismisses a rule's warnings for this entry (kept with it once saved), or brings them back.
	 * A rule that finds an error here cannot be dismissed.
	 */
	dismiss(rule: string, on = true) {
		if (on && this.findings.some((f) => f.rule === rule && f.severity === 'error')) return;
		if (on === this.form.dismissed.includes(rule)) return;
		this.edit('dismissed', (x) => {
			x.dismissed = on ? [...x.dismissed, rule] : x.dismissed.filter((r) => r !== rule);
		});
	}

	private undoStack: EntryForm[] = [];
	private redoStack: EntryForm[] = [];
	private lastField: string | null = null;
	private lastAt = 0;
	private timer: unknown = null;
	private deps: Required<EditorDeps>;

	constructor(deps: EditorDeps) {
		this.deps = {
			setTimer: (fn, ms) => setTimeout(fn, ms),
			clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
			...deps
		};
	}

	/** Opens an entry; gives the entry id to put in the address (a new entry's id is made here). */
	async load(target: EditorTarget): Promise<string | null> {
		this.status = 'loading';
		if (target.setId === BUILTIN_SET_ID) {
			return this.fail('The built-in questions cannot be edited: use “Edit a copy” instead.');
		}
		// A first visit has no sets at all: Dexie waits for the first write.
		if (!(await databaseExists()))
			return this.fail('This set is not on this device. It may have been deleted.');
		const repo = await loadSets();
		let set: SetRow | undefined;
		let bank: Awaited<ReturnType<typeof loadBank>>;
		try {
			[set, bank] = await Promise.all([repo.getSet(target.setId), loadBank()]);
		} catch (error) {
			return this.fail(error instanceof Error ? error.message : String(error));
		}
		if (!set) return this.fail('This set is not on this device. It may have been deleted.');
		this.builtInParagraphs = bank.paragraphs.map((p) => ({
			id: p.id,
			n: p.n,
			kind: p.kind,
			text: p.text
		}));
		this.set = set;
		const topicTitle = (id: string) =>
			set.topics.find((t) => t.id === id)?.title ??
			bank.topics.find((t) => t.id === id)?.title ??
			id;
		const wanted = target.entryId && isEntryId(target.entryId) ? target.entryId : null;
		const existing = wanted ? await repo.getEntry(wanted).catch(() => undefined) : undefined;
		if (existing && existing.setId !== set.id)
			return this.fail('This entry belongs to another set.');
		this.entryId = wanted ?? newId('own', this.deps.random);
		this.isNew = !existing;
		if (existing) {
			this.copyOf = existing.copyOf;
			this.form = formFrom(existing.entry, topicTitle(existing.entry.topic));
		} else if (target.copy) {
			const original =
				bank.items.find((i) => i.id === target.copy) ??
				bank.flashcards.find((c) => c.id === target.copy);
			if (!original) return this.fail('The built-in question to copy is not in this bank.');
			this.copyOf = original.id;
			this.form = formFrom(fromBuiltIn(original), topicTitle(original.topic));
		} else {
			this.form = blankForm(target.kind ?? 'item', set.topics[0]?.title ?? 'General');
		}
		const draft = await repo.getDraft(set.id, this.entryId);
		const form = draft ? readForm(draft.form) : null;
		if (draft && form) {
			this.form = form;
			this.copyOf = draft.copyOf ?? this.copyOf;
			this.restoredAt = draft.savedAt;
			this.draft = 'saved';
			this.draftSavedAt = draft.savedAt;
		}
		this.status = 'ready';
		void this.refreshMath();
		return this.entryId;
	}

	private fail(text: string): null {
		this.problem = text;
		this.status = 'missing';
		return null;
	}

	/** A list's own problems (too few entries) wait for an add, a remove or a save attempt. */
	isTouched(key: string): boolean {
		return this.touched.has(key);
	}

	/** Marks a field as left, so its problems show. */
	touch(key: string) {
		if (this.touched.has(key)) return;
		this.touched = new Set(this.touched).add(key);
	}

	/**
	 * Changes the form: `change` edits a copy. Edits to the same field within COALESCE_MS undo as
	 * one step. The draft is saved once typing pauses.
	 */
	edit(field: string, change: (f: EntryForm) => void) {
		const now = this.deps.now();
		if (field !== this.lastField || now - this.lastAt > COALESCE_MS) {
			this.undoStack.push(this.form);
			if (this.undoStack.length > HISTORY) this.undoStack.shift();
		}
		this.lastField = field;
		this.lastAt = now;
		this.redoStack = [];
		const next = structuredClone(this.form);
		change(next);
		this.form = next;
		this.touch(field);
		this.message = '';
		this.syncCounts();
		this.scheduleDraft();
		void this.refreshMath();
	}

	/** Takes back the last edit. */
	undo() {
		const prev = this.undoStack.pop();
		if (!prev) return;
		this.redoStack.push(this.form);
		this.form = prev;
		this.lastField = null;
		this.syncCounts();
		this.scheduleDraft();
		void this.refreshMath();
	}

	/** Puts back an edit undo took back. */
	redo() {
		const next = this.redoStack.pop();
		if (!next) return;
		this.undoStack.push(this.form);
		this.form = next;
		this.lastField = null;
		this.syncCounts();
		this.scheduleDraft();
		void this.refreshMath();
	}

	/** Converts the form's TeX for the preview; a later call's result wins over an earlier one's. */
	async refreshMath() {
		const texts = entryTexts(this.form);
		const run = ++this.mathRun;
		if (!texts.some((t) => hasTex(t))) {
			if (this.math.map || this.math.errors.length > 0) this.math = { map: undefined, errors: [] };
			return;
		}
		const { textsMath } = await loadTex();
		const { math, errors } = await textsMath(texts);
		if (run === this.mathRun) this.math = { map: math, errors };
	}

	private syncCounts() {
		this.undoCount = this.undoStack.length;
		this.redoCount = this.redoStack.length;
	}

	private scheduleDraft() {
		if (this.timer !== null) this.deps.clearTimer(this.timer);
		this.draft = 'pending';
		this.timer = this.deps.setTimer(() => {
			this.timer = null;
			void this.saveDraft();
		}, DRAFT_DELAY_MS);
	}

	/** Saves the draft now if one is waiting (on leaving the page). */
	async flush() {
		if (this.timer === null) return;
		this.deps.clearTimer(this.timer);
		this.timer = null;
		await this.saveDraft();
	}

	private async saveDraft() {
		const set = this.set;
		if (!set) return;
		const repo = await loadSets();
		const now = this.deps.now();
		const row = {
			id: repo.draftId(set.id, this.entryId),
			setId: set.id,
			entryId: this.entryId,
			...(this.copyOf ? { copyOf: this.copyOf } : {}),
			form: { ...this.form },
			savedAt: now
		};
		const ok = await app.save(() => repo.saveDraft(row));
		// A save or another edit since this one was scheduled owns the status now.
		if (this.draft !== 'pending' || this.timer !== null) return;
		this.draft = ok ? 'saved' : 'error';
		if (ok) this.draftSavedAt = now;
	}

	/** Throws the draft away and goes back to the saved entry (or an empty form). */
	async discardDraft() {
		const set = this.set;
		if (!set) return;
		if (this.timer !== null) this.deps.clearTimer(this.timer);
		this.timer = null;
		const repo = await loadSets();
		await app.save(() => repo.deleteDraft(set.id, this.entryId));
		this.restoredAt = null;
		this.draft = 'none';
		await this.load({ setId: set.id, entryId: this.isNew ? null : this.entryId });
		this.undoStack = [];
		this.redoStack = [];
		this.syncCounts();
		this.message = 'Draft discarded.';
	}

	/**
	 * Saves the entry in its set. When anything is wrong, every problem shows and the first
	 * field with one is returned (for focus); nothing is stored.
	 */
	async save(): Promise<{ ok: true } | { ok: false; field: string | null }> {
		const set = this.set;
		const built = this.built;
		this.showAll = true;
		if (!set) return { ok: false, field: null };
		if (!built.entry) {
			const keys = Object.keys(built.errors);
			const n = keys.reduce((sum, k) => sum + (built.errors[k]?.length ?? 0), 0);
			this.message = `${n === 1 ? 'One problem needs' : `${n} problems need`} fixing before this can be saved.`;
			return { ok: false, field: keys[0] ?? null };
		}
		if (this.timer !== null) this.deps.clearTimer(this.timer);
		this.timer = null;
		this.busy = true;
		try {
			const repo = await loadSets();
			let entry = built.entry;
			if ('math' in entry || entryTexts(entry).some((t) => hasTex(t))) {
				const { withMath } = await loadTex();
				const made = await withMath(entry);
				const first = made.errors[0];
				if (first) {
					this.math = { map: made.entry.math, errors: made.errors };
					this.message = `The formula ${first.source} could not be converted (${first.message}): fix it before this can be saved.`;
					return { ok: false, field: null };
				}
				entry = made.entry;
			}
			const copy = this.copyOf ? { copyOf: this.copyOf } : {};
			const row: NewEntry =
				'type' in entry ? { kind: 'item', entry, ...copy } : { kind: 'flashcard', entry, ...copy };
			let next: SetRow | null = null;
			const ok = await app.save(async () => {
				next = await repo.putEntries(
					set.id,
					[row],
					built.newTopic ? [built.topic] : [],
					this.deps.now()
				);
			});
			if (!ok || !next) {
				this.message = 'The entry could not be saved on this device.';
				return { ok: false, field: null };
			}
			this.set = next;
			this.isNew = false;
			this.draft = 'none';
			this.restoredAt = null;
			const faults = this.findings.filter((f) => f.severity === 'error').length;
			this.message = faults
				? `Saved in “${set.title}”. The quality checker still finds ${faults === 1 ? 'one error' : `${faults} errors`}: see beside the ${faults === 1 ? 'field' : 'fields'}.`
				: `Saved in “${set.title}”.`;
			return { ok: true };
		} finally {
			this.busy = false;
		}
	}
}
