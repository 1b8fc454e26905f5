/**
 * The library: the built-in bank as one set, the teacher's own sets beside it, creating,
 * deleting, importing (preview first, nothing stored until confirmed) and exporting sets.
 */
import builtin from 'virtual:quire-bank/summary';
import * as v from 'valibot';
import { groupDigits } from '$lib/bank/digits';
import { DEFAULT_LANG, Lang, normaliseLang } from '$lib/bank/lang';
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
import { readSetFileInWorker, type QualityProgress } from './import-read';
import type { QualityReport } from './quality';
import { checkQualityInWorker } from './quality-run';
import { forgetLangs } from './speech';
import {
	EXPORT_FORMATS,
	exportFileName,
	MAX_FILE_BYTES,
	previewRows,
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

/** How far a long import has come: entries written of all. */
export interface ImportProgress {
	done: number;
	total: number;
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
	/** A file being read (in a worker) or an import being written; both can be cancelled. */
	phase = $state<'idle' | 'reading' | 'saving'>('idle');
	/** The file being read, while it is. */
	reading = $state('');
	/** What became of the last reading, said beside the file chooser. */
	importNote = $state('');
	progress = $state.raw<ImportProgress | null>(null);
	/** The item-quality checker's report on the previewed file, once it is done. */
	quality = $state.raw<QualityReport | null>(null);
	/** How far the quality check has come while it runs (in the import worker, after the preview). */
	checking = $state.raw<QualityProgress | null>(null);
	private controller: AbortController | null = null;
	/** Stops the quality check of the previewed file (a new reading, Cancel, an import). */
	private qualityController: AbortController | null = null;

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
	private source: { name: string; file: Blob } | null = null;
	choices = $state<ImportChoices>({ format: '', termSeparator: '', cardSeparator: '' });

	/**
	 * Reads a file for the preview, in a worker so the page stays responsive; stores nothing. A
	 * binary file is refused, with a sentence. `stop()` cancels the reading; a new file cancels
	 * the one being read.
	 */
	async readFile(file: ChosenFile) {
		if (this.phase === 'saving') return;
		this.controller?.abort();
		this.preview = null;
		this.importError = '';
		this.importNote = '';
		this.source = null;
		if (file.size > MAX_FILE_BYTES) {
			this.importError = `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; Quire reads files up to 50 MB.`;
			return;
		}
		// A chosen file goes to the worker as it is: the page never holds its text.
		const body = file instanceof Blob ? file : new Blob([await file.arrayBuffer()]);
		this.source = { name: file.name, file: body };
		this.choices = { format: '', termSeparator: '', cardSeparator: '' };
		await this.reread();
	}

	/** Changes how the file is read (format, Quizlet's separators) and reads it again. */
	choose(patch: Partial<ImportChoices>): Promise<void> {
		this.choices = { ...this.choices, ...patch };
		return this.reread();
	}

	/**
	 * Reads the chosen file again with the current choices (format, Quizlet's separators); a
	 * later reading (the teacher typed on) or another file cancels this one.
	 */
	async reread() {
		const src = this.source;
		if (!src || this.phase === 'saving') return;
		this.controller?.abort();
		this.stopQuality();
		const controller = new AbortController();
		this.controller = controller;
		this.qualityController = controller;
		this.checking = { phase: 'entries', done: 0, total: 0 };
		this.phase = 'reading';
		this.reading = src.name;
		const { format, termSeparator, cardSeparator } = this.choices;
		try {
			const parsed = await readSetFileInWorker(
				src.file,
				{
					fileName: src.name,
					...(format ? { format } : {}),
					quizlet: { termSeparator, cardSeparator }
				},
				{
					signal: controller.signal,
					onQuality: (event) => {
						if (this.qualityController !== controller) return;
						if ('progress' in event) this.checking = event.progress;
						else {
							this.quality = event.report;
							this.checking = null;
							this.qualityController = null;
						}
					}
				}
			);
			if (parsed.items.length + parsed.flashcards.length === 0) this.checking = null;
			const errors = parsed.problems.filter((p) => p.severity === 'error').length;
			this.preview = {
				fileName: src.name,
				parsed,
				errors,
				warnings: parsed.problems.length - errors,
				entries: parsed.items.length + parsed.flashcards.length,
				rows: previewRows(parsed)
			};
		} catch (error) {
			if (controller.signal.aborted) {
				if (this.controller === controller)
					this.importNote = `Stopped reading ${src.name}. Nothing was saved.`;
				return;
			}
			this.importError = `${src.name}: ${error instanceof Error ? error.message : String(error)}.`;
			this.checking = null;
		} finally {
			if (this.controller === controller) {
				this.controller = null;
				this.phase = 'idle';
				this.reading = '';
			}
		}
	}

	/** Cancels the file being read or the import being written (nothing of it is stored). */
	stop() {
		this.controller?.abort();
		if (this.phase === 'reading') this.stopQuality();
	}

	/** Stops the quality check of the previewed file and forgets its report. */
	private stopQuality() {
		this.qualityController?.abort();
		this.qualityController = null;
		this.quality = null;
		this.checking = null;
	}

	cancelImport() {
		this.stopQuality();
		this.preview = null;
		this.source = null;
	}

	/**
	 * Stores the previewed entries as a new set, in one transaction written a chunk at a time
	 * (`progress` follows it; `stop()` cancels it and nothing is stored). Each entry gets a fresh
	 * id, so importing a file twice (or the built-in bank's export) never mixes progress.
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
		// The quality check has said what it will say: the import needs the core more.
		if (this.checking) this.stopQuality();
		const controller = new AbortController();
		this.controller = controller;
		this.phase = 'saving';
		this.progress = { done: 0, total: p.entries };
		try {
			const repo = await loadSets();
			const row: SetRow = {
				id: newId('set', random),
				title: title.trim(),
				description: (p.parsed.description ?? '').slice(0, 2000),
				...(p.parsed.lang ? { lang: p.parsed.lang } : {}),
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
			let cancelled = false;
			const ok = await app.save(async () => {
				try {
					stored = await repo.importSet(row, list, {
						signal: controller.signal,
						onProgress: (done, total) => (this.progress = { done, total })
					});
				} catch (error) {
					// The transaction's own abort error may come out instead of the signal's.
					if (!controller.signal.aborted) throw error;
					cancelled = true;
				}
			});
			if (cancelled) return { ok: false, reason: 'The import was cancelled. Nothing was saved.' };
			if (!ok || !stored)
				return { ok: false, reason: 'The set could not be saved on this device.' };
			this.sets = [summaryOf(stored), ...this.sets];
			this.stopQuality();
			this.preview = null;
			this.source = null;
			this.message = `Imported ${list.length} entr${list.length === 1 ? 'y' : 'ies'} into “${row.title}”.`;
			return { ok: true, id: row.id };
		} finally {
			if (this.controller === controller) this.controller = null;
			this.phase = 'idle';
			this.progress = null;
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

/** Entries one page of a set shows. */
export const PAGE_SIZE = 50;
/**
 * Sets of up to this many entries are checked for quality as they open (well under a second in
 * the worker); a larger one when the teacher asks, with a progress line.
 */
export const AUTO_QUALITY = 2000;
/** Entries read from the database in one step while a set opens: the page runs between steps. */
export const READ_PART = 500;

/**
 * The /library/set page: one set's entries a page at a time, search, delete, export, and copies
 * of built-ins. A long own set opens after its first part is read; the rest is read a part at a
 * time after that (`complete`), so 50,000 entries neither hold the page nor wait to be drawn.
 */
export class SetView {
	status = $state<'loading' | 'missing' | 'ready'>('loading');
	problem = $state('');
	summary = $state.raw<SetSummary | null>(null);
	row = $state.raw<SetRow | null>(null);
	entries = $state.raw<EntryView[]>([]);
	/** Drafts of new entries, not saved yet. */
	drafts = $state.raw<DraftRow[]>([]);
	damaged = $state(0);
	/** Own sets a built-in entry can be copied into. */
	targets = $state.raw<SetSummary[]>([]);
	#query = $state('');
	#type = $state<ItemType | 'flashcard' | ''>('');
	message = $state('');
	/** The page asked for, from 0; `pageIndex` is the one shown. */
	page = $state(0);
	/** Entries still being read after the set opened: read of all. */
	reading = $state.raw<ImportProgress | null>(null);
	/** Resolves when every entry is read (at once for the built-in set). */
	complete: Promise<void> = Promise.resolve();
	/** Entries with unsaved changes in the editor. */
	#edited = $state.raw<ReadonlySet<string>>(new Set());
	#closed = false;
	/** The item-quality checker's report on the whole set, once it has run. */
	quality = $state.raw<QualityReport | null>(null);
	/** How far the quality check has come while it runs (in a worker). */
	checking = $state.raw<QualityProgress | null>(null);
	qualityError = $state('');
	#qualityController: AbortController | null = null;
	/** The article the set's entries cite, for the typed-answer rule. */
	#paragraphs: { id: string; text: string }[] | undefined;

	get query() {
		return this.#query;
	}
	/** A new search starts at the first page. */
	set query(value: string) {
		this.#query = value;
		this.page = 0;
	}
	get type() {
		return this.#type;
	}
	set type(value: ItemType | 'flashcard' | '') {
		this.#type = value;
		this.page = 0;
	}

	shown = $derived.by(() => {
		const q = this.query.trim().toLowerCase();
		const type = this.type;
		if (!q && !type) return this.entries;
		return this.entries.filter(
			(e) =>
				(!type || e.type === type) &&
				(!q || e.text.toLowerCase().includes(q) || e.topic.toLowerCase().includes(q))
		);
	});
	pages = $derived(Math.max(1, Math.ceil(this.shown.length / PAGE_SIZE)));
	pageIndex = $derived(Math.min(Math.max(0, this.page), this.pages - 1));
	/** The entries of the page shown. */
	pageEntries = $derived(
		this.shown.slice(this.pageIndex * PAGE_SIZE, (this.pageIndex + 1) * PAGE_SIZE)
	);

	/** Shows page `n` (from 0), kept within the pages there are. */
	goTo(n: number) {
		this.page = Math.min(Math.max(0, Math.floor(n)), this.pages - 1);
	}

	/** Stops reading the rest of a long set (the page is left), and any quality check. */
	close() {
		this.#closed = true;
		this.stopQuality();
	}

	/**
	 * Runs the item-quality checker over the whole set in a worker, once every entry is read;
	 * `checking` follows it, `quality` holds its report. A new check replaces a running one.
	 */
	async checkQuality(): Promise<void> {
		this.#qualityController?.abort();
		const controller = new AbortController();
		this.#qualityController = controller;
		this.qualityError = '';
		this.checking = { phase: 'entries', done: 0, total: this.summary?.total ?? 0 };
		try {
			await this.complete;
			if (controller.signal.aborted) return;
			const report = await checkQualityInWorker(
				this.entries.map((e) => e.entry),
				{
					...(this.#paragraphs ? { paragraphs: this.#paragraphs } : {}),
					signal: controller.signal,
					onProgress: (progress) => {
						if (this.#qualityController === controller) this.checking = progress;
					}
				}
			);
			if (this.#qualityController === controller) this.quality = report;
		} catch (error) {
			if (!controller.signal.aborted)
				this.qualityError = `The quality check stopped: ${error instanceof Error ? error.message : String(error)}`;
		} finally {
			if (this.#qualityController === controller) {
				this.#qualityController = null;
				this.checking = null;
			}
		}
	}

	/** Stops a running quality check. */
	stopQuality() {
		this.#qualityController?.abort();
		this.#qualityController = null;
		this.checking = null;
	}

	/** Starts the quality check on its own for a small set. */
	#autoQuality() {
		if ((this.summary?.total ?? 0) <= AUTO_QUALITY) void this.checkQuality();
	}

	async load(id: string) {
		this.status = 'loading';
		if (id === BUILTIN_SET_ID) {
			const bank = await loadBank();
			const topic = (t: string) => bank.topics.find((x) => x.id === t)?.title ?? t;
			this.summary = BUILTIN;
			this.entries = [...bank.items, ...bank.flashcards].map((e) => viewOf(e, topic));
			this.#paragraphs = bank.paragraphs.map((p) => ({ id: p.id, text: p.text }));
			// A set drafted from another article cannot hold quotes of the built-in one.
			this.targets = (await databaseExists())
				? (await (await loadSets()).listSets()).rows.filter((r) => !r.ownArticle).map(summaryOf)
				: [];
			this.status = 'ready';
			this.#autoQuality();
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
		const views = (rows: readonly SetEntryRow[]) =>
			rows.map((r) => viewOf(r.entry, topic, r.copyOf));
		const [first, drafts] = await Promise.all([
			repo.listEntriesAfter(id, null, READ_PART),
			repo.draftsOf(id)
		]);
		const saved = new Set(
			(await repo.getEntries(drafts.map((d) => d.entryId)))
				.filter((r) => r.setId === id)
				.map((r) => r.id)
		);
		this.row = set;
		this.summary = summaryOf(set);
		this.entries = views(first.rows);
		this.damaged = first.damaged;
		// A draft of a saved entry shows on that entry; only unsaved new entries are listed apart.
		this.drafts = drafts.filter((d) => !saved.has(d.entryId));
		this.#edited = saved;
		if (set.ownArticle) this.#paragraphs = set.ownArticle.paragraphs;
		else if (set.article)
			this.#paragraphs = (await loadBank()).paragraphs.map((p) => ({ id: p.id, text: p.text }));
		this.status = 'ready';
		if (first.read < READ_PART) {
			this.#autoQuality();
			return;
		}
		const total = this.summary.total;
		this.reading = { done: first.read, total: Math.max(total, first.read) };
		this.complete = (async () => {
			let after = first.last;
			let done = first.read;
			try {
				for (;;) {
					const part = await repo.listEntriesAfter(id, after, READ_PART);
					if (this.#closed) return;
					this.entries = this.entries.concat(views(part.rows));
					this.damaged += part.damaged;
					done += part.read;
					if (part.read < READ_PART) break;
					after = part.last;
					this.reading = { done, total: Math.max(total, done) };
				}
			} catch (error) {
				this.message = `Only ${groupDigits(done)} of the set’s entries could be read: ${error instanceof Error ? error.message : String(error)}`;
			}
			this.reading = null;
		})();
		this.#autoQuality();
	}

	/** Whether a saved entry has unsaved changes. */
	hasDraft(id: string): boolean {
		return this.#edited.has(id);
	}

	/** Saves a set's title, description and language (`''`: the default); a sentence when it cannot. */
	async rename(title: string, description: string, now: number, lang?: string): Promise<string> {
		const problem = titleProblem(title);
		if (problem) return problem;
		const tag = lang?.trim() ?? '';
		if (tag && !v.is(Lang, tag)) return 'Give the language as a tag such as en, fr or pt-BR.';
		const row = this.row;
		if (!row) return 'Only your own sets can be renamed.';
		const repo = await loadSets();
		let next: SetRow | null = null;
		const ok = await app.save(async () => {
			next = await repo.updateSet(
				row.id,
				{
					title,
					description: description.slice(0, 2000),
					...(lang === undefined ? {} : { lang: tag ? normaliseLang(tag) : undefined })
				},
				now
			);
		});
		if (!ok || !next) return 'The set could not be saved on this device.';
		forgetLangs();
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
		if (this.quality) this.#autoQuality();
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
		await this.complete;
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
				lang: this.row?.lang ?? (bank ? DEFAULT_LANG : undefined),
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
