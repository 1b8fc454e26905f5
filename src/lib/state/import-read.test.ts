import { describe, expect, it } from 'vitest';
import { toCsv, toGift } from '$lib/bank/formats';
import { generateSet } from '$lib/bank/formats/testgen';
import type { WorkerLike } from '$lib/draft/client';
import { handleReadRequest, PART, readSetFileInWorker, type ReadResponse } from './import-read';
import { readSetFile } from './library-io';

/** A worker that runs the real handler on the next tick, copying every message as a browser does. */
function fakeWorker(log: ReadResponse[] = [], stopped = { n: 0 }): WorkerLike {
	const worker: WorkerLike = {
		onmessage: null,
		onerror: null,
		postMessage(message: unknown) {
			setTimeout(
				() =>
					void handleReadRequest(structuredClone(message), (m) => {
						log.push(m);
						setTimeout(() => worker.onmessage?.({ data: structuredClone(m) }));
					})
			);
		},
		terminate() {
			stopped.n++;
		}
	};
	return worker;
}

describe('readSetFileInWorker', () => {
	it('gives what readSetFile gives, sent in parts so no message holds every entry', async () => {
		const set = generateSet('read-in-worker', 2 * PART + 300);
		const text = toGift(set).text;
		const log: ReadResponse[] = [];
		const stopped = { n: 0 };
		const read = await readSetFileInWorker(text, 'many.gift', {
			createWorker: () => fakeWorker(log, stopped)
		});
		expect(read).toEqual(await readSetFile(text, 'many.gift'));
		expect(read.items.length).toBeGreaterThan(PART);
		const parts = log.filter((m) => m.type === 'part');
		const count = (n: number) => Math.ceil(n / PART);
		expect(parts).toHaveLength(
			count(read.items.length) + count(read.flashcards.length) + count(read.problems.length)
		);
		expect(Math.max(...parts.map((m) => (m.type === 'part' ? m.list.length : 0)))).toBe(PART);
		expect(stopped.n).toBe(1);
	});

	it('reads a CSV file and a file with problems the same way', async () => {
		const set = generateSet('read-csv', 50, { flashcards: false });
		const csv = toCsv(set).text;
		const opts = { createWorker: () => fakeWorker() };
		expect(await readSetFileInWorker(csv, 'x.csv', opts)).toEqual(await readSetFile(csv, 'x.csv'));
		const bad = '::a:: Sky? {=blue ~red}\n\n::b:: Broken {=\n';
		const read = await readSetFileInWorker(bad, 'bad.gift', opts);
		expect(read).toEqual(await readSetFile(bad, 'bad.gift'));
		expect(read.problems.length).toBeGreaterThan(0);
	});

	it('a cancel stops the worker and rejects with an AbortError', async () => {
		const controller = new AbortController();
		const stopped = { n: 0 };
		const run = readSetFileInWorker(toGift(generateSet('cancel', 200)).text, 'c.gift', {
			signal: controller.signal,
			createWorker: () => fakeWorker([], stopped)
		});
		controller.abort();
		await expect(run).rejects.toMatchObject({ name: 'AbortError' });
		expect(stopped.n).toBe(1);
	});

	it('says what went wrong when the worker fails', async () => {
		const broken: WorkerLike = {
			onmessage: null,
			onerror: null,
			postMessage() {
				setTimeout(() => broken.onerror?.({ message: 'out of memory' }));
			},
			terminate() {}
		};
		await expect(
			readSetFileInWorker('x', 'x.gift', { createWorker: () => broken })
		).rejects.toThrow('The file could not be read: out of memory');
	});
});

describe('reading the chosen file itself', () => {
	it('takes a Blob and reads its text where it runs', async () => {
		const text = toGift(generateSet('blob', 30)).text;
		const blob = new Blob([text], { type: 'text/plain' });
		const opts = { createWorker: () => fakeWorker() };
		const expected = await readSetFile(text, 'b.gift');
		expect(await readSetFileInWorker(blob, 'b.gift', opts)).toEqual(expected);
		// Where no worker runs, the same.
		expect(await readSetFileInWorker(blob, 'b.gift')).toEqual(expected);
	});
});
