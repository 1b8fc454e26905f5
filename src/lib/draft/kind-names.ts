/**
 * The kinds of question the drafter makes, their tags and their names: plain data with no
 * imports, so the review page can name a draft's kind without loading the drafter.
 */
/** The kinds of question a teacher recognises, in the order the review lists them. */
export const KINDS = [
	'definition',
	'detail',
	'cause',
	'sequence',
	'main-idea',
	'claims',
	'truefalse'
] as const;
export type Kind = (typeof KINDS)[number];

/** The tag each kind's drafts carry, so the review and the editor can group them. */
export const KIND_TAGS: Record<Kind, string> = {
	definition: 'key-terms',
	detail: 'details',
	cause: 'cause-and-effect',
	sequence: 'sequence',
	'main-idea': 'main-idea',
	claims: 'claims-and-evidence',
	truefalse: 'true-or-false'
};

/** What each kind is called in the review. */
export const KIND_NAMES: Record<Kind, string> = {
	definition: 'Key terms and definitions',
	detail: 'Who, what, when, where, how many',
	cause: 'Cause and effect',
	sequence: 'Sequence',
	'main-idea': 'Main idea',
	claims: 'Claims and evidence',
	truefalse: 'True or false'
};

/** The kind a draft's tags name, or null for an entry the drafter did not make. */
export function kindOfTags(tags: readonly string[] | undefined): Kind | null {
	return KINDS.find((k) => tags?.includes(KIND_TAGS[k])) ?? null;
}
