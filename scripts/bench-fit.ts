// Times "Fit my schedule" on /progress of the production build over 10,000 reviews of a synthetic
// student (e2e/fit-history.ts), as a student runs it: from the click to the figures on screen,
// with the CPU slowed 4× (CDP Emulation.setCPUThrottlingRate, a phone-class CPU) and without,
// and the longest main-thread task while it runs (a PerformanceObserver for long tasks). Prints
// figures and always exits 0 (speed is not a test).
// `npm run build` first; `npm run bench:fit` (BENCH_PORT moves it off port 4331, BENCH_REVIEWS
// changes the count).
import { availableParallelism, loadavg } from 'node:os';
import { chromium, type Page } from 'playwright';
import { history, seed } from '../e2e/fit-history';
import { serveBuild } from './serve-build';

const REVIEWS = Number(process.env.BENCH_REVIEWS ?? 10_000);

const PORT = Number(process.env.BENCH_PORT ?? 4331);
/** Chromium's own DevTools port: the fitting worker is reached through it to slow it down too. */
const CDP_PORT = PORT + 1;

// lib.mjs is untyped JavaScript: imported by a computed name, so type checks do not read it.
const LIB = './lib.mjs';
const { chromiumVersion, ensureChromium } = (await import(LIB)) as {
	ensureChromium: () => Promise<string | null>;
	chromiumVersion: (path: string) => Promise<string>;
};
const chrome = await ensureChromium();
if (chrome === null) process.exit(1);

// About 7 reviews a card over 90 days: enough cards for REVIEWS, then the oldest REVIEWS kept.
const now = Date.now();
const made = await history(now, Math.ceil(REVIEWS / 6.5));
const logs = made.logs.slice(0, REVIEWS);

const server = await serveBuild(PORT);
const base = `http://localhost:${PORT}`;
const browser = await chromium.launch({
	executablePath: chrome || undefined,
	args: [
		'--no-sandbox',
		'--disable-gpu',
		'--no-first-run',
		'--disable-background-networking',
		`--remote-debugging-port=${CDP_PORT}`
	]
});

/**
 * Slows every dedicated worker the /progress page starts by `rate` (CDP on the worker's own
 * target: Playwright's CDP sessions reach pages only). Returns how many workers were slowed, and a
 * function that stops listening. Needs Node's WebSocket (`--experimental-websocket` on Node 20).
 */
async function throttleWorkers(rate: number) {
	const version = (await (await fetch(`http://127.0.0.1:${CDP_PORT}/json/version`)).json()) as {
		webSocketDebuggerUrl: string;
	};
	const ws = new WebSocket(version.webSocketDebuggerUrl);
	await new Promise((resolve, reject) => {
		ws.onopen = resolve;
		ws.onerror = reject;
	});
	let next = 1;
	const waiting = new Map<number, (value: { result?: unknown; error?: unknown }) => void>();
	const slowed: string[] = [];
	const send = (method: string, params: object = {}, sessionId?: string) =>
		new Promise<{ result?: unknown; error?: unknown }>((resolve) => {
			const id = next++;
			waiting.set(id, resolve);
			ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
		});
	ws.onmessage = (event) => {
		const message = JSON.parse(String(event.data)) as {
			id?: number;
			method?: string;
			params?: { sessionId: string; targetInfo: { type: string; url: string } };
		};
		if (message.id !== undefined) waiting.get(message.id)?.(message as never);
		if (message.method === 'Target.attachedToTarget' && message.params) {
			const { sessionId, targetInfo } = message.params;
			if (targetInfo.type === 'worker')
				void send('Emulation.setCPUThrottlingRate', { rate }, sessionId).then((answer) => {
					if (!answer.error) slowed.push(targetInfo.url);
					else console.log(`  (could not slow a worker: ${JSON.stringify(answer.error)})`);
					void send('Runtime.runIfWaitingForDebugger', {}, sessionId);
				});
			else void send('Runtime.runIfWaitingForDebugger', {}, sessionId);
		}
	};
	const { result } = (await send('Target.getTargets')) as {
		result: { targetInfos: { targetId: string; type: string; url: string }[] };
	};
	const page = result.targetInfos.find((t) => t.type === 'page' && t.url.includes('/progress'));
	if (!page) throw new Error('no /progress page target');
	const attached = (await send('Target.attachToTarget', {
		targetId: page.targetId,
		flatten: true
	})) as { result: { sessionId: string } };
	await send(
		'Target.setAutoAttach',
		{ autoAttach: true, waitForDebuggerOnStart: true, flatten: true },
		attached.result.sessionId
	);
	return { slowed, close: () => ws.close() };
}

