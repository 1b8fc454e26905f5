/**
 * "Install Quire": the browser's install prompt where it offers one (Chromium's
 * beforeinstallprompt), and on iOS, where installing is Share → Add to Home Screen, a one-line
 * hint while Quire is not installed. Elsewhere (Firefox, desktop Safari) nothing shows.
 */

/** The parts of Chromium's BeforeInstallPromptEvent used here. */
export interface InstallPromptEvent extends Event {
	prompt(): Promise<unknown>;
	readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

/** The parts of the window used here (tests pass a fake). */
export interface InstallHost {
	navigator: { userAgent: string; maxTouchPoints?: number; standalone?: boolean };
	matchMedia(query: string): { matches: boolean };
	addEventListener(type: string, listener: (event: Event) => void): void;
}

/** Whether the app runs installed (standalone), not in a browser tab. */
export function isStandalone(host: InstallHost): boolean {
	return (
		host.navigator.standalone === true || host.matchMedia('(display-mode: standalone)').matches
	);
}

/** iPhone, iPod or iPad (iPadOS says "Macintosh", with a touch screen). */
export function isIos(host: InstallHost): boolean {
	const ua = host.navigator.userAgent;
	return (
		/iPhone|iPad|iPod/.test(ua) ||
		(/Macintosh/.test(ua) && (host.navigator.maxTouchPoints ?? 0) > 1)
	);
}

export class InstallState {
	/** The browser offered to install: the entry shows. */
	canInstall = $state(false);
	/** iOS in a browser tab: the Add to Home Screen hint shows. */
	iosHint = $state(false);
	installed = $state(false);
	#prompt: InstallPromptEvent | null = null;
	#started = false;

	/** Listens from the first page on: the browser fires its offer once per page load. */
	start(host: InstallHost) {
		if (this.#started) return;
		this.#started = true;
		this.installed = isStandalone(host);
		this.iosHint = !this.installed && isIos(host);
		host.addEventListener('beforeinstallprompt', (event) => {
			// Quire shows its own quiet entry instead of the browser's banner.
			event.preventDefault();
			this.#prompt = event as InstallPromptEvent;
			this.canInstall = !this.installed;
		});
		host.addEventListener('appinstalled', () => {
			this.installed = true;
			this.canInstall = false;
			this.#prompt = null;
		});
	}

	/** Shows the browser's install dialog; the offer is used up either way. */
	async install() {
		const prompt = this.#prompt;
		if (!prompt) return;
		this.#prompt = null;
		this.canInstall = false;
		await prompt.prompt();
		const { outcome } = await prompt.userChoice;
		if (outcome === 'accepted') this.installed = true;
	}
}

/** The one install state of the page (the layout starts it). */
export const install = new InstallState();
