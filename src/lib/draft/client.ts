// The page's side of the drafting worker. Imports types only, so the NLP stays in the worker.
import type { DraftRequestT, DraftResponse, DraftResult } from './protocol.ts';
import type { DraftArticleT, DraftProgress } from './types.ts';

export type { DraftResult } from './protocol.ts';
export type { DraftProblems } from './check.ts';
export type { DraftArticleT, DraftCard, DraftItem, DraftProgress, Voice } from './types.ts';

/** The part of a Worker the client uses; tests pass a fake. */
export interface WorkerLike {
	onmessage: ((event: { data: unknown }) => void) | null;
	onerror: ((event: { message?: string }) => void) | null;
	postMessage(message: unknown): void;
	terminate(): void;
}

/** What to draft from: pasted or opened text (plain, Markdown or HTML), or an article already split. */
export type DraftInput = { text: string } | { article: DraftArticleT };

export interface StartDraftOptions {
	/** Seed of the drafter's RNG; keep it with the set so the drafts can be made again. */
	seed: string;
	/** Topic id every draft gets (default `article`). */
	topic?: string;
	/** Prefix of every draft id (default `draft`); use the set's id so sets never collide. */
	idPrefix?: string;
	/** Most drafts per sentence (default 1). */
	perSentence?: number;
	/** Now, in ms; the article's date falls back to this day when the text shows none. */
	now?: number;
	/** Called as paragraphs are read: `done` of `total`. */
	onProgress?: (progress: DraftProgress) => void;
	/** Aborting terminates the worker and rejects with an AbortError. */
	signal?: AbortSignal;
	/** Makes the worker; the default loads src/lib/draft/worker.ts as a module worker. */
	createWorker?: () => WorkerLike;
}

function defaultWorker(): WorkerLike {
	return new Worker(new URL('./worker.ts', import.meta.url), {
		type: 'module',
		name: 'quire-drafter'
	}) as unknown as WorkerLike;
}

/** The worker refused the text (empty, too short, repeated, not English): its message is for the teacher. */
export class DraftRefusal extends Error {
	readonly code: string;
	constructor(message: string, code: string) {
		super(message);
		this.name = 'DraftRefusal';
		this.code = code;
	}
}

let nextId = 1;

/**
 * Drafts items and flashcards in a Web Worker, so the page never freezes. Resolves with the
 * article as split, the drafts and the bank validator's problems per draft; rejects with the
 * worker's message when the input is unusable, or with an AbortError when `signal` aborts.
 */
export function startDraft(input: DraftInput, options: StartDraftOptions): Promise<DraftResult> {
	const { onProgress, signal, createWorker = defaultWorker, ...rest } = options;
	const id = nextId++;
	const request: DraftRequestT = { id, ...rest, ...input };
	return new Promise<DraftResult>((resolve, reject) => {
		if (signal?.aborted) {
			reject(new DOMException('Drafting was cancelled.', 'AbortError'));
			return;
		}
		const worker = createWorker();
		const finish = () => {
			signal?.removeEventListener('abort', abort);
			worker.onmessage = null;
			worker.onerror = null;
			worker.terminate();
		};
		const abort = () => {
			finish();
			reject(new DOMException('Drafting was cancelled.', 'AbortError'));
		};
		signal?.addEventListener('abort', abort, { once: true });
		worker.onerror = (event) => {
			finish();
			reject(new Error(`The drafting worker failed: ${event.message ?? 'unknown error'}`));
		};
		worker.onmessage = ({ data }) => {
			const message = data as DraftResponse;
			if (message.id !== id) return;
			if (message.type === 'progress') {
				onProgress?.({ done: message.done, total: message.total });
			} else if (message.type === 'error') {
				finish();
				reject(
					message.code
						? new DraftRefusal(message.message, message.code)
						: new Error(message.message)
				);
			} else {
				finish();
				const { article, items, flashcards, problems, notice, genre } = message;
				resolve({ article, items, flashcards, problems, notice, genre });
			}
		};
		worker.postMessage(request);
	});
}
