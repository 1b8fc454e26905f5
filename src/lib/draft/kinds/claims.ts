/**
 * Claims and evidence, for texts that argue (opinion, news with views, speeches): "Which of these
 * statements is the author's opinion rather than a fact?", and "Which evidence does the author
 * give for the claim that …?" keyed by the fact the text sets right after its claim.
 */
import { base, choicesWith, explainLead, type Candidate, type Context } from '../context.ts';
import { CALL, owner } from '../genre.ts';
import type { Located } from '../sentences.ts';

const words = (s: string) => s.split(/\s+/).length;

/** A fact that can back a claim: it carries a number, a date, a name, a study or an example. */
function isEvidence(s: Located): boolean {
	return (
		s.voice === 'fact' &&
		!s.skip &&
		(s.entities.length > 0 ||
			/\b(?:study|survey|research|found|for example|for instance|evidence|data)\b/i.test(s.text))
	);
}

function fitting(key: string, list: readonly string[]): string[] {
	return list.filter((o) => o.length >= key.length * 0.5 && o.length <= key.length * 1.9);
}

/** Opinion-or-fact items and claim-evidence items. */
export function claimDrafts(ctx: Context): Candidate[] {
	if (ctx.genre === 'textbook' || ctx.genre === 'encyclopedia') return [];
	const who = owner(ctx.genre);
	const usable = ctx.usable.filter((s) => words(s.plain) <= 28);
	const claims = usable.filter((s) => s.voice !== 'fact');
	// Facts plain to see: a name, date or number, and nothing that hedges, forecasts or reports a view.
	const facts = usable.filter(
		(s) =>
			s.voice === 'fact' &&
			s.entities.length > 0 &&
			!/\b(?:will|would|should|must|could|may|might|fears?|believes?|thinks?|hopes?|said|says|called|argued)\b/i.test(
				s.text
			)
	);
	const out: Candidate[] = [];
	// "Which of these is the author's opinion, not a fact?": one claim among facts.
	claims.slice(0, 3).forEach((c, i) => {
		const options = fitting(
			c.plain,
			facts.map((f) => f.plain)
		);
		const picked = options.filter((_, k) => k % 3 === i % 3).slice(0, 3);
		if (picked.length < 2) return;
		const what = c.voice === 'prediction' ? 'prediction about what will happen' : 'opinion';
		out.push({
			kind: 'claims',
			score: 0.75 - i * 0.05,
			sentences: [c.order],
			entry: {
				...base(ctx, c, 'claims', 'single', 'analysis', ['fact-or-claim']),
				type: 'single',
				prompt: `Which of these sentences gives the ${who}’s ${what} rather than a fact that can be checked?`,
				choices: choicesWith(ctx, c.plain, picked),
				answer: c.plain,
				explanation: `This is the ${who}’s ${c.voice === 'prediction' ? 'prediction' : 'claim'}, not an established fact: “${c.text}” The other sentences report facts that can be checked.`
			}
		});
	});
	// "The author writes: “…” What is this?": sentences whose voice is plain to see.
	for (const c of labelDrafts(ctx)) out.push(c);
	if (ctx.genre !== 'opinion') return out;
	// "Which evidence does the author give for the claim that …?": the fact right after a claim.
	for (const c of claims) {
		const next = ctx.usable.find((s) => s.paragraph === c.paragraph && s.index === c.index + 1);
		if (!next || !isEvidence(next) || words(c.plain) > 22) continue;
		const others = fitting(
			next.plain,
			facts.filter((f) => f.paragraph !== c.paragraph).map((f) => f.plain)
		).slice(0, 3);
		if (others.length < 2) continue;
		out.push({
			kind: 'claims',
			score: 0.85,
			sentences: [next.order],
			entry: {
				...base(ctx, next, 'claims', 'single', 'analysis', ['evidence'], 'claim'),
				sources: [{ paragraph: c.paragraph, quote: c.text }],
				type: 'single',
				prompt: `Which evidence does the ${who} give for the ${who}’s claim that “${c.plain.replace(/[.!]$/, '')}”?`,
				choices: choicesWith(ctx, next.plain, others),
				answer: next.plain,
				explanation: `The ${who} backs the claim with the sentence that follows it: “${next.text}” The other options are facts from other parts of the text.`
			}
		});
	}
	return out;
}

/** What a sentence of a speech does, as the options of "Which is it?" name it. */
type SpeechAct = 'fact' | 'opinion' | 'call' | 'promise';

const SPEECH_LABELS: Record<SpeechAct, string> = {
	fact: 'A fact the speaker reports',
	opinion: 'The speaker’s opinion',
	call: 'A call to action',
	promise: 'A promise or prediction'
};

/** Modals and hedges: a sentence with one is no plain fact. */
const MODAL = /\b(?:will|shall|should|must|would|could|may|might|ought|believe|think|hope|pray)\b/i;
/** Words that judge: a sentence of a speech with one gives the speaker's view. */
const JUDGES =
	/\b(?:dastardly|unprovoked|righteous|infamy|just|unjust|shameful|noble|glorious|wrong|right(?:eous)?|evil|cruel|brave|best|worst|great(?:est)?|terrible|strange|obvious(?:ly)?|deliberately|premeditated|treacherous)\b/i;

