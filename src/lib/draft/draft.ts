import { lintItem } from '../bank/lint/index.ts';
import { acceptsTyped } from '../engine/score.ts';
import { checkDrafts } from './check.ts';
import {
	buildPool,
	countEntities,
	sectionsOf,
	KINDS,
	KIND_TAGS,
	type Candidate,
	type Context,
	type Kind
} from './context.ts';
import { detectGenre, voiceIn, type Genre } from './genre.ts';
import { causeDrafts } from './kinds/cause.ts';
import { claimDrafts } from './kinds/claims.ts';
import { definitionDrafts } from './kinds/definitions.ts';
import { detailDrafts } from './kinds/details.ts';
import { mainIdeaDrafts } from './kinds/main-idea.ts';
import { sequenceDrafts } from './kinds/sequence.ts';
import { trueFalseDrafts } from './kinds/truefalse.ts';
import { leaks, sameKey } from './leaks.ts';
import { settleSet } from './repair.ts';
import { readArticle } from './sentences.ts';
import type {
	DraftArticleT,
	DraftCard,
	DraftItem,
	DraftOptions,
	DraftProgress,
	Drafts
} from './types.ts';

export { KINDS, KIND_NAMES, KIND_TAGS, type Kind } from './context.ts';

/** Words of the article's body: what the set's size follows. */
export function bodyWords(article: DraftArticleT): number {
	return article.paragraphs
		.filter((p) => p.kind === 'body')
		.reduce((n, p) => n + p.text.split(/\s+/).filter((w) => /[\p{L}\d]/u.test(w)).length, 0);
}

/** Most quiz items in a set, however long the text. */
export const MAX_ITEMS = 30;
/** Most flashcards in a set. */
export const MAX_CARDS = 12;
/** Most true/false items, as a share of the set's items. */
export const MAX_TRUE_FALSE = 0.3;
/** Most recall items, as a share of the set's items. */
export const MAX_RECALL = 0.5;
/** Most items of one kind, as a share of the set's items (at least 3). */
export const MAX_ONE_KIND = 0.4;
/** Most items with the same true/false answer, as a share of the true/false items. */
export const MAX_ONE_ANSWER = 0.6;

/** How many items a text of this many words gets: about one per 45 words, 4 to 30. */
export function targetItems(words: number): number {
	return Math.max(4, Math.min(MAX_ITEMS, Math.round(words / 45)));
}

/** The kind of a drafted entry, from its tag. */
export function kindOf(entry: DraftItem | DraftCard): Kind | null {
	return KINDS.find((k) => entry.tags.includes(KIND_TAGS[k])) ?? null;
}

/** What was drafted, its genre, and how many candidates each kind offered. */
export interface DraftOutcome extends Drafts {
	genre: Genre;
	offered: Record<Kind, number>;
}

/**
 * Drafts quiz items and flashcards from an article, kind by kind (key terms, details, causes,
 * sequence, main ideas, claims and evidence, true or false), then chooses a set a teacher would
 * assign: about one item per 45 words, a mix of kinds taken in turn (the best of each first), at
 * most half recall and 30% true/false (neither answer over 60%), one draft per sentence, and no
 * draft whose stem or options show another draft's answer. Drafts come grouped by kind, best first.
 * Every draft cites its paragraph and a quote found verbatim in it; the same article, options and
 * seed give the same drafts.
 */
export function draftItems(
	article: DraftArticleT,
	options: DraftOptions,
	onProgress?: (p: DraftProgress) => void
): DraftOutcome {
	const body = article.paragraphs.filter((p) => p.kind !== 'header');
	const total = body.length + 1;
	const { genre, all } = draftCandidates(article, options, onProgress);
	const offered = Object.fromEntries(
		KINDS.map((k) => [k, all.filter((c) => c.kind === k).length])
	) as Record<Kind, number>;
	const chosen = chooseSet(article, all, targetItems(bodyWords(article)), options.perSentence ?? 1);
	onProgress?.({ done: total, total });
	const ordered = [...chosen].sort(
		(a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) || b.score - a.score
	);
	const items = ordered.flatMap((c) => ('type' in c.entry ? [c.entry] : []));
	const flashcards = ordered.flatMap((c) => ('type' in c.entry ? [] : [c.entry]));
	return { items, flashcards, genre, offered };
}

