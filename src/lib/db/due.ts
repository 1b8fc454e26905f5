import { CARD_STATE } from '../srs/card-state';
import { db } from './database';
import { readRows } from './read';

/**
 * The due times (epoch ms) of every studied card, soonest first: what Home's "due today" line and
 * the app badge count. New cards are left out (they are introduced, not due); damaged rows too.
 */
export async function dueTimes(): Promise<number[]> {
	const raws = await db.cards.where('state').notEqual(CARD_STATE.New).toArray();
	return readRows('cards', raws)
		.rows.map((c) => c.due)
		.sort((a, b) => a - b);
}
