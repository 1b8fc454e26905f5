/** Defaults for every setting: the one place they are chosen (no Dexie here, for state classes). */
import type { Settings } from './rows';

export const DEFAULT_SETTINGS: Settings = {
	theme: 'system',
	persistAsked: false,
	newPerDay: 20,
	reviewsPerDay: 200,
	retention: 0.9,
	fsrsParameters: null
};