/** Collects every long task (> 50 ms) of the page; `longest` reads and clears them. */
const OBSERVE = () => {
	const w = window as unknown as { __long: number[] };
	w.__long = [];
	new PerformanceObserver((list) => {
		for (const e of list.getEntries()) w.__long.push(e.duration);
	}).observe({ type: 'longtask', buffered: true });
};
function longest(page: Page): Promise<number> {
	return page.evaluate(() => {
		const w = window as unknown as { __long: number[] };
		const max = Math.max(0, ...w.__long);
		w.__long = [];
		return max;
	});
}

const ms = (x: number) => `${Math.round(x).toLocaleString('en')} ms`;

console.log(`› Fit my schedule on /progress in ${await chromiumVersion(chrome)}, ${base}`);
console.log(
	`Load average ${loadavg()
		.map((l) => l.toFixed(1))
		.join(' / ')} on ${availableParallelism()} cores: times grow with load.`
);
console.log(
	`${logs.length.toLocaleString('en')} reviews of ${made.cards.length.toLocaleString('en')} cards over 90 days (synthetic student, seeded).`
);

try {
	for (const rate of [4, 1]) {
		const context = await browser.newContext({ baseURL: base });
		await context.addInitScript(OBSERVE);
		const page = await context.newPage();
		await page.goto('/progress');
		await page.getByRole('combobox', { name: 'Theme' }).selectOption('light');
		await page.waitForFunction(async () =>
			(await indexedDB.databases()).some((d) => d.name === 'quire')
		);
		await seed(page, { cards: made.cards, logs });
		await page.goto('/progress');
		const fit = page.getByRole('button', { name: 'Fit my schedule' });
		await fit.waitFor({ timeout: 60_000 });
		const cdp = await context.newCDPSession(page);
		// The seeding's 10,000 rows were built in this renderer: collect them now, or their major GC
		// lands in the measured run (800 ms at 4× here), which no student's page has.
		await cdp.send('HeapProfiler.collectGarbage');
		await cdp.send('Emulation.setCPUThrottlingRate', { rate });
		const workers = await throttleWorkers(rate);
		await longest(page);
		const t0 = performance.now();
		await fit.click();
		// Polled twice a second: Playwright's usual polling runs on the page's main thread every
		// frame, and would show up among the tasks measured.
		await page.waitForFunction(() => document.querySelector('[data-result]'), null, {
			polling: 500,
			timeout: 900_000
		});
		const result = page.locator('[data-result]');
		const took = performance.now() - t0;
		workers.close();
		const task = await longest(page);
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
		const cells = async (row: string) =>
			(await result.locator(row).locator('td').allTextContents()).join(' → ');
		console.log(
			`\nCPU ${rate}× slower (the page, and ${workers.slowed.length} worker${workers.slowed.length === 1 ? '' : 's'} it started):`
		);
		console.log(`  click to figures on screen  ${ms(took)}`);
		console.log(`  longest main-thread task    ${ms(task)} (while fitting)`);
		console.log(
			`  held-out log loss, defaults → fitted  ${await cells('[data-metric="logloss"]')}`
		);
		console.log(`  held-out RMSE, defaults → fitted      ${await cells('[data-metric="rmse"]')}`);
		console.log(
			`  due tomorrow, defaults → fitted       ${await cells('[data-workload="tomorrow"]')}`
		);
		console.log(`  due next 7 days, defaults → fitted    ${await cells('[data-workload="week"]')}`);
		await context.close();
	}
	console.log(
		'\nThe fit runs in a dedicated worker. The bench asks Chromium to slow it too, through the' +
			" worker's own DevTools target; where Chromium answers that throttling works for pages only" +
			' (Chromium 156 does), only the page is slowed, and the fit on a 4× slower phone takes about' +
			" 4 × the 1× time. The page's long tasks were V8 major GCs and a layout in a trace."
	);
} finally {
	await browser.close();
	server.kill();
}
