import { describe, expect, it } from 'vitest';
import { generateSet } from '$lib/bank/formats/testgen';
import type { WorkerLike } from '$lib/draft/client';
import { handleReadRequest, PART, readSetFileInWorker, type ReadResponse } from './import-read';
import { readSetFile, readSetText } from './library-io';
import { withImportedLang } from './import-lang';
import { withImportedMath } from './import-math';
import * as formats from '$lib/bank/formats';
import { toCsv, toGift } from '$lib/bank/formats';
import { ruleById, type LintEntry } from '$lib/bank/lint';
import { qualityReport, type QualityReport } from './quality';

/** What readSetFile gives, with the maths and the language the worker adds. */
const readDirect = async (text: string, name: string) =>
	withImportedLang(await withImportedMath(await readSetFile(text, name)));

const readSetFileSync = (text: string) => readSetText(formats, text, { fileName: 'x.gift' });

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
		expect(read).toEqual(await readDirect(text, 'many.gift'));
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
		expect(await readSetFileInWorker(csv, 'x.csv', opts)).toEqual(await readDirect(csv, 'x.csv'));
		const bad = '::a:: Sky? {=blue ~red}\n\n::b:: Broken {=\n';
		const read = await readSetFileInWorker(bad, 'bad.gift', opts);
		expect(read).toEqual(await readDirect(bad, 'bad.gift'));
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
		const expected = await readDirect(text, 'b.gift');
		expect(await readSetFileInWorker(blob, 'b.gift', opts)).toEqual(expected);
		// Where no worker runs, the same.
		expect(await readSetFileInWorker(blob, 'b.gift')).toEqual(expected);
	});
});

describe('the quality check of a file', () => {
	// A longest-option cue (the key twice as long as any other option) and two near-duplicates.
	const GIFT = [
		'::cue:: Which treaty banned ground-launched intermediate-range missiles? {=The Intermediate-Range Nuclear Forces Treaty signed in 1987 ~START ~SALT ~New START}',
		'',
		'::moon:: What is the largest moon of Saturn by diameter? {=Titan ~Rhea ~Iapetus ~Dione}',
		'',
		'::moon-again:: What is the largest moon of Saturn by its diameter? {=Titan ~Mimas ~Enceladus ~Tethys}',
		''
	].join('\n');

	it('follows the entries from the worker, counted per rule with each entry on its line', async () => {
		const events: string[] = [];
		const got: { report: QualityReport | null } = { report: null };
		const stopped = { n: 0 };
		const read = await readSetFileInWorker(GIFT, 'cues.gift', {
			createWorker: () => fakeWorker([], stopped),
			onQuality: (e) => {
				if ('report' in e) got.report = e.report;
				else events.push(e.progress.phase);
			}
		});
		expect(read.items).toHaveLength(3);
		// The preview comes first; the worker runs on until the report.
		expect(stopped.n).toBe(0);
		await expect.poll(() => got.report).not.toBeNull();
		const report = got.report!;
		expect(stopped.n).toBe(1);
		expect(events).toContain('set');
		const rules = report.rules.map((r) => r.rule);
		expect(rules).toContain('longest-key');
		expect(rules).toContain('near-duplicate');
		const cue = report.rules.find((r) => r.rule === 'longest-key')!;
		expect(cue).toMatchObject({ title: ruleById('longest-key')!.title, warnings: 1 });
		expect(cue.findings[0]).toMatchObject({ id: 'cue', index: 0, line: 1, field: 'choices.0' });
		const twin = report.rules.find((r) => r.rule === 'near-duplicate')!;
		expect(twin.findings.map((f) => f.line)).toContain(5);
	});

	it('leaves out a warning the teacher dismissed for its entry, and counts it', () => {
		const entries: LintEntry[] = [...readSetFileSync(GIFT).items];
		const before = qualityReport(entries);
		const cue = entries[0]!;
		entries[0] = { ...cue, dismissed: ['longest-key'] };
		const after = qualityReport(entries);
		expect(after.rules.some((r) => r.rule === 'longest-key')).toBe(false);
		expect(after.dismissed).toBe(1);
		expect(after.warnings).toBe(before.warnings - 1);
	});
});
