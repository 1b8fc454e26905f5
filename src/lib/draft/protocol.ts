import * as v from 'valibot';
import { groupDigits } from '../bank/digits.ts';
import { createRng } from '../engine/rng.ts';
import { screenDrafts, settleDrafts, type DraftProblems } from './check.ts';
import { draftItems } from './draft.ts';
import { capArticle, inputProblem } from './input.ts';
import { detectLanguage, languageName } from './language.ts';
import { splitArticle } from './split.ts';
import { DraftArticle, type DraftArticleT, type DraftCard, type DraftItem } from './types.ts';

/** Longest text the worker accepts: about 100,000 words, far beyond any article. */
export const MAX_TEXT = 1_000_000;

const Common = {
	/** Echoed in every reply, so replies to an older request can be told apart. */
	id: v.number(),
	/** Seed of the drafter's RNG: the same seed gives the same drafts. */
	seed: v.pipe(v.string(), v.minLength(1)),
	topic: v.optional(v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/))),
	idPrefix: v.optional(v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/))),
	perSentence: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(8))),
	/** The day the date falls back to when the text shows none (ms since the epoch). */
	now: v.optional(v.number())
};

/** A request to the drafting worker: raw text (plain, Markdown or HTML) or an article already split. */
export const DraftRequest = v.pipe(
	v.strictObject({
		...Common,
		text: v.optional(
			v.pipe(
				v.string(),
				v.maxLength(MAX_TEXT, `the text is too long (over ${groupDigits(MAX_TEXT)} characters)`)
			)
		),
		article: v.optional(DraftArticle)
	}),
	v.check(
		(r) => (r.text === undefined) !== (r.article === undefined),
		'give either the text or the article'
	)
);
export type DraftRequestT = v.InferInput<typeof DraftRequest>;

/** What the worker drafted: the article it drafted from, the drafts, and each draft's problems. */
export interface DraftResult {
	article: DraftArticleT;
	items: DraftItem[];
	flashcards: DraftCard[];
	/** The bank validator's messages by draft id; a draft without an entry passes unchanged. */
	problems: DraftProblems;
	/** Said to the teacher beside the drafts: the text was long and only its first part was drafted. */
	notice: string | null;
	/** What kind of text the drafter took it for: news, opinion, encyclopedia, textbook, speech. */
	genre: string;
}

/** A message from the worker. */
export type DraftResponse =
	| { id: number; type: 'progress'; done: number; total: number }
	| ({ id: number; type: 'result' } & DraftResult)
	| {
			id: number;
			type: 'error';
			message: string;
			/** Why the text was refused (`empty`, `short`, `repeated`, `language`); absent for a bad request. */
			code?: string;
	  };

function requestId(data: unknown): number {
	const id = (data as { id?: unknown } | null)?.id;
	return typeof id === 'number' ? id : -1;
}

/**
 * Handles one message sent to the drafting worker: validates it, splits the text when needed,
 * drafts with progress, checks the drafts with the bank's validator, drops near-duplicates and
 * posts the result. A bad request or a text with nothing to draft gets an error message naming
 * what is wrong.
 */
export function handleDraftRequest(data: unknown, post: (message: DraftResponse) => void): void {
	const parsed = v.safeParse(DraftRequest, data);
	if (!parsed.success) {
		const issue = parsed.issues[0];
		const where = issue?.path?.map((p) => String(p.key)).join('.') ?? '';
		const message = issue
			? `invalid drafting request${where ? ` (${where})` : ''}: ${issue.message}`
			: 'invalid drafting request';
		post({ id: requestId(data), type: 'error', message });
		return;
	}
	const req = parsed.output;
	const split = req.article ?? splitArticle(req.text ?? '', req.now);
	const body = split.paragraphs.filter((p) => p.kind === 'body').map((p) => p.text);
	const code = detectLanguage(body);
	const problem = inputProblem(split, { code, name: languageName(code) });
	if (problem) {
		post({ id: req.id, type: 'error', message: problem.message, code: problem.code });
		return;
	}
	const { article, notice } = capArticle(split);
	const drafts = draftItems(
		article,
		{
			rng: createRng(req.seed),
			topic: req.topic,
			idPrefix: req.idPrefix,
			perSentence: req.perSentence
		},
		(p) => post({ id: req.id, type: 'progress', done: p.done, total: p.total })
	);
	// Near-duplicates are dropped here, so the teacher never reviews the same question twice.
	const settled = settleDrafts(split, drafts, [req.topic ?? 'article']);
	// A draft the item-quality checker finds an error in is dropped too; warnings rank drafts lower.
	const screened = screenDrafts(split, settled.drafts);
	post({
		id: req.id,
		type: 'result',
		article: split,
		...screened.drafts,
		problems: settled.problems,
		notice,
		genre: drafts.genre
	});
}
