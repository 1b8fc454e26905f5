import { describe, expect, it } from 'vitest';
import { Stepped } from './stepped.svelte';

/** A scheduler the test runs by hand, one task at a time. */
function manual() {
	const queue: (() => void)[] = [];
	return {
		schedule: (fn: () => void) => {
			queue.push(fn);
			return () => {
				const at = queue.indexOf(fn);
				if (at >= 0) queue.splice(at, 1);
			};
		},
		run: () => queue.shift()?.(),
		get pending() {
			return queue.length;
		}
	};
}

describe('Stepped', () => {
	it('draws the first rows, then a step per task until every row is drawn', () => {
		const tasks = manual();
		const list = new Stepped(8, 4, tasks.schedule);
		expect(list.limit).toBe(8);
		list.start(() => 17);
		const seen: number[] = [];
		while (tasks.pending) {
			tasks.run();
			seen.push(list.limit);
		}
		expect(seen).toEqual([12, 16, 20, 20]);
	});

	it('schedules nothing more once a short list is drawn whole', () => {
		const tasks = manual();
		const list = new Stepped(8, 4, tasks.schedule);
		list.start(() => 5);
		tasks.run();
		expect(list.limit).toBe(8);
		expect(tasks.pending).toBe(0);
	});

	it('keeps drawing when the list grows meanwhile', () => {
		const tasks = manual();
		const list = new Stepped(2, 2, tasks.schedule);
		let total = 4;
		list.start(() => total);
		tasks.run();
		total = 9;
		while (tasks.pending) tasks.run();
		expect(list.limit).toBeGreaterThanOrEqual(9);
	});

	it('started again for a longer list, goes on from the rows already drawn', () => {
		const tasks = manual();
		const list = new Stepped(4, 4, tasks.schedule);
		list.start(() => 6);
		while (tasks.pending) tasks.run();
		expect(list.limit).toBe(8);
		list.start(() => 15);
		while (tasks.pending) tasks.run();
		expect(list.limit).toBe(16);
	});

	it('stops when told to, as a page leaves', () => {
		const tasks = manual();
		const list = new Stepped(8, 4, tasks.schedule);
		const stop = list.start(() => 100);
		tasks.run();
		stop();
		expect(tasks.pending).toBe(0);
		expect(list.limit).toBe(12);
	});

	it('runs on real timers by default', async () => {
		const list = new Stepped(1, 1);
		const stop = list.start(() => 3);
		await new Promise((r) => setTimeout(r, 50));
		expect(list.limit).toBe(3);
		stop();
	});
});
