// Converts question sets between formats with the app's own parsers:
// `npm run bank:convert -- <in> <out> [options]`. Prints every problem as file:line: message and
// exits 1 on any problem (writing nothing unless --keep-going), 2 on bad usage.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { formatErrors, loadBank } from '../src/lib/bank/load';
import type { ArticleT } from '../src/lib/bank/schema';
import type { AnyItem } from '../src/lib/bank/set';
import {
	exportSet,
	FORMATS,
	formatBytes,
	LIMITS,
	readBytes,
	type ExportFormatId,
	type ExportSet,
	type FormatId
} from '../src/lib/bank/formats/index';
import { toMoodleXml } from '../src/lib/bank/formats/moodle-xml';

const USAGE = `usage: npm run bank:convert -- <in> <out> [options]

  <in>   a question set: .gift, .xml (Moodle XML), .apkg (Anki package), .txt (GIFT, Aiken,
         Quizlet or Anki, told by content), .csv, .quire.json, or a bank folder such as
         questions/ (the built-in bank)
  <out>  .json or .quire.json (Quire set file), .gift (Moodle GIFT), .xml (Moodle XML),
         .csv (Quire CSV), .anki.txt or .tsv (Anki notes in plain text), .aiken.txt (Aiken),
         .quizlet.txt (Quizlet)

options:
  --from <format>     read <in> as gift, moodle-xml, aiken, quizlet, anki, apkg, csv or quire-set
  --term-sep <text>   Quizlet: between term and definition (tab, comma or any text)
  --card-sep <text>   Quizlet: between cards (newline, semicolon or any text)
  --title <text>      the set's title in a .quire.json (default: from the file or its name)
  --category <path>   GIFT and Moodle XML: a category path put before each topic
  --keep-going        write the output even when there were problems (still exits 1)
  --to scorm12        <out> is a SCORM 1.2 package (.zip): Quire's player and the set's questions
  --to qti12          <out> is a QTI 1.2 question bank (.zip) for Canvas and Blackboard
  --pass-mark <0-100> scorm12: the percent that passes (adlcp:masteryscore); default none
  --attempts <n>      scorm12: attempts allowed; default unlimited`;

const FROM: FormatId[] = [
	'gift',
	'moodle-xml',
	'aiken',
	'quizlet',
	'anki',
	'apkg',
	'csv',
	'quire-set'
];

function usage(message: string): never {
	console.error(`${message}\n\n${USAGE}`);
	process.exit(2);
}

function outputFormat(file: string): ExportFormatId | 'moodle-xml' | null {
	const name = file.toLowerCase();
	if (name.endsWith('.json')) return 'quire-set';
	if (name.endsWith('.xml')) return 'moodle-xml';
	if (name.endsWith('.gift')) return 'gift';
	if (name.endsWith('.csv')) return 'csv';
	if (name.endsWith('.anki.txt') || name.endsWith('.tsv')) return 'anki';
	if (name.endsWith('.aiken.txt')) return 'aiken';
	if (name.endsWith('.quizlet.txt')) return 'quizlet';
	return null;
}

interface Args {
	input: string;
	output: string;
	from?: FormatId;
	termSep?: string;
	cardSep?: string;
	title?: string;
	category?: string;
	keepGoing: boolean;
	to?: 'scorm12' | 'qti12';
	passMark?: number;
	attempts?: number;
}

/** A whole number in [min, max] given to `flag`, or usage. */
function wholeNumber(flag: string, text: string, min: number, max: number): number {
	const n = Number(text);
	if (!/^\d+$/.test(text) || n < min || n > max)
		usage(`${flag} must be a whole number from ${min} to ${max}`);
	return n;
}

