import type { DraftArticleT, DraftParagraphT, Voice } from './types.ts';
import { classifyVoice } from './voice.ts';

/** The kinds of text the drafter tells apart; each has its own voice (who says what). */
export const GENRES = ['news', 'opinion', 'encyclopedia', 'textbook', 'speech'] as const;
export type Genre = (typeof GENRES)[number];

const count = (text: string, re: RegExp) => text.match(re)?.length ?? 0;

/**
 * What kind of text an article is, from cues any reader would use: a speech addresses its
 * listeners ("Fellow-Countrymen:", "we", "you"); a textbook has learning objectives, figures and
 * definitions; an encyclopedia cites sources and reads in the third person; an opinion piece argues
 * in the first person ("we should"); the rest is news.
 */
export function detectGenre(article: DraftArticleT): Genre {
	const all = article.paragraphs.map((p) => p.text).join('\n');
	const body = article.paragraphs
		.filter((p) => p.kind === 'body')
		.map((p) => p.text)
		.join('\n');
	const words = Math.max(1, body.split(/\s+/).length);
	const per1000 = (n: number) => (1000 * n) / words;
	const first = per1000(count(body, /\b(?:I|we|us|our|ours|my)\b/g));
	const title = article.meta.title;
	const speech =
		/\b(?:address|speech|remarks|oration|sermon|inaugural)\b/i.test(title) ||
		/^(?:(?:my )?fellow[- ]\w+|ladies and gentlemen|mr\.? (?:president|speaker|vice president)|friends)\b[^.]{0,80}[:,]/im.test(
			all
		);
	if (speech && first > 15) return 'speech';
	const textbook =
		count(all, /\b(?:fig(?:ure)?\.?|table)\s+\d+(?:\.\d+)?/gi) +
		count(all, /\b(?:learning objectives|section review|key terms|review questions)\b/gi) * 2 +
		count(body, /\b(?:is|are) (?:called|known as|defined as)\b/gi) +
		count(
			body,
			/^\s*[\w -]{3,40} (?:is|are) the (?:process|change|release|movement|transfer|layer|theory|place|study)\b/gim
		);
	if (textbook >= 3) return 'textbook';
	const citations = count(all, /\[\d+\]/g) + count(all, /^(?:references|see also)\b/gim) * 2;
	const opinion =
		per1000(count(body, /\b(?:should|must|ought to|we need)\b/gi)) +
		per1000(count(body, /\b(?:I think|I believe|in my view|we should|let us)\b/gi)) * 2;
	if (citations >= 2 && first < 5) return 'encyclopedia';
	if (opinion >= 6 && first >= 4) return 'opinion';
	const reported = per1000(count(body, /\b(?:said|says|told|according to|announced)\b/gi));
	if (
		article.meta.author ||
		reported >= 2 ||
		/\b(?:on|last) (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/.test(body)
	)
		return opinion >= 6 ? 'opinion' : 'news';
	return first < 3 ? 'encyclopedia' : 'opinion';
}

/** The text hedges: the sentence reports a view rather than stating a fact. */
const HEDGE =
	/\b(?:it is (?:believed|thought|said|claimed|argued)|(?:some|many|most) (?:historians|scientists|experts|critics|researchers|people) (?:believe|think|argue|say|claim)|is (?:believed|thought|said) to|probably|possibly|perhaps|may have|might have)\b/i;
/** The sentence reports someone else's words: the sentence attributes itself. */
const REPORTED =
	/\b(?:said|says|told|announced|according to|argued|warned|insisted|claimed|called|described|praised|expects?|believes?|fears?|worry|worries)\b/i;
/** What a speaker promises, calls for or makes conditional. */
const SPEAKER =
	/\b(?:we will|we shall|will not|shall never|let us|I ask|I believe|I assert|must|ought|no matter|if (?:we|you|God)|so help us|we must|always will|will win|will gain|will make)\b/i;

/** A speaker's call to action: "let us …", "I ask that …", "we must …", "join me …". */
export const CALL =
	/\b(?:let us|let's|I (?:ask|call on|call upon|urge|appeal to)|we must|we ought|join (?:me|us))\b/i;

/**
 * A view or feeling the sentence reports of someone else ("he feared violence", "it seemed
 * useless", "officials believe"): in a report or a speech that is what happened, not the author's
 * own view. "I believe", "we hope" stay: the speaker speaks.
 */
const OTHERS_ATTITUDE =
	/(?<!\b(?:I|we)\s(?:\w+\s)?)\b(?:fear(?:s|ed)?|hop(?:e|es|ed)|believ(?:e|es|ed)|thought|thinks?|seem(?:s|ed)?|appear(?:s|ed)? to|want(?:s|ed)? to|aim(?:s|ed)? to|doubt(?:s|ed)?|consider(?:s|ed)?|regard(?:s|ed)?|suggest(?:s|ed)?|claim(?:s|ed)?|argu(?:e|es|ed)|insist(?:s|ed)?|eager to)\b/gi;

/** The sentence with only the views its author or speaker holds: others' reported views taken out. */
export function ownVoice(text: string): string {
	return text.replace(OTHERS_ATTITUDE, '');
}

/**
 * The voice of a sentence in a text of this genre: news and opinion as the author's facts, claims
 * and predictions; in a textbook or an encyclopedia every sentence is a fact unless the text hedges;
 * in a speech the speaker's promises, calls and conditionals are the speaker's claims.
 */
export function voiceIn(genre: Genre): (text: string, kind: DraftParagraphT['kind']) => Voice {
	return (text, kind) => {
		if (kind !== 'body') return 'fact';
		if (genre === 'textbook' || genre === 'encyclopedia')
			return HEDGE.test(text) ? 'claim' : 'fact';
		if (genre === 'speech') {
			// A call ("let us strive on", "I ask that the Congress declare") and a condition ("if God
			// wills that it continue …") are the speaker's, whatever tense follows in them.
			if (CALL.test(text) || /^(?:yet,?\s+|and\s+|but\s+)?if\b/i.test(text)) return 'claim';
			if (/\b(?:will|shall)\b/i.test(text) && SPEAKER.test(text)) return 'prediction';
			if (SPEAKER.test(text)) return 'claim';
			const own = ownVoice(text).replace(/\b(?:indeed|in fact|actually|because|due to)\b/gi, '');
			return classifyVoice(own, kind) === 'claim' ? 'claim' : 'fact';
		}
		// "because", "due to", "in fact" mark a claim in an argument, not in a report or a speech.
		const voice = classifyVoice(
			genre === 'opinion'
				? text
				: ownVoice(text).replace(/\b(?:because|due to|in fact|indeed|actually)\b/gi, ''),
			kind
		);
		// "Eurotunnel said that its shuttles would start in the autumn": the sentence names its
		// speaker, so what it states is the fact that someone said it.
		if (genre === 'news' && voice !== 'fact' && REPORTED.test(text) && !/\bauthor\b/i.test(text))
			return 'fact';
		return voice;
	};
}

/** Who a claim or prediction belongs to, as the student reads it. */
export function owner(genre: Genre): 'author' | 'speaker' | 'article' {
	if (genre === 'speech') return 'speaker';
	if (genre === 'news' || genre === 'opinion') return 'author';
	return 'article';
}
