// Times an offline cold start to a resumed question: a student who left a quiz half done opens it
// again with no network. The production build is served, the service worker installs, a practice
// quiz is started and one question answered; then the server stops and, RUNS times, a new tab
// (CPU throttled 4× through CDP before it navigates) opens the quiz's address. Each time is from
// the navigation's start (performance.timeOrigin) to the first frame in which the resumed question
// and its answer controls are on screen and the page is hydrated (the theme menu enabled).
// Prints the median against the goal and always exits 0 (speed is not a test).
// `npm run build` first; `npm run bench:cold-start` (BENCH_PORT moves it off 4331, BENCH_RUNS).
import { serveBuild } from './serve-build';
import { availableParallelism, loadavg } from 'node:os';
import { chromium } from 'playwright';

const PORT = Number(process.env.BENCH_PORT ?? 4331);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const RATES = [1, 4];
const GOAL_MS = 700;

const LIB = './lib.mjs';
const { chromiumVersion, ensureChromium } = (await import(LIB)) as {
	ensureChromium: () => Promise<string | null>;
	chromiumVersion: (path: string) => Promise<string>;
};
const chrome = await ensureChromium();
if (chrome === null) process.exit(1);

const startServer = () => serveBuild(PORT);

const base = `http://localhost:${PORT}`;
const browser = await chromium.launch({
	executablePath: chrome || undefined,
	args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking']
});
const context = await browser.newContext({ baseURL: base });
const server = await startServer();
let sessionUrl: string;
try {
	const page = await context.newPage();
	await page.goto('/');
	await page.getByRole('combobox', { name: 'Theme' }).waitFor();
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller)
			await new Promise((r) =>
				navigator.serviceWorker.addEventListener('controllerchange', r, { once: true })
			);
	});
	// The study page's quick quiz: ten questions of the built-in bank, in practice mode.
	await page.goto('/study');
	const quick = page.getByRole('button', { name: 'Quick quiz (10)' });
	await quick.and(page.locator(':enabled')).click();
	await page.waitForURL(/\/study\/session\?id=/);
	sessionUrl = page.url();
	await page.getByRole('region', { name: /^Question 1$/ }).waitFor();
	await page.close();
} finally {
	server.kill();
}

console.log(`› Offline cold start to a resumed question in ${await chromiumVersion(chrome)}`);
console.log(
	`Load average ${loadavg()
		.map((l) => l.toFixed(1))
		.join(' / ')} on ${availableParallelism()} cores: times grow with load.`
);
const ready = () => {
	const question = document.querySelector('section[aria-label^="Question "]');
	const theme = document.querySelector<HTMLSelectElement>('label.theme select');
	const control = question?.querySelector('input, button, textarea, select');
	return question && control && theme && !theme.disabled ? performance.now() : 0;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const max = (xs: number[]) => Math.max(...xs);
try {
	for (const rate of RATES) {
		const times: number[] = [];
		for (let run = 0; run <= RUNS; run++) {
			const page = await context.newPage();
			const cdp = await context.newCDPSession(page);
			await cdp.send('Emulation.setCPUThrottlingRate', { rate });
			const response = await page.goto(sessionUrl);
			if (!response?.fromServiceWorker()) throw new Error('the page was not served offline');
			const at = await (await page.waitForFunction(ready, null, { polling: 'raf' })).jsonValue();
			// The first run warms the browser's own caches (compiled code); it is not counted.
			if (run > 0) times.push(at);
			await page.close();
		}
		const m = median(times);
		console.log(
			`  CPU ${rate}×: median ${Math.round(m)} ms, slowest ${Math.round(max(times))} ms over ${RUNS} runs` +
				(rate === 4 ? ` (goal < ${GOAL_MS} ms ${m < GOAL_MS ? 'PASS' : 'OVER'})` : '')
		);
	}
} finally {
	await browser.close();
}
