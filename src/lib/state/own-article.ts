/**
 * The article "Show in article" opens for an entry that is not the built-in bank's: the article
 * of the own set it belongs to, or the one its assignment carried. /read asks with the set or
 * the assignment when the link names one (`/read?set=<id>`, `/read?a=<id>`), or with the entry's
 * id alone, which is looked up in the own sets, then in the assignments the teacher made and the
 * ones this device received.
 */
import { numberParagraphs, type SetArticleT } from '$lib/bank/set';
import { databaseExists } from '$lib/db/exists';

/** A quote an entry cites. */
export interface CitedQuote {
	id: string;
	paragraph: string;
	source: string;
}

/** An article to show, and the quotes of the entries that cite it. */
export interface OwnArticleView {
	/** What the article came with: the set's or the assignment's title. */
	from: string;
	meta: SetArticleT['meta'];
	paragraphs: ReturnType<typeof numberParagraphs>;
	quotes: CitedQuote[];
}

export type OwnArticleResult =
	{ ok: true; view: OwnArticleView } | { ok: false; reason: string } | { ok: null };

/** What /read was asked for. */
export interface OwnArticleQuery {
	set?: string | null;
	assignment?: string | null;
	/** The entry "Show in article" came from. */
	item?: string | null;
}

function quotesOf(entries: readonly object[]): CitedQuote[] {
	const out: CitedQuote[] = [];
	for (const e of entries) {
		const { id, paragraph, source } = e as Partial<CitedQuote>;
		if (id && paragraph && source) out.push({ id, paragraph, source });
	}
	return out;
}

/** The view of an article with the entries that cite it. */
export function viewOf(
	from: string,
	article: SetArticleT,
	entries: readonly object[]
): OwnArticleView {
	return {
		from,
		meta: article.meta,
		paragraphs: numberParagraphs(article),
		quotes: quotesOf(entries)
	};
}

const NO_ARTICLE_SET =
	'This set has no article of its own: its questions cite the built-in article, or none.';
const NO_ARTICLE_ASSIGNMENT =
	'This assignment did not bring its article, so its quotes cannot be shown in it. The quote is shown with each question.';

/**
 * Finds the article for a query. `{ ok: null }` means there is nothing of the device's own to
 * show (no database yet, or an entry found nowhere): the page shows the built-in article.
 */
export async function loadOwnArticle(query: OwnArticleQuery): Promise<OwnArticleResult> {
	if (!query.set && !query.assignment && !query.item) return { ok: null };
	if (!(await databaseExists())) {
		return query.set || query.assignment
			? { ok: false, reason: 'Nothing is stored on this device yet, so there is no such article.' }
			: { ok: null };
	}
	const sets = await import('$lib/db/sets');
	const db = await import('$lib/db');
	try {
		if (query.set) {
			const set = await sets.getSet(query.set);
			if (!set) return { ok: false, reason: 'This set is not on this device.' };
			if (!set.ownArticle) return { ok: false, reason: NO_ARTICLE_SET };
			const { rows } = await sets.listEntries(set.id);
			return {
				ok: true,
				view: viewOf(
					set.title,
					set.ownArticle,
					rows.map((r) => r.entry)
				)
			};
		}
		if (query.assignment) {
			const row =
				(await db.getReceived(query.assignment)) ?? (await db.getAssignment(query.assignment));
			if (!row) return { ok: false, reason: 'This assignment is not on this device.' };
			const a = 'payload' in row ? row.payload : row;
			if (!a.article) return { ok: false, reason: NO_ARTICLE_ASSIGNMENT };
			return { ok: true, view: viewOf(a.title, a.article, a.items ?? []) };
		}
		const id = query.item as string;
		const entry = await sets.getEntry(id).catch(() => undefined);
		if (entry) return loadOwnArticle({ set: entry.setId });
		const [received, made] = await Promise.all([db.listReceived(), db.listAssignments()]);
		const all = [...received.rows, ...made.rows].map((r) => r.payload);
		const holder = all.find((a) => a.items?.some((i) => i.id === id));
		if (!holder) return { ok: null };
		if (!holder.article) return { ok: false, reason: NO_ARTICLE_ASSIGNMENT };
		return { ok: true, view: viewOf(holder.title, holder.article, holder.items ?? []) };
	} catch (error) {
		return { ok: false, reason: error instanceof Error ? error.message : String(error) };
	}
}
