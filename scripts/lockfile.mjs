// Does node_modules hold what package-lock.json asks for? npm keeps a copy of the lockfile as it
// was last installed in node_modules/.package-lock.json (its "hidden lockfile"); comparing the
// two catches a node_modules left from another checkout or an older lockfile (no dependencies).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @typedef {{ name?: string, version?: string, optional?: boolean, devOptional?: boolean }} LockEntry
 * @typedef {{ packages?: Record<string, LockEntry> }} Lockfile
 */

/**
 * The first difference between the lockfile and the installed tree, as a sentence, or null when
 * they agree. Optional packages may be absent: npm skips those built for other platforms.
 * @param {Lockfile} lock package-lock.json
 * @param {Lockfile} installed node_modules/.package-lock.json
 * @returns {string | null}
 */
export function lockfileMismatch(lock, installed) {
	const want = lock.packages ?? {};
	const have = installed.packages ?? {};
	for (const [path, entry] of Object.entries(want)) {
		if (path === '') continue; // the project itself
		const got = have[path];
		if (!got) {
			if (entry.optional || entry.devOptional) continue;
			return `${path} is not installed`;
		}
		if (got.version !== entry.version)
			return `${path} is ${got.version}, package-lock.json has ${entry.version}`;
	}
	for (const path of Object.keys(have))
		if (!(path in want)) return `${path} is installed but not in package-lock.json`;
	return null;
}

/**
 * Why `dir`'s node_modules must be (re)installed, or null when it matches package-lock.json.
 * @param {string} [dir]
 * @returns {string | null}
 */
export function installReason(dir = '.') {
	const hidden = join(dir, 'node_modules', '.package-lock.json');
	if (!existsSync(hidden)) return 'node_modules is missing or was not installed by npm';
	/** @param {string} file @returns {Lockfile | null} */
	const read = (file) => {
		try {
			return JSON.parse(readFileSync(file, 'utf8'));
		} catch {
			return null;
		}
	};
	const lock = read(join(dir, 'package-lock.json'));
	if (!lock) return 'package-lock.json cannot be read';
	const installed = read(hidden);
	if (!installed) return 'node_modules/.package-lock.json cannot be read';
	return lockfileMismatch(lock, installed);
}
