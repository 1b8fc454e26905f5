import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { db, type ReceivedRow, type SessionRow } from '$lib/db';
import { assignment, NOW, sessionRow, sessionState } from '$lib/db/fixtures';
import { AssignedList, AssignmentLanding, describeAssigned } from './assigned.svelte';

const received = (attempts: ReceivedRow['attempts']): ReceivedRow => ({
	id: 'asg1',
	openedAt: NOW,
	student: 'Ada',
	payload: assignment('asg1'),
	attempts
});
const attempt = (sessionId: string, submittedAt: number | null) => ({
	sessionId,
	submittedAt,
	code: null,
	late: false
});

describe('describeAssigned', () => {
	it('counts submitted attempts and the one in progress, not a discarded one', () => {
		const sessions = new Map<string, SessionRow>([
			['s2', { ...sessionRow('s2'), state: sessionState('s2') }]
		]);
		const row = received([attempt('s1', NOW), attempt('s2', null), attempt('gone', null)]);
		expect(describeAssigned(row, sessions, NOW)).toMatchObject({
			title: 'Dates',
			itemCount: 2,
			used: 2,
			left: 0,
			active: 's2',
			lastSubmitted: 's1',
			overdue: false
		});
	});

	it('is overdue after the due time, with all attempts left when none was made', () => {
		const view = describeAssigned(received([]), new Map(), NOW + 2 * 86_400_000);
		expect(view).toMatchObject({ used: 0, left: 2, active: null, overdue: true });
	});
});

describe('AssignedList', () => {
	it('lists a received assignment, and names a damaged row while the others still show', async () => {
		await db.open();
		await Promise.all(db.tables.map((t) => t.clear()));
		await db.received.put(received([attempt('s1', NOW)]));
		await db.received.put({ ...received([]), id: 'asg2', student: '' });
		const list = new AssignedList();
		await list.load(NOW);
		expect(list.loaded).toBe(true);
		expect(list.items.map((v) => [v.id, v.used, v.lastSubmitted])).toEqual([['asg1', 1, 's1']]);
		expect(list.problems).toHaveLength(1);
	});
});

describe('AssignmentLanding', () => {
	it('says the link is incomplete when the address holds neither a fragment nor an id', async () => {
		const landing = new AssignmentLanding();
		await landing.open('', null, NOW);
		expect(landing.status).toBe('problem');
		expect(landing.problem?.title).toBe('No assignment in this link');
	});

	it('names a damaged link and shows a kept assignment by its id', async () => {
		await db.open();
		await Promise.all(db.tables.map((t) => t.clear()));
		const landing = new AssignmentLanding();
		await landing.open('1garbage', null, NOW);
		expect(landing.status).toBe('problem');
		expect(landing.problem?.title).toBe('This assignment link cannot be opened');
		await db.received.put(received([]));
		await landing.open('', 'asg1', NOW);
		expect(landing.status).toBe('saved');
		expect(landing.view?.title).toBe('Dates');
	});
});
