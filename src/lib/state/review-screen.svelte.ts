import {
	presentItem,
	scoreAnswer,
	shownOrder,
	type Answer,
	type Presentation,
	type ScoreResult
} from '$lib/engine';
import { Rating, type Grade, type PreviewOption } from '$lib/srs';
import { app } from './app.svelte';
import { ownsEnter, type KeyTarget } from './keys';
import { ReviewState, type ReviewEntry } from './review.svelte';

export { keyTarget, type ElementLike, type KeyTarget } from './keys';

/** The word each rating button and announcement uses. */
export const RATING_NAMES: Record<Grade, string> = {
	[Rating.Again]: 'Again',
	[Rating.Hard]: 'Hard',
	[Rating.Good]: 'Good',
	[Rating.Easy]: 'Easy'
};

/** How far (px) a finger must drag the shown answer before letting go rates it. */
export const SWIPE_DISTANCE = 80;

/** How often the screen looks for learning cards that have fallen due (ms). */
export const LEARNING_CHECK_MS = 15_000;

/** Something the student asked for, by key, click or swipe. */
export type ReviewAction =
	| { type: 'flip' }
	| { type: 'rate'; grade: Grade }
	| { type: 'check' }
	| { type: 'next' }
	| { type: 'undo' };

/** Where focus goes once an action is done: the new card, the verdict, or nowhere new. */
export type FocusAfter = 'card' | 'feedback' | null;

/** One key press, as the shortcuts see it. */
export interface KeyPress {
	key: string;
	/** Ctrl, Meta or Alt held: the browser's or the system's shortcut, never ours. */
	modified: boolean;
	target: KeyTarget;
}

/** The screen as the shortcuts see it. */
export interface KeyContext {
	kind: 'flashcard' | 'item';
	flipped: boolean;
	/** An item's answer has been checked and its verdict shows. */
	checked: boolean;
	canUndo: boolean;
}

/**
 * The shortcut a key press stands for, or null to leave the key to the browser.
 * Flashcard: Space or Enter shows the answer, 1–4 rate it once shown. Item: Enter checks the
 * answer, then moves on (from anywhere in the answer but its buttons: Enter presses a focused
 * button, as Space does).
 * U undoes the last rating. Keys typed into a field, a form or a dialog stay there, and a
 * button, link or select keeps its own Enter and Space.
 */
export function keyAction(press: KeyPress, s: KeyContext): ReviewAction | null {
	const { key, target: t } = press;
	if (press.modified || t.inForm) return null;
	const typing = t.element === 'field' || t.element === 'textarea' || t.element === 'select';
	if (key === 'u') return !typing && s.canUndo ? { type: 'undo' } : null;
	if (s.kind === 'flashcard') {
		if (typing) return null;
		if ((key === ' ' || key === 'Enter') && !s.flipped)
			return t.element === 'other' ? { type: 'flip' } : null;
		if (s.flipped && /^[1-4]$/.test(key)) return { type: 'rate', grade: Number(key) as Grade };
		return null;
	}
	if (key !== 'Enter') return null;
	if (ownsEnter(t)) return null;
	return { type: s.checked ? 'next' : 'check' };
}

/** The rating a swipe of `dx` px gives: right is Good, left is Again, a short drag nothing. */
export function swipeRating(dx: number): Grade | null {
	if (dx > SWIPE_DISTANCE) return Rating.Good;
	if (dx < -SWIPE_DISTANCE) return Rating.Again;
	return null;
}

/** "5 min" or "2 h": how long until `due`, at least a minute. */
export function dueIn(due: number, now: number): string {
	const mins = Math.max(1, Math.round((due - now) / 60_000));
	return mins < 60 ? `${mins} min` : `${Math.round(mins / 60)} h`;
}

/** The review settings form: limits as whole numbers, retention in percent. */
export interface LimitsForm {
	newPerDay: number;
	reviewsPerDay: number;
	retention: number;
}

