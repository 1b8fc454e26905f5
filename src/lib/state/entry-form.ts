/**
 * The editor's form: one flat, JSON-serialisable shape for every item type and flashcards, so a
 * teacher can switch type without losing what they typed, drafts can be stored as they type, and
 * undo is a stack of snapshots. `buildEntry` turns a form into an entry through the set schema
 * and the build's checks, and files each problem under the form field it belongs to.
 */
import * as v from 'valibot';
import { Id, ITEM_TYPES } from '$lib/bank/schema';
import {
	checkSetEntry,
	VOICES,
	type AnyCard,
	type AnyItem,
	type CitableParagraph,
	type SetCard,
	type SetQuizItem,
	type Voice
} from '$lib/bank/set';

const Str = v.string();
const Strings = v.array(Str);

/** The form, as a draft stores it; validated when a draft is read back. */
export const EntryFormSchema = v.object({
	kind: v.picklist(['item', 'flashcard']),
	type: v.picklist(ITEM_TYPES),
	prompt: Str,
	choices: v.array(v.object({ text: Str, right: v.boolean() })),
	truth: v.boolean(),
	text: Str,
	answer: Str,
	accept: Strings,
	number: Str,
	tolerance: Str,
	unit: Str,
	steps: Strings,
	pairs: v.array(v.object({ left: Str, right: Str })),
	front: Str,
	back: Str,
	reverse: v.boolean(),
	explanation: Str,
	/** The topic's title as typed; its id is found or made on save. */
	topic: Str,
	difficulty: v.picklist([1, 2, 3]),
	voice: v.picklist(VOICES),
	paragraph: Str,
	source: Str,
	/** Comma-separated. */
	tags: Str,
	/** What the file it came from called it (a GIFT `::Q2::`); kept on save, written back on export. */
	name: v.optional(Str, ''),
	/** Rules whose warnings the teacher dismissed for this entry (stored with it). */
	dismissed: v.optional(Strings, [])
});
export type EntryForm = v.InferOutput<typeof EntryFormSchema>;

/** A fresh form: a single-choice item with four empty choices, or a flashcard. */
export function blankForm(kind: 'item' | 'flashcard', topic = 'General'): EntryForm {
	return {
		kind,
		type: 'single',
		prompt: '',
		choices: [0, 1, 2, 3].map((i) => ({ text: '', right: i === 0 })),
		truth: true,
		text: '',
		answer: '',
		accept: [],
		number: '',
		tolerance: '',
		unit: '',
		steps: ['', '', ''],
		pairs: [
			{ left: '', right: '' },
			{ left: '', right: '' }
		],
		front: '',
		back: '',
		reverse: false,
		explanation: '',
		topic,
		difficulty: 2,
		voice: 'fact',
		paragraph: '',
		source: '',
		tags: '',
		name: '',
		dismissed: []
	};
}

/** A form holding an entry; `topicTitle` names its topic for the form. */
export function formFrom(entry: AnyItem | AnyCard, topicTitle: string): EntryForm {
	const f = blankForm('type' in entry ? 'item' : 'flashcard', topicTitle);
	f.explanation = entry.explanation ?? '';
	f.difficulty = entry.difficulty;
	f.voice = (entry as { voice?: Voice }).voice ?? 'fact';
	f.paragraph = entry.paragraph ?? '';
	f.source = entry.source ?? '';
	f.tags = entry.tags.join(', ');
	f.name = ('name' in entry ? entry.name : undefined) ?? '';
	f.dismissed = [...(('dismissed' in entry ? entry.dismissed : undefined) ?? [])];
	if (!('type' in entry)) {
		f.front = entry.front;
		f.back = entry.back;
		f.reverse = entry.reverse;
		return f;
	}
	f.type = entry.type;
	f.prompt = entry.prompt;
	switch (entry.type) {
		case 'single':
			f.choices = entry.choices.map((text) => ({ text, right: text === entry.answer }));
			break;
		case 'multi':
			f.choices = entry.choices.map((text) => ({ text, right: entry.answers.includes(text) }));
			break;
		case 'truefalse':
			f.truth = entry.answer;
			break;
		case 'cloze':
			f.text = entry.text;
			break;
		case 'short':
			f.answer = entry.answer;
			f.accept = [...entry.accept];
			break;
		case 'numeric':
			f.number = String(entry.answer);
			f.tolerance = entry.tolerance ? String(entry.tolerance) : '';
			f.unit = entry.unit ?? '';
			break;
		case 'order':
			f.steps = [...entry.items];
			break;
		case 'match':
			f.pairs = entry.pairs.map((p) => ({ ...p }));
			break;
	}
	return f;
}

