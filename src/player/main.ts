/**
 * The SCORM player's entry: a classic script (it must load from an LMS's file: or http: URL
 * alike), built by scripts/player.ts into player.js and player.css. It registers no service
 * worker and fetches nothing: the quiz comes from set.js, loaded before it by index.html.
 */
import '../app.css';
import { mount } from 'svelte';
import { CONTENT_GLOBAL } from '$lib/teach/scorm/content';
import { findApi, Lms } from './lms';
import Player from './Player.svelte';
import { Player as PlayerState } from './player.svelte';

const root = document.documentElement;
const dark = matchMedia('(prefers-color-scheme: dark)');
const theme = () => (root.dataset.theme = dark.matches ? 'dark' : 'light');
theme();
dark.addEventListener('change', theme);

const player = new PlayerState();
const target = document.getElementById('app');
if (target) {
	target.replaceChildren();
	mount(Player, { target, props: { player } });
}
const api = findApi(window);
void player.open(
	(globalThis as Record<string, unknown>)[CONTENT_GLOBAL],
	api ? new Lms(api) : null,
	Date.now()
);
// LMSFinish when the LMS unloads the frame or the student closes the window; a page kept in the
// back/forward cache is finished too (a later visit is a new launch).
addEventListener('pagehide', () => player.leave(Date.now()));