/**
 * The review page's controller: the card on screen (flipped, answered, checked), one action at
 * a time while a rating saves, swipes, shortcuts and the settings form. The page renders it
 * and dispatches to it; focus is the page's, told by what each action returns.
 */
export class ReviewScreen {
	readonly review = new ReviewState();
	/** The clock as of the last action or timer tick: previews and "comes back in" use it. */
	now = $state(0);
	/**
	 * The face, answer and verdict belong to the card they were given for: when another tab's
	 * rating takes that card off this tab's queue, the next card shows its front, unanswered.
	 */
	private face = $state.raw<{
		id: string | null;
		flipped: boolean;
		answer: Answer | null;
		result: ScoreResult | null;
	}>({ id: null, flipped: false, answer: null, result: null });
	/** True while a rating, undo or next saves: every other action waits its turn by being ignored. */
	busy = $state(false);
	/** The last thing done, for the polite live region. */
	announce = $state('');
	/** How far the shown answer is being dragged (px), 0 when not. */
	dragX = $state(0);
	form = $state<LimitsForm>({ newPerDay: 0, reviewsPerDay: 0, retention: 0 });
	private startX: number | null = null;

	/**
	 * `answered` says whether an item's answer has something worth checking (the components'
	 * `isAnswered`, passed in because state does not import components).
	 */
	constructor(
		private readonly answered: (a: Answer | null) => a is Answer,
		now: number
	) {
		this.now = now;
		this.form = this.formFromSettings();
	}

	get id(): string | null {
		return this.review.currentId;
	}

	/** The face as given for the card on screen; a fresh one for any other card. */
	private get shown() {
		const face = this.face;
		return face.id === this.id ? face : { id: this.id, flipped: false, answer: null, result: null };
	}

	get flipped(): boolean {
		return this.shown.flipped;
	}
	set flipped(flipped: boolean) {
		this.face = { ...this.shown, flipped };
	}

	get answer(): Answer | null {
		return this.shown.answer;
	}
	set answer(answer: Answer | null) {
		this.face = { ...this.shown, answer };
	}

	get result(): ScoreResult | null {
		return this.shown.result;
	}
	set result(result: ScoreResult | null) {
		this.face = { ...this.shown, result };
	}

	entry = $derived<ReviewEntry | null>(this.id ? this.review.entry(this.id) : null);

	/** How the current item shows its choices (seeded by its id, so it is the same each time). */
	presentation = $derived<Presentation | undefined>(
		this.entry?.kind === 'item'
			? presentItem(this.entry.item, `review/${this.entry.id}`)
			: undefined
	);

	/** What each rating would schedule, once the answer shows. */
	previews = $derived<PreviewOption[]>(
		this.id && this.flipped ? this.review.previews(this.now) : []
	);

	/** Controls work once the page has hydrated and the cards loaded, and not while saving. */
	get ready(): boolean {
		return app.mounted && this.review.loaded && !this.busy;
	}

	/** When learning cards come back, for the all-caught-up screen, or ''. */
	get learningDueText(): string {
		const due = this.review.nextLearningDue;
		return due === null ? '' : dueIn(due, this.now);
	}

	/** Reads the cards and settings, then fills the settings form with the stored values. */
	async load(now: number) {
		this.now = now;
		await this.review.load(now);
		this.form = this.formFromSettings();
	}

	/** The timer's tick: learning steps are minutes long, so cards come back when they fall due. */
	tick(now: number) {
		this.now = now;
		const due = this.review.nextLearningDue;
		if (this.review.loaded && due !== null && due <= now) this.review.rebuild(now);
	}

	/** The shortcut for a key press in the current state, or null (see `keyAction`). */
	keyAction(press: KeyPress): ReviewAction | null {
		const entry = this.entry;
		if (!this.ready || !entry) return null;
		return keyAction(press, {
			kind: entry.kind,
			flipped: this.flipped,
			checked: !!this.result,
			canUndo: !!this.review.lastUndo
		});
	}

