/** Every limit an assignment and its results are held to: the form, the link schema and imports. */

/** Most questions one assignment may hold. */
export const MAX_ITEMS = 200;
/** Longest title, class name or seed, in characters. */
export const MAX_TEXT = 200;
/** Longest time limit, in minutes (a day). */
export const MAX_TIME_LIMIT_MIN = 1440;
/** Most attempts an assignment may allow (0 in the form means unlimited). */
export const MAX_ATTEMPTS = 100;
/** Highest pass mark, in percent. */
export const MAX_PASS_MARK = 100;
/** The largest .quire-result file read: a result code of 200 questions is far smaller. */
export const MAX_RESULT_FILE = 1_000_000;
/**
 * The largest QR version Quire shows for a link: 117 × 117 modules, which a phone still reads from
 * a projected code across a classroom. A longer link is sent as text or as a file instead.
 */
export const PROJECTOR_MAX_VERSION = 25;
