// The drafting Web Worker: the NLP library and the drafter load here only, never in the page.
import { handleDraftRequest, type DraftResponse } from './protocol.ts';

/** The part of a dedicated worker's global scope this file uses. */
interface WorkerScope {
	onmessage: ((event: MessageEvent<unknown>) => void) | null;
	postMessage(message: DraftResponse): void;
}

const scope = self as unknown as WorkerScope;
scope.onmessage = (event) =>
	handleDraftRequest(event.data, (message) => scope.postMessage(message));
