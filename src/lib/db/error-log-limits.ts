/** The error log's caps (see error-log.ts): how many entries it keeps and how long each field is. */

/** The most entries kept; older ones are dropped as new ones come. */
export const MAX_LOGGED = 50;
/** Longest error name, message, stack and page path kept, in characters. */
export const MAX_NAME = 100;
export const MAX_MESSAGE = 500;
export const MAX_STACK = 2000;
export const MAX_PAGE = 200;
