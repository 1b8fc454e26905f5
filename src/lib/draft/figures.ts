/** The figures of a drafted set that `npm run draft` and `npm run bench:draft` print. */
import { lintSet } from '../bank/lint/index.ts';
import { acceptsTyped } from '../engine/score.ts';
import type { DraftProblems } from './check.ts';
import { KINDS } from './context.ts';
import { kindOf } from './draft.ts';
import { siblingLeaks } from './leaks.ts';
import type { DraftArticleT, Drafts } from './types.ts';

export interface SetFigureData {
	words: number;
	items: number;
	cards: number;
	byKind: Record<string, number>;
	byType: Record<string, number>;
	byLevel: Record<string, number>;
	trueFalse: { true: number; false: number; share: number };
	recallShare: number;
	siblingLeaks: number;
	validatorProblems: number;
	checker: {
		errors: number;
		warnings: number;
		byRule: Record<string, { errors: number; warnings: number }>;
	};
}

const tally = (list: readonly string[]) => {
	const out: Record<string, number> = {};
	for (const x of list) out[x] = (out[x] ?? 0) + 1;
	return out;
};
const pct = (x: number) => `${Math.round(100 * x)}%`;

/** Counts by kind, type and level, the true/false balance, leaks, the validator's and the checker's findings. */
export function setFigures(
	article: DraftArticleT,
	drafts: Drafts,
	problems: DraftProblems
): { data: SetFigureData; lines: string[] } {
	const entries = [...drafts.items, ...drafts.flashcards];
	const words = article.paragraphs
		.filter((p) => p.kind === 'body')
		.reduce((n, p) => n + p.text.split(/\s+/).filter(Boolean).length, 0);
	const tf = drafts.items.filter((i) => i.type === 'truefalse');
	const tfTrue = tf.filter((i) => i.type === 'truefalse' && i.answer).length;
	const recall = drafts.items.filter((i) => i.level === 'recall').length;
	const lint = lintSet(entries, {
		paragraphs: article.paragraphs.map((p) => ({ id: p.id, text: p.text })),
		accepts: acceptsTyped
	});
	const byKind = tally(entries.map((e) => kindOf(e) ?? 'other'));
	const data: SetFigureData = {
		words,
		items: drafts.items.length,
		cards: drafts.flashcards.length,
		byKind: Object.fromEntries(KINDS.filter((k) => byKind[k]).map((k) => [k, byKind[k] as number])),
		byType: tally([
			...drafts.items.map((i) => i.type),
			...drafts.flashcards.map(() => 'flashcard')
		]),
		byLevel: tally(drafts.items.map((i) => i.level)),
		trueFalse: {
			true: tfTrue,
			false: tf.length - tfTrue,
			share: drafts.items.length ? tf.length / drafts.items.length : 0
		},
		recallShare: drafts.items.length ? recall / drafts.items.length : 0,
		siblingLeaks: siblingLeaks(entries).length,
		validatorProblems: Object.values(problems).reduce((n, l) => n + l.length, 0),
		checker: {
			errors: lint.summary.errors,
			warnings: lint.summary.warnings,
			byRule: lint.summary.byRule
		}
	};
	const list = (r: Record<string, number>) =>
		Object.entries(r)
			.map(([k, n]) => `${k} ${n}`)
			.join(', ');
	const rules = Object.entries(data.checker.byRule)
		.map(
			([rule, t]) =>
				`${rule} ${t.errors ? `${t.errors}E` : ''}${t.warnings ? `${t.warnings}W` : ''}`
		)
		.join(', ');
	const lines = [
		`${words} words; ${data.items} items, ${data.cards} flashcards (about one item per ${data.items ? Math.round(words / data.items) : '–'} words)`,
		`by kind: ${list(data.byKind)}`,
		`by type: ${list(data.byType)}`,
		`by level: ${list(data.byLevel)} (recall ${pct(data.recallShare)} of items)`,
		`true/false: ${tf.length} (${pct(data.trueFalse.share)} of items), true ${data.trueFalse.true}, false ${data.trueFalse.false}`,
		`sibling key leaks: ${data.siblingLeaks}`,
		`bank validator problems: ${data.validatorProblems}`,
		`checker: ${data.checker.errors} errors, ${data.checker.warnings} warnings${rules ? ` (${rules})` : ''}`
	];
	return { data, lines };
}
