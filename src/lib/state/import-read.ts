/**
 * Reading an import file off the main thread: `readSetFileInWorker` is `readSetFile` (same
 * arguments, same result) run in a Web Worker (`import.worker.ts`), so a 50,000-question file
 * never freezes the page. It also takes the chosen file itself: the worker then decodes its text,
 * and the page never copies megabytes of text into the message. The result comes back in parts of `PART` entries, one message each: a
 * single message holding every entry would be copied onto the page in one long task.
 */
import type { WorkerLike } from '$lib/draft/client';
import {
	readSetBytes,
	readSetFile,
	type ParsedSet,
	type ReadOptions as SetReadOptions
} from './library-io';
import type { QualityReport } from './quality';

/** The item-quality checker: loaded by the worker after the entries, never by the page. */
const loadQuality = () => import('./quality');
/** Maths conversion (temml on the first formula): loaded by the worker, never by the page. */
const loadMath = () => import('./import-math');
/** The language guess (tinyld): loaded by the worker, never by the page. */
const loadLang = () => import('./import-lang');

/** Entries (or problems) per message from the worker. */
export const PART = 1000;

/** What the page asks the worker. */
export interface ReadRequest {
	id: number;
	/** The file's text, or the file (a Blob: sent by reference, read in the worker). */
	text: string | Blob;
	/** The file's name, the format chosen and Quizlet's separators, as `readSetFile` takes them. */
	options: SetReadOptions;
	/** After the entries, run the item-quality checker over them and post its report. */
	quality?: boolean;
}

/** How far the quality check of a file has come. */
export interface QualityProgress {
	phase: 'entries' | 'set';
	done: number;
	total: number;
}

type Listed = 'items' | 'flashcards' | 'problems';

/** A message from the worker: the set without its lists, the lists in parts, then the end. */
export type ReadResponse =
	| { id: number; type: 'head'; parsed: ParsedSet }
	| { id: number; type: 'part'; key: Listed; list: unknown[] }
	| { id: number; type: 'done' }
	| { id: number; type: 'quality-progress'; progress: QualityProgress }
	| { id: number; type: 'quality'; report: QualityReport }
	| { id: number; type: 'error'; message: string };

/** The quality report of a file's entries (items, then flashcards), each finding on its line. */
export async function fileQuality(
	parsed: ParsedSet,
	onProgress?: (progress: QualityProgress) => void
): Promise<QualityReport> {
	const { qualityReport } = await loadQuality();
	return qualityReport([...parsed.items, ...parsed.flashcards], {
		lines: [...parsed.lines.items, ...parsed.lines.flashcards],
		...(onProgress ? { onProgress } : {})
	});
}

/**
 * Reads one file in the worker and posts the result in parts; never throws. `sqlWasmUrl`: where
 * the worker's bundle serves sql.js's WebAssembly (for Anki packages).
 */
export async function handleReadRequest(
	data: unknown,
	post: (message: ReadResponse) => void,
	sqlWasmUrl?: string
): Promise<void> {
	const req = data as Partial<ReadRequest> | null;
	const id = typeof req?.id === 'number' ? req.id : -1;
	const source = req?.text;
	if (
		!(typeof source === 'string' || (typeof Blob !== 'undefined' && source instanceof Blob)) ||
		typeof req?.options?.fileName !== 'string'
	) {
		post({ id, type: 'error', message: 'invalid read request: give the text and the file name' });
		return;
	}
	let parsed: ParsedSet;
	try {
		parsed = await readSource(source, req.options, sqlWasmUrl);
	} catch (error) {
		post({ id, type: 'error', message: error instanceof Error ? error.message : String(error) });
		return;
	}
	post({ id, type: 'head', parsed: { ...parsed, items: [], flashcards: [], problems: [] } });
	for (const key of ['items', 'flashcards', 'problems'] as const)
		for (let at = 0; at < parsed[key].length; at += PART)
			post({ id, type: 'part', key, list: parsed[key].slice(at, at + PART) });
	post({ id, type: 'done' });
	// The preview shows at once; the checker's report follows, with its progress.
	if (req.quality && parsed.items.length + parsed.flashcards.length > 0)
		post({
			id,
			type: 'quality',
			report: await fileQuality(parsed, (progress) =>
				post({ id, type: 'quality-progress', progress })
			)
		});
}

