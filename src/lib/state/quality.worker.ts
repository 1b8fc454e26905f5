// The quality Web Worker: runs the item-quality checker over a set off the page; see quality-run.ts.
import { qualityHandler, type QualityResponse } from './quality-run';

/** The part of a dedicated worker's global scope this file uses. */
interface WorkerScope {
	onmessage: ((event: MessageEvent<unknown>) => void) | null;
	postMessage(message: QualityResponse): void;
}

const scope = self as unknown as WorkerScope;
const handle = qualityHandler((message) => scope.postMessage(message));
scope.onmessage = (event) => void handle(event.data);
