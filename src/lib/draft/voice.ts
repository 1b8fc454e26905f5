import type { Voice } from './types.ts';

/** Future and forecast cues: the author says what will happen. */
const PREDICTION =
	/\b(?:will|won['’]t|is going to|are going to|(?:is|are) (?:likely|unlikely|expected|bound|set) to|predicts?|forecasts?|in the future|in (?:the )?years to come|from now on)\b/i;

/** "Some will argue that …", "Critics will say …": a view foreseen, not a prediction. */
const FORESEEN_VIEW =
	/\b(?:some|many|others|critics|opponents|supporters|people|they|skeptics|sceptics)\s+(?:will|would)\s+(?:argue|say|claim|object|insist|point out|tell us|reply|answer|complain)\b/i;
/** What is said not to be known, with any "will" in it: "It is not clear what will happen". */
const UNKNOWN_FUTURE =
	/\b(?:(?:it is )?(?:not (?:yet )?(?:clear|known|certain)|unclear|uncertain|unknown)|no one knows|nobody knows|whether)\b[^.;]*/gi;

/** Reporting verbs, modals of obligation and opinion cues: the author asserts or interprets. */
const CLAIM = new RegExp(
	'\\b(?:' +
		[
			// reporting and attitude verbs
			'argu(?:e|es|ed|ing)',
			'believ(?:e|es|ed|ing)',
			'claim(?:s|ed|ing)?',
			'contend(?:s|ed)?',
			'insist(?:s|ed)?',
			'assert(?:s|ed)?',
			'suggest(?:s|ed)?',
			'think(?:s)?',
			'thought',
			'consider(?:s|ed)?',
			'regard(?:s|ed)?',
			'hop(?:e|es|ed)',
			'fear(?:s|ed)?',
			'doubt(?:s|ed)?',
			'seem(?:s|ed)?',
			'appear(?:s|ed)? to',
			'aim(?:s|ed)? to',
			'want(?:s|ed)? to',
			'eager to',
			// obligation
			'should',
			'must',
			'ought to',
			'need(?:s)? to',
			// opinion cues
			'obviously',
			'clearly',
			'in fact',
			'actually',
			'merely',
			'indeed',
			'certainly',
			'undoubtedly',
			'of course',
			'means that',
			'demonstrates',
			'shows that',
			'the reasons? why',
			'due to',
			'because',
			// evaluative adjectives and adverbs
			'important',
			'positive',
			'negative',
			'devastating',
			'bad',
			'good',
			'great',
			'necessary',
			'reasonable',
			'unreasonable',
			'proactive',
			'vigorous',
			'confident(?:ly)?',
			'superior',
			'inferior',
			'(?:un)?favou?rable',
			'far-reaching',
			'significant',
			'crucial',
			'dangerous',
			'serious',
			'effective(?:ly)?',
			'difficult',
			'unfair',
			'excellent',
			'terrible',
			'disastrous',
			'harmful',
			'beneficial',
			'aggressive',
			'(?:ir)?responsible',
			'reckless',
			'wise',
			'foolish',
			'best',
			'worst'
		].join('|') +
		')\\b',
	'i'
);

/**
 * The voice of a sentence: a prediction when it speaks of what will happen, a claim when it
 * reports a view, an obligation or an evaluation, a fact otherwise. Captions and headers state
 * facts about the page.
 */
export function classifyVoice(sentence: string, kind: string = 'body'): Voice {
	if (kind === 'header' || kind === 'caption') return 'fact';
	// "Some will argue that …" announces a view the author answers: a claim, not a forecast.
	if (FORESEEN_VIEW.test(sentence)) return 'claim';
	// "It is not clear what will happen next": a "will" inside what is not known forecasts nothing.
	const forecast = sentence.replace(UNKNOWN_FUTURE, '');
	if (PREDICTION.test(forecast)) return 'prediction';
	if (CLAIM.test(sentence)) return 'claim';
	return 'fact';
}

/** Words that link a sentence to the one before; a statement standing alone drops them. */
const CONNECTIVE =
	/^(?:however|moreover|therefore|thus|finally|firstly|secondly|thirdly|first|second|third|in particular|in fact|in addition|furthermore|besides|meanwhile|nevertheless|consequently|as a result|but|and|so|yet|also|then)\b,?\s*/i;

/** A sentence as a free-standing statement: no linking word in front, ending with a full stop. */
export function asStatement(sentence: string): string {
	let s = sentence.trim().replace(CONNECTIVE, '');
	s = s.replace(/[\s.,;:!?]+$/, '');
	return upperFirst(s) + '.';
}

export function upperFirst(s: string): string {
	return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Lower-cases the first letter unless the first word is a name or an acronym (`keepCase`), so a
 * statement can follow "According to the author, ".
 */
export function lowerFirst(s: string, keepCase: boolean): string {
	if (keepCase || /^\p{Lu}[\p{Lu}.]+\b/u.test(s)) return s;
	return s.charAt(0).toLowerCase() + s.slice(1);
}

/** The statement as the student reads it: claims and predictions are attributed. */
export function attribute(voice: Voice, statement: string, keepCase: boolean): string {
	if (voice === 'fact') return statement;
	const lead = voice === 'claim' ? 'According to the author, ' : 'The article predicts that ';
	return lead + lowerFirst(statement, keepCase);
}

/** How a gapped stem names its sentence: a sentence, the author's claim or a prediction. */
export function sentenceName(voice: Voice): string {
	// "the author’s claim", "the article’s prediction": cues the bank's attribution check reads.
	if (voice === 'claim') return 'the author’s claim';
	if (voice === 'prediction') return 'the article’s prediction';
	return 'this sentence from the article';
}

/** The first words of an explanation: claims and predictions are never restated as fact. */
export function explainLead(voice: Voice): string {
	if (voice === 'claim')
		return 'This is the author’s claim, not an established fact; the author writes';
	if (voice === 'prediction')
		return 'This is the article’s prediction, not an established fact; the author writes';
	return 'The article says';
}
