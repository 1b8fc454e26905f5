/**
 * A set drafted from an article, in plain TypeScript: the article the teacher brought made fit to
 * store, the drafts kept as editor drafts until they are reviewed, and a reviewed draft made an
 * entry of the set. A draft waiting for review is an editor draft whose form also holds the
 * drafted entry as the drafter made it (`drafted`), so accepting it unchanged stores exactly that
 * entry; once the teacher edits it in the editor, the form alone is the draft.
 */
import * as v from 'valibot';
import { parseCloze } from '$lib/bank/cloze';
import { groupDigits } from '$lib/bank/digits';
import { findQuote } from '$lib/bank/highlight';
import {
	checkSetEntry,
	entryText,
	MAX_ARTICLE_CHARS,
	numberParagraphs,
	SetArticle,
	SetFlashcard,
	SetItem,
	type SetArticleT,
	type SetCard,
	type SetQuizItem
} from '$lib/bank/set';
import type { DraftRow, NewEntry } from '$lib/db/sets';
import type { DraftArticleT, DraftCard, DraftItem } from '$lib/draft/client';
import { buildEntry, formFrom, readForm } from './entry-form';

/** The files "New set from an article" opens. */
export const ARTICLE_ACCEPT = '.txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html';
/** Largest article file read, in bytes. */
export const MAX_ARTICLE_FILE_BYTES = 2 * 1024 * 1024;
/** The topic every drafted entry starts in. */
export const DRAFT_TOPIC = { id: 'article', title: 'The article' } as const;

/** What the teacher is asked for: prefilled from the text's heading and byline. */
export interface ArticleMeta {
	title: string;
	outlet: string;
	author: string;
	date: string;
}

/** Whether a file name is one "New set from an article" reads. */
export function isArticleFile(name: string): boolean {
	return /\.(?:txt|md|markdown|html?)$/i.test(name);
}

/**
 * The article as a set stores it: the paragraphs verbatim as split, the meta as the teacher
 * confirmed it. A sentence names what is wrong when it cannot be stored.
 */
export function toSetArticle(
	split: DraftArticleT,
	meta: ArticleMeta
): { ok: true; article: SetArticleT } | { ok: false; reason: string } {
	const trimmed: ArticleMeta = {
		title: meta.title.trim(),
		outlet: meta.outlet.trim(),
		author: meta.author.trim(),
		date: meta.date.trim()
	};
	if (!trimmed.title) return { ok: false, reason: 'Give the article a title.' };
	const chars = split.paragraphs.reduce((n, p) => n + p.text.length, 0);
	if (chars > MAX_ARTICLE_CHARS)
		return {
			ok: false,
			reason: `The article is ${groupDigits(chars)} characters long; a set keeps articles up to ${groupDigits(MAX_ARTICLE_CHARS)}.`
		};
	const parsed = v.safeParse(SetArticle, { meta: trimmed, paragraphs: split.paragraphs });
	if (!parsed.success) {
		const issue = parsed.issues[0];
		const field = issue?.path?.map((p) => p.key).join('.') ?? '';
		return {
			ok: false,
			reason: `The article cannot be kept: ${field ? `${field} ` : ''}${issue?.message ?? 'invalid'}.`
		};
	}
	return { ok: true, article: parsed.output };
}

/** The editor draft a drafted entry waits in; `position` keeps the drafter's order. */
export function draftRow(
	setId: string,
	entry: DraftItem | DraftCard,
	position: number,
	now: number
): DraftRow {
	return {
		id: `${setId}/${entry.id}`,
		setId,
		entryId: entry.id,
		form: { ...formFrom(entry, DRAFT_TOPIC.title), drafted: entry, position },
		savedAt: now
	};
}

/** A draft as the review lists it. */
export interface ReviewDraft {
	id: string;
	kind: 'item' | 'flashcard';
	/** The entry it makes, or null with the problems that stop it. */
	entry: SetQuizItem | SetCard | null;
	problems: string[];
	/** Changed in the editor since it was drafted. */
	edited: boolean;
	text: string;
	/** The answer (or a card's back) as the review shows it. */
	answer: string;
	type: string;
	paragraph: { id: string; n: number; kind?: string; text: string } | null;
	quote: string;
	/** Where the quote sits in its paragraph, or null when it is not found there. */
	at: { start: number; end: number } | null;
	position: number;
}

