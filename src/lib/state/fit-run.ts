/**
 * "Fit my schedule" off the page: what the fitting worker (fit.worker.ts) is asked and answers,
 * and the run itself with its inputs passed in (the worker passes Dexie's logs and fsrs-browser;
 * the spec passes its own), so the page never holds the logs or the optimizer.
 */
import { fit, type FitLog, type FitResult, type FitStage, type Optimizer } from '$lib/srs/fit';

/** What the page asks the worker: fit at `now`, scoring workload at `retention`. */
export interface FitRequest {
	now: number;
	retention: number;
}

/** What the worker answers: each stage as it starts, then the result or why there is none. */
export type FitResponse =
	| { type: 'stage'; stage: FitStage }
	| { type: 'done'; result: FitResult }
	| { type: 'error'; message: string };

/** Where a run gets the review logs and the optimizer. */
export interface FitInputs {
	logs(): Promise<FitLog[]>;
	optimizer(): Promise<Optimizer>;
}

/** Runs one fit, posting each stage and then the result (or the error, in words). */
export async function runFit(
	request: FitRequest,
	inputs: FitInputs,
	post: (message: FitResponse) => void
): Promise<void> {
	try {
		post({ type: 'stage', stage: 'reading' });
		const [logs, optimize] = await Promise.all([inputs.logs(), inputs.optimizer()]);
		const result = fit(logs, {
			optimize,
			retention: request.retention,
			now: request.now,
			onStage: (stage) => post({ type: 'stage', stage })
		});
		post({ type: 'done', result });
	} catch (error) {
		post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
	}
}
