// Small helpers shared by the project's Node scripts (no dependencies: they run before npm ci).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { installReason } from './lockfile.mjs';

/** Runs a command with inherited output; returns its exit code. */
export function run(cmd, args, options = {}) {
	const result = spawnSync(cmd, args, { stdio: 'inherit', shell: false, ...options });
	if (result.error) {
		console.error(`Could not run ${cmd}: ${result.error.message}`);
		return 1;
	}
	return result.status ?? 1;
}

/**
 * Installs dependencies from the lock file when node_modules is missing or stale: when npm's
 * record of what it installed (node_modules/.package-lock.json) differs from package-lock.json.
 */
export function ensureDependencies() {
	const reason = installReason();
	if (reason === null) return 0;
	console.log(`› Installing dependencies (npm ci): ${reason}…`);
	return run('npm', ['ci', '--no-audit', '--no-fund']);
}

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/**
 * Finds a Chromium for Playwright: CHROME_PATH, then Debian's chromium (installed with apt when
 * missing and we are root), then a Playwright-managed browser. Returns the path to use, '' for
 * Playwright's own, or null with the reason printed.
 */
export async function ensureChromium() {
	const fromEnv = process.env.CHROME_PATH;
	if (fromEnv) {
		if (existsSync(fromEnv)) return fromEnv;
		console.error(`CHROME_PATH is set to ${fromEnv}, but no file is there.`);
		return null;
	}
	const found = CANDIDATES.find((p) => existsSync(p));
	if (found) return found;
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	if (isRoot && existsSync('/usr/bin/apt-get')) {
		console.log('› Chromium is missing: installing Debian chromium with apt-get…');
		run('apt-get', ['update', '-qq']);
		run('apt-get', ['install', '-y', '-qq', 'chromium'], {
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
		});
		const installed = CANDIDATES.find((p) => existsSync(p));
		if (installed) return installed;
	}
	try {
		const { chromium } = await import('@playwright/test');
		if (existsSync(chromium.executablePath())) return '';
	} catch {
		// Playwright itself is missing or has no browser: fall through to the message.
	}
	console.error(
		'No Chromium found for the end-to-end tests. Install one of:\n' +
			'  • Debian/Ubuntu: sudo apt-get install chromium   (or run npm test as root to do it for you)\n' +
			'  • any Chrome/Chromium, then set CHROME_PATH=/path/to/chrome\n' +
			'  • a Playwright browser: npx playwright install chromium'
	);
	return null;
}

/** The name and version of the Chromium that Playwright will drive ('' = Playwright's own). */
export async function chromiumVersion(executablePath) {
	try {
		const { chromium } = await import('@playwright/test');
		const browser = await chromium.launch({
			executablePath: executablePath || undefined,
			args: ['--no-sandbox', '--disable-gpu']
		});
		const version = browser.version();
		await browser.close();
		return `Chromium ${version} (${executablePath || chromium.executablePath()})`;
	} catch (error) {
		return `Chromium at ${executablePath || 'Playwright’s default path'} (version unknown: ${error instanceof Error ? error.message.split('\n')[0] : error})`;
	}
}

const FIREFOX = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];
const MINIBROWSER = ['x86_64-linux-gnu', 'aarch64-linux-gnu'].flatMap((arch) => [
	`/usr/lib/${arch}/webkit2gtk-4.1/MiniBrowser`,
	`/usr/lib/${arch}/webkit2gtk-4.0/MiniBrowser`
]);
const onPath = (name) =>
	(process.env.PATH ?? '').split(':').some((dir) => dir && existsSync(`${dir}/${name}`));

/** What each non-Chromium engine needs, as files on this machine and the Debian packages that bring them. */
const ENGINES = [
	{
		name: 'Firefox',
		spec: 'e2e-engines/firefox.spec.ts',
		packages: ['firefox-esr'],
		missing: () =>
			[process.env.FIREFOX_PATH, ...FIREFOX].some((p) => p && existsSync(p))
				? []
				: ['firefox-esr (or set FIREFOX_PATH)']
	},
	{
		name: 'WebKit',
		spec: 'e2e-engines/webkit.spec.ts',
		packages: ['webkit2gtk-driver', 'xvfb'],
		missing: () => [
			...(onPath('WebKitWebDriver') &&
			[process.env.MINIBROWSER_PATH, ...MINIBROWSER].some((p) => p && existsSync(p))
				? []
				: ['webkit2gtk-driver (WebKitWebDriver and MiniBrowser)']),
			...(onPath('Xvfb') ? [] : ['xvfb'])
		]
	}
];

/**
 * Finds Firefox and WebKitGTK for the cross-engine journey, installing the Debian packages with
 * apt-get when they are missing and we are root. Returns the engines that can run and, for the
 * others, what is missing.
 */
export function ensureEngines() {
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	const lacking = ENGINES.filter((e) => e.missing().length);
	if (lacking.length && isRoot && existsSync('/usr/bin/apt-get')) {
		const packages = lacking.flatMap((e) => e.packages);
		console.log(`› Installing ${packages.join(', ')} with apt-get…`);
		run('apt-get', ['update', '-qq']);
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		// One engine's package missing from this distribution must not block the other's.
		for (const e of lacking) run('apt-get', ['install', '-y', '-qq', ...e.packages], { env });
	}
	return {
		ready: ENGINES.filter((e) => !e.missing().length),
		skipped: ENGINES.filter((e) => e.missing().length).map((e) => ({
			name: e.name,
			missing: e.missing(),
			install: `sudo apt-get install ${e.packages.join(' ')}`
		}))
	};
}
