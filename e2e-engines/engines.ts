// The two non-Chromium engines behind one small interface, so one journey runs in both:
// Firefox ESR through puppeteer-core over WebDriver BiDi, and WebKitGTK's MiniBrowser through
// WebKitWebDriver (selenium-webdriver) on a private Xvfb display.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import puppeteer from 'puppeteer-core';
import { Builder, By, type WebDriver } from 'selenium-webdriver';

/** Generous: the suite must pass on a loaded 2-core machine. */
export const STEP_TIMEOUT = 60_000;

/** A browser with one page, driven by real clicks and keys, read by scripts in the page. */
export interface Engine {
	/** Engine name and version, e.g. "Firefox 140.8.0esr". */
	readonly label: string;
	goto(url: string): Promise<void>;
	reload(): Promise<void>;
	/**
	 * Runs a self-contained function in the page (no closures: it is sent as source) and
	 * returns its JSON result. Arguments must be JSON too.
	 */
	run<A extends unknown[], T>(fn: (...args: A) => T | Promise<T>, ...args: A): Promise<T>;
	/** A native click on the one element matching a CSS selector. */
	click(css: string): Promise<void>;
	/** Focuses the element matching a CSS selector and types text with real key events. */
	type(css: string, text: string): Promise<void>;
	close(): Promise<void>;
}

/**
 * Wraps a page function into a script that reports `{ ok, value | error }` through `done`.
 * tsx (esbuild with keepNames) may call `__name` inside compiled functions: define it.
 */
function pageScript(fn: (...args: never[]) => unknown, args: unknown[]): string {
	return (
		`var __name = function (f) { return f; };` +
		`Promise.resolve().then(function () { return (${fn.toString()}).apply(null, ${JSON.stringify(args)}); })` +
		`.then(function (v) { done({ ok: true, value: v === undefined ? null : v }); },` +
		` function (e) { done({ ok: false, error: String((e && e.stack) || e) }); });`
	);
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: string };

function unwrap<T>(outcome: Outcome): T {
	if (!outcome.ok) throw new Error(`Script in the page failed: ${outcome.error}`);
	return outcome.value as T;
}

/** Where Firefox is: FIREFOX_PATH, else Debian's firefox-esr or firefox. */
export function firefoxPath(): string | null {
	const candidates = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'];
	return candidates.find((p): p is string => !!p && existsSync(p)) ?? null;
}

