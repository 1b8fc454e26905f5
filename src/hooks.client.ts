import type { ClientInit, HandleClientError } from '@sveltejs/kit';
import { guardFragments } from '$lib/safe-url';
import { app } from '$lib/state/app.svelte';

/** Runs once, before the router starts: see safe-url.ts; faults nothing caught are logged. */
export const init: ClientInit = () => {
	guardFragments(window);
	app.watchErrors(window);
};

/**
 * An unexpected error while loading or rendering a page: logged and shown (app.report says
 * whether the student's answers are saved), and the error page gets a short message. A page
 * that does not exist (404) is not a fault.
 */
export const handleError: HandleClientError = ({ error, status, message }) => {
	if (status !== 404) app.report(error, 'bug');
	return { message };
};
