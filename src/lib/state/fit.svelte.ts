/**
 * "Fit my schedule" on /progress: whether the history is enough (and what is missing), a fit run
 * in a Web Worker (fit.worker.ts, loaded on the click with the optimizer's WebAssembly) with its
 * stage and Cancel, the result, and Apply, Keep the defaults and Undo. Nothing here loads Dexie
 * or the optimizer before it is needed.
 */
import type { WorkerLike } from '$lib/draft/client';
import {
	FIT_STAGES,
	readinessOf,
	type FitResult,
	type FitStage,
	type Readiness
} from '$lib/srs/fit';
import type { FittedParameters } from '$lib/srs/records';
import type { FitRequest, FitResponse } from './fit-run';

const loadFitDb = () => import('$lib/db/fit');
const loadSettings = () => import('$lib/db/settings');

function defaultWorker(): WorkerLike {
	return new Worker(new URL('./fit.worker.ts', import.meta.url), {
		type: 'module',
		name: 'quire-fit'
	}) as unknown as WorkerLike;
}

/** Words for each stage of a fit, for the progress line. */
export const STAGE_TEXT: Record<FitStage, string> = {
	reading: 'Reading your review history',
	fitting: 'Fitting the parameters to your older reviews',
	scoring: 'Testing both schedules on your newest reviews',
	workload: 'Working out tomorrow’s and next week’s reviews',
	advice: 'Comparing desired retentions'
};

export type FitStatus = 'idle' | 'running' | 'done' | 'error';

export class FitState {
	/** Null until loaded (and when nothing is stored). */
	readiness = $state.raw<Readiness | null>(null);
	/** The parameters the schedule uses, or null for the defaults. */
	applied = $state.raw<FittedParameters | null>(null);
	/** The desired retention the workload is counted at. */
	retention = $state(0.9);
	status = $state<FitStatus>('idle');
	stage = $state<FitStage | null>(null);
	result = $state.raw<FitResult | null>(null);
	error = $state('');
	/** A sentence about the last thing done (cancelled, applied, undone), for a live region. */
	notice = $state('');
	private worker: WorkerLike | null = null;

	constructor(private readonly createWorker: () => WorkerLike = defaultWorker) {}

	/** 1-based number of the stage running, of FIT_STAGES.length. */
	get step(): number {
		return this.stage ? FIT_STAGES.indexOf(this.stage) + 1 : 0;
	}

	/** Reads the history's size and span, the applied parameters and the desired retention. */
	async load() {
		try {
			const [{ reviewLogSpan, fittedParameters }, { getSetting }] = await Promise.all([
				loadFitDb(),
				loadSettings()
			]);
			const [span, applied, retention] = await Promise.all([
				reviewLogSpan(),
				fittedParameters(),
				getSetting('retention')
			]);
			this.readiness = readinessOf(span.reviews, span.first, span.last);
			this.applied = applied;
			this.retention = retention;
		} catch (error) {
			this.error = error instanceof Error ? error.message : String(error);
			this.status = 'error';
		}
	}

	/** Starts a fit in a new worker; the page stays free while it runs. */
	start(now: number) {
		if (this.status === 'running' || !this.readiness?.ready) return;
		this.stop();
		this.status = 'running';
		this.stage = 'reading';
		this.result = null;
		this.error = '';
		this.notice = '';
		const worker = this.createWorker();
		this.worker = worker;
		worker.onmessage = ({ data }) => {
			if (this.worker !== worker) return;
			const message = data as FitResponse;
			if (message.type === 'stage') this.stage = message.stage;
			else if (message.type === 'done') {
				this.result = message.result;
				this.finish('done');
			} else {
				this.error = message.message;
				this.finish('error');
			}
		};
		worker.onerror = (event) => {
			if (this.worker !== worker) return;
			this.error = event.message || 'The fitting worker stopped.';
			this.finish('error');
		};
		worker.postMessage({ now, retention: this.retention } satisfies FitRequest);
	}

	/** Stops a running fit at once (the worker is ended): nothing is kept or stored. */
	cancel() {
		if (this.status !== 'running') return;
		this.stop();
		this.status = 'idle';
		this.stage = null;
		this.notice = 'Fitting cancelled. Your schedule is unchanged.';
	}

	/** Schedules with the fitted parameters from now on. */
	async apply(now: number) {
		const r = this.result;
		if (!r) return;
		const applied: FittedParameters = {
			w: r.parameters,
			appliedAt: now,
			reviews: r.reviews,
			logLoss: { defaults: r.before.logLoss, fitted: r.after.logLoss }
		};
		if (!(await this.store(applied))) return;
		this.applied = applied;
		this.result = null;
		this.status = 'idle';
		this.notice = 'Your fitted parameters now schedule your reviews.';
	}

	/** Drops the result; the schedule keeps what it used. */
	keep() {
		this.result = null;
		this.status = 'idle';
		this.notice = this.applied
			? 'Kept the parameters you applied before.'
			: 'Kept the default parameters.';
	}

	/** Goes back to the default parameters. */
	async undo() {
		if (!(await this.store(null))) return;
		this.applied = null;
		this.notice = 'Your reviews are scheduled with the default parameters again.';
	}

	/** Stores the parameters to schedule with; a failure is said in the notice, and nothing changes. */
	private async store(p: FittedParameters | null): Promise<boolean> {
		try {
			await (await loadFitDb()).setFittedParameters(p);
			return true;
		} catch (error) {
			const { describeStorageError } = await import('$lib/db');
			this.notice = `Your schedule is unchanged: ${describeStorageError(error)}`;
			return false;
		}
	}

	/** Ends the worker, if any (leaving the page calls this too). */
	stop() {
		this.worker?.terminate();
		this.worker = null;
	}

	private finish(status: FitStatus) {
		this.stop();
		this.status = status;
		this.stage = null;
	}
}