/**
 * Reads text, or a chosen file's bytes: an Anki package as such, else text decoded as UTF-8 (or
 * UTF-16 with a byte-order mark); a binary file is refused with a sentence naming why. Entries
 * whose text holds TeX get their MathML (`./import-math.ts`), and a file that does not give its
 * language gets the one its text is in (`./import-lang.ts`).
 */
async function readSource(
	source: string | Blob,
	options: SetReadOptions,
	sqlWasmUrl?: string
): Promise<ParsedSet> {
	const parsed =
		typeof source === 'string'
			? await readSetFile(source, options)
			: await readSetBytes(new Uint8Array(await source.arrayBuffer()), options, sqlWasmUrl);
	const [{ withImportedMath }, { withImportedLang }] = await Promise.all([loadMath(), loadLang()]);
	return withImportedLang(await withImportedMath(parsed));
}

export interface ReadOptions {
	/** Aborting terminates the worker (the quality check too) and rejects with an AbortError. */
	signal?: AbortSignal;
	/**
	 * Asks for the item-quality check after the entries: the promise resolves with the entries
	 * first, then this hears the check's progress and its report (the worker stops after it).
	 */
	onQuality?: (event: { progress: QualityProgress } | { report: QualityReport }) => void;
	/** Makes the worker; the default loads import.worker.ts as a module worker. */
	createWorker?: () => WorkerLike;
}

function defaultWorker(): WorkerLike {
	return new Worker(new URL('./import.worker.ts', import.meta.url), {
		type: 'module',
		name: 'quire-import'
	}) as unknown as WorkerLike;
}

let nextId = 1;

const cancelled = () => new DOMException('Reading the file was cancelled.', 'AbortError');

/**
 * `readSetFile` in a Web Worker: resolves with what the file holds, rejects with an AbortError
 * when `signal` aborts (the worker is stopped), or with the worker's message when it fails.
 * Where no worker can run (a test in Node), it reads on the spot.
 */
export async function readSetFileInWorker(
	text: string | Blob,
	options: SetReadOptions | string,
	{ signal, createWorker, onQuality }: ReadOptions = {}
): Promise<ParsedSet> {
	const opts = typeof options === 'string' ? { fileName: options } : options;
	if (!createWorker && typeof Worker === 'undefined') {
		const parsed = await readSource(text, opts);
		if (onQuality && parsed.items.length + parsed.flashcards.length > 0)
			void fileQuality(parsed).then((report) => onQuality({ report }));
		return parsed;
	}
	const id = nextId++;
	return await new Promise<ParsedSet>((resolve, reject) => {
		if (signal?.aborted) return reject(cancelled());
		const worker = (createWorker ?? defaultWorker)();
		let out: ParsedSet | null = null;
		const finish = () => {
			signal?.removeEventListener('abort', abort);
			worker.onmessage = null;
			worker.onerror = null;
			worker.terminate();
		};
		const abort = () => {
			finish();
			reject(cancelled());
		};
		signal?.addEventListener('abort', abort, { once: true });
		worker.onerror = (event) => {
			finish();
			reject(new Error(`The file could not be read: ${event.message ?? 'the reader stopped'}`));
		};
		worker.onmessage = ({ data }) => {
			const message = data as ReadResponse;
			if (message.id !== id) return;
			if (message.type === 'head') out = message.parsed;
			else if (message.type === 'part' && out)
				(out[message.key] as unknown[]).push(...message.list);
			else if (message.type === 'error') {
				finish();
				reject(new Error(message.message));
			} else if (message.type === 'done' && out) {
				const entries = out.items.length + out.flashcards.length;
				// With a quality check to come, the worker runs on until its report.
				if (!onQuality || entries === 0) finish();
				resolve(out);
			} else if (message.type === 'quality-progress') onQuality?.({ progress: message.progress });
			else if (message.type === 'quality') {
				finish();
				onQuality?.({ report: message.report });
			}
		};
		const request: ReadRequest = {
			id,
			text,
			options: opts,
			...(onQuality ? { quality: true } : {})
		};
		worker.postMessage(request);
	});
}
