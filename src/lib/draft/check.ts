import { Flashcard } from '../bank/schema.ts';
import { validateBank, type BankFile } from '../bank/validate.ts';
import type { DraftArticleT, DraftCard, DraftItem, Drafts } from './types.ts';

/**
 * Whether the bank's schema has the `voice` field yet. Until it does, drafts are checked without
 * it; once it does, they are checked with it. This is the one place that knows.
 */
export const BANK_HAS_VOICE = 'voice' in Flashcard.entries;

/** A draft as the bank stores it. */
export function toBankEntry<T extends DraftItem | DraftCard>(draft: T): Omit<T, 'voice'> | T {
	if (BANK_HAS_VOICE) return draft;
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { voice, ...rest } = draft;
	return rest;
}

/** Every problem the bank's validator finds in each draft, by draft id; absent when none. */
export type DraftProblems = Record<string, string[]>;

/**
 * Checks drafts exactly as `npm run bank:check` checks questions/: the drafts are written as an
 * items file and a flashcards file beside the article and run through the bank's validator, so a
 * draft that passes here would pass the build unchanged. Each draft sits on a line of its own (JSON
 * is YAML), so every error's line names its draft. Problems with the article as a whole
 * (metadata, paragraphs nothing cites) are not the drafts' and are left out.
 */
export function checkDrafts(
	article: DraftArticleT,
	drafts: Drafts,
	topics?: string[]
): DraftProblems {
	const all: (DraftItem | DraftCard)[] = [...drafts.items, ...drafts.flashcards];
	const topicIds = topics ?? [...new Set(all.map((d) => d.topic))];
	const articleYaml = JSON.stringify({
		topics: (topicIds.length > 0 ? topicIds : ['article']).map((id) => ({ id, title: id })),
		paragraphs: article.paragraphs
	});
	const file = (kind: 'items' | 'flashcards', list: readonly (DraftItem | DraftCard)[]) => ({
		file: `${kind}/drafts.yaml`,
		kind,
		text: `${kind}:\n${list.map((d) => `- ${JSON.stringify(toBankEntry(d))}\n`).join('')}`
	});
	const files: BankFile[] = [];
	if (drafts.items.length > 0) files.push(file('items', drafts.items));
	if (drafts.flashcards.length > 0) files.push(file('flashcards', drafts.flashcards));
	const { errors } = validateBank({ file: 'article.yaml', text: articleYaml }, files);
	const problems: DraftProblems = {};
	for (const e of errors) {
		const list =
			e.file === 'items/drafts.yaml'
				? drafts.items
				: e.file === 'flashcards/drafts.yaml'
					? drafts.flashcards
					: null;
		// Line 1 is the "items:" key; draft i is on line i + 2.
		const draft = list?.[e.line - 2];
		if (!draft) continue;
		(problems[draft.id] ??= []).push(e.message);
	}
	return problems;
}