/** Every candidate each kind offers for an article, before the set is chosen. */
export function draftCandidates(
	article: DraftArticleT,
	options: DraftOptions,
	onProgress?: (p: DraftProgress) => void
): { genre: Genre; all: Candidate[] } {
	const genre = detectGenre(article);
	const body = article.paragraphs.filter((p) => p.kind !== 'header');
	const total = body.length + 1;
	const sentences = readArticle(article, voiceIn(genre), (done) => onProgress?.({ done, total }));
	const usable = sentences.filter((s) => !s.skip);
	const ctx: Context = {
		rng: options.rng,
		topic: options.topic ?? 'article',
		prefix: options.idPrefix ?? 'draft',
		genre,
		sentences,
		usable,
		pool: buildPool(sentences),
		counts: countEntities(sentences),
		fullText: article.paragraphs.map((p) => p.text).join('\n'),
		paragraphText: new Map(article.paragraphs.map((p) => [p.id, p.text])),
		title: article.meta.title,
		ids: new Set(),
		sections: sectionsOf(article.paragraphs)
	};
	const makers: Record<Kind, (c: Context) => Candidate[]> = {
		definition: definitionDrafts,
		detail: detailDrafts,
		cause: causeDrafts,
		sequence: sequenceDrafts,
		'main-idea': mainIdeaDrafts,
		claims: claimDrafts,
		truefalse: trueFalseDrafts
	};
	return { genre, all: KINDS.flatMap((k) => makers[k](ctx)) };
}

/**
 * Chooses the set: candidates the bank's validator or the checker faults are left out, warnings
 * lower a candidate's rank, then kinds take turns, each offering its best remaining candidate that
 * keeps every rule of the set.
 */
