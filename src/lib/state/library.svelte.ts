/**
 * The library: the built-in bank as one set, the teacher's own sets beside it, creating,
 * deleting, importing (preview first, nothing stored until confirmed) and exporting sets.
 */
import builtin from 'virtual:quire-bank/summary';
import type { ItemType } from '$lib/bank/schema';
import {
	BUILTIN_SET_ID,
	countTypes,
	entryText,
	fromBuiltIn,
	MAX_TITLE,
	newId,
	type AnyCard,
	type AnyItem,
	type SetCounts
} from '$lib/bank/set';
import type { DraftRow, NewEntry, SetEntryRow, SetRow } from '$lib/db/sets';
import { app } from './app.svelte';
import {
	EXPORT_FORMATS,
	exportFileName,
	MAX_FILE_BYTES,
	previewRows,
	readSetFile,
	writeSetFile,
	type FormatId,
	type ParsedSet,
	type PreviewRow
} from './library-io';

const loadSets = () => import('$lib/db/sets');
/** The whole built-in bank: the list of sets shows only its summary. */
const loadBank = async () => (await import('virtual:quire-bank')).default;
import { databaseExists } from '$lib/db/exists';

/** A set as the library lists it. */
export interface SetSummary {
	id: string;
	title: string;
	description: string;
	builtin: boolean;
	article: boolean;
	counts: SetCounts;
	total: number;
	updatedAt: number | null;
}

/** The built-in bank as a set. */
export const BUILTIN: SetSummary = {
	id: BUILTIN_SET_ID,
	title: `Built-in: ${builtin.meta.title}`,
	description: `${builtin.meta.outlet}, by ${builtin.meta.author}. Read-only: edit a copy of any question.`,
	builtin: true,
	article: true,
	counts: countTypes(builtin.itemTypes, builtin.flashcards),
	total: builtin.itemTypes.length + builtin.flashcards,
	updatedAt: null
};

/** A stored set as the library lists it. */
export function summaryOf(row: SetRow): SetSummary {
	return {
		id: row.id,
		title: row.title,
		description: row.description,
		builtin: false,
		article: row.article,
		counts: row.counts,
		total: Object.values(row.counts).reduce((a, b) => a + b, 0),
		updatedAt: row.updatedAt
	};
}

/** A file read for import, waiting for the teacher to confirm. */
export interface ImportPreview {
	fileName: string;
	parsed: ParsedSet;
	errors: number;
	warnings: number;
	entries: number;
	/** The entries in file order, each with its problems; and what was not imported. */
	rows: PreviewRow[];
}

/** How the teacher asked a file to be read: a format, Quizlet's separators. */
export interface ImportChoices {
	/** '' lets Quire tell the format from the file. */
	format: FormatId | '';
	termSeparator: string;
	cardSeparator: string;
}

/** A file as chosen: its bytes, read once. */
export interface ChosenFile {
	name: string;
	size: number;
	arrayBuffer(): Promise<ArrayBuffer>;
}

/** Rows the import preview shows on one page. */
export const PREVIEW_PAGE = 50;

/** An export made and waiting to be saved, with what the format could not carry. */
export interface PendingExport {
	text: string;
	name: string;
	mime: string;
	format: string;
	warnings: string[];
}

/** What a new set needs. */
export interface NewSet {
	title: string;
	description: string;
	article: boolean;
}

/** Checks a set title; a sentence when it is not fit. */
export function titleProblem(title: string): string {
	const t = title.trim();
	if (!t) return 'Give the set a title.';
	if (t.length > MAX_TITLE) return `Keep the title under ${MAX_TITLE} characters.`;
	return '';
}

/** The /library page. */
export class LibraryState {
	sets = $state.raw<SetSummary[]>([]);
	damaged = $state(0);
	loaded = $state(false);
	busy = $state(false);
	preview = $state.raw<ImportPreview | null>(null);
	importError = $state('');
	message = $state('');

	async load() {
		// A first visit has no own sets: Dexie waits for the first write.
		if (!(await databaseExists())) {
			this.loaded = true;
			return;
		}
		const repo = await loadSets();
		const listed = await repo.listSets();
		this.sets = listed.rows.map(summaryOf);
		this.damaged = listed.damaged;
		this.loaded = true;
	}

