/**
 * The item-quality checker over a whole set, off the main thread: `checkQualityInWorker` sends
 * the set's entries to a Web Worker (`quality.worker.ts`) in parts of `PART` (no one message
 * copies 50,000 entries in one long task), hears its progress, and resolves with its report. A
 * set of 50,000 generated questions takes about 95 s there (the near-duplicate rule compares
 * pairs), so the set page starts it on its own only for small sets and otherwise on request.
 */
import type { LintEntry, LintParagraph } from '$lib/bank/lint';
import type { WorkerLike } from '$lib/draft/client';
import type { QualityProgress } from './import-read';
import type { QualityReport } from './quality';

/** The checker itself: loaded in the worker, or on the page only where no worker runs. */
const loadQuality = () => import('./quality');

/** Entries per message to the worker. */
export const PART = 1000;

/** What the page sends: the entries in parts, then the request to check them. */
export type QualityRequest =
	| { id: number; type: 'part'; entries: LintEntry[] }
	| { id: number; type: 'run'; paragraphs?: LintParagraph[] };

/** What the worker answers. */
export type QualityResponse =
	| { id: number; type: 'progress'; progress: QualityProgress }
	| { id: number; type: 'report'; report: QualityReport }
	| { id: number; type: 'error'; message: string };

/** The worker's side: gathers the parts, then checks them; one instance per worker. */
export function qualityHandler(post: (message: QualityResponse) => void) {
	const entries: LintEntry[] = [];
	return async (data: unknown) => {
		const req = data as QualityRequest | null;
		const id = typeof req?.id === 'number' ? req.id : -1;
		if (req?.type === 'part' && Array.isArray(req.entries)) entries.push(...req.entries);
		else if (req?.type === 'run') {
			try {
				const { qualityReport } = await loadQuality();
				const report = qualityReport(entries, {
					...(req.paragraphs ? { paragraphs: req.paragraphs } : {}),
					onProgress: (progress) => post({ id, type: 'progress', progress })
				});
				post({ id, type: 'report', report });
			} catch (error) {
				post({
					id,
					type: 'error',
					message: error instanceof Error ? error.message : String(error)
				});
			}
		} else post({ id, type: 'error', message: 'invalid quality request' });
	};
}

export interface QualityRunOptions {
	paragraphs?: readonly LintParagraph[];
	onProgress?: (progress: QualityProgress) => void;
	/** Aborting stops the worker and rejects with an AbortError. */
	signal?: AbortSignal;
	/** Makes the worker; the default loads quality.worker.ts as a module worker. */
	createWorker?: () => WorkerLike;
}

function defaultWorker(): WorkerLike {
	return new Worker(new URL('./quality.worker.ts', import.meta.url), {
		type: 'module',
		name: 'quire-quality'
	}) as unknown as WorkerLike;
}

let nextId = 1;

const cancelled = () => new DOMException('The quality check was cancelled.', 'AbortError');

/** Runs the checker over `entries` in a Web Worker (on the spot where none can run, in Node). */
export async function checkQualityInWorker(
	entries: readonly LintEntry[],
	{ paragraphs, onProgress, signal, createWorker }: QualityRunOptions = {}
): Promise<QualityReport> {
	if (!createWorker && typeof Worker === 'undefined')
		return (await loadQuality()).qualityReport(entries, {
			...(paragraphs ? { paragraphs } : {}),
			...(onProgress ? { onProgress } : {})
		});
	const id = nextId++;
	return await new Promise<QualityReport>((resolve, reject) => {
		if (signal?.aborted) return reject(cancelled());
		const worker = (createWorker ?? defaultWorker)();
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
			reject(new Error(`The quality check stopped: ${event.message ?? 'the worker failed'}`));
		};
		worker.onmessage = ({ data }) => {
			const message = data as QualityResponse;
			if (message.id !== id) return;
			if (message.type === 'progress') onProgress?.(message.progress);
			else if (message.type === 'report') {
				finish();
				resolve(message.report);
			} else {
				finish();
				reject(new Error(message.message));
			}
		};
		for (let at = 0; at < entries.length; at += PART)
			worker.postMessage({
				id,
				type: 'part',
				entries: entries.slice(at, at + PART)
			} satisfies QualityRequest);
		worker.postMessage({
			id,
			type: 'run',
			...(paragraphs ? { paragraphs: paragraphs.map((p) => ({ id: p.id, text: p.text })) } : {})
		} satisfies QualityRequest);
	});
}
