// The two non-Chromium engines behind one small interface, so one journey runs in both:
// Firefox ESR through puppeteer-core over WebDriver BiDi, and WebKitGTK's MiniBrowser through
// WebKitWebDriver (selenium-webdriver) on a private Xvfb display.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import puppeteer, { type Frame, type Page } from 'puppeteer-core';
import { Builder, By, type WebDriver } from 'selenium-webdriver';

/** Generous: the suite must pass on a loaded 2-core machine. */
export const STEP_TIMEOUT = 60_000;

/** A browser with one page, driven by real clicks and keys, read by scripts in the page. */
export interface Engine {
	/** Engine name and version, e.g. "Firefox 153.8.0 (/usr/bin/firefox-esr)". */
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
	/**
	 * Sends later calls (run, click, type) into the document of the iframe matching a CSS selector
	 * in the top document, or back to the top document with null. goto and reload go back to it.
	 */
	frame(css: string | null): Promise<void>;
	/** Uncaught errors, unhandled rejections and console errors of the page since the last call. */
	pageErrors(): Promise<string[]>;
	close(): Promise<void>;
}

/**
 * In the page: records uncaught errors, unhandled rejections and console errors in
 * `window.__quireErrors`, the same way in every engine (WebDriver classic has no error log).
 */
function recordErrors() {
	const w = window as unknown as { __quireErrors?: string[] };
	if (w.__quireErrors) return;
	const errors: string[] = [];
	w.__quireErrors = errors;
	window.addEventListener('error', (e) => errors.push(`${e.message} (${e.filename}:${e.lineno})`));
	window.addEventListener('unhandledrejection', (e) => {
		const reason: unknown = e.reason;
		errors.push(
			`Unhandled rejection: ${String(reason)} ${(reason instanceof Error && reason.stack) || ''}`
		);
	});
	const original = console.error.bind(console);
	console.error = (...args: unknown[]) => {
		errors.push(`console.error: ${args.map(String).join(' ')}`);
		original(...args);
	};
}

/** In the page: takes the errors recorded so far. */
function drainErrors(): string[] {
	const w = window as unknown as { __quireErrors?: string[] };
	return w.__quireErrors ? w.__quireErrors.splice(0) : [];
}

type Run = Engine['run'];

/**
 * The page's errors across navigations. A document's errors are collected just before the
 * driver leaves it: what an abandoned document reports while it unloads (a module fetch cut
 * short by the navigation) is not the app's error and is not counted.
 */