	/** Makes an empty set; gives its id, or a sentence saying what is wrong. */
	async create(
		input: NewSet,
		now: number,
		random: () => number
	): Promise<{ ok: true; id: string } | { ok: false; reason: string }> {
		const problem = titleProblem(input.title);
		if (problem) return { ok: false, reason: problem };
		const repo = await loadSets();
		const row: SetRow = {
			id: newId('set', random),
			title: input.title.trim(),
			description: input.description.trim().slice(0, 2000),
			article: input.article,
			topics: input.article
				? builtin.topics.map((t) => ({ ...t }))
				: [{ id: 'general', title: 'General' }],
			counts: repo.emptyCounts(),
			createdAt: now,
			updatedAt: now
		};
		const ok = await app.save(() => repo.createSet(row));
		if (!ok) return { ok: false, reason: 'The set could not be saved on this device.' };
		this.sets = [summaryOf(row), ...this.sets];
		return { ok: true, id: row.id };
	}

	/** Deletes a set; its answers, reviews, assignments and results stay. */
	async remove(id: string): Promise<boolean> {
		const repo = await loadSets();
		const title = this.sets.find((s) => s.id === id)?.title ?? 'The set';
		let n = 0;
		const ok = await app.save(async () => (n = await repo.deleteSet(id)));
		if (!ok) return false;
		this.sets = this.sets.filter((s) => s.id !== id);
		this.message = `Deleted “${title}” and its ${n} entr${n === 1 ? 'y' : 'ies'}. Results already collected are kept.`;
		return true;
	}

	/** The file being previewed, kept so a change of format or separators reads it again. */
	private source: { name: string; text: string } | null = null;
	private readings = 0;
	choices = $state<ImportChoices>({ format: '', termSeparator: '', cardSeparator: '' });

	/** Reads a file for the preview; stores nothing. A binary file is refused, with a sentence. */
	async readFile(file: ChosenFile) {
		this.preview = null;
		this.importError = '';
		this.source = null;
		if (file.size > MAX_FILE_BYTES) {
			this.importError = `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; Quire reads files up to 50 MB.`;
			return;
		}
		const { decodeTextFile } = await import('$lib/bank/formats/text');
		const decoded = decodeTextFile(new Uint8Array(await file.arrayBuffer()));
		if (!decoded.ok) {
			this.importError = `${file.name}: ${decoded.reason}.`;
			return;
		}
		this.source = { name: file.name, text: decoded.text };
		this.choices = { format: '', termSeparator: '', cardSeparator: '' };
		await this.reread();
	}

	/** Changes how the file is read (format, Quizlet's separators) and reads it again. */
	choose(patch: Partial<ImportChoices>): Promise<void> {
		this.choices = { ...this.choices, ...patch };
		return this.reread();
	}

	/** Reads the chosen file again with the current choices (format, Quizlet's separators). */
	async reread() {
		const src = this.source;
		if (!src) return;
		const { format, termSeparator, cardSeparator } = this.choices;
		const reading = ++this.readings;
		const parsed = await readSetFile(src.text, {
			fileName: src.name,
			...(format ? { format } : {}),
			quizlet: { termSeparator, cardSeparator }
		});
		// A later reading (the teacher typed on) or another file wins over this one.
		if (this.source !== src || reading !== this.readings) return;
		const errors = parsed.problems.filter((p) => p.severity === 'error').length;
		this.preview = {
			fileName: src.name,
			parsed,
			errors,
			warnings: parsed.problems.length - errors,
			entries: parsed.items.length + parsed.flashcards.length,
			rows: previewRows(parsed)
		};
	}

	cancelImport() {
		this.preview = null;
		this.source = null;
	}

