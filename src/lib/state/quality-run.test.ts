import { describe, expect, it } from 'vitest';
import { generateSet } from '$lib/bank/formats/testgen';
import type { LintEntry } from '$lib/bank/lint';
import type { WorkerLike } from '$lib/draft/client';
import { qualityReport } from './quality';
import { checkQualityInWorker, PART, qualityHandler, type QualityResponse } from './quality-run';

/** A worker running the real handler a tick later, copying every message as a browser does. */
function fakeWorker(sent: unknown[], stopped: { n: number }): WorkerLike {
	const worker: WorkerLike = {
		onmessage: null,
		onerror: null,
		postMessage(message: unknown) {
			sent.push(message);
			const copy = structuredClone(message);
			setTimeout(() => void handle(copy));
		},
		terminate() {
			stopped.n++;
		}
	};
	const handle = qualityHandler((m: QualityResponse) =>
		setTimeout(() => worker.onmessage?.({ data: structuredClone(m) }))
	);
	return worker;
}

describe('checkQualityInWorker', () => {
	it('sends a set in parts, follows the progress and gives the checker’s report', async () => {
		const set = generateSet('quality-run', PART + 700, { flashcards: false });
		const entries: LintEntry[] = set.items;
		const sent: unknown[] = [];
		const stopped = { n: 0 };
		const phases = new Set<string>();
		const report = await checkQualityInWorker(entries, {
			createWorker: () => fakeWorker(sent, stopped),
			onProgress: (p) => phases.add(p.phase)
		});
		expect(report).toEqual(qualityReport(entries));
		expect(report.rules.length).toBeGreaterThan(0);
		// Two parts of entries, then the request to run.
		expect(sent).toHaveLength(3);
		expect([...phases]).toEqual(['entries', 'set']);
		expect(stopped.n).toBe(1);
	});

	it('a cancel stops the worker and rejects with an AbortError', async () => {
		const stopped = { n: 0 };
		const controller = new AbortController();
		const running = checkQualityInWorker(generateSet('quality-stop', 50).items, {
			createWorker: () => fakeWorker([], stopped),
			signal: controller.signal
		});
		controller.abort();
		await expect(running).rejects.toMatchObject({ name: 'AbortError' });
		expect(stopped.n).toBe(1);
	});
});