/** The drafted entry still in a draft's form (not edited since), validated; or null. */
export function draftedEntry(form: Record<string, unknown>): SetQuizItem | SetCard | null {
	const raw = form.drafted;
	if (raw === undefined) return null;
	const item = v.safeParse(SetItem, raw);
	if (item.success) return item.output;
	const card = v.safeParse(SetFlashcard, raw);
	return card.success ? card.output : null;
}

/**
 * A draft made ready for review: the drafted entry checked as the editor checks an entry of a
 * set built on an article (its quote word for word in the set's article), or the edited form
 * built as the editor builds it.
 */
export function reviewDraft(
	row: DraftRow,
	article: SetArticleT,
	topics: readonly { id: string; title: string }[]
): ReviewDraft {
	const paragraphs = numberParagraphs(article);
	const drafted = draftedEntry(row.form);
	const form = readForm(row.form);
	let entry: SetQuizItem | SetCard | null = null;
	let problems: string[];
	let kind: 'item' | 'flashcard' = form?.kind ?? 'item';
	if (drafted) {
		kind = 'type' in drafted ? 'item' : 'flashcard';
		const checked = checkSetEntry(kind, drafted, paragraphs, true);
		entry = checked.entry;
		problems = checked.problems.map((p) => `${p.path.join('.') || 'entry'}: ${p.message}`);
	} else if (form) {
		const built = buildEntry(form, {
			id: row.entryId,
			topics,
			paragraphs,
			requireQuote: true
		});
		entry = built.entry;
		problems = Object.entries(built.errors).flatMap(([k, list]) => list.map((m) => `${k}: ${m}`));
	} else {
		problems = ['this draft is damaged on this device'];
	}
	const shown = entry ?? drafted;
	const paragraphId = shown?.paragraph ?? form?.paragraph ?? '';
	const quote = shown?.source ?? form?.source ?? '';
	const paragraph = paragraphs.find((p) => p.id === paragraphId) ?? null;
	const position = typeof row.form.position === 'number' ? row.form.position : Infinity;
	return {
		id: row.entryId,
		kind,
		entry,
		problems,
		edited: !drafted,
		text: shown ? entryText(shown) : (form?.prompt ?? form?.front ?? ''),
		answer: shown ? answerText(shown) : '',
		type: shown && 'type' in shown ? shown.type : kind === 'flashcard' ? 'flashcard' : '',
		paragraph,
		quote,
		at: paragraph && quote ? findQuote(paragraph.text, quote) : null,
		position
	};
}

/** An entry's answer in words: the right choice and the others, the blanks, the order, a back. */
export function answerText(entry: SetQuizItem | SetCard): string {
	if (!('type' in entry)) return entry.back;
	switch (entry.type) {
		case 'single': {
			const others = entry.choices.filter((c) => c !== entry.answer);
			return `${entry.answer} (other choices: ${others.join(', ')})`;
		}
		case 'multi':
			return entry.answers.join(', ');
		case 'truefalse':
			return entry.answer ? 'True' : 'False';
		case 'cloze':
			return parseCloze(entry.text)
				.parts.flatMap((p) => (p.kind === 'text' ? [] : [p.answers.join(' or ')]))
				.join('; ');
		case 'short':
			return [entry.answer, ...entry.accept].join(' or ');
		case 'numeric':
			return `${entry.answer}${entry.unit ? ` ${entry.unit}` : ''}${entry.tolerance ? ` (± ${entry.tolerance})` : ''}`;
		case 'order':
			return entry.items.join(' → ');
		case 'match':
			return entry.pairs.map((p) => `${p.left} = ${p.right}`).join('; ');
	}
}

/** The drafts in the drafter's order; edited ones (which lost their place) after them. */
export function reviewOrder(list: readonly ReviewDraft[]): ReviewDraft[] {
	return [...list].sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
}

/** The entries the chosen drafts make, and the ids of those that cannot be accepted yet. */
export function acceptable(list: readonly ReviewDraft[]): {
	entries: NewEntry[];
	blocked: string[];
} {
	const entries: NewEntry[] = [];
	const blocked: string[] = [];
	for (const d of list) {
		if (!d.entry) blocked.push(d.id);
		else if ('type' in d.entry) entries.push({ kind: 'item', entry: d.entry });
		else entries.push({ kind: 'flashcard', entry: d.entry });
	}
	return { entries, blocked };
}