function parseArgs(argv: string[]): Args {
	const files: string[] = [];
	const args: Partial<Args> = { keepGoing: false };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i] as string;
		const value = () => {
			const v = argv[++i];
			if (v === undefined) usage(`${a} needs a value`);
			return v;
		};
		if (a === '--from') {
			const f = value() as FormatId;
			if (!FROM.includes(f)) usage(`--from must be one of ${FROM.join(', ')}`);
			args.from = f;
		} else if (a === '--term-sep') args.termSep = value();
		else if (a === '--card-sep') args.cardSep = value();
		else if (a === '--title') args.title = value();
		else if (a === '--category') args.category = value();
		else if (a === '--keep-going') args.keepGoing = true;
		else if (a === '--to') {
			const to = value();
			if (to !== 'scorm12' && to !== 'qti12') usage('--to must be scorm12 or qti12');
			args.to = to;
		} else if (a === '--pass-mark') args.passMark = wholeNumber(a, value(), 0, 100);
		else if (a === '--attempts') args.attempts = wholeNumber(a, value(), 1, 100);
		else if (a === '--help' || a === '-h') {
			console.log(USAGE);
			process.exit(0);
		} else if (a.startsWith('--')) usage(`unknown option ${a}`);
		else files.push(a);
	}
	if (files.length !== 2) usage('give one input and one output file');
	return { ...args, input: files[0] as string, output: files[1] as string } as Args;
}

/** Reads the input: a bank folder, or a file in any format. Returns the set and its problems. */
async function read(
	args: Args
): Promise<{ set: ExportSet; article?: ArticleT; problems: string[]; title: string }> {
	const shown = args.input;
	const info = await stat(args.input).catch(() => null);
	if (!info)
		return { set: { items: [], flashcards: [] }, problems: [`${shown}: no such file`], title: '' };
	if (info.isDirectory()) {
		const { bank, errors } = await loadBank(
			path.relative(process.cwd(), args.input) || '.',
			process.cwd()
		);
		if (!bank)
			return {
				set: { items: [], flashcards: [] },
				problems: formatErrors(errors).split('\n'),
				title: ''
			};
		console.log(
			`read the bank in ${shown}: ${bank.items.length} questions, ${bank.flashcards.length} flashcards (version ${bank.version})`
		);
		const article: ArticleT = {
			meta: bank.meta,
			topics: bank.topics,
			paragraphs: bank.paragraphs.map(({ id, kind, text }) => ({ id, kind, text }))
		};
		return {
			set: { ...bank, title: bank.meta.title },
			article,
			problems: [],
			title: bank.meta.title
		};
	}
	if (info.size > LIMITS.fileBytes) {
		const message = `the file is larger than ${formatBytes(LIMITS.fileBytes)}, the most Quire imports (this one is ${formatBytes(info.size)})`;
		return { set: { items: [], flashcards: [] }, problems: [`${shown}:1: ${message}`], title: '' };
	}
	// The same reading as the import screen: an Anki package (.apkg) by its name, else text in
	// UTF-8 or UTF-16 with a byte-order mark; another binary file (a .docx, an image) is refused in
	// words, not read as mojibake into 0 entries.
	const result = await readBytes(new Uint8Array(await readFile(args.input)), {
		fileName: path.basename(args.input),
		format: args.from,
		quizlet: { termSeparator: args.termSep, cardSeparator: args.cardSep }
	});
	const problems = result.problems.map(
		(p) => `${shown}:${p.line}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`
	);
	const counts = Object.entries(result.counts)
		.filter(([type, n]) => n > 0 && type !== 'flashcard')
		.map(([type, n]) => `${type} ${n}`)
		.join(', ');
	if (result.format) {
		console.log(
			`read ${result.items.length} questions${counts ? ` (${counts})` : ''} and ${result.flashcards.length} flashcards from ${shown} as ${FORMATS[result.format].name}`
		);
	}
	const title =
		args.title ?? result.title ?? path.basename(args.input).replace(/(\.quire)?\.[^.]+$/, '');
	return {
		set: { items: result.items, flashcards: result.flashcards, topics: result.topics, title },
		...(result.article ? { article: result.article } : {}),
		problems,
		title
	};
}

