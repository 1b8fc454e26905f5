/**
 * TeX → MathML with temml, loaded on the first formula (the editor's preview and save, and the
 * import worker); nothing a study page imports reaches this file. What temml writes is sanitised
 * (`./math.ts`) before it is kept, so the stored map only ever holds allowlisted MathML.
 */
import {
	entryTexts,
	MAX_FORMULAS,
	MAX_MATHML,
	MAX_TEX,
	sanitiseMathml,
	serialiseMath,
	texSegments,
	type MathMapT
} from './math.ts';

type Temml = typeof import('temml').default;
let loading: Promise<Temml> | null = null;

/** temml, loaded once. */
function temml(): Promise<Temml> {
	loading ??= import('temml').then((m) => m.default);
	return loading;
}

/** One segment converted, or why it could not be. */
export type Converted = { ok: true; mathml: string } | { ok: false; message: string };

/** Converts one TeX formula; a TeX error comes back as a sentence, never thrown. */
export async function convertTex(tex: string, display: boolean): Promise<Converted> {
	if (tex.length > MAX_TEX) return { ok: false, message: `longer than ${MAX_TEX} characters` };
	const t = await temml();
	let out: string;
	try {
		out = t.renderToString(tex, {
			displayMode: display,
			throwOnError: true,
			trust: false,
			maxSize: [20, 20],
			maxExpand: 200
		});
	} catch (e) {
		// temml's own errors say what is wrong; anything else is its internal failure on bad TeX.
		if (!(e instanceof t.ParseError)) return { ok: false, message: 'not valid TeX' };
		const message = (e as Error).message;
		// temml's message ends with the formula, underlined with combining marks: keep the sentence.
		const first = (message.split('\n')[0] ?? '').replace(/^\s*ParseError:\s*/, '');
		return { ok: false, message: first.replace(/\s*:\s*$/, '').trim() || 'not valid TeX' };
	}
	const tree = sanitiseMathml(out);
	if (!tree) return { ok: false, message: 'the converter wrote MathML Quire cannot show' };
	const mathml = serialiseMath(tree);
	if (mathml.length > MAX_MATHML) return { ok: false, message: 'the formula is too large' };
	return { ok: true, mathml };
}

/** A formula that did not convert: its source and the converter's message. */
export interface TexError {
	source: string;
	message: string;
}

/**
 * The maths of an entry: every TeX segment of its text fields converted. `math` is undefined when
 * the entry holds no TeX or none of it converted; each segment that failed is in `errors` (it
 * then shows as its source text).
 */
export async function entryMath(
	entry: object
): Promise<{ math: MathMapT | undefined; errors: TexError[] }> {
	return textsMath(entryTexts(entry as Record<string, unknown>));
}

/** The maths of some texts, as `entryMath` makes it. */
export async function textsMath(
	texts: readonly string[]
): Promise<{ math: MathMapT | undefined; errors: TexError[] }> {
	const segments = texSegments(texts);
	const math: MathMapT = {};
	const errors: TexError[] = [];
	for (const [i, s] of segments.entries()) {
		if (i >= MAX_FORMULAS) {
			errors.push({ source: s.source, message: `more than ${MAX_FORMULAS} formulas in one entry` });
			continue;
		}
		const r = await convertTex(s.tex, s.display);
		if (r.ok) math[s.source] = r.mathml;
		else errors.push({ source: s.source, message: r.message });
	}
	return { math: Object.keys(math).length > 0 ? math : undefined, errors };
}

/**
 * The entry with its `math` map made from its text: set where it holds TeX, removed where it
 * holds none (a map read from a file is never kept as it came).
 */
export async function withMath<E extends object>(
	entry: E
): Promise<{ entry: E; errors: TexError[] }> {
	const rest = { ...entry } as E & { math?: unknown };
	delete rest.math;
	const { math, errors } = await entryMath(rest);
	return { entry: math ? { ...rest, math } : rest, errors };
}
