import type { ItemType } from '$lib/bank/schema';

/** What a label reads of an item: a whole item, or an entry of the bank's index. */
export interface Labelled {
	type: ItemType;
	prompt: string;
	/** A cloze's text. */
	text?: string;
}

/** A one-line label for an item: its prompt, or a cloze's text with the blanks shown as ____. */
export function itemLabel(item: Labelled): string {
	return item.type === 'cloze' && item.text !== undefined
		? item.text.replace(/\{\{[^}]*\}\}/g, '____')
		: item.prompt;
}

/** A due date and time for people, or '' when there is none. */
export function formatWhen(ms: number | null | undefined): string {
	if (ms === null || ms === undefined || !Number.isFinite(ms)) return '';
	return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A duration for people: "2 min 5 s", "40 s". */
export function formatDuration(ms: number): string {
	const total = Math.round(Math.max(0, ms) / 1000);
	const m = Math.floor(total / 60);
	return m ? `${m} min ${total % 60} s` : `${total} s`;
}
