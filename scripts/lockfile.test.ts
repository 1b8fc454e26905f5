import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installReason, lockfileMismatch } from './lockfile.mjs';

const lock = {
	packages: {
		'': { name: 'quire' },
		'node_modules/dexie': { version: '4.4.7' },
		'node_modules/@esbuild/win32-x64': { version: '0.25.0', optional: true },
		'node_modules/fsevents': { version: '2.3.3', devOptional: true }
	}
};
const installed = { packages: { 'node_modules/dexie': { version: '4.4.7' } } };

describe('lockfileMismatch', () => {
	it('accepts a tree that holds every locked package, other platforms’ optional ones aside', () => {
		expect(lockfileMismatch(lock, installed)).toBeNull();
	});

	it('names a package at another version', () => {
		const old = { packages: { 'node_modules/dexie': { version: '4.0.1' } } };
		expect(lockfileMismatch(lock, old)).toBe(
			'node_modules/dexie is 4.0.1, package-lock.json has 4.4.7'
		);
	});

	it('names a locked package that is missing', () => {
		expect(lockfileMismatch(lock, { packages: {} })).toBe('node_modules/dexie is not installed');
	});

	it('names a package left over from another lockfile', () => {
		const extra = {
			packages: { ...installed.packages, 'node_modules/left-pad': { version: '1.3.0' } }
		};
		expect(lockfileMismatch(lock, extra)).toBe(
			'node_modules/left-pad is installed but not in package-lock.json'
		);
	});
});

describe('installReason', () => {
	function project(files: Record<string, string>) {
		const dir = mkdtempSync(join(tmpdir(), 'quire-lock-'));
		mkdirSync(join(dir, 'node_modules'));
		for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
		return dir;
	}

	it('asks for an install when npm never installed node_modules', () => {
		expect(installReason(project({ 'package-lock.json': JSON.stringify(lock) }))).toBe(
			'node_modules is missing or was not installed by npm'
		);
	});

	it('compares the hidden lockfile with package-lock.json', () => {
		const dir = project({
			'package-lock.json': JSON.stringify(lock),
			'node_modules/.package-lock.json': JSON.stringify(installed)
		});
		expect(installReason(dir)).toBeNull();
		writeFileSync(join(dir, 'node_modules/.package-lock.json'), '{ broken');
		expect(installReason(dir)).toBe('node_modules/.package-lock.json cannot be read');
	});
});
