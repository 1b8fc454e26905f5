// What a quiz save writes, and what a reload can lose of a test answer being typed.
//
// 1. Bytes per save, on the built-in bank's test-mode quiz of the study page's default length
//    (10 questions): each question answered and the quiz moved on, as a student does. "Before" is
//    what a save wrote until database version 7, the whole session row (questions included);
//    "after" is the sessions row alone (answers, position, drafts, time): its JSON length each
//    time. The questions (sessionItems) are written once, when the quiz starts.
// 2. Reload loss, in the production build (scripts/serve.mjs) in Chromium with the CPU slowed 4×
//    through CDP: a test-mode answer is typed key by key (60 to 160 ms apart), the page is
//    reloaded at a seeded random moment up to 300 ms after a seeded random keystroke, and the
//    answer stored after the reload is compared with what was typed: how many ms of typing it is
//    behind (0 when it holds every key typed before the reload). Also what IndexedDB alone held as
//    the reload began (read by the reloaded page before the app ran), before the journal
//    (localStorage) put back the rest.
//
// Prints figures and always exits 0 (speed is not a test), or 1 when the bench itself failed.
// `npm run build` first; `npm run bench:session-write` (BENCH_PORT moves it off 4181,
// BENCH_TRIES sets the reloads, BENCH_SEED the seed, CHROME_PATH the browser).
import { spawn, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { chromium, type Browser, type Page } from 'playwright';
import { loadBank } from '../src/lib/bank/load';
import { generateQuiz } from '../src/lib/engine/generate';
import { createRng } from '../src/lib/engine/rng';
import { createSession, reduce, type SessionState } from '../src/lib/engine/session';
import { toStoredItems, toStoredProgress } from '../src/lib/db/stored-session';
import type { AnyItem } from '../src/lib/bank/set';
import type { Answer } from '../src/lib/engine/score';

const PORT = Number(process.env.BENCH_PORT ?? 4181);
const TRIES = Number(process.env.BENCH_TRIES ?? 30);
const SEED = process.env.BENCH_SEED ?? 'session-write';
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CPU_RATE = 4;
const QUIZ_LENGTH = 10;
const BAR_MS = 300;
/** The whole bench gives up after this long, whatever it is waiting for. */
const WATCHDOG_MS = 20 * 60_000;

const median = (xs: readonly number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const json = (x: unknown) => JSON.stringify(x).length;

/** Rejects when `p` has not settled after `ms`, naming the step. */
function step<T>(what: string, p: Promise<T>, ms = 30_000): Promise<T> {
	let timer: ReturnType<typeof setTimeout>;
	return Promise.race([
		p,
		new Promise<never>((_, reject) => {
			timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms);
		})
	]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------- 1. bytes per save

/** Some answer of the right type for an item (right or wrong does not change the size much). */
function someAnswer(item: AnyItem): Answer {
	switch (item.type) {
		case 'single':
			return { type: 'single', choice: item.choices[0]! };
		case 'multi':
			return { type: 'multi', choices: [item.choices[0]!] };
		case 'truefalse':
			return { type: 'truefalse', value: true };
		case 'cloze':
			return {
				type: 'cloze',
				blanks: item.text
					.split('{{')
					.slice(1)
					.map(() => 'answer')
			};
		case 'short':
			return { type: 'short', text: '5500 bravo' };
		case 'numeric':
			return { type: 'numeric', value: '1987' };
		case 'order':
			return { type: 'order', order: [...item.items] };
		case 'match':
			return { type: 'match', pairs: Object.fromEntries(item.pairs.map((p) => [p.left, p.right])) };
	}
}

async function bytesPerSave() {
	const loaded = await loadBank('questions');
	if (!loaded.bank) throw new Error('The question bank does not validate.');
	const items = loaded.bank.items as unknown as AnyItem[];
	const generated = generateQuiz(items, {
		seed: SEED,
		count: QUIZ_LENGTH,
		topics: [],
		types: [],
		difficulty: [],
		paragraphs: []
	});
	if (!generated.ok) throw new Error('No quiz could be generated.');
	let s: SessionState = createSession({
		id: 's-bench',
		mode: 'test',
		quiz: generated.quiz,
		items
	});
	const t0 = Date.UTC(2026, 0, 1);
	s = reduce(s, { type: 'start', now: t0 });
	const row = (state: SessionState) => ({
		id: state.id,
		status: state.status,
		title: `Test · ${QUIZ_LENGTH} questions`,
		createdAt: t0,
		updatedAt: t0,
		rev: 1
	});
	const before: number[] = [];
	const after: number[] = [];
	const save = (state: SessionState) => {
		const progress = toStoredProgress(state);
		const fixed = toStoredItems(state);
		// Until version 7: one row, the changing and the fixed part together (state.v 1).
		const whole = {
			...row(state),
			state: { ...progress, v: 1, quiz: fixed.quiz, items: fixed.items }
		};
		before.push(json(whole));
		after.push(json({ ...row(state), state: progress }));
	};
	for (let i = 0; i < s.quiz.itemIds.length; i++) {
		const id = s.queue[s.position]!;
		s = reduce(s, { type: 'answer', itemId: id, answer: someAnswer(s.items[id]!), now: t0 + i });
		save(s);
		if (s.position < s.queue.length - 1) {
			s = reduce(s, { type: 'next', now: t0 + i + 0.5 });
			save(s);
		}
	}
	const fixedOnce = json(toStoredItems(s));
	return { before, after, fixedOnce, types: s.quiz.itemIds.map((id) => s.items[id]!.type) };
}

// ---------------------------------------------------------------- 2. reload loss

function startServer(): Promise<ChildProcess> {
	const server = spawn(process.execPath, ['scripts/serve.mjs', '--port', String(PORT)], {
		stdio: ['ignore', 'pipe', 'inherit']
	});
	return step(
		'starting scripts/serve.mjs',
		new Promise<ChildProcess>((resolve, reject) => {
			let out = '';
			server.stdout.on('data', (chunk: Buffer) => {
				out += String(chunk);
				if (/served at/.test(out)) resolve(server);
			});
			server.on('exit', (code) => reject(new Error(`scripts/serve.mjs exited (${code})`)));
		}),
		15_000
	);
}

/** The answer text IndexedDB holds for the question on screen, and its id. */
function storedAnswer(page: Page): Promise<{ itemId: string; text: string | null }> {
	return step(
		'reading IndexedDB',
		page.evaluate(async () => {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const req = indexedDB.open('quire');
				req.onsuccess = () => resolve(req.result);
				req.onerror = () => reject(req.error ?? new Error('open failed'));
			});
			const rows = await new Promise<unknown[]>((resolve, reject) => {
				const req = db.transaction('sessions').objectStore('sessions').getAll();
				req.onsuccess = () => resolve(req.result as unknown[]);
				req.onerror = () => reject(req.error ?? new Error('read failed'));
			});
			db.close();
			type Row = {
				state: {
					queue: string[];
					position: number;
					answers: Record<string, { answer: { text?: string } }>;
				};
			};
			const s = (rows[0] as Row).state;
			const itemId = s.queue[s.position]!;
			return { itemId, text: s.answers[itemId]?.answer.text ?? null };
		})
	);
}

/**
 * Before the app's code runs, the reloaded page reads what IndexedDB held as the reload began
 * (its read is queued ahead of any write the app makes) into window.__benchBefore.
 */
const READ_BEFORE_APP = `
	window.__benchBefore = new Promise((resolve) => {
		const req = indexedDB.open('quire');
		req.onerror = () => resolve(null);
		req.onsuccess = () => {
			const db = req.result;
			if (!db.objectStoreNames.contains('sessions')) { db.close(); return resolve(null); }
			const all = db.transaction('sessions').objectStore('sessions').getAll();
			all.onsuccess = () => { db.close(); resolve(all.result.map((r) => r.state.answers)); };
			all.onerror = () => { db.close(); resolve(null); };
		};
	});
`;

async function throttle(page: Page) {
	const cdp = await step('CDP session', page.context().newCDPSession(page));
	await step('CPU throttling', cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_RATE }));
}

