import type { ItemType } from '../bank/schema';
import type { AnyItem } from '../bank/set';
import { createRng, randomInt, shuffle, type Rng } from './rng';

/** Ids a learner has answered before, and those whose last answer was wrong. */
export interface QuizHistory {
	seen: ReadonlySet<string> | readonly string[];
	wrong: ReadonlySet<string> | readonly string[];
}

/** Narrowing of the bank; an empty or missing list means "any". */
export interface QuizFilters {
	topics?: readonly string[];
	types?: readonly ItemType[];
	difficulty?: readonly (1 | 2 | 3)[];
	paragraphs?: readonly string[];
	/** 'unseen' and 'wrong' need `history`; default 'all'. */
	only?: 'wrong' | 'unseen' | 'all';
	history?: QuizHistory;
	/** An explicit pool, e.g. picked by a teacher; the other filters still apply. */
	itemIds?: readonly string[];
}

/** What generateQuiz needs: filters plus the seed and size. */
export interface GenerateOptions extends QuizFilters {
	seed: string;
	count: number;
	/** Shuffle single/multi choices; default true. Order and match items are always shuffled. */
	shuffleChoices?: boolean;
}

/** How an item is shown; each array lists original indices in display order. */
export interface Presentation {
	choiceOrder?: number[];
	orderShuffle?: number[];
	matchRightOrder?: number[];
}

/** A generated quiz: plain JSON, reproducible from the bank, options and seed. */
export interface Quiz {
	seed: string;
	itemIds: string[];
	presentation: Record<string, Presentation>;
}

/** A quiz, or a sentence saying why none could be made. */
export type GenerateResult =
	{ ok: true; quiz: Quiz; note?: string } | { ok: false; reason: string };

/** What choosing a quiz's items reads of an item: the filters' fields. */
export type QuizCandidate = Pick<AnyItem, 'id' | 'type' | 'topic' | 'difficulty'> & {
	paragraph?: string;
};

/** The items a quiz takes, in quiz order, or a sentence saying why none could be chosen. */
export type PickResult<T> = { ok: true; items: T[]; note?: string } | { ok: false; reason: string };

interface CompiledFilters {
	topics: Set<string> | null;
	types: Set<string> | null;
	difficulty: Set<number> | null;
	paragraphs: Set<string> | null;
	pool: Set<string> | null;
	only: 'wrong' | 'unseen' | 'all';
	seen: ReadonlySet<string>;
	wrong: ReadonlySet<string>;
}

function setOf<T>(list: readonly T[] | undefined): Set<T> | null {
	return list && list.length > 0 ? new Set(list) : null;
}

function asSet(ids: ReadonlySet<string> | readonly string[] | undefined): ReadonlySet<string> {
	if (!ids) return new Set();
	return Array.isArray(ids) ? new Set(ids) : (ids as ReadonlySet<string>);
}

function compile(filters: QuizFilters): CompiledFilters {
	const only = filters.only ?? 'all';
	return {
		topics: setOf(filters.topics),
		types: setOf(filters.types),
		difficulty: setOf(filters.difficulty),
		paragraphs: setOf(filters.paragraphs),
		pool: filters.itemIds ? new Set(filters.itemIds) : null,
		only,
		// Only converted when used: turning 30,000 seen ids into a Set is the costliest step.
		seen: only === 'unseen' ? asSet(filters.history?.seen) : new Set(),
		wrong: only === 'wrong' ? asSet(filters.history?.wrong) : new Set()
	};
}

function passesContent(item: QuizCandidate, f: CompiledFilters): boolean {
	return (
		(f.pool === null || f.pool.has(item.id)) &&
		(f.types === null || f.types.has(item.type)) &&
		(f.difficulty === null || f.difficulty.has(item.difficulty)) &&
		(f.topics === null || f.topics.has(item.topic)) &&
		(f.paragraphs === null || (item.paragraph !== undefined && f.paragraphs.has(item.paragraph)))
	);
}

function passesHistory(item: QuizCandidate, f: CompiledFilters): boolean {
	if (f.only === 'unseen') return !f.seen.has(item.id);
	if (f.only === 'wrong') return f.wrong.has(item.id);
	return true;
}

