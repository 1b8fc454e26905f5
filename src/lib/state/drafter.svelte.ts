/**
 * "New set from an article" (/library/draft): the text the teacher pastes or opens, the title,
 * outlet, author and date prefilled from its heading and byline, drafting in a Web Worker with
 * progress, and the review of the drafts (accept, edit in the editor, reject; one by one or in
 * bulk). The NLP lives in the worker; this module reaches it through the client, which imports
 * types only, and splits text on the page with the drafter's small splitter (loaded on demand).
 */
import { newId } from '$lib/bank/set';
import type { DraftRow, SetRow } from '$lib/db/sets';
import type {
	DraftArticleT,
	DraftProgress,
	DraftResult,
	StartDraftOptions
} from '$lib/draft/client';
import { app } from './app.svelte';
import {
	acceptable,
	draftRow,
	DRAFT_TOPIC,
	isArticleFile,
	MAX_ARTICLE_FILE_BYTES,
	reviewDraft,
	reviewOrder,
	toSetArticle,
	type ArticleMeta,
	type ReviewDraft
} from './draft-review';

const loadSets = () => import('$lib/db/sets');
const loadSplit = () => import('$lib/draft/split');
const loadClient = () => import('$lib/draft/client');

/** What the drafter needs from outside; tests pass their own. */
export interface DrafterDeps {
	now: () => number;
	random: () => number;
	/** Drafts in a worker; the default is the drafter's client. */
	draft?: (input: { article: DraftArticleT }, options: StartDraftOptions) => Promise<DraftResult>;
}

/** The text, its details and the drafting. */
export class ArticleDrafter {
	text = $state('');
	fileName = $state('');
	meta = $state<ArticleMeta>({ title: '', outlet: '', author: '', date: '' });
	/** Which details the teacher typed, so a new text does not overwrite them. */
	private typed = new Set<keyof ArticleMeta>();
	phase = $state<'input' | 'drafting' | 'saving'>('input');
	progress = $state.raw<DraftProgress | null>(null);
	error = $state('');
	/** Said beside the drafts once made: the text was long and only its first part was drafted. */
	notice = $state('');
	/** Paragraphs found in the text, once read. */
	paragraphs = $state(0);
	private controller: AbortController | null = null;
	private deps: DrafterDeps;

	constructor(deps: DrafterDeps) {
		this.deps = deps;
	}

	/** Marks a detail as typed by the teacher. */
	setMeta(key: keyof ArticleMeta, value: string) {
		this.typed.add(key);
		this.meta = { ...this.meta, [key]: value };
	}

	/** Reads an opened file as the text; HTML is reduced to its text, never rendered. */
	async readFile(file: { name: string; size: number; text(): Promise<string> }) {
		this.error = '';
		if (!isArticleFile(file.name)) {
			this.error = `${file.name} is not a .txt, .md or .html file.`;
			return;
		}
		if (file.size > MAX_ARTICLE_FILE_BYTES) {
			this.error = `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; an article file may be up to 2 MB.`;
			return;
		}
		this.fileName = file.name;
		this.text = await file.text();
		await this.prefill();
	}

	/** Fills the details the teacher has not typed from the text's heading and byline. */
	async prefill() {
		const text = this.text;
		if (!text.trim()) {
			this.paragraphs = 0;
			return;
		}
		const { splitArticle } = await loadSplit();
		if (text !== this.text) return;
		const split = splitArticle(text, this.deps.now());
		this.paragraphs = split.paragraphs.filter((p) => p.kind !== 'header').length;
		const next = { ...this.meta };
		for (const key of ['title', 'outlet', 'author', 'date'] as const)
			if (!this.typed.has(key) || !next[key].trim()) next[key] = split.meta[key];
		this.meta = next;
	}

	/**
	 * Drafts in the worker, then stores the set with its article and the drafts waiting for
	 * review in one transaction. Gives the new set's id, or null with `error` set.
	 */
	async draft(): Promise<string | null> {
		this.error = '';
		this.notice = '';
		if (!this.text.trim()) {
			this.error = 'Paste the article or open a file first.';
			return null;
		}
		if (!this.meta.title.trim()) {
			this.error = 'Give the article a title.';
			return null;
		}
		const { splitArticle } = await loadSplit();
		let split: DraftArticleT;
		try {
			split = splitArticle(this.text, this.deps.now());
		} catch (error) {
			this.error = error instanceof Error ? error.message : String(error);
			return null;
		}
		if (!split.paragraphs.some((p) => p.kind !== 'header')) {
			this.error = 'The text has no paragraphs to draft from.';
			return null;
		}
		const kept = toSetArticle(split, this.meta);
		if (!kept.ok) {
			this.error = kept.reason;
			return null;
		}
		const article = kept.article;
		const now = this.deps.now();
		const setId = newId('set', this.deps.random);
		this.phase = 'drafting';
		this.progress = { done: 0, total: split.paragraphs.length };
		this.controller = new AbortController();
		let result: DraftResult;
		try {
			const start = this.deps.draft ?? (await loadClient()).startDraft;
			result = await start(
				{ article: { meta: article.meta, paragraphs: article.paragraphs } },
				{
					seed: setId,
					topic: DRAFT_TOPIC.id,
					idPrefix: setId,
					now,
					signal: this.controller.signal,
					onProgress: (p) => (this.progress = p)
				}
			);
		} catch (error) {
			this.phase = 'input';
			this.progress = null;
			// A refused text (empty, too short, repeated, not English) says why in its own words.
			const refused = error instanceof Error && error.name === 'DraftRefusal';
			this.error =
				error instanceof DOMException && error.name === 'AbortError'
					? 'Drafting stopped. Nothing was saved.'
					: refused
						? `${error.message} Nothing was saved.`
						: `Drafting failed: ${error instanceof Error ? error.message : String(error)}`;
			return null;
		} finally {
			this.controller = null;
		}
		this.notice = result.notice ?? '';
		const drafts = [...result.items, ...result.flashcards];
		if (drafts.length === 0) {
			this.phase = 'input';
			this.error =
				'Nothing could be drafted from this text: it needs full sentences with names, dates or numbers.';
			return null;
		}
		this.phase = 'saving';
		const repo = await loadSets();
		const row: SetRow = {
			id: setId,
			title: article.meta.title.slice(0, 200),
			description: [
				'Drafted from the article',
				article.meta.outlet && `in ${article.meta.outlet}`,
				article.meta.author && `by ${article.meta.author}`
			]
				.filter(Boolean)
				.join(' ')
				.concat('.'),
			article: true,
			ownArticle: article,
			topics: [{ ...DRAFT_TOPIC }],
			counts: repo.emptyCounts(),
			createdAt: now,
			updatedAt: now
		};
		const rows: DraftRow[] = drafts.map((d, i) => draftRow(setId, d, i, now));
		const ok = await app.save(() => repo.createSetWithDrafts(row, rows));
		this.phase = 'input';
		this.progress = null;
		if (!ok) {
			this.error = 'The set could not be saved on this device.';
			return null;
		}
		return setId;
	}