/** A number as a teacher types it: "1987", "5,500", "-2.5", "2,5" as a decimal comma. */
export function readNumber(text: string): number | null {
	const t = text.trim().replace(/\s/g, '');
	if (/^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(t)) return Number(t.replace(/,/g, ''));
	if (/^[-+]?\d+(?:[.,]\d+)?$/.test(t)) return Number(t.replace(',', '.'));
	return null;
}

/** A topic of the set being edited. */
export interface TopicRef {
	id: string;
	title: string;
}

/** The topic a title names: an existing one (case ignored), else a new one with an id made from it. */
export function resolveTopic(
	title: string,
	topics: readonly TopicRef[]
): { topic: TopicRef; isNew: boolean } {
	const clean = title.trim().replace(/\s+/g, ' ') || 'General';
	const found = topics.find((t) => t.title.toLowerCase() === clean.toLowerCase());
	if (found) return { topic: found, isNew: false };
	const base =
		clean
			.normalize('NFKD')
			.replace(/\p{M}+/gu, '')
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 40)
			.replace(/-+$/g, '') || 'topic';
	let id = base;
	for (let n = 2; topics.some((t) => t.id === id); n++) id = `${base}-${n}`;
	return { topic: { id, title: clean }, isNew: true };
}

/** Problems by form field: `prompt`, `choices`, `choices.2`, `pairs.0.left`, `source`, … */
export type FieldErrors = Record<string, string[]>;

/**
 * What the form makes: the entry (null while anything is wrong), problems by field, the build's
 * editorial advice by field (a prompt that gives the answer away: shown, never a reason to refuse
 * the entry), the topic.
 */
export interface Built {
	entry: SetQuizItem | SetCard | null;
	errors: FieldErrors;
	advice: FieldErrors;
	topic: TopicRef;
	newTopic: boolean;
}

/** The context a form is checked in. */
export interface FormContext {
	id: string;
	topics: readonly TopicRef[];
	/** The article's paragraphs: a filled-in quote is checked against them. */
	paragraphs: readonly CitableParagraph[];
	/** The set is built on the article: every entry needs a paragraph and a quote. */
	requireQuote: boolean;
}

function present(s: string): string | undefined {
	return s.trim() === '' ? undefined : s;
}

/** Form rows that belong to the entry, by list: rows left wholly blank are ignored. */
export interface KeptRows {
	choices: number[];
	accept: number[];
	steps: number[];
	pairs: number[];
}

function indices<T>(list: readonly T[], keep: (x: T) => boolean): number[] {
	return list.flatMap((x, i) => (keep(x) ? [i] : []));
}

/** The rows of each list that count; a blank form's spare rows need no deleting. */
export function keptRows(f: EntryForm): KeptRows {
	return {
		choices: indices(f.choices, (c) => c.text.trim() !== '' || c.right),
		accept: indices(f.accept, (a) => a.trim() !== ''),
		steps: indices(f.steps, (x) => x.trim() !== ''),
		pairs: indices(f.pairs, (p) => p.left.trim() !== '' || p.right.trim() !== '')
	};
}

