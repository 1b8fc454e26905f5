/**
 * Fragments a router can read. A pasted or damaged link may carry a stray `%` in its fragment
 * (`/a#1Abc%`); SvelteKit's router passes the fragment to decodeURIComponent on client-side
 * navigations and back/forward, which throws URIError and leaves an unhandled rejection. Escaping
 * such a `%` as `%25` keeps the address readable by the router; the page still sees a damaged
 * link and says so.
 */

/** The fragment of `href`, percent-decoded; '' without one, null when it cannot be decoded. */
export function decodedFragment(href: string): string | null {
	const at = href.indexOf('#');
	if (at < 0) return '';
	try {
		// The decoded text is returned, not dropped: a minifier may treat an unused call as pure.
		return decodeURIComponent(href.slice(at + 1));
	} catch (error) {
		if (error instanceof URIError) return null;
		throw error;
	}
}

/** The URL with its fragment made decodable, or the URL unchanged when it already is. */
export function safeFragment(href: string): string {
	if (decodedFragment(href) !== null) return href;
	const at = href.indexOf('#');
	return `${href.slice(0, at + 1)}${href.slice(at + 1).replace(/%/g, '%25')}`;
}

/**
 * Keeps every address the router will read decodable: the one the page opened with, any link
 * clicked (before the router sees the click), and any fragment typed into the address bar.
 */
export function guardFragments(win: Window) {
	const fixCurrent = () => {
		const fixed = safeFragment(win.location.href);
		if (fixed !== win.location.href) win.history.replaceState(win.history.state, '', fixed);
	};
	fixCurrent();
	win.addEventListener('hashchange', fixCurrent);
	win.document.addEventListener(
		'click',
		(event) => {
			const target = event.target instanceof Element ? event.target.closest('a[href]') : null;
			if (!(target instanceof HTMLAnchorElement)) return;
			const fixed = safeFragment(target.href);
			if (fixed !== target.href) target.href = fixed;
		},
		{ capture: true }
	);
}