/** What a sentence of a speech plainly does, or null where a reader could argue for two answers. */
export function speechAct(s: Located): SpeechAct | null {
	const t = s.plain;
	if (CALL.test(t)) return 'call';
	if (/\bif\b/i.test(t)) return null;
	if (
		/\b(?:we|our|I|you|the (?:American )?people|(?:this|our|the) nation)\b[^.;]*\b(?:will|shall)\b/i.test(
			t
		) &&
		s.voice === 'prediction'
	)
		return 'promise';
	if (
		s.voice === 'fact' &&
		!MODAL.test(t) &&
		!JUDGES.test(t) &&
		s.entities.some((e) => ['date', 'year', 'number', 'place'].includes(e.kind))
	)
		return 'fact';
	if (s.voice === 'claim' && JUDGES.test(t) && !MODAL.test(t)) return 'opinion';
	return null;
}

/** The part of a long sentence that carries its cue, with ellipses: what a stem can quote. */
export function excerpt(text: string, cue: RegExp, most = 28): string {
	const plain = text.replace(/[.!]$/, '');
	if (plain.split(/\s+/).length <= most) return text;
	const parts = plain.split(/(?<=[,;—:])\s+/);
	const at = Math.max(
		0,
		parts.findIndex((p) => cue.test(p))
	);
	let out = '';
	for (const p of parts.slice(at)) {
		if (out && (out + ' ' + p).split(/\s+/).length > most) break;
		out = out ? `${out} ${p}` : p;
	}
	out = out.replace(/[,;—:]$/, '');
	return `${at > 0 ? '…' : ''}${out}${out.length < plain.length - (at > 0 ? 0 : 1) && !plain.endsWith(out) ? '…' : '.'}`;
}

/** "The speaker says: “…” Which is it?": fact, opinion, call or promise in a speech; fact, opinion or prediction elsewhere. */
function labelDrafts(ctx: Context): Candidate[] {
	const who = owner(ctx.genre);
	const out: Candidate[] = [];
	if (ctx.genre === 'speech') {
		const given: Record<SpeechAct, number> = { fact: 0, opinion: 0, call: 0, promise: 0 };
		for (const s of ctx.usable) {
			const act = speechAct(s);
			// Each act once: two items with the same four options read as one question asked twice.
			if (!act || given[act] >= 1) continue;
			given[act]++;
			const quote = excerpt(
				s.plain,
				act === 'call' ? CALL : act === 'promise' ? /\b(?:will|shall)\b/i : /./
			);
			const options = (['fact', 'opinion', 'call', 'promise'] as const).map(
				(a) => SPEECH_LABELS[a]
			);
			const why = {
				fact: 'It reports what happened, with names, dates or places that can be checked',
				opinion: 'It judges what happened; the words that judge are the speaker’s',
				call: 'It asks the listeners to do something',
				promise: 'It says what the speaker and the listeners will do or what will happen'
			}[act];
			out.push({
				kind: 'claims',
				score: act === 'fact' ? 0.6 : 0.7,
				sentences: [s.order],
				entry: {
					...base(ctx, s, 'claims', 'single', 'analysis', ['fact-or-claim', 'speech-acts']),
					type: 'single',
					prompt: `The speaker says: “${quote}” What is the speaker doing here?`,
					choices: options,
					answer: SPEECH_LABELS[act],
					explanation:
						act === 'fact'
							? `${why}: “${s.text}”`
							: `${explainLead(ctx, s.voice)} “${s.text}” ${why}.`
				}
			});
		}
		return out;
	}
	const labels = {
		fact: 'A fact that can be checked',
		claim: `The ${who}’s opinion`,
		prediction: `The ${who}’s prediction`
	} as const;
	const clear = ctx.usable.filter(
		(s) =>
			words(s.plain) <= 28 &&
			(s.voice === 'prediction'
				? /\b(?:will|shall)\b/i.test(s.text) && !/\b(?:if|unless|whether)\b/i.test(s.text)
				: s.voice === 'claim'
					? /\b(?:should|must|ought|I believe|we need|too|best|worst|better|worse)\b/i.test(s.text)
					: s.entities.some((e) => e.kind === 'date' || e.kind === 'year' || e.kind === 'number') &&
						!MODAL.test(s.text))
	);
	// At most two of each answer, so no label is the answer to most of them.
	const given = { fact: 0, claim: 0, prediction: 0 };
	for (const s of clear) {
		// A plain fact is the easy answer: one such item is enough.
		if (given[s.voice] >= (s.voice === 'fact' ? 1 : 2)) continue;
		given[s.voice]++;
		out.push({
			kind: 'claims',
			score: 0.65,
			sentences: [s.order],
			entry: {
				...base(ctx, s, 'claims', 'single', 'analysis', ['fact-or-claim']),
				type: 'single',
				prompt: `The ${who} writes: “${s.plain}” Which is it?`,
				choices: [labels.fact, labels.claim, labels.prediction],
				answer: labels[s.voice],
				explanation:
					s.voice === 'fact'
						? `It reports what happened, with names, dates or numbers that can be checked: “${s.text}”`
						: `${explainLead(ctx, s.voice)} “${s.text}” It says ${s.voice === 'claim' ? `what the ${who} thinks should be, or is good or bad` : 'what will happen'}, which cannot be checked in the text.`
			}
		});
	}
	return out;
}
