import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// A browser whose persistence request waits on a prompt nobody answers (Firefox does this).
const db = vi.hoisted(() => ({
	answer: null as ((granted: boolean) => void) | null,
	requestPersistence: vi.fn(),
	getSetting: vi.fn(() => Promise.resolve(false)),
	setSetting: vi.fn(() => Promise.resolve(undefined)),
	describeStorageError: vi.fn(() => 'storage failed')
}));
vi.mock('$lib/db', () => db);

import { AppState } from './app.svelte';
import { DataState } from './data.svelte';

beforeEach(() => {
	db.answer = null;
	db.requestPersistence.mockImplementation(
		() => new Promise<boolean>((resolve) => (db.answer = resolve))
	);
	vi.stubGlobal('navigator', {
		storage: {
			persisted: () => Promise.resolve(false),
			estimate: () => Promise.resolve({ usage: 1024, quota: 1024 ** 3 })
		}
	});
});

afterEach(() => {
	vi.unstubAllGlobals();
	vi.clearAllMocks();
});

describe('saving never waits on a persistence prompt', () => {
	it('resolves a first save without asking the browser for persistent storage', async () => {
		const app = new AppState();
		const write = vi.fn(() => Promise.resolve(undefined));
		await expect(app.save(write)).resolves.toBe(true);
		expect(write).toHaveBeenCalledOnce();
		expect(db.requestPersistence).not.toHaveBeenCalled();
		// Nor on the next saves.
		await expect(app.save(write)).resolves.toBe(true);
		expect(db.requestPersistence).not.toHaveBeenCalled();
	});

	it('reports a failed write in the shell', async () => {
		const app = new AppState();
		await expect(app.save(() => Promise.reject(new Error('boom')))).resolves.toBe(false);
		expect(app.storageError).toBe('storage failed');
	});
});

describe('Settings asks for persistence when the student chooses', () => {
	it('keeps the page usable while the browser asks, then shows the answer', async () => {
		const data = new DataState();
		const asked = data.requestPersistence();
		await vi.waitFor(() => expect(db.requestPersistence).toHaveBeenCalledOnce());
		expect(data.persistAsking).toBe(true);
		expect(data.busy).toBe(false);
		expect(data.persistMessage).toMatch(/answer it there/);
		// A second press while the prompt is open does not ask twice.
		await data.requestPersistence();
		expect(db.requestPersistence).toHaveBeenCalledOnce();

		vi.stubGlobal('navigator', {
			storage: {
				persisted: () => Promise.resolve(true),
				estimate: () => Promise.resolve({ usage: 1024, quota: 1024 ** 3 })
			}
		});
		db.answer?.(true);
		await asked;
		expect(data.persistAsking).toBe(false);
		expect(data.persistMessage).toMatch(/^Done/);
		expect(data.storage?.persisted).toBe(true);
	});

	it('says so when the browser declines', async () => {
		const data = new DataState();
		const asked = data.requestPersistence();
		await vi.waitFor(() => expect(db.answer).not.toBeNull());
		db.answer?.(false);
		await asked;
		expect(data.persistMessage).toMatch(/declined/);
		expect(data.storage?.persisted).toBe(false);
	});
});