function chooseOnce(
	article: DraftArticleT,
	all: Candidate[],
	target: number,
	perSentence: number
): Candidate[] {
	const problems = checkDrafts(article, {
		items: all.flatMap((c) => ('type' in c.entry ? [c.entry] : [])),
		flashcards: all.flatMap((c) => ('type' in c.entry ? [] : [c.entry]))
	});
	const lintContext = {
		paragraphs: article.paragraphs.map((p) => ({ id: p.id, text: p.text })),
		accepts: acceptsTyped
	};
	const ranked: Candidate[] = [];
	for (const c of all) {
		// Near-duplicates among candidates are settled by choosing; any other fault rules it out.
		if ((problems[c.entry.id] ?? []).some((m) => !/^near-duplicate of/.test(m))) continue;
		const findings = lintItem(c.entry, lintContext);
		if (findings.some((f) => f.severity === 'error')) continue;
		ranked.push({ ...c, score: c.score - 0.08 * findings.length });
	}
	const queues = new Map<Kind, Candidate[]>(
		KINDS.map((k) => [k, ranked.filter((c) => c.kind === k).sort((a, b) => b.score - a.score)])
	);
	const chosen: Candidate[] = [];
	const used = new Map<number, number>();
	const full = (n: number) => (used.get(n) ?? 0) >= perSentence;
	let items = 0;
	let cards = 0;
	let recall = 0;
	let tf = 0;
	const tfAnswers = { true: 0, false: 0 };
	const maxTf = Math.max(1, Math.floor(target * MAX_TRUE_FALSE));
	const maxRecall = Math.floor(target * MAX_RECALL);
	const maxPerKind = Math.max(3, Math.ceil(target * MAX_ONE_KIND));
	const perKind = new Map<Kind, number>();
	const fits = (c: Candidate): boolean => {
		const isItem = 'type' in c.entry;
		if (isItem && items >= target) return false;
		if (isItem && (perKind.get(c.kind) ?? 0) >= maxPerKind) return false;
		if (!isItem && cards >= MAX_CARDS) return false;
		if (c.sentences.some(full) && c.kind !== 'sequence') return false;
		if (c.kind === 'sequence' && full(c.sentences[0] ?? -1)) return false;
		if (isItem && c.entry.level === 'recall' && recall + 1 > maxRecall) return false;
		if ('type' in c.entry && c.entry.type === 'truefalse') {
			if (tf + 1 > maxTf) return false;
			const side = c.entry.answer ? 'true' : 'false';
			const other = c.entry.answer ? 'false' : 'true';
			// Neither answer over 60%: one answer never runs more than one ahead of the other.
			if (tfAnswers[side] + 1 > tfAnswers[other] + 1) return false;
		}
		return !chosen.some(
			(k) => leaks(k.entry, c.entry) || leaks(c.entry, k.entry) || sameKey(k.entry, c.entry)
		);
	};
	// Kinds that ask for understanding or analysis choose first in each round: recall items may only
	// be as many as the others, so they must not crowd them out through leaks or shared sentences.
	const turns: Kind[] = [
		'cause',
		'sequence',
		'main-idea',
		'claims',
		'definition',
		'detail',
		'truefalse'
	];
	for (let progress = true; progress;) {
		progress = false;
		for (const kind of turns) {
			const queue = queues.get(kind) ?? [];
			const at = queue.findIndex(fits);
			if (at < 0) continue;
			const [c] = queue.splice(at, 1) as [Candidate];
			chosen.push(c);
			progress = true;
			for (const n of c.kind === 'sequence' ? c.sentences.slice(0, 1) : c.sentences)
				used.set(n, (used.get(n) ?? 0) + 1);
			if ('type' in c.entry) {
				items++;
				perKind.set(c.kind, (perKind.get(c.kind) ?? 0) + 1);
				if (c.entry.level === 'recall') recall++;
				if (c.entry.type === 'truefalse') {
					tf++;
					tfAnswers[c.entry.answer ? 'true' : 'false']++;
				}
			} else cards++;
		}
	}
	// An odd true/false out: drop the last of the larger side until neither is over 60%.
	const balance = () => {
		const tfs = chosen.filter((c) => 'type' in c.entry && c.entry.type === 'truefalse');
		const count = (v: boolean) =>
			tfs.filter((c) => 'type' in c.entry && c.entry.type === 'truefalse' && c.entry.answer === v)
				.length;
		while (tfs.length > 0 && Math.max(count(true), count(false)) > MAX_ONE_ANSWER * tfs.length) {
			const big = count(true) > count(false);
			const last = [...tfs]
				.reverse()
				.find((c) => 'type' in c.entry && c.entry.type === 'truefalse' && c.entry.answer === big);
			if (!last) break;
			tfs.splice(tfs.indexOf(last), 1);
			chosen.splice(chosen.indexOf(last), 1);
		}
	};
	// The shares hold for the set as chosen, which may be smaller than the target: true/false and
	// recall items beyond their share of it go, the lowest ranked first.
	const trim = (is: (c: Candidate) => boolean, share: number) => {
		for (;;) {
			const list = chosen.filter((c) => 'type' in c.entry);
			const hits = list.filter(is);
			if (hits.length === 0 || hits.length <= share * list.length) return;
			const worst = hits.reduce((a, b) => (b.score < a.score ? b : a));
			chosen.splice(chosen.indexOf(worst), 1);
		}
	};
	// Each trim can upset another's share: repeat until all hold.
	for (let size = -1; size !== chosen.length;) {
		size = chosen.length;
		trim((c) => 'type' in c.entry && c.entry.type === 'truefalse', MAX_TRUE_FALSE);
		trim((c) => c.entry.level === 'recall', MAX_RECALL);
		balance();
	}
	return chosen;
}

/** Most times the set is chosen again after the set's check dropped drafts. */
const SET_ROUNDS = 3;

/**
 * Chooses the set, then checks it as a whole with the item-quality checker (`settleSet`):
 * explanations that print another draft's key are cut, and a draft that still faults is dropped
 * and the set chosen again without it (its repaired neighbours kept), so the set a teacher sees
 * has no checker error.
 */
function chooseSet(
	article: DraftArticleT,
	all: Candidate[],
	target: number,
	perSentence: number
): Candidate[] {
	const context = {
		paragraphs: article.paragraphs.map((p) => ({ id: p.id, text: p.text })),
		accepts: acceptsTyped
	};
	let pool = all;
	for (let round = 0; ; round++) {
		const { set, dropped } = settleSet(chooseOnce(article, pool, target, perSentence), context);
		if (dropped.length === 0 || round >= SET_ROUNDS) return set;
		const gone = new Set(dropped);
		const fixed = new Map(set.map((c) => [c.entry.id, c]));
		pool = pool.filter((c) => !gone.has(c.entry.id)).map((c) => fixed.get(c.entry.id) ?? c);
	}
}