/** Launches Firefox headless with a fresh profile (puppeteer-core removes it on close). */
export async function launchFirefox(): Promise<Engine> {
	const executablePath = firefoxPath();
	if (!executablePath) throw new Error('Firefox is not installed (apt-get install firefox-esr).');
	const browser = await puppeteer.launch({
		browser: 'firefox',
		executablePath,
		headless: true,
		timeout: 120_000,
		protocolTimeout: 120_000
	});
	try {
		const page = await browser.newPage();
		page.setDefaultTimeout(STEP_TIMEOUT);
		page.setDefaultNavigationTimeout(STEP_TIMEOUT);
		const version = (await browser.version()).replace(/^firefox\//i, '');
		return {
			label: `Firefox ${version} (${executablePath})`,
			async goto(url) {
				await page.goto(url, { waitUntil: 'load' });
			},
			async reload() {
				await page.reload({ waitUntil: 'load' });
			},
			async run(fn, ...args) {
				const script = `new Promise(function (done) { ${pageScript(fn, args)} })`;
				return unwrap((await page.evaluate(script)) as Outcome);
			},
			async click(css) {
				await page.click(css);
			},
			async type(css, text) {
				await page.type(css, text);
			},
			close: () => browser.close()
		};
	} catch (error) {
		await browser.close();
		throw error;
	}
}

/** WebKitGTK's MiniBrowser, which WebKitWebDriver launches. */
export function miniBrowserPath(): string | null {
	const candidates = [
		process.env.MINIBROWSER_PATH,
		...['x86_64-linux-gnu', 'aarch64-linux-gnu'].flatMap((arch) => [
			`/usr/lib/${arch}/webkit2gtk-4.1/MiniBrowser`,
			`/usr/lib/${arch}/webkit2gtk-4.0/MiniBrowser`
		])
	];
	return candidates.find((p): p is string => !!p && existsSync(p)) ?? null;
}

/** A child process started in its own process group, so its children go down with it. */
interface Owned {
	child: ChildProcess;
	stop(): Promise<void>;
}

const owned = new Set<ChildProcess>();
// Whatever happens to the test process, take Xvfb and WebKitWebDriver (with MiniBrowser) down.
process.once('exit', () => {
	for (const child of owned) killGroup(child, 'SIGKILL');
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
	if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// The group is already gone.
	}
}

function own(cmd: string, args: string[], env: NodeJS.ProcessEnv, fds = 3): Owned {
	const stdio: ('ignore' | 'pipe' | 'inherit')[] = ['ignore', 'ignore', 'pipe'];
	while (stdio.length < fds) stdio.push('pipe');
	const child = spawn(cmd, args, { detached: true, env, stdio });
	owned.add(child);
	child.once('exit', () => owned.delete(child));
	// Keep the last lines of the tool's own error output for the failure message.
	let tail = '';
	child.stderr?.on('data', (chunk: Buffer) => (tail = (tail + String(chunk)).slice(-2000)));
	Object.defineProperty(child, 'errorTail', { get: () => tail });
	return {
		child,
		stop: () =>
			new Promise<void>((resolve) => {
				if (child.exitCode !== null || child.signalCode !== null) return resolve();
				const force = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
				child.once('exit', () => {
					clearTimeout(force);
					resolve();
				});
				killGroup(child, 'SIGTERM');
			})
	};
}

function errorTail(child: ChildProcess): string {
	return (child as ChildProcess & { errorTail?: string }).errorTail?.trim() ?? '';
}

/** Starts Xvfb on a display it picks itself (-displayfd), so parallel runs never collide. */
async function startXvfb(): Promise<Owned & { display: string }> {
	const xvfb = own(
		'Xvfb',
		['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'],
		{
			...process.env
		},
		4
	);
	const display = await new Promise<string>((resolve, reject) => {
		let out = '';
		const fd = xvfb.child.stdio[3] as NodeJS.ReadableStream;
		fd.on('data', (chunk: Buffer) => {
			out += String(chunk);
			const m = /^(\d+)\n/.exec(out);
			if (m) resolve(`:${m[1]}`);
		});
		xvfb.child.once('error', reject);
		xvfb.child.once('exit', (code) =>
			reject(
				new Error(`Xvfb exited (${code}) before it opened a display: ${errorTail(xvfb.child)}`)
			)
		);
	});
	return { ...xvfb, display };
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/** Polls WebKitWebDriver's /status until it answers, or fails if the process ends first. */
async function driverReady(driver: Owned, url: string) {
	const deadline = Date.now() + STEP_TIMEOUT;
	while (Date.now() < deadline) {
		if (driver.child.exitCode !== null)
			throw new Error(
				`WebKitWebDriver exited (${driver.child.exitCode}): ${errorTail(driver.child)}`
			);
		const up = await fetch(`${url}/status`).then(
			(r) => r.ok,
			() => false
		);
		if (up) return;
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`WebKitWebDriver did not answer at ${url} within ${STEP_TIMEOUT / 1000} s.`);
}

/** Starts Xvfb, WebKitWebDriver and a MiniBrowser session; close() stops all three. */
export async function launchWebKit(): Promise<Engine> {
	const binary = miniBrowserPath();
	if (!binary) throw new Error('MiniBrowser is not installed (apt-get install webkit2gtk-driver).');
	const stack: Owned[] = [];
	const stopAll = async () => {
		for (const p of stack.reverse()) await p.stop();
	};
	try {
		const xvfb = await startXvfb();
		stack.push(xvfb);
		let url = '';
		for (let tries = 0; !url; tries++) {
			const port = await freePort();
			const driver = own('WebKitWebDriver', [`--port=${port}`], {
				...process.env,
				DISPLAY: xvfb.display
			});
			stack.push(driver);
			try {
				await driverReady(driver, `http://127.0.0.1:${port}`);
				url = `http://127.0.0.1:${port}`;
			} catch (error) {
				// Another process may have taken the port between the probe and the start.
				if (tries >= 2) throw error;
				await stack.pop()?.stop();
			}
		}
		const driver: WebDriver = await new Builder()
			.usingServer(url)
			.withCapabilities({
				browserName: 'MiniBrowser',
				'webkitgtk:browserOptions': { binary, args: ['--automation'] }
			})
			.build();
		await driver.manage().setTimeouts({ script: STEP_TIMEOUT, pageLoad: STEP_TIMEOUT });
		const caps = await driver.getCapabilities();
		const version = String(caps.get('browserVersion') ?? 'unknown version');
		const find = (css: string) => driver.findElement(By.css(css));
		return {
			label: `WebKitGTK ${version} (MiniBrowser ${binary}, display ${xvfb.display})`,
			async goto(target) {
				await driver.get(target);
			},
			async reload() {
				await driver.navigate().refresh();
			},
			async run(fn, ...args) {
				const script = `var done = arguments[arguments.length - 1]; ${pageScript(fn, args)}`;
				return unwrap(await driver.executeAsyncScript<Outcome>(script));
			},
			async click(css) {
				await (await find(css)).click();
			},
			async type(css, text) {
				const el = await find(css);
				await el.click();
				await el.sendKeys(text);
			},
			async close() {
				try {
					await driver.quit();
				} finally {
					await stopAll();
				}
			}
		};
	} catch (error) {
		await stopAll();
		throw error;
	}
}
