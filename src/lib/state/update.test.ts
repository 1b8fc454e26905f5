import { describe, expect, it } from 'vitest';
import {
	UPDATE_CHECK_MS,
	UpdateState,
	type ContainerLike,
	type RegistrationLike,
	type WorkerLike
} from './update.svelte';

class FakeWorker implements WorkerLike {
	state = 'installing';
	messages: unknown[] = [];
	#listeners: (() => void)[] = [];
	constructor(readonly name: string) {}
	postMessage(message: unknown) {
		this.messages.push(message);
	}
	addEventListener(_type: 'statechange', listener: () => void) {
		this.#listeners.push(listener);
	}
	set(state: string) {
		this.state = state;
		for (const l of this.#listeners) l();
	}
}

class FakeRegistration implements RegistrationLike {
	installing: FakeWorker | null = null;
	waiting: FakeWorker | null = null;
	active: FakeWorker | null = null;
	updates = 0;
	failUpdate = false;
	#found: (() => void)[] = [];
	update(): Promise<void> {
		this.updates++;
		if (this.failUpdate) return Promise.reject(new TypeError('Failed to update: no connection'));
		return Promise.resolve();
	}
	addEventListener(_type: 'updatefound', listener: () => void) {
		this.#found.push(listener);
	}
	/** A new worker starts installing, as after an update check that found new bytes. */
	found(worker: FakeWorker) {
		this.installing = worker;
		for (const l of this.#found) l();
	}
	/** The installing worker finished installing and waits. */
	installed() {
		const w = this.installing!;
		this.installing = null;
		this.waiting = w;
		w.set('installed');
	}
	/** The waiting worker becomes the active one. */
	activate() {
		const w = this.waiting!;
		this.waiting = null;
		this.active = w;
		w.set('activating');
		w.set('activated');
	}
}

class FakeContainer implements ContainerLike {
	controller: FakeWorker | null = null;
	registration = new FakeRegistration();
	failRegister = false;
	#changes: (() => void)[] = [];
	register(url: string, options: { scope: string }): Promise<FakeRegistration> {
		expect([url, options.scope]).toEqual(['/sw.js', '/']);
		if (this.failRegister)
			return Promise.reject(new TypeError('Failed to register a ServiceWorker: 404'));
		return Promise.resolve(this.registration);
	}
	addEventListener(_type: 'controllerchange', listener: () => void) {
		this.#changes.push(listener);
	}
	/** The active worker takes control of this page (clients.claim or skipWaiting). */
	claim() {
		this.controller = this.registration.active;
		for (const l of this.#changes) l();
	}
}

function setup() {
	const container = new FakeContainer();
	const reloads: number[] = [];
	const timers: { run: () => void; ms: number }[] = [];
	const state = new UpdateState();
	const host = {
		container,
		reload: () => reloads.push(1),
		setInterval: (run: () => void, ms: number) => timers.push({ run, ms })
	};
	return { container, reg: container.registration, reloads, timers, state, host };
}

/** A page controlled by worker v1, as on any visit after the first. */
async function controlledByV1() {
	const t = setup();
	const v1 = new FakeWorker('v1');
	v1.state = 'activated';
	t.reg.active = v1;
	t.container.controller = v1;
	expect(await t.state.start(t.host)).toBe(true);
	return { ...t, v1 };
}

describe('UpdateState', () => {
	it('a first visit never offers a new version, however long the install takes', async () => {
		const { container, reg, reloads, state, host } = setup();
		const v1 = new FakeWorker('v1');
		reg.installing = v1;
		await state.start(host);
		// Installed and briefly waiting with no controller: the moment a false prompt came from.
		reg.installed();
		expect(state.needRefresh).toBe(false);
		reg.activate();
		container.claim();
		expect(state.needRefresh).toBe(false);
		expect(state.offlineReady).toBe(true);
		expect(reloads).toEqual([]);
	});

	it('offers the reload when a new worker waits under the one that controls the page', async () => {
		const { reg, reloads, state, container, v1 } = await controlledByV1();
		expect(state.needRefresh).toBe(false);
		const v2 = new FakeWorker('v2');
		reg.found(v2);
		expect(state.needRefresh).toBe(false);
		reg.installed();
		expect(state.needRefresh).toBe(true);
		expect(state.offlineReady).toBe(false);

		await state.apply();
		expect(v2.messages).toEqual([{ type: 'SKIP_WAITING' }]);
		expect(v1.messages).toEqual([]);
		expect(reloads).toEqual([]);
		reg.activate();
		container.claim();
		expect(reloads).toEqual([1]);
	});

	it('a page first visited, then updated while open, reloads on Reload', async () => {
		const { container, reg, reloads, state, host } = setup();
		const v1 = new FakeWorker('v1');
		reg.installing = v1;
		await state.start(host);
		reg.installed();
		reg.activate();
		container.claim();
		const v2 = new FakeWorker('v2');
		reg.found(v2);
		reg.installed();
		expect(state.needRefresh).toBe(true);
		await state.apply();
		expect(v2.messages).toEqual([{ type: 'SKIP_WAITING' }]);
		reg.activate();
		container.claim();
		expect(reloads).toEqual([1]);
	});

	it('offers a version that was already waiting when the page opened', async () => {
		const t = setup();
		const v1 = new FakeWorker('v1');
		v1.state = 'activated';
		const v2 = new FakeWorker('v2');
		v2.state = 'installed';
		t.reg.active = v1;
		t.reg.waiting = v2;
		t.container.controller = v1;
		await t.state.start(t.host);
		expect(t.state.needRefresh).toBe(true);
	});

	it('runs the before-reload hooks before the new worker takes over', async () => {
		const { reg, state } = await controlledByV1();
		const v2 = new FakeWorker('v2');
		reg.found(v2);
		reg.installed();
		const seen: unknown[][] = [];
		const remove = state.beforeReload(async () => {
			await Promise.resolve();
			seen.push([...v2.messages]);
		});
		await state.apply();
		expect(seen).toEqual([[]]);
		remove();
	});

	it('Later hides the prompt until another version arrives', async () => {
		const { reg, state } = await controlledByV1();
		reg.found(new FakeWorker('v2'));
		reg.installed();
		state.dismiss();
		expect(state.needRefresh).toBe(false);
		const v3 = new FakeWorker('v3');
		reg.found(v3);
		reg.waiting?.set('redundant');
		reg.installed();
		expect(state.needRefresh).toBe(true);
	});

	it('prompts when another tab switched this page to a new version, and Reload just reloads', async () => {
		const { reg, reloads, state, container } = await controlledByV1();
		reg.found(new FakeWorker('v2'));
		reg.installed();
		reg.activate();
		container.claim();
		expect(state.needRefresh).toBe(true);
		await state.apply();
		expect(reloads).toEqual([1]);
	});

	it('reloads once even when the worker reports its activation and the page its new controller', async () => {
		const { reg, reloads, state, container } = await controlledByV1();
		reg.found(new FakeWorker('v2'));
		reg.installed();
		await state.apply();
		reg.activate();
		container.claim();
		expect(reloads).toEqual([1]);
	});

	it('checks for new versions hourly, and a failed check changes nothing', async () => {
		const { reg, timers, state } = await controlledByV1();
		expect(timers.map((t) => t.ms)).toEqual([UPDATE_CHECK_MS]);
		reg.failUpdate = true;
		timers[0]!.run();
		await state.check();
		expect(reg.updates).toBe(2);
		expect(state.needRefresh).toBe(false);
	});

	it('without a worker (dev server, blocked) it says so and never prompts', async () => {
		const { container, state, host, timers } = setup();
		container.failRegister = true;
		expect(await state.start(host)).toBe(false);
		expect(timers).toEqual([]);
		expect(state.needRefresh).toBe(false);
		expect(state.offlineReady).toBe(false);
	});
});