/** The raw entry a form describes, before any check; `errors` holds what the form alone can tell. */
function rawEntry(
	f: EntryForm,
	ctx: FormContext,
	topicId: string,
	errors: FieldErrors,
	kept: KeptRows
): Record<string, unknown> {
	const say = (key: string, message: string) => (errors[key] ??= []).push(message);
	const tags = f.tags
		.split(/[,\s]+/)
		.map((t) => t.trim())
		.filter(Boolean);
	const common: Record<string, unknown> = {
		id: ctx.id,
		topic: topicId,
		difficulty: f.difficulty,
		voice: f.voice,
		tags
	};
	if (present(f.explanation)) common.explanation = f.explanation;
	if (present(f.name)) common.name = f.name.trim();
	if (f.dismissed.length > 0) common.dismissed = [...new Set(f.dismissed)];
	if (present(f.paragraph) || present(f.source)) {
		if (present(f.paragraph)) common.paragraph = f.paragraph;
		if (present(f.source)) common.source = f.source;
	}
	if (f.kind === 'flashcard')
		return { ...common, front: f.front, back: f.back, reverse: f.reverse };
	const item: Record<string, unknown> = { ...common, type: f.type, prompt: f.prompt };
	const pick = <T>(list: readonly T[], at: number[]) => at.map((i) => list[i] as T);
	const choices = pick(f.choices, kept.choices);
	const texts = choices.map((c) => c.text);
	const right = choices.filter((c) => c.right).map((c) => c.text);
	switch (f.type) {
		case 'single':
			item.choices = texts;
			if (right.length === 0) say('choices', 'mark the right choice');
			item.answer = right[0] ?? '';
			break;
		case 'multi':
			item.choices = texts;
			if (right.length === 0) say('choices', 'mark at least one right choice');
			item.answers = right;
			break;
		case 'truefalse':
			item.answer = f.truth;
			break;
		case 'cloze':
			item.text = f.text;
			break;
		case 'short':
			item.answer = f.answer;
			item.accept = pick(f.accept, kept.accept);
			break;
		case 'numeric': {
			const n = readNumber(f.number);
			if (n === null) say('number', 'must be a number, e.g. 1987, 5,500 or 2.5');
			item.answer = n ?? 0;
			if (present(f.tolerance)) {
				const t = readNumber(f.tolerance);
				if (t === null) say('tolerance', 'must be a number, e.g. 2 or 0.5');
				else item.tolerance = t;
			}
			if (present(f.unit)) item.unit = f.unit;
			break;
		}
		case 'order':
			item.items = pick(f.steps, kept.steps);
			break;
		case 'match':
			item.pairs = pick(f.pairs, kept.pairs);
			break;
	}
	return item;
}

/** The form field an entry path belongs to. */
export function fieldOf(
	f: EntryForm,
	path: readonly (string | number)[],
	kept: KeptRows = keptRows(f)
): string {
	const [head, n, sub] = path;
	const row = (list: keyof KeptRows) => (typeof n === 'number' ? (kept[list][n] ?? n) : null);
	if (head === undefined) return f.paragraph.trim() ? 'source' : 'paragraph';
	if (f.kind === 'flashcard') return String(head);
	switch (head) {
		case 'answer':
			return f.type === 'truefalse'
				? 'truth'
				: f.type === 'numeric'
					? 'number'
					: f.type === 'short'
						? 'answer'
						: 'choices';
		case 'answers':
			return 'choices';
		case 'choices':
			return row('choices') === null ? 'choices' : `choices.${row('choices')}`;
		case 'accept':
			return row('accept') === null ? 'accept' : `accept.${row('accept')}`;
		case 'items':
			return row('steps') === null ? 'steps' : `steps.${row('steps')}`;
		case 'pairs':
			return row('pairs') === null
				? 'pairs'
				: `pairs.${row('pairs')}.${sub === 'right' ? 'right' : 'left'}`;
		case 'tags':
			return 'tags';
		default:
			return String(head);
	}
}

/**
 * The form field a checker finding belongs to (`lintItem`'s `field`: `prompt`, `choices.2`,
 * `answer`, `items.1`, …); `''` for the entry as a whole and for what the form has no field for.
 */
