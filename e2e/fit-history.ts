// A synthetic student's history, as the app stores it, and a writer into the app's IndexedDB:
// shared by e2e/fit.spec.ts and scripts/bench-fit.ts.
import type { Page } from '@playwright/test';
import { createRng } from '../src/lib/engine/rng';
import {
	makeScheduler,
	newCard,
	rate,
	type CardRecord,
	type ReviewLogRecord
} from '../src/lib/srs';
import { DAY } from '../src/lib/srs/days';
import { syntheticHistory } from '../src/lib/srs/synthetic';
import { bank } from './quiz';

/**
 * A synthetic student's `days` days (90 unless given) on the bank's flashcards (drawn from known parameters, see
 * src/lib/srs/synthetic.ts), scheduled with the defaults as the app did: the cards and the logs
 * the app would have stored.
 */
export async function history(now: number, cards: number, days = 90) {
	const b = await bank();
	const sides = b.flashcards.flatMap((f) => (f.reverse ? [f.id, `${f.id}:reverse`] : [f.id]));
	// Cards past the bank's sides keep their made-up ids: the logs of a set since deleted.
	const ids = Array.from({ length: cards }, (_, i) => sides[i] ?? `gone-set-card-${i}`);
	const start = new Date(now - days * DAY);
	start.setHours(0, 0, 0, 0);
	const events = syntheticHistory({
		cards: ids.length,
		days,
		start: start.getTime(),
		rng: createRng('e2e-fit')
	});
	const scheduler = makeScheduler();
	const stored = new Map<string, CardRecord>();
	const logs: ReviewLogRecord[] = [];
	for (const e of events) {
		const id = ids[Number(e.cardId.replace('synthetic-', ''))]!;
		const before = stored.get(id) ?? newCard(id, 'flashcard', e.review);
		const next = rate(before, e.rating, e.review, scheduler, 'review');
		stored.set(id, next.card);
		logs.push(next.log);
	}
	return { cards: [...stored.values()], logs };
}

/** Writes cards and logs into the app's database (created at its version by the app). */
export function seed(page: Page, rows: { cards: CardRecord[]; logs: ReviewLogRecord[] }) {
	return page.evaluate(
		({ cards, logs }) =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('quire');
				open.onerror = () => reject(open.error ?? new Error('open failed'));
				open.onsuccess = () => {
					const idb = open.result;
					const tx = idb.transaction(['reviewLogs', 'cards'], 'readwrite');
					for (const l of logs) tx.objectStore('reviewLogs').add(l);
					for (const c of cards) tx.objectStore('cards').put(c);
					tx.oncomplete = () => {
						idb.close();
						resolve();
					};
					tx.onerror = () => reject(tx.error ?? new Error('write failed'));
				};
			}),
		rows
	);
}
