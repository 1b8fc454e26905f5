import { stringify } from 'yaml';
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
 * Checks drafts exactly as `npm run bank:check` checks questions/: each draft is written as its
 * own YAML file beside the article and run through the bank's validator, so a draft that passes
 * here would pass the build unchanged. Problems with the article as a whole (metadata, paragraphs
 * nothing cites) are not the drafts' and are left out.
 */
export function checkDrafts(
	article: DraftArticleT,
	drafts: Drafts,
	topics?: string[]
): DraftProblems {
	const all: (DraftItem | DraftCard)[] = [...drafts.items, ...drafts.flashcards];
	const topicIds = topics ?? [...new Set(all.map((d) => d.topic))];
	const articleYaml = stringify({
		topics: (topicIds.length > 0 ? topicIds : ['article']).map((id) => ({ id, title: id })),
		paragraphs: article.paragraphs
	});
	const width = String(all.length).length;
	const files: BankFile[] = all.map((draft, i) => {
		const kind = i < drafts.items.length ? 'items' : 'flashcards';
		return {
			file: `${kind}/${String(i).padStart(width, '0')}.yaml`,
			kind,
			text: stringify({ [kind]: [toBankEntry(draft)] }, { lineWidth: 0 })
		};
	});
	const { errors } = validateBank({ file: 'article.yaml', text: articleYaml }, files);
	const problems: DraftProblems = {};
	const byFile = new Map(files.map((f, i) => [f.file, all[i] as DraftItem | DraftCard]));
	for (const e of errors) {
		const draft = byFile.get(e.file);
		if (!draft) continue;
		(problems[draft.id] ??= []).push(e.message);
	}
	return problems;
}
