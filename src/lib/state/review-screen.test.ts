import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import bank from 'virtual:quire-bank';
import { db } from '$lib/db';
import type { Answer } from '$lib/engine';
import { makeScheduler, newCard, rate, Rating, State } from '$lib/srs';
import { app } from './app.svelte';
import {
	dueIn,
	keyAction,
	keyTarget,
	ReviewScreen,
	swipeRating,
	type KeyContext,
	type KeyTarget
} from './review-screen.svelte';

const T = Date.UTC(2025, 4, 1, 9);
const MIN = 60_000;
const first = bank.flashcards[0]!;
const second = bank.flashcards[1]!;

/** The components' isAnswered, as far as these tests need it: something chosen or typed. */
const answered = (a: Answer | null): a is Answer =>
	a !== null && (a.type !== 'short' || a.text.trim() !== '');

beforeEach(async () => {
	await db.open();
	await Promise.all(db.tables.map((t) => t.clear()));
	app.storageError = null;
	app.mounted = true;
});

async function loaded(now = T): Promise<ReviewScreen> {
	const screen = new ReviewScreen(answered, now);
	await screen.load(now);
	return screen;
}

describe('keyTarget', () => {
	/** An element double: a tag and the selectors its ancestors (or itself) match. */
	const el = (tagName: string, ...within: string[]) => ({
		tagName,
		closest: (selector: string) =>
			selector.split(',').some((s) => within.includes(s.trim())) ? {} : null
	});

	it('names what had focus and whether it sits in an answer or a form', () => {
		expect(keyTarget(null)).toEqual({ element: 'other', inAnswer: false, inForm: false });
		expect(keyTarget(el('BODY'))).toEqual({ element: 'other', inAnswer: false, inForm: false });
		expect(keyTarget(el('INPUT'))).toMatchObject({ element: 'field', inForm: false });
		expect(keyTarget(el('input', 'form'))).toMatchObject({ element: 'field', inForm: true });
		expect(keyTarget(el('TEXTAREA', 'dialog'))).toMatchObject({
			element: 'textarea',
			inForm: true
		});
		expect(keyTarget(el('BUTTON', '[data-answer-input]'))).toEqual({
			element: 'button',
			inAnswer: true,
			inForm: false
		});
		expect(keyTarget(el('A')).element).toBe('link');
		expect(keyTarget(el('SELECT')).element).toBe('select');
		expect(keyTarget(el('SUMMARY')).element).toBe('button');
		expect(keyTarget({ ...el('INPUT'), type: 'submit' }).element).toBe('button');
		expect(keyTarget({ ...el('INPUT'), type: 'radio' }).element).toBe('field');
	});
});

