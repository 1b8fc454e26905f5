import type { Grade } from '$lib/srs';

/** Vibration patterns (ms) per swipe rating: one short tick for Good, two for Again. */
export const HAPTIC_PATTERNS: Readonly<Record<number, number | number[]>> = {
	1: [12, 60, 12],
	3: 12
};

/** The parts of the window haptics use (tests pass a fake). */
export interface HapticHost {
	navigator: { vibrate?: (pattern: number | number[]) => boolean };
	matchMedia(query: string): { matches: boolean };
}

/**
 * A short vibration for a swipe rating where the device has one (navigator.vibrate: Android
 * browsers; not iOS, Firefox desktop or WebKit), none when the student asked for reduced motion.
 * Returns whether it vibrated.
 */
export function ratingHaptic(host: HapticHost, grade: Grade): boolean {
	const pattern = HAPTIC_PATTERNS[grade];
	if (pattern === undefined || typeof host.navigator.vibrate !== 'function') return false;
	if (host.matchMedia('(prefers-reduced-motion: reduce)').matches) return false;
	try {
		return host.navigator.vibrate(pattern);
	} catch {
		return false;
	}
}
