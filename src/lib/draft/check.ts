import { lintItem } from '../bank/lint/index.ts';
import { validateBank, type BankFile } from '../bank/validate.ts';
import { acceptsTyped } from '../engine/score.ts';
import type { DraftArticleT, DraftCard, DraftItem, Drafts } from './types.ts';

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
		text: `${kind}:\n${list.map((d) => `- ${JSON.stringify(d)}\n`).join('')}`
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

/** What `settleDrafts` keeps, what each kept draft still has wrong, and what it dropped. */
export interface Settled {
	drafts: Drafts;
	problems: DraftProblems;
	/** Ids of drafts dropped as near-duplicates of a draft kept before them. */
	dropped: string[];
}

const NEAR_DUPLICATE = /^near-duplicate of "([^"]+)"/;

/**
 * Checks drafts with the bank's validator once and drops every draft that asks what a draft kept
 * before it already asks (the bank's near-duplicate rule: the same answer to a similar question,
 * the same quote tested for the same answer, two true/false statements on one quote). The first
 * of each group is kept; a draft whose only near-duplicates were themselves dropped stays. The
 * kept drafts' problems are what the validator reports on the kept set.
 */
export function settleDrafts(article: DraftArticleT, drafts: Drafts, topics?: string[]): Settled {
	const found = checkDrafts(article, drafts, topics);
	const kept = new Set<string>();
	const dropped: string[] = [];
	const problems: DraftProblems = {};
	for (const d of [...drafts.items, ...drafts.flashcards]) {
		const messages = found[d.id] ?? [];
		const twins = messages.flatMap((m) => NEAR_DUPLICATE.exec(m)?.[1] ?? []);
		if (twins.some((id) => kept.has(id))) {
			dropped.push(d.id);
			continue;
		}
		kept.add(d.id);
		const rest = messages.filter((m) => !NEAR_DUPLICATE.test(m));
		if (rest.length > 0) problems[d.id] = rest;
	}
	return {
		drafts: {
			items: drafts.items.filter((d) => kept.has(d.id)),
			flashcards: drafts.flashcards.filter((d) => kept.has(d.id))
		},
		problems,
		dropped
	};
}

/** What `screenDrafts` keeps, in the order the teacher should see them, and what it dropped. */
export interface Screened {
	drafts: Drafts;
	/** Ids of drafts dropped for an error of the item-quality checker, with its rule. */
	dropped: { id: string; rule: string }[];
	/** Warnings of the item-quality checker on each kept draft, by id (absent: none). */
	warnings: Record<string, number>;
}

/**
 * Runs the item-quality checker (`$lib/bank/lint`, with the engine's matcher and the article's
 * paragraphs) over drafts: a draft with an error (a cue that gives the key away, a spelled-out
 * order) is dropped before the teacher sees it, and the rest are ranked, items and flashcards
 * each, by their count of warnings, fewest first (the order among equals kept).
 */
export function screenDrafts(article: DraftArticleT, drafts: Drafts): Screened {
	const context = { paragraphs: article.paragraphs, accepts: acceptsTyped };
	const dropped: Screened['dropped'] = [];
	const warnings: Record<string, number> = {};
	const screen = <T extends DraftItem | DraftCard>(list: readonly T[]): T[] => {
		const kept: { draft: T; n: number; at: number }[] = [];
		list.forEach((draft, at) => {
			const found = lintItem(draft, context);
			const error = found.find((f) => f.severity === 'error');
			if (error) {
				dropped.push({ id: draft.id, rule: error.rule });
				return;
			}
			if (found.length > 0) warnings[draft.id] = found.length;
			kept.push({ draft, n: found.length, at });
		});
		return kept.sort((a, b) => a.n - b.n || a.at - b.at).map((k) => k.draft);
	};
	return {
		drafts: { items: screen(drafts.items), flashcards: screen(drafts.flashcards) },
		dropped,
		warnings
	};
}
