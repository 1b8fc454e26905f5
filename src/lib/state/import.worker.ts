// The import Web Worker: reads a set file (every format) off the page; see import-read.ts.
// sql.js's WebAssembly, for Anki packages: emitted with the build (and precached by the service
// worker), fetched only when a package is read.
import sqlWasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import { handleReadRequest, type ReadResponse } from './import-read';

/** The part of a dedicated worker's global scope this file uses. */
interface WorkerScope {
	onmessage: ((event: MessageEvent<unknown>) => void) | null;
	postMessage(message: ReadResponse): void;
}

const scope = self as unknown as WorkerScope;
scope.onmessage = (event) =>
	void handleReadRequest(event.data, (message) => scope.postMessage(message), sqlWasmUrl);