	/**
	 * Stores the previewed entries as a new set, in one transaction. Each entry gets a fresh id,
	 * so importing a file twice (or the built-in bank's export) never mixes progress.
	 */
	async confirmImport(
		title: string,
		now: number,
		random: () => number
	): Promise<{ ok: true; id: string } | { ok: false; reason: string }> {
		const p = this.preview;
		if (!p || p.entries === 0) return { ok: false, reason: 'There is nothing to import.' };
		const problem = titleProblem(title);
		if (problem) return { ok: false, reason: problem };
		this.busy = true;
		try {
			const repo = await loadSets();
			const row: SetRow = {
				id: newId('set', random),
				title: title.trim(),
				description: (p.parsed.description ?? '').slice(0, 2000),
				article: false,
				topics: p.parsed.topics.length ? p.parsed.topics : [{ id: 'general', title: 'General' }],
				counts: repo.emptyCounts(),
				createdAt: now,
				updatedAt: now
			};
			const fresh = () => newId('own', random);
			const list: NewEntry[] = [
				...p.parsed.items.map((e): NewEntry => ({ kind: 'item', entry: { ...e, id: fresh() } })),
				...p.parsed.flashcards.map((e): NewEntry => ({
					kind: 'flashcard',
					entry: { ...e, id: fresh() }
				}))
			];
			let stored: SetRow | null = null;
			const ok = await app.save(async () => {
				await repo.createSet(row);
				stored = await repo.putEntries(row.id, list, [], now);
			});
			if (!ok || !stored) {
				await repo.deleteSet(row.id).catch(() => 0);
				return { ok: false, reason: 'The set could not be saved on this device.' };
			}
			this.sets = [summaryOf(stored), ...this.sets];
			this.preview = null;
			this.source = null;
			this.message = `Imported ${list.length} entr${list.length === 1 ? 'y' : 'ies'} into “${row.title}”.`;
			return { ok: true, id: row.id };
		} finally {
			this.busy = false;
		}
	}
}

/** One entry as a set's page lists it. */
export interface EntryView {
	id: string;
	kind: 'item' | 'flashcard';
	type: ItemType | 'flashcard';
	text: string;
	topic: string;
	copyOf?: string;
	entry: AnyItem | AnyCard;
}

function viewOf(entry: AnyItem | AnyCard, topicTitle: (id: string) => string, copyOf?: string) {
	const view: EntryView = {
		id: entry.id,
		kind: 'type' in entry ? 'item' : 'flashcard',
		type: 'type' in entry ? entry.type : 'flashcard',
		text: entryText(entry),
		topic: topicTitle(entry.topic),
		entry
	};
	if (copyOf) view.copyOf = copyOf;
	return view;
}

/** The /library/set page: one set's entries, search, delete, export, and copies of built-ins. */
export class SetView {
	status = $state<'loading' | 'missing' | 'ready'>('loading');
	problem = $state('');
	summary = $state.raw<SetSummary | null>(null);
	row = $state.raw<SetRow | null>(null);
	entries = $state.raw<EntryView[]>([]);
	drafts = $state.raw<DraftRow[]>([]);
	damaged = $state(0);
	/** Own sets a built-in entry can be copied into. */
	targets = $state.raw<SetSummary[]>([]);
	query = $state('');
	type = $state<ItemType | 'flashcard' | ''>('');
	message = $state('');

	shown = $derived.by(() => {
		const q = this.query.trim().toLowerCase();
		return this.entries.filter(
			(e) =>
				(!this.type || e.type === this.type) &&
				(!q || e.text.toLowerCase().includes(q) || e.topic.toLowerCase().includes(q))
		);
	});

	async load(id: string) {
		this.status = 'loading';
		if (id === BUILTIN_SET_ID) {
			const bank = await loadBank();
			const topic = (t: string) => bank.topics.find((x) => x.id === t)?.title ?? t;
			this.summary = BUILTIN;
			this.entries = [...bank.items, ...bank.flashcards].map((e) => viewOf(e, topic));
			// A set drafted from another article cannot hold quotes of the built-in one.
			this.targets = (await databaseExists())
				? (await (await loadSets()).listSets()).rows.filter((r) => !r.ownArticle).map(summaryOf)
				: [];
			this.status = 'ready';
			return;
		}
		const repo = (await databaseExists()) ? await loadSets() : null;
		let row: SetRow | undefined;
		try {
			row = repo ? await repo.getSet(id) : undefined;
		} catch (error) {
			this.problem = error instanceof Error ? error.message : String(error);
			this.status = 'missing';
			return;
		}
		if (!row || !repo) {
			this.problem = 'This set is not on this device. It may have been deleted.';
			this.status = 'missing';
			return;
		}
		const set = row;
		const topic = (t: string) => set.topics.find((x) => x.id === t)?.title ?? t;
		const [listed, drafts] = await Promise.all([repo.listEntries(id), repo.draftsOf(id)]);
		this.row = set;
		this.summary = summaryOf(set);
		this.entries = listed.rows.map((r: SetEntryRow) => viewOf(r.entry, topic, r.copyOf));
		this.damaged = listed.damaged;
		const saved = new Set(this.entries.map((e) => e.id));
		// A draft of a saved entry shows on that entry; only unsaved new entries are listed apart.
		this.drafts = drafts.filter((d) => !saved.has(d.entryId));
		this.status = 'ready';
	}

