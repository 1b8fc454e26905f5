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
import { loadBank } from '../src/lib/bank/load';
import { ITEM_TYPES } from '../src/lib/bank/schema';
import { generateTeacherKeys } from '../src/lib/teach/crypto';
import { encodeAssignment } from '../src/lib/teach/link';
import { PROJECTOR_MAX_VERSION, projectorQr } from '../src/lib/teach/qr';

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

// The link of an assignment of 20 own items (one of each type in turn, taken from the bank and
// made a teacher's own: new ids, the quote and explanation kept), as a teacher would share it.
{
	const { bank } = await loadBank('questions');
	if (!bank) throw new Error('The question bank does not load: run npm run bank:check');
	const byType = ITEM_TYPES.map((t) => bank.items.filter((i) => i.type === t));
	const items = Array.from({ length: 20 }, (_, n) => {
		const pool = byType[n % byType.length]!;
		const item = pool[Math.floor(n / byType.length) % pool.length]!;
		return { ...item, id: `own-bench-${n}` };
	});
	const { publicJwk } = await generateTeacherKeys();
	const fragment = await encodeAssignment({
		v: 1,
		id: 'bench-link',
		bank: bank.version,
		title: 'Own questions',
		className: '9B',
		itemIds: items.map((i) => i.id),
		mode: 'test',
		timeLimitMin: null,
		due: null,
		maxAttempts: 1,
		shuffle: true,
		passMark: 50,
		seed: 'bench',
		teacherKey: publicJwk,
		createdAt: Date.now(),
		items
	});
	const url = `https://quire.example/a#${fragment}`;
	const qr = projectorQr(url);
	console.log(
		`Assignment link for 20 own items: ${url.length.toLocaleString('en')} characters; ` +
			(qr.version
				? `QR code version ${qr.version} (shown: at most ${PROJECTOR_MAX_VERSION})`
				: `too long for a projector QR code (over version ${PROJECTOR_MAX_VERSION}): the set file is offered`)
	);
}