async function questionShown(page: Page) {
	const box = page.getByRole('region', { name: /^Question \d+$/ }).getByRole('textbox');
	await step('question on screen', box.first().waitFor({ state: 'visible' }), 60_000);
	return box.first();
}

interface Try {
	typed: string;
	keys: number;
	after: number;
	lostMs: number;
	lostMsIdb: number;
	stored: string | null;
	idbAtReload: string | null;
}

/** Ms of typing a stored value is behind: 0 when it holds the first `k` keys, else since it. */
function behind(stored: string | null, typed: string, k: number, times: number[]): number {
	const text = stored ?? '';
	if (text === typed.slice(0, k)) return 0;
	// The longest prefix of what was typed that it holds; anything else loses all of it.
	const j = typed.slice(0, k).startsWith(text) ? text.length : 0;
	return times[k]! - times[j]!;
}

async function reloadLoss(browser: Browser, shortIds: string[]) {
	const context = await browser.newContext({ baseURL: `http://localhost:${PORT}` });
	await context.addInitScript(READ_BEFORE_APP);
	const page = await context.newPage();
	page.setDefaultTimeout(30_000);
	const rng = createRng(SEED);
	const between = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo));
	await step(
		'starting the test',
		page.goto(`/study?mode=test&retry=${shortIds.join(',')}`, { waitUntil: 'load' }),
		60_000
	);
	await throttle(page);
	let box = await questionShown(page);
	const tries: Try[] = [];
	for (let i = 0; i < TRIES; i++) {
		// Start from an empty, stored answer.
		await step('clearing', box.fill(''));
		await step(
			'empty answer stored',
			(async () => {
				while ((await storedAnswer(page)).text) await page.waitForTimeout(100);
			})(),
			30_000
		);
		const typed = `${i} 5500 bravo`;
		const k = between(1, typed.length + 1);
		const wait = between(0, BAR_MS);
		await step('focus', box.focus());
		const times = [Date.now()];
		for (let key = 0; key < k; key++) {
			if (key > 0) await page.waitForTimeout(between(60, 160));
			await step('keystroke', page.keyboard.press(typed[key] === ' ' ? 'Space' : typed[key]!));
			times.push(Date.now());
		}
		await page.waitForTimeout(wait);
		await step('reload', page.reload({ waitUntil: 'load' }), 60_000);
		await throttle(page);
		box = await questionShown(page);
		const before = await step(
			'IndexedDB before the app',
			page.evaluate(() => (window as unknown as { __benchBefore: Promise<unknown> }).__benchBefore)
		);
		// Let the reloaded page store what the journal held (it waits up to 1 s for the old page).
		await page.waitForTimeout(2000);
		const { itemId, text } = await storedAnswer(page);
		const shown = await step('value on screen', box.inputValue());
		if (shown !== (text ?? '')) throw new Error(`Screen "${shown}" and store "${text}" disagree.`);
		const answers = (before as Record<string, { answer: { text?: string } }>[] | null)?.[0];
		const idbAtReload = answers?.[itemId]?.answer.text ?? null;
		tries.push({
			typed: typed.slice(0, k),
			keys: k,
			after: wait,
			lostMs: behind(text, typed, k, times),
			lostMsIdb: behind(idbAtReload, typed, k, times),
			stored: text,
			idbAtReload
		});
		const t = tries.at(-1)!;
		console.log(
			`  try ${String(i + 1).padStart(2)}: ${String(k).padStart(2)} keys, reload ${String(wait).padStart(3)} ms after the last: ` +
				`stored "${t.stored ?? ''}" (${t.lostMs} ms behind); IndexedDB alone "${t.idbAtReload ?? ''}" (${t.lostMsIdb} ms)`
		);
	}
	await context.close();
	return tries;
}

