// Times "Fit my schedule" on /progress of the production build over 10,000 reviews of a synthetic
// student (e2e/fit-history.ts), as a student runs it: from the click to the figures on screen,
// with the CPU slowed 4× (CDP Emulation.setCPUThrottlingRate, a phone-class CPU) and without,
// and the longest main-thread task while it runs (a PerformanceObserver for long tasks). Prints
// figures and always exits 0 (speed is not a test).
// `npm run build` first; `npm run bench:fit` (BENCH_PORT moves it off port 4331, BENCH_REVIEWS
// changes the count).
import { spawn } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { chromium, type Page } from 'playwright';
import { history, seed } from '../e2e/fit-history';

const REVIEWS = Number(process.env.BENCH_REVIEWS ?? 10_000);
const PORT = Number(process.env.BENCH_PORT ?? 4331);

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

const server = spawn(process.execPath, ['scripts/serve.mjs', '--port', String(PORT)], {
	stdio: ['ignore', 'pipe', 'inherit']
});
await new Promise<void>((resolve, reject) => {
	let out = '';
	server.stdout.on('data', (chunk: Buffer) => {
		out += String(chunk);
		if (/served at/.test(out)) resolve();
	});
	server.on('exit', (code) => reject(new Error(`scripts/serve.mjs exited (${code})`)));
});
const base = `http://localhost:${PORT}`;
const browser = await chromium.launch({
	executablePath: chrome || undefined,
	args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking']
});

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
		const task = await longest(page);
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
		const cells = async (row: string) =>
			(await result.locator(row).locator('td').allTextContents()).join(' → ');
		console.log(`\nCPU ${rate}× slower:`);
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
		'\nThe throttling slows the page, not the dedicated worker the fit runs in: the two runs take' +
			' about as long, so on a phone 4× slower the fit itself takes about 4 × the 1× time. The' +
			" page's long tasks meanwhile were V8's memory-reducing major GCs (they also mark the" +
			" worker's heap) and a layout, in a trace of the 4× run; none is Quire's code."
	);
} finally {
	await browser.close();
	server.kill();
}
