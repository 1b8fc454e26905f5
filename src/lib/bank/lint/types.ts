import type { AnyCard, AnyItem } from '../set.ts';

/** `error`: a real fault, the build fails on it and no editor may dismiss it. `warning`: advice. */
export type LintSeverity = 'error' | 'warning';

/** Any entry of any set: a quiz item or a flashcard, built-in, own or imported. */
export type LintEntry = AnyItem | AnyCard;

/** One thing the checker found in one entry, or in the set as a whole. */
export interface Finding {
	/** The rule's id, e.g. `longest-key`. */
	rule: string;
	severity: LintSeverity;
	/**
	 * Path into the entry, dot-separated: `prompt`, `choices.2`, `answer`, `accept.0`, `text`,
	 * `pairs.1.right`, `front`; `''` for the entry as a whole (or the set, for set findings).
	 */
	field: string;
	message: string;
	/** One line saying how to fix it. */
	hint: string;
}

/** A finding of `lintSet`: which entry it is about (its id and index), or null for the set. */
export interface SetFinding extends Finding {
	id: string | null;
	index: number | null;
}

/** A paragraph of the article a set is built on. */
export interface LintParagraph {
	id: string;
	text: string;
}

/** The limits of a set as a whole; the built-in bank's are in `BANK_GOALS`. */
export interface SetGoals {
	/** Most single-choice items whose key is the longest option, as a share (0..1). */
	maxLongestKey: number;
	/** Most single-choice items whose key is the shortest option, as a share (0..1). */
	maxShortestKey: number;
	/** Most keys at any one stored position, as a share of single-choice items (0..1). */
	maxKeyPosition: number;
	/** Most true/false items with the same answer, as a share (0..1). */
	maxTrueFalse: number;
	/** Most items labelled recall, as a share (0..1). */
	maxRecall: number;
	/** Fewest and most options of a choice item. */
	options: [number, number];
	/** Smallest count of items a share is judged on: below it the share says nothing. */
	minSample: number;
}

/** What the checker knows beyond the entries. */
export interface LintContext {
	/** The article the set is built on, when it has one: accepted answers are checked against it. */
	paragraphs?: readonly LintParagraph[];
	/** The set's limits; the defaults are `DEFAULT_GOALS`. */
	goals?: Partial<SetGoals>;
	/**
	 * Rules whose findings are errors here although the rule calls them warnings: the built-in
	 * bank makes its own goals (3–5 options, the set-level shares) binding.
	 */
	escalate?: readonly string[];
	/**
	 * Whether the quiz engine accepts `typed` for a typed-answer item: the engine's matcher,
	 * passed in (the bank cannot import the engine). Without it the checker compares folded text.
	 */
	accepts?: (item: AnyItem, typed: string) => boolean;
}

/** What a rule says about itself: the registry lists it, the editor shows it. */
export interface RuleInfo {
	id: string;
	/** A few words: "Key is the longest option". */
	title: string;
	/** The severity of its findings unless a finding says otherwise or the context escalates it. */
	severity: LintSeverity;
	/** Why it matters, in one or two sentences. */
	rationale: string;
	/** Where the advice comes from. */
	reference: string;
}

/** One finding as a rule returns it; the checker adds the rule's id and severity. */
export interface Hit {
	field: string;
	message: string;
	hint: string;
	/** Only for a rule whose findings differ in weight (e.g. a cue that gives the key away outright). */
	severity?: LintSeverity;
}

/** A rule that looks at one entry at a time. */
export interface ItemRule extends RuleInfo {
	scope: 'entry';
	check(entry: LintEntry, context: LintContext): Hit[];
}

/** A rule that looks at the set as a whole (shares, pairs of entries). */
export interface SetRule extends RuleInfo {
	scope: 'set';
	check(entries: readonly LintEntry[], context: LintContext): (Hit & { index: number | null })[];
}

export type Rule = ItemRule | SetRule;