	/** Whether a saved entry has unsaved changes. */
	hasDraft(id: string): boolean {
		return this.drafts.some((d) => d.entryId === id);
	}

	async rename(title: string, description: string, now: number): Promise<string> {
		const problem = titleProblem(title);
		if (problem) return problem;
		const row = this.row;
		if (!row) return 'Only your own sets can be renamed.';
		const repo = await loadSets();
		let next: SetRow | null = null;
		const ok = await app.save(async () => {
			next = await repo.updateSet(row.id, { title, description: description.slice(0, 2000) }, now);
		});
		if (!ok || !next) return 'The set could not be saved on this device.';
		this.row = next;
		this.summary = summaryOf(next);
		this.message = 'Saved.';
		return '';
	}

	async removeEntry(id: string, now: number) {
		const repo = await loadSets();
		const ok = await app.save(() => repo.deleteEntry(id, now));
		if (!ok) return;
		const gone = this.entries.find((e) => e.id === id);
		this.entries = this.entries.filter((e) => e.id !== id);
		const row = await repo.getSet(this.summary?.id ?? '');
		if (row) {
			this.row = row;
			this.summary = summaryOf(row);
		}
		this.message = gone ? `Deleted “${gone.text.slice(0, 60)}”.` : '';
	}

	async discardDraft(entryId: string) {
		const row = this.row;
		if (!row) return;
		const repo = await loadSets();
		await app.save(() => repo.deleteDraft(row.id, entryId));
		this.drafts = this.drafts.filter((d) => d.entryId !== entryId);
	}

	/** The set as a file: its text, its name and type for the format, and what it could not carry. */
	async exportFile(format: string, now: number): Promise<PendingExport> {
		const s = this.summary;
		const items = this.entries.map((e) => e.entry).filter((e): e is AnyItem => 'type' in e);
		const cards = this.entries.map((e) => e.entry).filter((e): e is AnyCard => !('type' in e));
		const topics = this.row
			? this.row.topics
			: builtin.topics.map((t) => ({ id: t.id, title: t.title }));
		const bank = s?.builtin ? await loadBank() : null;
		const { text, warnings } = await writeSetFile(
			{
				title: bank ? bank.meta.title : (s?.title ?? 'Quire set'),
				description: s?.description,
				topics,
				items: bank ? bank.items.map((i) => fromBuiltIn(i)) : items,
				flashcards: bank ? bank.flashcards.map((c) => fromBuiltIn(c)) : cards
			},
			format,
			now
		);
		const f = EXPORT_FORMATS.find((x) => x.id === format);
		if (!f) throw new Error(`Quire cannot write the format "${format}".`);
		return {
			text,
			name: exportFileName(s?.title ?? 'set', f),
			mime: f.mime,
			format: f.name,
			warnings
		};
	}

	/**
	 * Where "Edit a copy" puts a built-in entry: the chosen own set, or a new set built on the
	 * article made for copies. Gives the set id.
	 */
	async copyTarget(chosen: string, now: number, random: () => number): Promise<string | null> {
		if (chosen) return chosen;
		const lib = new LibraryState();
		const made = await lib.create(
			{
				title: 'My edited copies',
				description: 'Copies of built-in questions, edited.',
				article: true
			},
			now,
			random
		);
		return made.ok ? made.id : null;
	}
}