function errorLog(run: Run, installAfterLoad: boolean) {
	const errors: string[] = [];
	return {
		async navigate(go: () => Promise<unknown>) {
			errors.push(...(await run(drainErrors)));
			await go();
			if (installAfterLoad) await run(recordErrors);
		},
		async drain() {
			return [...errors.splice(0), ...(await run(drainErrors))];
		}
	};
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
		// Record errors from the start of every document, before the app's own scripts run.
		await page.evaluateOnNewDocument(
			`var __name = function (f) { return f; }; (${recordErrors.toString()})();`
		);
		page.setDefaultTimeout(STEP_TIMEOUT);
		page.setDefaultNavigationTimeout(STEP_TIMEOUT);
		const version = (await browser.version()).replace(/^firefox\//i, '');
		// The document calls go to: the page's, or an iframe's (see Engine.frame).
		let context: Page | Frame = page;
		const run = async <A extends unknown[], T>(
			fn: (...args: A) => T | Promise<T>,
			...args: A
		): Promise<T> => {
			const script = `new Promise(function (done) { ${pageScript(fn, args)} })`;
			return unwrap((await context.evaluate(script)) as Outcome);
		};
		const log = errorLog(run, false);
		const top = (go: () => Promise<unknown>) => () => {
			context = page;
			return go();
		};
		return {
			label: `Firefox ${version} (${executablePath})`,
			goto: (url) => log.navigate(top(() => page.goto(url, { waitUntil: 'load' }))),
			reload: () => log.navigate(top(() => page.reload({ waitUntil: 'load' }))),
			run,
			async click(css) {
				await context.click(css);
			},
			async type(css, text) {
				await context.type(css, text);
			},
			async frame(css) {
				if (css === null) {
					context = page;
					return;
				}
				const element = await page.waitForSelector(css);
				const inner = await element?.contentFrame();
				if (!inner) throw new Error(`No iframe matches ${css}.`);
				context = inner;
				await run(recordErrors);
			},
			pageErrors: () => log.drain(),
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

/**
 * Runs a tool in a process group of its own under a small shell guard: when the tool ends, the
 * guard ends the group; when this test process ends in any way (even SIGKILL), the guard's stdin
 * closes and it takes the whole group down (WebKitWebDriver's MiniBrowser included).
 */
const GUARD = `
exec 9<&0
"$@" 9<&- &
tool=$!
{ cat <&9 >/dev/null; kill -TERM 0; } &
exec 9<&-
wait "$tool"
kill -TERM 0
`;

/** A tool started under the guard. */
interface Owned {
	child: ChildProcess;
	/** True once the tool (and so its group) has ended. */
	ended(): boolean;
	/** The last lines the tool wrote to stderr, for failure messages. */
	errors(): string;
	stop(): Promise<void>;
}

const owned = new Set<ChildProcess>();
// On a normal exit, or one by signal, take the groups down at once rather than by the guard.
process.once('exit', () => {
	for (const child of owned) killGroup(child, 'SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
	process.once(signal, () =>
		process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1))
	);

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
	if (child.pid === undefined) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// The group is already gone.
	}
}

function own(cmd: string, args: string[], env: NodeJS.ProcessEnv, extraFds = 0): Owned {
	const stdio: ('ignore' | 'pipe')[] = ['pipe', 'ignore', 'pipe'];
	for (let i = 0; i < extraFds; i++) stdio.push('pipe');
	const child = spawn('sh', ['-c', GUARD, 'guard', cmd, ...args], { detached: true, env, stdio });
	owned.add(child);
	const ended = () => child.exitCode !== null || child.signalCode !== null;
	child.once('exit', () => owned.delete(child));
	let tail = '';
	child.stderr?.on('data', (chunk: Buffer) => (tail = (tail + String(chunk)).slice(-2000)));
	return {
		child,
		ended,
		errors: () => tail.trim(),
		stop: () =>
			new Promise<void>((resolve) => {
				if (ended()) return resolve();
				const force = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
				child.once('exit', () => {
					clearTimeout(force);
					owned.delete(child);
					resolve();
				});
				killGroup(child, 'SIGTERM');
			})
	};
}

/** Starts Xvfb on a display it picks itself (-displayfd), so parallel runs never collide. */
async function startXvfb(): Promise<Owned & { display: string }> {
	const xvfb = own(
		'Xvfb',
		['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'],
		process.env,
		1
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
		xvfb.child.once('exit', () =>
			reject(new Error(`Xvfb ended before it opened a display: ${xvfb.errors()}`))
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
		if (driver.ended()) throw new Error(`WebKitWebDriver ended: ${driver.errors()}`);
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
		const run = async <A extends unknown[], T>(
			fn: (...args: A) => T | Promise<T>,
			...args: A
		): Promise<T> => {
			const script = `var done = arguments[arguments.length - 1]; ${pageScript(fn, args)}`;
			return unwrap(await driver.executeAsyncScript<Outcome>(script));
		};
		// WebDriver classic has no preload script: record from each document's load on.
		const log = errorLog(run, true);
		return {
			label: `WebKitGTK ${version} (MiniBrowser ${binary}, display ${xvfb.display})`,
			goto: (target) =>
				log.navigate(async () => {
					await driver.switchTo().defaultContent();
					await driver.get(target);
				}),
			reload: () =>
				log.navigate(async () => {
					await driver.switchTo().defaultContent();
					await driver.navigate().refresh();
				}),
			run,
			async click(css) {
				await (await find(css)).click();
			},
			async frame(css) {
				await driver.switchTo().defaultContent();
				if (css === null) return;
				await driver.switchTo().frame(await find(css));
				await run(recordErrors);
			},
			async type(css, text) {
				const el = await find(css);
				await el.click();
				await el.sendKeys(text);
			},
			pageErrors: () => log.drain(),
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
