import { ITEM_TYPES } from '../schema.ts';
import {
	IMPORT_DEFAULTS,
	toBankItem,
	type Draft,
	type ImportedFlashcard,
	type ImportedItem
} from './item.ts';
import { formatBytes, plural, slugify, utf8Bytes } from './text.ts';
import {
	LIMITS,
	type Counts,
	type FormatId,
	type Limits,
	type ParseResult,
	type Problem,
	type Severity,
	type TopicRef
} from './types.ts';

/** Thrown inside a parser when the entry limit is passed; caught by `Collector.run`. */
class TooMany extends Error {}

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Gathers what a parser reads: gives every entry a unique id, checks it with `toBankItem`, counts
 * it by type, records topics and problems, and enforces the size limits.
 */
export class Collector {
	readonly items: ImportedItem[] = [];
	readonly flashcards: ImportedFlashcard[] = [];
	readonly problems: Problem[] = [];
	/** The line each entry was read at, by its id. */
	readonly lines: Record<string, number> = {};
	private readonly topics = new Map<string, string>();
	private readonly ids = new Map<string, number>();
	readonly limits: Limits;
	title: string | undefined;

	constructor(
		readonly format: FormatId | null,
		limits: Limits = LIMITS
	) {
		this.limits = limits;
	}

	/**
	 * Refuses the file at once when a quick count of its entries already passes the limit, before
	 * any entry is read in full. `add` enforces the limit too.
	 */
	expect(entries: number): void {
		if (entries > this.limits.entries) throw new TooMany();
	}

	error(line: number, message: string): void {
		this.problem(line, message, 'error');
	}

	warn(line: number, message: string): void {
		this.problem(line, message, 'warning');
	}

	problem(line: number, message: string, severity: Severity): void {
		this.problems.push({ line, message, severity });
	}

	/** Records a topic; the first title given for an id wins. Returns the id. */
	topic(id: string, title: string): string {
		if (!this.topics.has(id)) this.topics.set(id, title);
		return id;
	}

	private readonly topicIds = new Map<string, string>();

	/** The id a topic name as written in a file gets ("Default for INF/Treaty" → "treaty"). */
	topicId(name: string): string {
		let id = this.topicIds.get(name);
		if (id === undefined) {
			id = slugify(lastSegment(name), IMPORT_DEFAULTS.topic);
			this.topicIds.set(name, id);
		}
		return id;
	}

	/** Records a topic named as in a file, titled by its last path segment; returns its id. */
	topicFrom(name: string): string {
		const id = this.topicId(name);
		return this.topics.has(id)
			? id
			: this.topic(id, lastSegment(name) || IMPORT_DEFAULTS.topicTitle);
	}

	/**
	 * Adds one entry read at `line`. `name` is what the file calls it (a GIFT title, an Anki GUID),
	 * used for the id when there is no `id`; otherwise the id comes from the prompt or front.
	 * Returns false (with the reasons recorded as errors) when the entry was refused. The draft is
	 * the parser's to give away: its id is set here.
	 */
	add(draft: Draft, line: number, name?: string): boolean {
		if (this.items.length + this.flashcards.length >= this.limits.entries) throw new TooMany();
		const wanted =
			typeof draft.id === 'string' && draft.id.trim() !== ''
				? draft.id.trim()
				: (name?.trim() ?? '');
		const base = ID.test(wanted) ? wanted : slugify(wanted || textOf(draft));
		const id = this.uniqueId(base, line, wanted);
		draft.id = id;
		const result = toBankItem(draft, this.limits.fieldBytes);
		if (!result.ok) {
			// The id was only reserved for this entry; release it so a later one may use it.
			this.releaseId(id, base);
			const what = draft.type === 'flashcard' ? 'flashcard' : `${draft.type} question`;
			for (const e of result.errors) this.error(line, `${what} skipped: ${e}`);
			return false;
		}
		const { entry } = result;
		this.lines[id] = line;
		if (entry.kind === 'item') {
			this.items.push(entry.item);
			this.noteTopic(entry.item.topic);
		} else {
			this.flashcards.push(entry.flashcard);
			this.noteTopic(entry.flashcard.topic);
		}
		return true;
	}

	private noteTopic(id: string): void {
		if (!this.topics.has(id))
			this.topics.set(id, id === IMPORT_DEFAULTS.topic ? IMPORT_DEFAULTS.topicTitle : id);
	}

	private uniqueId(base: string, line: number, wanted: string): string {
		const n = this.ids.get(base) ?? 0;
		this.ids.set(base, n + 1);
		if (n === 0) return base;
		let i = n + 1;
		let id = `${base}-${i}`;
		while (this.ids.has(id)) id = `${base}-${++i}`;
		this.ids.set(id, 1);
		if (wanted)
			this.warn(line, `the id "${wanted}" is used twice; this one is imported as "${id}"`);
		return id;
	}

	private releaseId(id: string, base: string): void {
		if (id === base) {
			const n = (this.ids.get(base) ?? 1) - 1;
			if (n <= 0) this.ids.delete(base);
			else this.ids.set(base, n);
		} else this.ids.delete(id);
	}

	result(): ParseResult {
		const counts = Object.fromEntries([...ITEM_TYPES, 'flashcard'].map((t) => [t, 0])) as Counts;
		for (const item of this.items) counts[item.type]++;
		counts.flashcard = this.flashcards.length;
		const used = new Set([...this.items, ...this.flashcards].map((e) => e.topic));
		const topics: TopicRef[] = [...this.topics]
			.filter(([id]) => used.has(id))
			.map(([id, title]) => ({ id, title }));
		const problems = [...this.problems].sort((a, b) => a.line - b.line);
		const out: ParseResult = {
			format: this.format,
			items: this.items,
			flashcards: this.flashcards,
			topics,
			problems,
			counts,
			lines: this.lines
		};
		if (this.title !== undefined) out.title = this.title;
		return out;
	}

	/**
	 * Runs a parser over text with the file-size and entry limits enforced. Past the entry limit
	 * nothing is kept: a partial import would look complete.
	 */
	static run(
		format: FormatId | null,
		text: string,
		limits: Limits | undefined,
		parse: (c: Collector) => void
	): ParseResult {
		const c = new Collector(format, limits);
		const bytes = text.length * 3 > c.limits.fileBytes ? utf8Bytes(text) : text.length;
		if (bytes > c.limits.fileBytes) {
			const max = formatBytes(c.limits.fileBytes);
			const size = formatBytes(bytes) === max ? '' : ` (this one is ${formatBytes(bytes)})`;
			c.error(1, `the file is larger than ${max}, the most Quire imports${size}`);
			return c.result();
		}
		try {
			parse(c);
		} catch (e) {
			if (!(e instanceof TooMany)) throw e;
			const empty = new Collector(format, c.limits);
			empty.error(
				1,
				`the file holds more than ${plural(c.limits.entries, 'question or card', 'questions and cards')}; ` +
					'split it into smaller files (nothing was imported)'
			);
			return empty.result();
		}
		return c.result();
	}
}

function lastSegment(path: string): string {
	return (
		path
			.split('/')
			.filter((s) => s.trim() !== '')
			.pop() ?? path
	).trim();
}

/** The text an id is made from when a file names nothing. */
function textOf(draft: Draft): string {
	const t =
		draft.type === 'flashcard' ? draft.front : draft.type === 'cloze' ? draft.text : draft.prompt;
	return typeof t === 'string' ? t.replace(/\{\{([^{}|]*)[^{}]*\}\}/g, '$1') : '';
}
