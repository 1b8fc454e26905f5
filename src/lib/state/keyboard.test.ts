import { describe, expect, it } from 'vitest';
import { revealScroll } from './keyboard';

// A 360 × 640 phone with a 300 px keyboard: 340 px of page show.
const view = { top: 0, bottom: 340 };

describe('revealScroll', () => {
	it('leaves the page still when the field and its button show', () => {
		expect(revealScroll({ top: 100, bottom: 140 }, { top: 160, bottom: 204 }, view)).toBe(0);
	});

	it('scrolls down until the Check button clears the keyboard', () => {
		// Field at 400–440, button at 460–504: the button's bottom must reach 340 − 8.
		expect(revealScroll({ top: 400, bottom: 440 }, { top: 460, bottom: 504 }, view)).toBe(172);
	});

	it('scrolls up when the field is above what shows', () => {
		expect(revealScroll({ top: -50, bottom: -10 }, null, view)).toBe(-58);
	});

	it('puts the field first when the field and the button cannot both show', () => {
		expect(revealScroll({ top: 400, bottom: 700 }, { top: 720, bottom: 764 }, view)).toBe(392);
		// Never scrolls the field's top out of sight to show the button.
		expect(revealScroll({ top: 20, bottom: 60 }, { top: 380, bottom: 424 }, view)).toBe(12);
	});
});
