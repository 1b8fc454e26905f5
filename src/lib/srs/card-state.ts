/**
 * ts-fsrs's card states by number, for code that stores or counts cards without scheduling them
 * (and so without loading ts-fsrs or valibot). srs/index.test.ts checks they match ts-fsrs's State.
 */
export const CARD_STATE = { New: 0, Learning: 1, Review: 2, Relearning: 3 } as const;