describe('keyAction', () => {
	const on = (element: KeyTarget['element'], more: Partial<KeyTarget> = {}): KeyTarget => ({
		element,
		inAnswer: false,
		inForm: false,
		...more
	});
	const press = (key: string, target = on('other'), modified = false) =>
		keyAction.bind(null, { key, modified, target });
	const front: KeyContext = { kind: 'flashcard', flipped: false, checked: false, canUndo: false };
	const back: KeyContext = { ...front, flipped: true };
	const item: KeyContext = { kind: 'item', flipped: false, checked: false, canUndo: false };

	it('flips a flashcard with Space or Enter, once', () => {
		expect(press(' ')(front)).toEqual({ type: 'flip' });
		expect(press('Enter')(front)).toEqual({ type: 'flip' });
		expect(press(' ')(back)).toBeNull();
		expect(press('x')(front)).toBeNull();
	});

	it('leaves Space and Enter to a focused button, link, select or field', () => {
		for (const element of ['button', 'link', 'select', 'field', 'textarea'] as const)
			expect(press(' ', on(element))(front), element).toBeNull();
	});

	it('rates the shown answer with 1 to 4, and only then', () => {
		expect(press('1')(back)).toEqual({ type: 'rate', grade: Rating.Again });
		expect(press('2')(back)).toEqual({ type: 'rate', grade: Rating.Hard });
		expect(press('3')(back)).toEqual({ type: 'rate', grade: Rating.Good });
		expect(press('4')(back)).toEqual({ type: 'rate', grade: Rating.Easy });
		expect(press('3')(front)).toBeNull();
		expect(press('5')(back)).toBeNull();
		expect(press('0')(back)).toBeNull();
		// A button with focus does not swallow the digits (they are not its keys).
		expect(press('3', on('button'))(back)).toEqual({ type: 'rate', grade: Rating.Good });
	});

	it('ignores keys typed into a field, a form or a dialog, and modified keys', () => {
		expect(press('3', on('field'))(back)).toBeNull();
		expect(press('3', on('select'))(back)).toBeNull();
		expect(press('3', on('other', { inForm: true }))(back)).toBeNull();
		expect(press(' ', on('other', { inForm: true }))(front)).toBeNull();
		expect(press('3', on('other'), true)(back)).toBeNull();
		expect(press('Enter', on('field', { inForm: true }))(item)).toBeNull();
		expect(press('u', on('other', { inForm: true }))({ ...back, canUndo: true })).toBeNull();
	});

	it('undoes with U when there is a rating to undo and nobody is typing', () => {
		expect(press('u')({ ...front, canUndo: true })).toEqual({ type: 'undo' });
		expect(press('u')({ ...item, canUndo: true })).toEqual({ type: 'undo' });
		expect(press('u', on('button'))({ ...back, canUndo: true })).toEqual({ type: 'undo' });
		expect(press('u')(front)).toBeNull();
		expect(press('u', on('field'))({ ...item, canUndo: true })).toBeNull();
		expect(press('u', on('textarea'))({ ...item, canUndo: true })).toBeNull();
	});

	it('checks an item with Enter, then moves on with Enter', () => {
		expect(press('Enter')(item)).toEqual({ type: 'check' });
		expect(press('Enter', on('field'))(item)).toEqual({ type: 'check' });
		expect(press('Enter')({ ...item, checked: true })).toEqual({ type: 'next' });
		expect(press(' ')(item)).toBeNull();
		expect(press('3')(item)).toBeNull();
	});

	it('leaves Enter to a focused button, link or select, inside the answer too (a move button moves)', () => {
		expect(press('Enter', on('button', { inAnswer: true }))(item)).toBeNull();
		expect(press('Enter', on('field', { inAnswer: true }))(item)).toEqual({ type: 'check' });
		expect(press('Enter', on('other', { inAnswer: true }))(item)).toEqual({ type: 'check' });
		expect(press('Enter', on('button'))(item)).toBeNull();
		expect(press('Enter', on('link'))(item)).toBeNull();
		expect(press('Enter', on('select'))(item)).toBeNull();
	});
});

describe('swipeRating', () => {
	it('rates Good past 80 px right, Again past 80 px left, nothing in between', () => {
		expect(swipeRating(81)).toBe(Rating.Good);
		expect(swipeRating(300)).toBe(Rating.Good);
		expect(swipeRating(80)).toBeNull();
		expect(swipeRating(0)).toBeNull();
		expect(swipeRating(-80)).toBeNull();
		expect(swipeRating(-81)).toBe(Rating.Again);
	});
});

describe('dueIn', () => {
	it('says minutes under an hour, hours after, never less than a minute', () => {
		expect(dueIn(T + 10 * MIN, T)).toBe('10 min');
		expect(dueIn(T + 10, T)).toBe('1 min');
		expect(dueIn(T - 5 * MIN, T)).toBe('1 min');
		expect(dueIn(T + 59 * MIN, T)).toBe('59 min');
		expect(dueIn(T + 150 * MIN, T)).toBe('3 h');
	});
});

