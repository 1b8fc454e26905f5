/**
 * What had focus when a shortcut key was pressed, for the quiz and review pages: Enter and Space
 * belong to a focused button, link or select (the WAI-ARIA button pattern: both press it), so the
 * pages' Enter shortcut leaves them alone, inside an answer too (an order question's move buttons).
 */

/** What had focus when a key was pressed, as far as the shortcuts care. */
export interface KeyTarget {
	/**
	 * `field` takes typed keys (input), `textarea` takes Enter as a newline, and a `button`,
	 * `link` or `select` does its own thing with Enter and Space.
	 */
	element: 'field' | 'textarea' | 'button' | 'link' | 'select' | 'other';
	/** Inside a question's answer (its options, fields, and order or match controls). */
	inAnswer: boolean;
	/** Inside a form or a dialog (review settings, a report): its keys are its own. */
	inForm: boolean;
}

/** The least of an element a key target needs: real elements and test doubles both have it. */
export interface ElementLike {
	tagName: string;
	/** An input's type: a button-like input owns its Enter. */
	type?: string;
	closest(selector: string): unknown;
}

/** Inputs that are buttons in all but name. */
const BUTTON_INPUTS = new Set(['button', 'submit', 'reset', 'file', 'image', 'color']);

const ELEMENTS: Record<string, KeyTarget['element']> = {
	INPUT: 'field',
	TEXTAREA: 'textarea',
	BUTTON: 'button',
	A: 'link',
	SELECT: 'select',
	SUMMARY: 'button'
};

/** Describes the element a key event came from (the window itself, or nothing, is `other`). */
export function keyTarget(el: ElementLike | null): KeyTarget {
	if (!el || typeof el.closest !== 'function')
		return { element: 'other', inAnswer: false, inForm: false };
	const tag = el.tagName.toUpperCase();
	const buttonInput = tag === 'INPUT' && BUTTON_INPUTS.has(String(el.type ?? '').toLowerCase());
	const role = el.closest('[role="button"], [role="link"]') === el;
	return {
		element: buttonInput || role ? 'button' : (ELEMENTS[tag] ?? 'other'),
		inAnswer: !!el.closest('[data-answer-input]'),
		inForm: !!el.closest('form, dialog')
	};
}

/** A focused control that does its own thing with Enter: the page's shortcut must not fire. */
export function ownsEnter(t: KeyTarget): boolean {
	return t.element !== 'field' && t.element !== 'other';
}