/** The SCORM 1.2 or QTI 1.2 zip of the set's questions, as the app makes it. */
async function lmsPackage(
	args: Args,
	set: ExportSet,
	title: string
): Promise<{ bytes: Uint8Array; warnings: string[]; summary: string }> {
	const items = set.items as AnyItem[];
	if (args.to === 'qti12') {
		const { qtiPackage } = await import('../src/lib/teach/qti.ts');
		const qti = qtiPackage(items, { title: args.title ?? title, id: 'quire-bank' });
		return {
			bytes: qti.zip,
			warnings: qti.skipped.map((s) => `not in QTI 1.2: ${s}`),
			summary: `${qti.written} questions as QTI 1.2`
		};
	}
	const [{ contentFromSet }, { packageFiles, zipFiles }, { buildPlayer }] = await Promise.all([
		import('../src/lib/teach/scorm/content.ts'),
		import('../src/lib/teach/scorm/package.ts'),
		import('./player.ts')
	]);
	const made = contentFromSet(items, {
		title: args.title ?? title,
		passMark: args.passMark ?? null,
		maxAttempts: args.attempts ?? null,
		seed: randomUUID().slice(0, 8)
	});
	if (!made.ok) return { bytes: new Uint8Array(), warnings: [made.reason], summary: '' };
	// The player's build reads the project's TypeScript settings, which `svelte-kit sync` writes.
	if (set.flashcards.length)
		console.log(`${set.flashcards.length} flashcards left out: a SCORM package holds a quiz`);
	if (!existsSync('.svelte-kit/tsconfig.json'))
		execFileSync('npx', ['svelte-kit', 'sync'], { stdio: 'inherit' });
	console.log('building the player…');
	const player = await buildPlayer();
	const files = packageFiles(made.content, player, `quire-${made.content.seed}`);
	const js = gzipSync(player['player.js'], { level: 9 }).length;
	const setJs = gzipSync(files['set.js']!, { level: 9 }).length;
	return {
		bytes: zipFiles(files, Date.now()),
		warnings: [],
		summary: `${made.content.items.length} questions as SCORM 1.2 (player.js ${formatBytes(js)} gzip, set.js ${formatBytes(setJs)} gzip)`
	};
}

async function main(): Promise<void> {
	const args = parseArgs(process.argv.slice(2));
	if (args.to) {
		if (!args.output.toLowerCase().endsWith('.zip')) usage(`--to ${args.to} writes a .zip`);
		const { set, problems, title } = await read(args);
		const out = await lmsPackage(args, set, title);
		const failed = out.bytes.length === 0;
		problems.push(...out.warnings.map((w) => `${args.output}: ${failed ? '' : 'warning: '}${w}`));
		for (const p of problems) console.error(p);
		if (failed || (problems.length > 0 && !args.keepGoing)) {
			console.error(
				`\n${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing written`
			);
			process.exit(1);
		}
		await writeFile(args.output, out.bytes);
		console.log(`wrote ${args.output} (${formatBytes(out.bytes.length)}): ${out.summary}`);
		if (problems.length > 0) process.exit(1);
		return;
	}
	const format = outputFormat(args.output);
	if (!format) usage(`cannot tell the output format of ${args.output}`);
	const { set, article, problems, title } = await read(args);
	const out =
		format === 'moodle-xml'
			? toMoodleXml(set, args.category ? { category: args.category } : {})
			: exportSet(set, format, {
					gift: args.category ? { category: args.category } : {},
					set: { title: args.title ?? title, now: Date.now(), ...(article ? { article } : {}) }
				});
	problems.push(...out.warnings.map((w) => `${args.output}: warning: ${w}`));
	for (const p of problems) console.error(p);
	const total = set.items.length + set.flashcards.length;
	if (problems.length > 0 && !args.keepGoing) {
		console.error(
			`\n${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing written (fix them, or pass --keep-going to write the ${total} entries read)`
		);
		process.exit(1);
	}
	await writeFile(args.output, out.text);
	console.log(
		`wrote ${args.output}: ${set.items.length} questions, ${set.flashcards.length} flashcards`
	);
	if (problems.length > 0) {
		console.error(
			`${problems.length} problem${problems.length === 1 ? '' : 's'} (written anyway: --keep-going)`
		);
		process.exit(1);
	}
}

await main();
