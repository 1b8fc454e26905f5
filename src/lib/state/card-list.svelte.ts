/**
 * The card list (/cards): every built-in flashcard side's stored schedule, and the retention its
 * recall estimates use. It reads only the flashcards part of the bank (virtual:quire-bank/
 * flashcards), not the whole bank the review screen needs.
 */
import type { CardRecord } from '$lib/srs';
import { DEFAULT_SETTINGS } from '$lib/db/defaults';
import { databaseExists } from '$lib/db/exists';
import { describeFailure, loadDb } from './load-db';

export class CardListState {
	/** Stored cards by id (a side's id: the flashcard's, or its reverse id). */
	stored = $state.raw<Map<string, CardRecord>>(new Map());
	retention = $state(DEFAULT_SETTINGS.retention);
	/** The student's fitted FSRS parameters, or null for the defaults. */
	weights = $state.raw<readonly number[] | null>(null);
	loaded = $state(false);
	/** Why the stored schedules could not be read, if they could not. */
	error = $state('');

	/** Reads the stored cards and the retention; a first visit reads nothing and opens no database. */
	async load() {
		try {
			if (await databaseExists()) {
				const { allCards, getSetting } = await loadDb();
				const [cards, retention, fitted] = await Promise.all([
					allCards(),
					getSetting('retention'),
					getSetting('fsrsParameters')
				]);
				this.stored = new Map(cards.map((c) => [c.id, c]));
				this.retention = retention;
				this.weights = fitted?.w ?? null;
			}
		} catch (error) {
			this.error = await describeFailure(error);
		}
		this.loaded = true;
	}
}