export function findingKey(f: EntryForm, field: string): string {
	if (field === '' || field === 'level') return '';
	const path = field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
	return fieldOf(f, path);
}

/** Builds the entry a form describes, checked as the build checks questions/. */
export function buildEntry(f: EntryForm, ctx: FormContext): Built {
	const errors: FieldErrors = {};
	const { topic, isNew } = resolveTopic(f.topic, ctx.topics);
	const kept = keptRows(f);
	const raw = rawEntry(f, ctx, topic.id, errors, kept);
	// Editorial advice is the teacher's to weigh: it is shown beside its field, and only real
	// faults (a missing key, a quote not in its paragraph) keep the entry from being saved.
	const checked = checkSetEntry(f.kind, raw, ctx.paragraphs, ctx.requireQuote, true);
	const unmarked = errors.choices !== undefined;
	const advice: FieldErrors = {};
	for (const p of checked.problems) {
		// With no choice marked right, the missing answer is already named as such.
		// An empty right answer is named on its own row.
		const choiceAnswer =
			(f.type === 'single' || f.type === 'multi') &&
			(p.path[0] === 'answer' || p.path[0] === 'answers');
		if (choiceAnswer && (unmarked || p.message === 'must not be empty')) continue;
		const key = fieldOf(f, p.path, kept);
		const list = ((p.editorial ? advice : errors)[key] ??= []);
		if (!list.includes(p.message)) list.push(p.message);
	}
	const ok = Object.keys(errors).length === 0;
	return { entry: ok ? checked.entry : null, errors, advice, topic, newTopic: isNew };
}

/** An item as the student would see it, built from the form as it stands (nothing checked). */
export function previewItem(f: EntryForm, id: string): SetQuizItem {
	const common = { id, topic: 'preview', difficulty: f.difficulty, voice: f.voice, tags: [] };
	const explanation = present(f.explanation);
	const base = { ...common, ...(explanation ? { explanation } : {}), prompt: f.prompt };
	// Inputs key their rows by text: leave out empty and repeated entries until they are fixed.
	const distinct = <T>(list: readonly T[], key: (x: T) => string[]) => {
		const seen = new Set<string>();
		return list.filter((x) => {
			const keys = key(x);
			if (keys.some((k) => k.trim() === '' || seen.has(k))) return false;
			for (const k of keys) seen.add(k);
			return true;
		});
	};
	const choices = distinct(f.choices, (c) => [c.text]);
	const texts = choices.map((c) => c.text);
	switch (f.type) {
		case 'single':
			return {
				...base,
				type: 'single',
				choices: texts,
				answer: choices.find((c) => c.right)?.text ?? ''
			};
		case 'multi':
			return {
				...base,
				type: 'multi',
				choices: texts,
				answers: choices.filter((c) => c.right).map((c) => c.text)
			};
		case 'truefalse':
			return { ...base, type: 'truefalse', answer: f.truth };
		case 'cloze':
			return { ...base, type: 'cloze', text: f.text };
		case 'short':
			return { ...base, type: 'short', answer: f.answer, accept: f.accept };
		case 'numeric':
			return {
				...base,
				type: 'numeric',
				answer: readNumber(f.number) ?? 0,
				tolerance: readNumber(f.tolerance) ?? 0,
				...(present(f.unit) ? { unit: f.unit } : {})
			};
		case 'order':
			return { ...base, type: 'order', items: distinct(f.steps, (x) => [x]) };
		case 'match':
			return {
				...base,
				type: 'match',
				pairs: distinct(f.pairs, (p) => [p.left, p.right.trim() ? `\u0000${p.right}` : '']).map(
					(p) => ({ ...p })
				)
			};
	}
}

/** Reads a stored draft's form; null when it is not one. */
export function readForm(raw: unknown): EntryForm | null {
	const parsed = v.safeParse(EntryFormSchema, raw);
	return parsed.success ? parsed.output : null;
}

/** Whether an id is a valid entry id (kebab-case). */
export function isEntryId(id: string): boolean {
	return v.is(Id, id);
}