/** How many items a filter set matches, for live counts while choosing. */
export function countMatches(items: readonly QuizCandidate[], filters: QuizFilters): number {
	const f = compile(filters);
	let n = 0;
	for (const item of items) if (passesContent(item, f) && passesHistory(item, f)) n++;
	return n;
}

function orList(words: readonly string[]): string {
	if (words.length <= 1) return words.join('');
	return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function quoted(words: readonly string[]): string[] {
	return words.map((w) => `'${w}'`);
}

/** The filters in words, e.g. "type numeric, difficulty 3 in topic 'source'". */
function describe(filters: QuizFilters): string {
	const parts: string[] = [];
	const { types, difficulty, paragraphs, topics, itemIds } = filters;
	if (itemIds) parts.push('among the chosen items');
	if (types?.length) parts.push(`${types.length > 1 ? 'types' : 'type'} ${orList(types)}`);
	if (difficulty?.length) parts.push(`difficulty ${orList(difficulty.map(String))}`);
	if (paragraphs?.length) {
		parts.push(
			`${paragraphs.length > 1 ? 'paragraphs' : 'paragraph'} ${orList(quoted(paragraphs))}`
		);
	}
	let text = parts.join(', ');
	if (topics?.length) {
		const topicText = `topic${topics.length > 1 ? 's' : ''} ${orList(quoted(topics))}`;
		text = text ? `${text} in ${topicText}` : topicText;
	}
	return text;
}

function plural(n: number, word: string): string {
	return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function identity(n: number): number[] {
	return Array.from({ length: n }, (_, i) => i);
}

function isIdentity(order: readonly number[]): boolean {
	return order.every((v, i) => v === i);
}

/** A shuffle of 0..n-1 that is never 0..n-1 itself (n ≥ 2), so nothing is shown solved. */
function derangedOrder(n: number, rng: Rng): number[] {
	let order = shuffle(identity(n), rng);
	for (let tries = 0; tries < 8 && n >= 2 && isIdentity(order); tries++)
		order = shuffle(order, rng);
	// Eight identity shuffles in a row is vanishingly rare, but must still end deterministically.
	if (n >= 2 && isIdentity(order)) order = [...order.slice(1), 0];
	return order;
}

/** How one item is shown under this seed; independent of the other items in the quiz. */
export function presentItem(item: AnyItem, seed: string, shuffleChoices = true): Presentation {
	const rng = createRng(`${seed}/item/${item.id}`);
	switch (item.type) {
		case 'single':
		case 'multi':
			return shuffleChoices ? { choiceOrder: shuffle(identity(item.choices.length), rng) } : {};
		case 'order':
			return { orderShuffle: derangedOrder(item.items.length, rng) };
		case 'match':
			return { matchRightOrder: derangedOrder(item.pairs.length, rng) };
		default:
			return {};
	}
}

/** Takes k random elements from bucket, reordering it in place (partial Fisher–Yates). */
function sample<T>(bucket: T[], k: number, rng: Rng): T[] {
	const n = bucket.length;
	for (let i = 0; i < k; i++) {
		const j = i + randomInt(rng, n - i);
		const tmp = bucket[i] as T;
		bucket[i] = bucket[j] as T;
		bucket[j] = tmp;
	}
	return bucket.slice(0, k);
}

/** Fills quotas one item per topic per round; spare places go to topics earlier in `order`. */
function quotas(
	order: readonly string[],
	sizes: Map<string, number>,
	total: number
): Map<string, number> {
	const quota = new Map(order.map((t) => [t, 0]));
	let remaining = total;
	while (remaining > 0) {
		const open = order.filter((t) => (quota.get(t) ?? 0) < (sizes.get(t) ?? 0));
		if (open.length === 0) break;
		const each = Math.floor(remaining / open.length);
		if (each === 0) {
			for (const t of open.slice(0, remaining)) quota.set(t, (quota.get(t) ?? 0) + 1);
			break;
		}
		// Whole rounds at once, so a 100,000-item "all of them" quiz needs few passes.
		for (const t of open) {
			const q = quota.get(t) ?? 0;
			const add = Math.min(each, (sizes.get(t) ?? 0) - q);
			quota.set(t, q + add);
			remaining -= add;
		}
	}
	return quota;
}

/** Builds a seeded quiz, balancing topics, or explains why nothing matched. */
export function generateQuiz(items: readonly AnyItem[], options: GenerateOptions): GenerateResult {
	const picked = pickItems(items, options);
	if (!picked.ok) return picked;
	const shuffleChoices = options.shuffleChoices ?? true;
	const presentation: Record<string, Presentation> = {};
	for (const item of picked.items)
		presentation[item.id] = presentItem(item, options.seed, shuffleChoices);
	const quiz: Quiz = { seed: options.seed, itemIds: picked.items.map((i) => i.id), presentation };
	return picked.note ? { ok: true, quiz, note: picked.note } : { ok: true, quiz };
}

/**
 * Chooses a seeded quiz's items, balancing topics, or explains why nothing matched: what
 * generateQuiz picks, from anything that carries the filters' fields (a list of questions that
 * leaves their answers out picks the same ids).
 */
export function pickItems<T extends QuizCandidate>(
	items: readonly T[],
	options: Omit<GenerateOptions, 'shuffleChoices'>
): PickResult<T> {
	const { seed } = options;
	const count = Math.floor(options.count);
	if (!(count >= 1)) return { ok: false, reason: 'Choose at least one question.' };
	const f = compile(options);

	const buckets = new Map<string, T[]>();
	const poolFound = new Set<string>();
	let contentMatches = 0;
	for (const item of items) {
		if (f.pool?.has(item.id)) poolFound.add(item.id);
		if (!passesContent(item, f)) continue;
		contentMatches++;
		if (!passesHistory(item, f)) continue;
		const bucket = buckets.get(item.topic);
		if (bucket) bucket.push(item);
		else buckets.set(item.topic, [item]);
	}

	let matched = 0;
	for (const b of buckets.values()) matched += b.length;
	if (matched === 0)
		return { ok: false, reason: noMatchReason(options, f, contentMatches, poolFound) };

	// Sorting first keeps the topic order independent of where topics sit in the bank.
	const topicOrder = shuffle([...buckets.keys()].sort(), createRng(`${seed}/topics`));
	const sizes = new Map([...buckets].map(([t, b]) => [t, b.length]));
	const quota = quotas(topicOrder, sizes, Math.min(count, matched));
	const picks = new Map(
		topicOrder.map((t) => [
			t,
			sample(buckets.get(t) ?? [], quota.get(t) ?? 0, createRng(`${seed}/topic/${t}`))
		])
	);

	// Round-robin keeps topics spread through the quiz; reshuffling each round hides the cycle.
	const chosen: T[] = [];
	const roundRng = createRng(`${seed}/rounds`);
	for (let round = 0; chosen.length < Math.min(count, matched); round++) {
		for (const t of shuffle(topicOrder, roundRng)) {
			const item = picks.get(t)?.[round];
			if (item) chosen.push(item);
		}
	}

	const notes: string[] = [];
	if (f.pool && poolFound.size < f.pool.size) {
		const missing = f.pool.size - poolFound.size;
		notes.push(
			`${plural(missing, 'chosen item')} ${missing === 1 ? 'is' : 'are'} not in this bank.`
		);
	}
	if (count > matched) {
		const verb = matched === 1 ? 'matches' : 'match';
		notes.push(
			`Only ${plural(matched, 'item')} ${verb}, so the quiz has ${plural(matched, 'question')}.`
		);
	}
	return notes.length
		? { ok: true, items: chosen, note: notes.join(' ') }
		: { ok: true, items: chosen };
}

function noMatchReason(
	options: QuizFilters,
	f: CompiledFilters,
	contentMatches: number,
	poolFound: ReadonlySet<string>
): string {
	if (f.pool && poolFound.size === 0) {
		return 'None of the chosen items are in this bank; it may have been updated.';
	}
	const filters = describe({ ...options, itemIds: undefined });
	if (f.only === 'wrong') {
		if (f.wrong.size === 0) return 'You have no wrong answers yet.';
		return filters
			? `None of your wrong answers match: ${filters}.`
			: 'None of your wrong answers are in this bank.';
	}
	if (f.only === 'unseen' && contentMatches > 0) {
		return filters
			? `You have already seen every item that matches: ${filters}.`
			: 'You have already seen every item in the bank.';
	}
	if (f.pool) return filters ? `None of the chosen items match: ${filters}.` : 'No items match.';
	return filters ? `No items match: ${filters}.` : 'The question bank has no items.';
}
