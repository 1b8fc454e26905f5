/**
 * The on-screen keyboard never covers the answer box or its Check button. When a text field is
 * focused and the visual viewport shrinks (the keyboard opens), the page scrolls so the field and
 * the button marked `data-keyboard-keep` both show above the keyboard and the bottom tab bar.
 */

/** A vertical span in the layout viewport's coordinates (CSS px). */
export interface Span {
	top: number;
	bottom: number;
}

/** Room left between what is revealed and the edge of what shows. */
export const REVEAL_MARGIN = 8;

/**
 * How far to scroll (positive: down) so `field` and `keep` show inside `view`. When both cannot
 * fit, the field wins: its top goes to the top of the view. 0 when they already show.
 */
export function revealScroll(
	field: Span,
	keep: Span | null,
	view: Span,
	margin = REVEAL_MARGIN
): number {
	const top = Math.min(field.top, keep?.top ?? field.top);
	const bottom = Math.max(field.bottom, keep?.bottom ?? field.bottom);
	const low = view.top + margin;
	const high = view.bottom - margin;
	if (bottom - top > high - low) return field.top - low;
	if (bottom > high) return Math.min(bottom - high, field.top - low);
	if (top < low) return top - low;
	return 0;
}

const TEXT_TYPES = new Set(['text', 'search', 'number', 'email', 'url', 'tel', 'password', '']);

/** Whether focusing `el` brings up the on-screen keyboard. */
export function opensKeyboard(el: Element | null): el is HTMLElement {
	if (!el) return false;
	if (el.tagName === 'TEXTAREA') return true;
	if (el.tagName === 'INPUT') return TEXT_TYPES.has((el as HTMLInputElement).type);
	return (el as HTMLElement).isContentEditable === true;
}

const span = (r: DOMRect): Span => ({ top: r.top, bottom: r.bottom });

/** What shows of the page now: the visual viewport, less a fixed bar over its bottom. */
function visibleSpan(win: Window): Span {
	const vv = win.visualViewport;
	const view = vv
		? { top: vv.offsetTop, bottom: vv.offsetTop + vv.height }
		: { top: 0, bottom: win.innerHeight };
	const bar = win.document.querySelector('nav.tabs');
	if (bar) {
		const r = bar.getBoundingClientRect();
		const fixed = win.getComputedStyle(bar).position === 'fixed';
		if (fixed && r.height > 0 && r.top < view.bottom && r.bottom > view.top)
			view.bottom = Math.max(view.top, r.top);
	}
	return view;
}

/** Scrolls the focused field (and its Check button) into what shows, if needed. */
export function reveal(win: Window) {
	const field = win.document.activeElement;
	if (!opensKeyboard(field)) return;
	const keep = [...win.document.querySelectorAll('[data-keyboard-keep]')].find(
		(el) => el.getBoundingClientRect().height > 0
	);
	const delta = revealScroll(
		span(field.getBoundingClientRect()),
		keep ? span(keep.getBoundingClientRect()) : null,
		visibleSpan(win)
	);
	if (Math.abs(delta) >= 1) win.scrollBy({ top: delta, behavior: 'instant' });
}

/** Follows the visual viewport from the shell; returns the function that stops it. */
export function keepAnswerVisible(win: Window): () => void {
	const vv = win.visualViewport;
	let frame = 0;
	const later = () => {
		win.cancelAnimationFrame(frame);
		frame = win.requestAnimationFrame(() => reveal(win));
	};
	const onFocus = (e: FocusEvent) => {
		if (opensKeyboard(e.target as Element | null)) later();
	};
	win.document.addEventListener('focusin', onFocus);
	vv?.addEventListener('resize', later);
	win.addEventListener('resize', later);
	return () => {
		win.document.removeEventListener('focusin', onFocus);
		vv?.removeEventListener('resize', later);
		win.removeEventListener('resize', later);
		win.cancelAnimationFrame(frame);
	};
}
