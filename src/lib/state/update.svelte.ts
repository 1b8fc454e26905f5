/** The parts of a ServiceWorker the update prompt uses. */
export interface WorkerLike {
	readonly state: string;
	postMessage(message: unknown): void;
	addEventListener(type: 'statechange', listener: () => void): void;
}

/** The parts of a ServiceWorkerRegistration the update prompt uses. */
export interface RegistrationLike {
	readonly installing: WorkerLike | null;
	readonly waiting: WorkerLike | null;
	readonly active: WorkerLike | null;
	update(): Promise<unknown>;
	addEventListener(type: 'updatefound', listener: () => void): void;
}

/** The parts of navigator.serviceWorker the update prompt uses (tests pass a fake). */
export interface ContainerLike {
	readonly controller: WorkerLike | null;
	register(url: string, options: { scope: string }): Promise<RegistrationLike>;
	addEventListener(type: 'controllerchange', listener: () => void): void;
}

/** What the update prompt needs from the page. */
export interface UpdateHost {
	container: ContainerLike;
	reload(): void;
	setInterval(run: () => void, ms: number): unknown;
}

/** How often a long-open tab asks for a new version. */
export const UPDATE_CHECK_MS = 60 * 60 * 1000;

/**
 * The service worker's life as the student sees it. "A new version is ready" shows only while a
 * new worker is actually waiting and an older one controls this page (or another tab already
 * switched this page to the new worker); Reload then activates the waiting worker and reloads
 * once it controls the page. A first install never prompts: it says the app works offline.
 */
export class UpdateState {
	/** A new version waits for this page to reload. */
	needRefresh = $state(false);
	/** The first install finished: the app now works offline. */
	offlineReady = $state(false);
	/** Reload was pressed: waiting for the new worker to take over. */
	reloading = $state(false);

	#host: UpdateHost | null = null;
	#registration: RegistrationLike | null = null;
	#dismissed: WorkerLike | null = null;
	#takenOver = false;
	#reloaded = false;
	#hooks = new Set<() => Promise<void> | void>();

	/**
	 * Registers /sw.js for the whole site and follows it. Resolves false when there is no worker
	 * (the dev server, or a browser that blocks it): the app still works online.
	 */
	async start(page: UpdateHost): Promise<boolean> {
		const host: UpdateHost = {
			...page,
			reload: () => {
				if (this.#reloaded) return;
				this.#reloaded = true;
				page.reload();
			}
		};
		this.#host = host;
		const { container } = host;
		const firstInstall = container.controller === null;
		let controller = container.controller;
		let registration: RegistrationLike;
		try {
			registration = await container.register('/sw.js', { scope: '/' });
		} catch {
			return false;
		}
		this.#registration = registration;

		const follow = (worker: WorkerLike | null) => {
			worker?.addEventListener('statechange', () => {
				if (worker.state === 'activated' && firstInstall && !this.needRefresh)
					this.offlineReady = true;
				if (this.reloading && (worker.state === 'activated' || worker.state === 'redundant'))
					host.reload();
				this.#refresh();
			});
		};
		follow(registration.installing);
		follow(registration.waiting);
		registration.addEventListener('updatefound', () => follow(registration.installing));
		container.addEventListener('controllerchange', () => {
			const before = controller;
			controller = container.controller;
			if (this.reloading) return host.reload();
			// A first install claiming this page is no update; another tab activating a new
			// version under a page that had one is: its old code must not run on.
			if (before !== null) this.#takenOver = true;
			this.#refresh();
		});
		this.#refresh();
		host.setInterval(() => void this.check(), UPDATE_CHECK_MS);
		return true;
	}

	/** Asks the server for a new version (offline, the check fails quietly and waits for the next). */
	async check() {
		try {
			await this.#registration?.update();
		} catch {
			// No connection or no server: the installed version keeps working.
		}
	}

	/** Runs before the reload, e.g. to store a quiz's unsaved draft. Returns its removal. */
	beforeReload(hook: () => Promise<void> | void): () => void {
		this.#hooks.add(hook);
		return () => this.#hooks.delete(hook);
	}

	/** Reload: stores what is pending, activates the waiting worker, then reloads. */
	async apply() {
		const host = this.#host;
		if (!host) return;
		this.reloading = true;
		for (const hook of this.#hooks) await hook();
		const waiting = this.#registration?.waiting ?? null;
		if (waiting && host.container.controller && waiting !== host.container.controller) {
			// The reload follows on controllerchange, when the new worker controls this page.
			waiting.postMessage({ type: 'SKIP_WAITING' });
		} else {
			host.reload();
		}
	}

	/** Later: hides the prompt until another version arrives. */
	dismiss() {
		this.#dismissed = this.#registration?.waiting ?? null;
		this.#takenOver = false;
		this.needRefresh = false;
	}

	#refresh() {
		const registration = this.#registration;
		const controller = this.#host?.container.controller ?? null;
		const waiting = registration?.waiting ?? null;
		const newWaiting =
			waiting !== null &&
			waiting.state === 'installed' &&
			controller !== null &&
			waiting !== controller &&
			waiting !== this.#dismissed;
		this.needRefresh = newWaiting || this.#takenOver;
		if (this.needRefresh) this.offlineReady = false;
	}
}

/** The app's one update state. */
export const updates = new UpdateState();