	/** Stops drafting; nothing is saved. */
	cancel() {
		this.controller?.abort();
	}
}

/** The review of a drafted set's drafts. */
export class DraftReview {
	status = $state<'loading' | 'missing' | 'ready'>('loading');
	problem = $state('');
	set = $state.raw<SetRow | null>(null);
	drafts = $state.raw<ReviewDraft[]>([]);
	selected = $state.raw<ReadonlySet<string>>(new Set());
	message = $state('');
	busy = $state(false);
	private deps: Pick<DrafterDeps, 'now'>;

	constructor(deps: Pick<DrafterDeps, 'now'>) {
		this.deps = deps;
	}

	/** Entries already in the set. */
	get saved(): number {
		return this.set ? Object.values(this.set.counts).reduce((a, b) => a + b, 0) : 0;
	}

	async load(setId: string) {
		this.status = 'loading';
		const repo = await loadSets();
		let set: SetRow | undefined;
		try {
			set = await repo.getSet(setId);
		} catch (error) {
			return this.fail(error instanceof Error ? error.message : String(error));
		}
		if (!set) return this.fail('This set is not on this device. It may have been deleted.');
		if (!set.ownArticle) return this.fail('This set was not drafted from an article.');
		const article = set.ownArticle;
		const [rows, listed] = await Promise.all([repo.draftsOf(set.id), repo.listEntries(set.id)]);
		const saved = new Set(listed.rows.map((r) => r.id));
		this.set = set;
		this.drafts = reviewOrder(
			rows.filter((r) => !saved.has(r.entryId)).map((r) => reviewDraft(r, article, set.topics))
		);
		this.selected = new Set(
			[...this.selected].filter((id) => this.drafts.some((d) => d.id === id))
		);
		this.status = 'ready';
	}

	private fail(text: string) {
		this.problem = text;
		this.status = 'missing';
	}

	toggle(id: string, on: boolean) {
		const next = new Set(this.selected);
		if (on) next.add(id);
		else next.delete(id);
		this.selected = next;
	}

	selectAll(on: boolean) {
		this.selected = on ? new Set(this.drafts.map((d) => d.id)) : new Set();
	}

	/** Accepts drafts into the set; those with problems stay for editing. */
	async accept(ids: readonly string[]): Promise<boolean> {
		const set = this.set;
		if (!set || ids.length === 0) return false;
		const chosen = this.drafts.filter((d) => ids.includes(d.id));
		const { entries, blocked } = acceptable(chosen);
		if (entries.length === 0) {
			this.message = 'The chosen drafts have problems: open them in the editor to fix them first.';
			return false;
		}
		this.busy = true;
		try {
			const repo = await loadSets();
			let next: SetRow | null = null;
			const ok = await app.save(async () => {
				next = await repo.putEntries(set.id, entries, [], this.deps.now());
			});
			if (!ok || !next) {
				this.message = 'The drafts could not be saved on this device.';
				return false;
			}
			const n = entries.length;
			this.message =
				`Accepted ${n} draft${n === 1 ? '' : 's'} into “${set.title}”.` +
				(blocked.length
					? ` ${blocked.length} with problems stayed: edit ${blocked.length === 1 ? 'it' : 'them'} first.`
					: '');
			this.drop(entries.map((e) => e.entry.id));
			this.set = next;
			return true;
		} finally {
			this.busy = false;
		}
	}

	/** Rejects drafts: they are thrown away. */
	async reject(ids: readonly string[]): Promise<boolean> {
		const set = this.set;
		if (!set || ids.length === 0) return false;
		this.busy = true;
		try {
			const repo = await loadSets();
			const ok = await app.save(() => repo.deleteDrafts(set.id, ids));
			if (!ok) {
				this.message = 'The drafts could not be removed on this device.';
				return false;
			}
			this.message = `Rejected ${ids.length} draft${ids.length === 1 ? '' : 's'}.`;
			this.drop(ids);
			return true;
		} finally {
			this.busy = false;
		}
	}

	private drop(ids: readonly string[]) {
		const gone = new Set(ids);
		this.drafts = this.drafts.filter((d) => !gone.has(d.id));
		this.selected = new Set([...this.selected].filter((id) => !gone.has(id)));
	}
}