	/** Does one action; resolves to where focus should go. */
	act(action: ReviewAction, now: number): Promise<FocusAfter> {
		switch (action.type) {
			case 'flip':
				this.flip(now);
				return Promise.resolve(null);
			case 'rate':
				return this.rate(action.grade, now);
			case 'check':
				return Promise.resolve(this.check());
			case 'next':
				return this.next(now);
			case 'undo':
				return this.undo(now);
		}
	}

	/** Shows or hides a flashcard's answer. */
	flip(now: number) {
		if (!this.ready || this.entry?.kind !== 'flashcard') return;
		this.now = now;
		this.flipped = !this.flipped;
	}

	/** Rates the shown flashcard; ignored while another action saves. */
	async rate(grade: Grade, now: number): Promise<FocusAfter> {
		if (!this.ready || this.entry?.kind !== 'flashcard' || !this.flipped) return null;
		return this.saving(now, async () => {
			if (await this.review.rate(grade, now)) this.announce = `Rated ${RATING_NAMES[grade]}.`;
		});
	}

	/** Scores the item's answer (an untouched order counts as the order shown); focus to the verdict. */
	check(): FocusAfter {
		const entry = this.entry;
		if (!this.ready || entry?.kind !== 'item' || this.result) return null;
		let a = this.answer;
		if (!a && entry.item.type === 'order')
			a = { type: 'order', order: shownOrder(entry.item, this.presentation) };
		if (!this.answered(a)) return null;
		this.result = scoreAnswer(entry.item, a);
		return 'feedback';
	}

	/** After an item's verdict: rates it (right → Good, wrong → Again) and moves on. */
	async next(now: number): Promise<FocusAfter> {
		const result = this.result;
		if (!this.ready || !result) return null;
		return this.saving(now, () => this.review.rateAnswer(result.correct, now));
	}

	/** Takes back the last rating and shows that card again. */
	async undo(now: number): Promise<FocusAfter> {
		if (!this.ready || !this.review.lastUndo) return null;
		return this.saving(now, async () => {
			if (await this.review.undo(now)) this.announce = 'Last rating undone.';
			else if (!this.review.lastUndo)
				this.announce = 'Not undone: the card was rated again in another tab.';
		});
	}

	/** A touch or pen goes down on the card: a drag starts once the answer shows. */
	pointerDown(pointerType: string, x: number) {
		if (pointerType === 'mouse' || !this.flipped) return;
		this.startX = x;
	}

	pointerMove(x: number) {
		if (this.startX !== null) this.dragX = x - this.startX;
	}

	/** The finger lifts (or the browser cancels): the rating a long enough swipe stands for. */
	pointerUp(): ReviewAction | null {
		if (this.startX === null) return null;
		const grade = swipeRating(this.dragX);
		this.startX = null;
		this.dragX = 0;
		return grade === null ? null : { type: 'rate', grade };
	}

	/** Saves the settings form: limits and desired retention (the form has it in percent). */
	async saveSettings(now: number) {
		this.now = now;
		await this.review.saveSettings(
			{
				newPerDay: this.form.newPerDay,
				reviewsPerDay: this.form.reviewsPerDay,
				retention: this.form.retention / 100
			},
			now
		);
		this.announce = 'Review settings saved.';
	}

	/** Holds every other action off while `write` saves, then shows the next card's front. */
	private async saving(now: number, write: () => Promise<unknown>): Promise<FocusAfter> {
		this.busy = true;
		this.now = now;
		try {
			await write();
		} finally {
			this.busy = false;
		}
		this.flipped = false;
		this.answer = null;
		this.result = null;
		return 'card';
	}

	private formFromSettings(): LimitsForm {
		const s = this.review.settings;
		return {
			newPerDay: s.newPerDay,
			reviewsPerDay: s.reviewsPerDay,
			retention: Math.round(s.retention * 100)
		};
	}
}
