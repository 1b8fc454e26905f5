/**
 * A count with its thousands grouped the English way: 200000 → "200,000", as
 * `toLocaleString('en-US')` writes it, without `Intl`. The first `Intl` call of a page loads the
 * number-formatting data: about 20 ms on this machine, far more on a phone. Schema messages are
 * built when their module loads, so one such call there was paid on every page that imports the
 * set schemas, before the page could respond. (Text shown in the reader's own locale, such as the
 * progress charts, still uses `Intl.NumberFormat`.)
 */
export function groupDigits(n: number): string {
	if (!Number.isFinite(n)) return String(n);
	const sign = n < 0 ? '-' : '';
	const [whole = '', fraction] = String(Math.abs(n)).split('.');
	if (/e/i.test(whole)) return String(n);
	const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	return sign + grouped + (fraction === undefined ? '' : `.${fraction}`);
}
