/** Where the checker's advice comes from; each rule cites one or more of these. */

const HDR =
	'Haladyna, Downing & Rodriguez (2002), “A review of multiple-choice item-writing guidelines for classroom assessment”, Applied Measurement in Education 15(3)';

/** A guideline of Haladyna, Downing & Rodriguez (2002), quoted by its wording. */
export const haladyna = (guideline: string) => `${HDR}: “${guideline}”`;

/** Quire's editorial standard (shared/content/item-writing.md), by section. */
export const standard = (section: string) => `Quire’s editorial standard, “${section}”`;

export const MOODLE_SHORT_ANSWER =
	'Moodle docs, Short-Answer question type: a response is right only if it matches one of the answers listed, so list every form a student may type';
export const MOODLE_SHUFFLE =
	'Moodle docs, Multiple Choice question type: “Shuffle the choices” reorders options, so an option may not refer to the others by position';
export const WOZNIAK =
	'Wozniak (1999), “Effective learning: Twenty rules of formulating knowledge” (rules 4 and 5: minimum information, cloze deletion), the advice the Anki manual points to';
export const MOODLE_MULTI_GRADES =
	'Moodle docs, Multiple Choice question type: with multiple answers allowed, the positive grades of the correct choices must add up to 100% (Moodle refuses to save the question otherwise)';