describe('ReviewScreen', () => {
	it('waits for hydration and the cards before any action', async () => {
		app.mounted = false;
		const screen = new ReviewScreen(answered, T);
		expect(screen.ready).toBe(false);
		await screen.load(T);
		expect(screen.ready).toBe(false);
		screen.flip(T);
		expect(screen.flipped).toBe(false);
		expect(screen.keyAction({ key: ' ', modified: false, target: keyTarget(null) })).toBeNull();
		app.mounted = true;
		expect(screen.keyAction({ key: ' ', modified: false, target: keyTarget(null) })).toEqual({
			type: 'flip'
		});
	});

	it('flips the first card, shows what each rating would schedule, flips back', async () => {
		const screen = await loaded();
		expect(screen.entry).toMatchObject({ kind: 'flashcard', id: first.id });
		expect(screen.previews).toEqual([]);
		expect(await screen.act({ type: 'flip' }, T + 1000)).toBeNull();
		expect(screen.flipped).toBe(true);
		expect(screen.now).toBe(T + 1000);
		expect(screen.previews.map((p) => p.rating)).toEqual([
			Rating.Again,
			Rating.Hard,
			Rating.Good,
			Rating.Easy
		]);
		screen.flip(T + 2000);
		expect(screen.flipped).toBe(false);
	});

	it('does not rate a card whose answer is not showing', async () => {
		const screen = await loaded();
		expect(await screen.rate(Rating.Good, T)).toBeNull();
		expect(await db.cards.count()).toBe(0);
		expect(screen.entry?.id).toBe(first.id);
	});

	it('stores a rating with its log, announces it and shows the next card', async () => {
		const screen = await loaded();
		screen.flip(T);
		expect(await screen.act({ type: 'rate', grade: Rating.Good }, T + 5000)).toBe('card');
		const card = await db.cards.get(first.id);
		expect(card).toMatchObject({ id: first.id, kind: 'flashcard', state: State.Learning });
		expect(card!.due).toBeGreaterThan(T + 5000);
		const logs = await db.reviewLogs.toArray();
		expect(logs).toHaveLength(1);
		expect(logs[0]).toMatchObject({ cardId: first.id, rating: Rating.Good, review: T + 5000 });
		expect(screen.announce).toBe('Rated Good.');
		expect(screen.entry?.id).toBe(second.id);
		expect(screen.flipped).toBe(false);
		expect(screen.busy).toBe(false);
		expect(screen.review.newToday).toBe(1);
	});

	it('ignores a second rating while the first saves', async () => {
		const screen = await loaded();
		screen.flip(T);
		const saving = screen.rate(Rating.Good, T + 1);
		expect(screen.busy).toBe(true);
		expect(screen.ready).toBe(false);
		// Pressing 1 now, or tapping Undo, does nothing: not a second rating of the same card.
		expect(screen.keyAction({ key: '1', modified: false, target: keyTarget(null) })).toBeNull();
		expect(await screen.rate(Rating.Again, T + 2)).toBeNull();
		expect(await screen.undo(T + 2)).toBeNull();
		expect(await saving).toBe('card');
		expect((await db.reviewLogs.toArray()).map((l) => [l.cardId, l.rating])).toEqual([
			[first.id, Rating.Good]
		]);
		expect(screen.entry?.id).toBe(second.id);
		expect(screen.announce).toBe('Rated Good.');
	});

	it('undoes the last rating: the card is gone from storage and back on screen', async () => {
		const screen = await loaded();
		screen.flip(T);
		await screen.rate(Rating.Again, T);
		expect(screen.keyAction({ key: 'u', modified: false, target: keyTarget(null) })).toEqual({
			type: 'undo'
		});
		expect(await screen.act({ type: 'undo' }, T + 1000)).toBe('card');
		expect(await db.cards.count()).toBe(0);
		expect(await db.reviewLogs.count()).toBe(0);
		expect(screen.entry?.id).toBe(first.id);
		expect(screen.announce).toBe('Last rating undone.');
		expect(screen.review.lastUndo).toBeNull();
		expect(await screen.undo(T + 2000)).toBeNull();
	});

	it('swipes a shown answer: far enough rates, short or by mouse does not', async () => {
		const screen = await loaded();
		// Before the answer shows, a drag is no swipe.
		screen.pointerDown('touch', 100);
		screen.pointerMove(300);
		expect(screen.dragX).toBe(0);
		expect(screen.pointerUp()).toBeNull();

		screen.flip(T);
		screen.pointerDown('mouse', 100);
		screen.pointerMove(300);
		expect(screen.pointerUp()).toBeNull();

		screen.pointerDown('touch', 100);
		screen.pointerMove(150);
		expect(screen.dragX).toBe(50);
		expect(screen.pointerUp()).toBeNull();
		expect(screen.dragX).toBe(0);

		screen.pointerDown('pen', 100);
		screen.pointerMove(5);
		expect(screen.dragX).toBe(-95);
		const action = screen.pointerUp();
		expect(action).toEqual({ type: 'rate', grade: Rating.Again });
		expect(screen.dragX).toBe(0);
		await screen.act(action!, T);
		expect(await db.reviewLogs.toArray()).toMatchObject([
			{ cardId: first.id, rating: Rating.Again }
		]);
	});

	it('saves the settings form, retention in percent, and loads it back', async () => {
		const screen = await loaded();
		expect(screen.form).toEqual({ newPerDay: 20, reviewsPerDay: 200, retention: 90 });
		screen.form = { newPerDay: 3, reviewsPerDay: 40, retention: 85 };
		await screen.saveSettings(T);
		expect(screen.announce).toBe('Review settings saved.');
		expect(screen.review.settings).toEqual({ newPerDay: 3, reviewsPerDay: 40, retention: 0.85 });
		expect(screen.review.queue).toHaveLength(3);
		const again = await loaded();
		expect(again.form).toEqual({ newPerDay: 3, reviewsPerDay: 40, retention: 85 });
	});

	it('brings a learning card back when the timer finds it due', async () => {
		const screen = await loaded();
		screen.form = { ...screen.form, newPerDay: 1 };
		await screen.saveSettings(T);
		screen.flip(T);
		await screen.rate(Rating.Again, T);
		expect(screen.entry).toBeNull();
		const due = screen.review.nextLearningDue!;
		expect(screen.learningDueText).toBe(dueIn(due, T));
		screen.tick(due - 1);
		expect(screen.entry).toBeNull();
		screen.tick(due);
		expect(screen.entry?.id).toBe(first.id);
	});

	describe('a quiz item', () => {
		const tf = bank.items.find((i) => i.type === 'truefalse')!;
		if (tf.type !== 'truefalse') throw new Error('the bank has a true/false item');

		/** A review with only `tf` due: no new flashcards, the item rated a day ago. */
		async function itemScreen() {
			const setup = await loaded();
			setup.form = { ...setup.form, newPerDay: 0 };
			await setup.saveSettings(T);
			const { card } = rate(
				newCard(tf.id, 'item', T - 86_400_000),
				Rating.Good,
				T - 86_400_000,
				makeScheduler(),
				'review'
			);
			await db.cards.put(card);
			const screen = await loaded(T + 86_400_000);
			expect(screen.entry).toMatchObject({ kind: 'item', id: tf.id });
			return screen;
		}

		it('checks only an answered item, then rates it by the verdict and moves on', async () => {
			const screen = await itemScreen();
			expect(screen.check()).toBeNull();
			expect(screen.result).toBeNull();
			screen.answer = { type: 'truefalse', value: !tf.answer };
			expect(screen.keyAction({ key: 'Enter', modified: false, target: keyTarget(null) })).toEqual({
				type: 'check'
			});
			expect(await screen.act({ type: 'check' }, T)).toBe('feedback');
			expect(screen.result?.correct).toBe(false);
			// Checked once: the answer is locked, a second check changes nothing.
			expect(screen.check()).toBeNull();
			expect(screen.keyAction({ key: 'Enter', modified: false, target: keyTarget(null) })).toEqual({
				type: 'next'
			});
			expect(await screen.act({ type: 'next' }, T + 86_400_000)).toBe('card');
			const logs = await db.reviewLogs.toArray();
			expect(logs).toMatchObject([{ cardId: tf.id, rating: Rating.Again }]);
			expect(screen.result).toBeNull();
			expect(screen.answer).toBeNull();
		});

		it('does not flip or rate an item as if it were a flashcard', async () => {
			const screen = await itemScreen();
			screen.flip(T);
			expect(screen.flipped).toBe(false);
			expect(await screen.rate(Rating.Easy, T)).toBeNull();
			expect(await db.reviewLogs.count()).toBe(0);
		});
	});
});
