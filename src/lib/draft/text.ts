/** Small text helpers shared by the drafter: matching that mirrors the bank's validation rules. */

const WORD = /[\p{L}\p{N}]/u;

/** Straight quotes, single spaces, lower case: the key two texts are compared on. */
const folded = new Map<string, string>();

export function fold(s: string): string {
	let f = folded.get(s);
	if (f === undefined) {
		f = foldNow(s);
		// A bounded memo: drafting folds the same names and sentences many times over.
		if (folded.size > 5000) folded.clear();
		folded.set(s, f);
	}
	return f;
}

function foldNow(s: string): string {
	return s.replace(/[“”„]/g, '"').replace(/[‘’]/g, "'").replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Reads a text that is just a number ("1987", "5,500", "2.5"); null otherwise. */
export function asNumber(s: string): number | null {
	const t = s.trim();
	if (!/^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/.test(t)) return null;
	return Number(t.replace(/,/g, ''));
}

/** Whether the number occurs in the text as a whole number, grouped (5,500) or not (5500). */
export function mentionsNumber(text: string, value: number): boolean {
	const [int = '', frac] = String(Math.abs(value)).split('.');
	const lead = int.length % 3 || 3;
	const groups = [int.slice(0, lead)];
	for (let i = lead; i < int.length; i += 3) groups.push(int.slice(i, i + 3));
	const pattern = groups.join("[,.\\s'’]?") + (frac ? `[.,]${frac}` : '');
	return new RegExp(`(?<!\\d|\\d[.,])${pattern}(?!\\d|[.,]\\d)`).test(text);
}

/** Whether `needle` occurs in `hay` as a whole word or number, ignoring case and quote style. */
export function mentions(hay: string, needle: string): boolean {
	const n = asNumber(needle);
	if (n !== null) return mentionsNumber(hay, n);
	const h = fold(hay);
	const k = fold(needle);
	if (!k) return false;
	const head = k[0] ?? '';
	const tail = k[k.length - 1] ?? '';
	for (let i = h.indexOf(k); i >= 0; i = h.indexOf(k, i + 1)) {
		const before = h[i - 1] ?? '';
		const after = h[i + k.length] ?? '';
		if (WORD.test(head) && WORD.test(before)) continue;
		if (WORD.test(tail) && WORD.test(after)) continue;
		return true;
	}
	return false;
}

/** Every [start, end) where `needle` occurs in `hay` as a whole word, matching case exactly. */
export function occurrences(hay: string, needle: string): [number, number][] {
	const found: [number, number][] = [];
	if (!needle || !hay.includes(needle)) return found;
	for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) {
		const j = i + needle.length;
		if (WORD.test(needle[0] ?? '') && WORD.test(hay[i - 1] ?? '')) continue;
		if (WORD.test(needle[needle.length - 1] ?? '') && WORD.test(hay[j] ?? '')) continue;
		found.push([i, j]);
	}
	return found;
}

/** Replaces the given spans (sorted or not) of `text` with what `fill` returns for each. */
export function replaceSpans(
	text: string,
	spans: readonly [number, number][],
	fill: (original: string) => string
): string {
	const sorted = [...spans].sort((a, b) => a[0] - b[0]);
	let out = '';
	let last = 0;
	for (const [a, b] of sorted) {
		if (a < last) continue;
		out += text.slice(last, a) + fill(text.slice(a, b));
		last = b;
	}
	return out + text.slice(last);
}

/** Turns text into a kebab-case id fragment. */
export function slug(s: string, max = 4): string {
	return (
		s
			.toLowerCase()
			.normalize('NFKD')
			.replace(/[^a-z0-9]+/g, ' ')
			.trim()
			.split(' ')
			.filter(Boolean)
			.slice(0, max)
			.join('-') || 'x'
	);
}

/** Cuts a long text at a word boundary, ending with an ellipsis. */
export function clip(s: string, maxWords: number): string {
	const words = s.split(/\s+/).filter(Boolean);
	if (words.length <= maxWords) return words.join(' ');
	return (
		words
			.slice(0, maxWords)
			.join(' ')
			.replace(/[,;:]$/, '') + '…'
	);
}
