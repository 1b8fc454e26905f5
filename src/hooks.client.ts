import type { ClientInit } from '@sveltejs/kit';
import { guardFragments } from '$lib/safe-url';

/** Runs once, before the router starts: see safe-url.ts. */
export const init: ClientInit = () => {
	guardFragments(window);
};
