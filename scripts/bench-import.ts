// Times importing a generated 10,000-question GIFT file (all 8 types, awkward text); reports
// figures and always exits 0. `npm run bench:import`.
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
	parseCsv,
	parseGift,
	parseQuireSet,
	toCsv,
	toGift,
	toQuireSet
} from '../src/lib/bank/formats/index';
import { generateSet } from '../src/lib/bank/formats/testgen';

const QUESTIONS = 10_000;
const RUNS = 7;
const GOAL_MS = 1000;

function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)] ?? 0;
}

function time(
	label: string,
	text: string,
	parse: (t: string) => { items: unknown[]; problems: unknown[] }
): void {
	const wall: number[] = [];
	const cpu: number[] = [];
	let read = 0;
	let problems = 0;
	// The first run includes JIT warm-up, which an import in a long-lived page pays once too.
	let cold = 0;
	for (let run = 0; run <= RUNS; run++) {
		const t = performance.now();
		const c = process.cpuUsage();
		const r = parse(text);
		const used = process.cpuUsage(c);
		const ms = performance.now() - t;
		read = r.items.length;
		problems = r.problems.length;
		if (run === 0) cold = ms;
		else {
			wall.push(ms);
			cpu.push((used.user + used.system) / 1000);
		}
	}
	if (read !== QUESTIONS || problems !== 0)
		throw new Error(`${label}: read ${read}, ${problems} problems`);
	const m = median(wall);
	const c = median(cpu);
	const mb = (text.length / (1024 * 1024)).toFixed(1);
	const ms = (x: number) => `${x.toFixed(0).padStart(5)} ms`;
	const rate = Math.round(QUESTIONS / (c / 1000)).toLocaleString('en');
	console.log(
		`${label.padEnd(15)} ${mb.padStart(4)} MB   cold ${ms(cold)}   median wall ${ms(m)}   CPU ${ms(c)}` +
			` (${rate} questions/s)   goal CPU < ${GOAL_MS} ms   ${c < GOAL_MS ? 'PASS' : 'OVER'}`
	);
}

const set = generateSet('bench-import', QUESTIONS, { flashcards: false });
const gift = toGift(set).text;
console.log(
	`Import of ${QUESTIONS.toLocaleString('en')} generated questions (8 types, awkward text); ${RUNS} timed runs each.`
);
console.log(
	`Load average ${loadavg()
		.map((l) => l.toFixed(1))
		.join(
			' / '
		)} on ${availableParallelism()} cores: wall time grows with load, CPU time much less.`
);
time('GIFT', gift, parseGift);
time('CSV', toCsv(set).text, parseCsv);
time('Quire set file', toQuireSet(set, { title: 'Bench', now: 0 }).text, parseQuireSet);
