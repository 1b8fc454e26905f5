// A deliberate layering violation: the engine room may not reach storage or Svelte.
// eslint.config.js ignores this folder; scripts/layering.test.ts lints it and expects errors.
import { db } from '$lib/db';
import { tick } from 'svelte';

export const fixture = [db, tick];
