/**
 * A SCORM 1.2 package: the player's files, the quiz (set.js) and imsmanifest.xml listing them
 * all, zipped with fflate (its zip part only, about 8 KB gzip; loaded when a package is made).
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import { contentScript, CONTENT_FILE, type ScormContentT } from './content';
import { manifestXml } from './manifest';

/** The player's built files, by their name in the package. */
export interface PlayerFiles {
	'index.html': string;
	'player.js': string;
	'player.css': string;
}

/** The launch file of the package's one SCO. */
export const LAUNCH = 'index.html';

/** Every file of a package, by path, as text: the manifest, the player and the quiz. */
export function packageFiles(
	content: ScormContentT,
	player: PlayerFiles,
	identifier: string
): Record<string, string> {
	const files: Record<string, string> = { ...player, [CONTENT_FILE]: contentScript(content) };
	return {
		'imsmanifest.xml': manifestXml({
			identifier,
			title: content.title,
			masteryScore: content.passMark,
			launch: LAUNCH,
			files: Object.keys(files)
		}),
		...files
	};
}

/** A zip's first date: entries are dated 1980 to 2099. */
const ZIP_EPOCH = Date.UTC(1980, 0, 2);

/** The files as a zip; `mtime` dates every entry (a zip stores local time to 2 seconds). */
export function zipFiles(files: Record<string, string>, mtime: number): Uint8Array {
	const zippable: Zippable = {};
	const date = new Date(Math.max(ZIP_EPOCH, mtime));
	for (const [path, text] of Object.entries(files))
		zippable[path] = [strToU8(text), { level: 9, mtime: date }];
	return zipSync(zippable);
}
