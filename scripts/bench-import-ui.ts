// Times importing 50,000 generated GIFT questions and a 50,000-row CSV through the library page of
// the production build, as a teacher does: the file chooser, the preview, "Import", the set page,
// then the set page opened again. A PerformanceObserver for long tasks gives the longest main-thread
// task of each step. Prints figures against the goals and always exits 0 (speed is not a test).
// `npm run build` first; `npm run bench:import-ui` (BENCH_PORT moves it off port 4330,
// BENCH_QUESTIONS changes the count).
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright';
import { toCsv, toGift } from '../src/lib/bank/formats/index';
import { generatePlainSet, generateSet } from '../src/lib/bank/formats/testgen';
import { serveBuild } from './serve-build';

const QUESTIONS = Number(process.env.BENCH_QUESTIONS ?? 50_000);

const PORT = Number(process.env.BENCH_PORT ?? 4330);
const GOALS = { preview: 3000, save: 10_000, task: 200, open: 1000 };

// lib.mjs is untyped JavaScript: imported by a computed name, so type checks do not read it.
const LIB = './lib.mjs';
const { chromiumVersion, ensureChromium } = (await import(LIB)) as {
	ensureChromium: () => Promise<string | null>;
	chromiumVersion: (path: string) => Promise<string>;
};
const chrome = await ensureChromium();
if (chrome === null) process.exit(1);

// A teacher's own bank: short plain questions, GIFT as Moodle writes it (no "// quire:" lines;
// 50,000 make about 3 MB, the file the goals were set on) and the same as CSV. Then Quire's own
// GIFT export of the round-trip generator's awkward entries (every type, explanations, quotes:
// about 18 MB), the same generator as `npm run bench:import` (src/lib/bank/formats/testgen.ts).
const plain = generatePlainSet('bench-import', QUESTIONS);
const plainGift = toGift(plain)
	.text.split('\n')
	.filter((line) => !line.startsWith('//'))
	.join('\n')
	.replace(/\[plain\]/g, '')
	.replace(/\{\n\t/g, '{')
	.replace(/\n\t/g, ' ')
	.replace(/\n\}/g, '}');
const set = generateSet('bench-import', QUESTIONS, { flashcards: false });
const dir = mkdtempSync(join(tmpdir(), 'quire-bench-'));
const files = [
	{ label: 'GIFT', path: join(dir, 'bench.gift'), text: plainGift },
	{ label: 'CSV', path: join(dir, 'bench.csv'), text: toCsv(plain).text },
	{
		label: 'GIFT (Quire export, every type)',
		path: join(dir, 'bench-all.gift'),
		text: toGift(set).text
	}
];
for (const f of files) writeFileSync(f.path, f.text);

const server = await serveBuild(PORT);
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
async function longest(page: Page): Promise<number> {
	return page.evaluate(() => {
		const w = window as unknown as { __long: number[] };
		const max = Math.max(0, ...w.__long);
		w.__long = [];
		return max;
	});
}

const ms = (x: number) => `${Math.round(x).toLocaleString('en')} ms`.padStart(9);
const mark = (x: number, goal: number) =>
	`${ms(x)} (goal ≤ ${goal.toLocaleString('en')} ms ${x <= goal ? 'PASS' : 'OVER'})`;

console.log(`› Import through the library page in ${await chromiumVersion(chrome)}, ${base}`);
console.log(
	`Load average ${loadavg()
		.map((l) => l.toFixed(1))
		.join(' / ')} on ${availableParallelism()} cores: times grow with load.`
);

try {
	for (const f of files) {
		const context = await browser.newContext({ baseURL: base });
		await context.addInitScript(OBSERVE);
		const page = await context.newPage();
		await page.goto('/library');
		await page.getByRole('combobox', { name: 'Theme' }).waitFor();
		await page.waitForFunction(() => !document.querySelector('#import-file:disabled'));
		await longest(page);
		const mb = (statSync(f.path).size / 1024 / 1024).toFixed(1);

		// 1. The preview: from the file chosen to the count of entries shown.
		const chooser = page.waitForEvent('filechooser');
		await page.getByText('Choose a file…').click();
		const t0 = performance.now();
		await (await chooser).setFiles(f.path);
		const heading = page.getByRole('heading', { level: 3, name: /entries to import$/ });
		await heading.waitFor({ timeout: 300_000 });
		const preview = performance.now() - t0;
		const previewTask = await longest(page);
		const entries = Number(/: (\d+)/.exec(await heading.innerText())?.[1] ?? 0);

		// 2. The save: from "Import" to the new set's page, with its first entries drawn.
		await page.getByLabel('Title of the new set').fill(`Bench ${f.label}`);
		const t1 = performance.now();
		await page.getByRole('button', { name: /^Import \d+ entr/ }).click();
		await page.waitForURL(/\/library\/set\?id=/, { timeout: 600_000 });
		const save = performance.now() - t1;
		await page.getByRole('heading', { level: 1, name: `Bench ${f.label}` }).waitFor();
		await page.getByRole('region', { name: 'Entries' }).getByRole('listitem').first().waitFor();
		const saveTask = await longest(page);

		// 3. The set page opened again: until its first page of entries is drawn.
		const t2 = performance.now();
		await page.reload();
		await page.getByRole('region', { name: 'Entries' }).getByRole('listitem').first().waitFor();
		const open = performance.now() - t2;
		// The rest of the set is read after it opens; its tasks count too.
		await page
			.getByText(/^Reading the set:/)
			.waitFor({ state: 'detached', timeout: 120_000 })
			.catch(() => {});
		const openTask = await longest(page);
		const task = Math.max(previewTask, saveTask, openTask);

		console.log(
			`\n${f.label}: ${QUESTIONS.toLocaleString('en')} questions generated, ${mb} MB, ${entries.toLocaleString('en')} entries to import`
		);
		console.log(`  preview  ${mark(preview, GOALS.preview)}   longest task ${ms(previewTask)}`);
		console.log(`  save     ${mark(save, GOALS.save)}   longest task ${ms(saveTask)}`);
		console.log(`  set page ${mark(open, GOALS.open)}   longest task ${ms(openTask)}`);
		console.log(`  longest main-thread task ${mark(task, GOALS.task)}`);
		await context.close();
	}
} finally {
	await browser.close();
	server.kill();
	rmSync(dir, { recursive: true, force: true });
}