// ---------------------------------------------------------------- main

const watchdog = setTimeout(() => {
	console.error(`The bench gave up after ${WATCHDOG_MS / 60_000} minutes.`);
	process.exit(1);
}, WATCHDOG_MS);

let server: ChildProcess | null = null;
let browser: Browser | null = null;
let failed = false;
try {
	console.log(
		`Load average at start: ${loadavg()
			.map((x) => x.toFixed(2))
			.join(', ')}`
	);
	const bytes = await bytesPerSave();
	console.log(
		`\nBytes per save, test mode, built-in bank, ${QUIZ_LENGTH} questions (${bytes.types.join(', ')}), ` +
			`${bytes.before.length} saves (an answer, then a move):`
	);
	console.log(
		`  before (whole session row): median ${median(bytes.before)}, min ${Math.min(...bytes.before)}, max ${Math.max(...bytes.before)}`
	);
	console.log(
		`  after (sessions row only):  median ${median(bytes.after)}, min ${Math.min(...bytes.after)}, max ${Math.max(...bytes.after)}`
	);
	console.log(
		`  questions (sessionItems), written once at start: ${bytes.fixedOnce}; ` +
			`a save now writes ${(median(bytes.after) / median(bytes.before)).toFixed(3)}× the bytes (median)`
	);

	// BENCH_TRIES=0 measures the bytes alone.
	if (TRIES > 0) {
		const loaded = await loadBank('questions');
		const shortIds = (loaded.bank?.items ?? [])
			.filter((i) => i.type === 'short')
			.slice(0, QUIZ_LENGTH)
			.map((i) => i.id);
		server = await startServer();
		browser = await step(
			'launching Chromium',
			chromium.launch({
				executablePath: CHROME,
				args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking']
			}),
			60_000
		);
		console.log(
			`\nReload loss, test mode (${shortIds.length} short-answer questions), ${CPU_RATE}× CPU, ` +
				`${TRIES} reloads, seed "${SEED}", ${browser.version()}:`
		);
		const tries = await reloadLoss(browser, shortIds);
		const lost = tries.map((t) => t.lostMs);
		const idb = tries.map((t) => t.lostMsIdb);
		console.log(
			`\n  stored after the reload: max ${Math.max(...lost)} ms of typing behind, median ${median(lost)} ms; ` +
				`${lost.filter((x) => x === 0).length} of ${tries.length} lost nothing; ` +
				`${lost.filter((x) => x > BAR_MS).length} over the ${BAR_MS} ms bar`
		);
		console.log(
			`  IndexedDB alone as the reload began (no journal): max ${Math.max(...idb)} ms, median ${median(idb)} ms; ` +
				`${idb.filter((x) => x > BAR_MS).length} over ${BAR_MS} ms`
		);
	}
	console.log(
		`Load average at end: ${loadavg()
			.map((x) => x.toFixed(2))
			.join(', ')}`
	);
} catch (error) {
	failed = true;
	console.error(error instanceof Error ? (error.stack ?? error.message) : error);
} finally {
	await browser?.close().catch(() => undefined);
	server?.kill();
	clearTimeout(watchdog);
}
process.exit(failed ? 1 : 0);
