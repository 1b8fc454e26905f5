import type { Settings } from '$lib/db';
import { databaseExists } from '$lib/db/exists';
import { loadDb } from './load-db';

type Theme = Settings['theme'];

/** Shell-wide state: hydration, storage health, theme, connectivity. */
export class AppState {
	/** False until the client has hydrated: controls stay disabled so no click is lost. */
	mounted = $state(false);
	/** A sentence explaining why progress cannot be saved, or null when storage works. */
	storageError = $state<string | null>(null);
	theme = $state<Theme>('system');
	online = $state(true);

	/** Runs once on the client: opens storage, loads the theme, follows connectivity. */
	async start(win: Window) {
		this.online = win.navigator.onLine;
		win.addEventListener('online', () => (this.online = true));
		win.addEventListener('offline', () => (this.online = false));
		const choice = win.document.documentElement.dataset.choice;
		if (choice === 'light' || choice === 'dark') this.theme = choice;
		this.mounted = true;
		if (await databaseExists()) {
			if (await this.checkStorage()) {
				this.theme = await (await loadDb()).getSetting('theme');
				applyTheme(win.document, this.theme);
			}
			return;
		}
		// A first visit has nothing saved to read, so Dexie is not loaded yet: storage is checked
		// at the first tap or key press, before anything can be saved.
		const check = () => {
			win.removeEventListener('pointerdown', check);
			win.removeEventListener('keydown', check);
			void this.checkStorage();
		};
		win.addEventListener('pointerdown', check);
		win.addEventListener('keydown', check);
	}

	/** Opens the database; on failure shows why in the shell. */
	private async checkStorage(): Promise<boolean> {
		const { checkStorage, db } = await loadDb();
		const status = await checkStorage(db);
		if (!status.ok) this.storageError = status.message;
		return status.ok;
	}

	/** Saves the theme in IndexedDB and applies it. */
	async setTheme(theme: Theme, doc: Document) {
		this.theme = theme;
		applyTheme(doc, theme);
		await this.save(async () => (await loadDb()).setSetting('theme', theme));
	}

	/** Applies a theme read back from storage (after an import) without writing it again. */
	showTheme(doc: Document, theme: Theme) {
		this.theme = theme;
		applyTheme(doc, theme);
	}

	/**
	 * Wraps every user-initiated write and reports storage failures in the shell. It never asks
	 * for persistent storage: a browser may hold that request on a permission prompt (Firefox
	 * does until the person answers), and a save must not wait on a person. Settings asks, when
	 * the student chooses to.
	 */
	async save(write: () => Promise<unknown>): Promise<boolean> {
		try {
			await write();
		} catch (error) {
			const { describeStorageError } = await loadDb();
			this.storageError = describeStorageError(error);
			return false;
		}
		// A write went through: whatever failed before (a full device) is over.
		this.storageError = null;
		return true;
	}
}

function applyTheme(doc: Document, theme: Theme) {
	// As app.html does before first paint; its listener follows the system while this is 'system'.
	const root = doc.documentElement;
	root.dataset.choice = theme;
	const systemDark = doc.defaultView?.matchMedia('(prefers-color-scheme: dark)').matches ?? false;
	root.dataset.theme = theme === 'system' ? (systemDark ? 'dark' : 'light') : theme;
	try {
		// Mirror read by app.html before first paint; IndexedDB stays the source of truth.
		if (theme === 'system') localStorage.removeItem('quire-theme');
		else localStorage.setItem('quire-theme', theme);
	} catch {
		// Storage may be blocked; the theme still applies for this visit.
	}
}

/** The app's one shell state. */
export const app = new AppState();
