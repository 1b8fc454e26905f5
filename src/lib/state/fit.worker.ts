// The fitting Web Worker: reads the review logs from IndexedDB and runs fsrs-rs's optimizer
// (fsrs-browser, WebAssembly) over them, off the page; see fit-run.ts and fit.svelte.ts.
// fsrs-browser can start a thread pool, which needs a cross-origin isolated page (a static host
// cannot send the headers for one): this worker never starts it, and the optimizer runs on the
// worker's own thread. The WebAssembly is emitted with the build (and precached), fetched only
// when the student asks for a fit.
import init, { Fsrs } from 'fsrs-browser';
import wasmUrl from 'fsrs-browser/fsrs_browser_bg.wasm?url';
import { fitLogs } from '$lib/db/fit';
import { runFit, type FitRequest, type FitResponse } from './fit-run';

/** The part of a dedicated worker's global scope this file uses. */
interface WorkerScope {
	onmessage: ((event: MessageEvent<FitRequest>) => void) | null;
	postMessage(message: FitResponse): void;
}

const scope = self as unknown as WorkerScope;
scope.onmessage = (event) =>
	void runFit(
		event.data,
		{
			logs: fitLogs,
			optimizer: async () => {
				await init({ module_or_path: wasmUrl });
				return (set) =>
					new Fsrs().computeParameters(set.ratings, set.deltaTs, set.lengths, null, true);
			}
		},
		(message) => scope.postMessage(message)
	);
