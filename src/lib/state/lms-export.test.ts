import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import bank from 'virtual:quire-bank';
import { CONTENT_GLOBAL, readContent } from '$lib/teach/scorm/content';
import type { Assignment } from '$lib/teach/link';
import { assignmentPackage, LmsExport, setPackage, type MadePackage } from './lms-export.svelte';

const assignment: Assignment = {
	v: 1,
	id: 'assign-1',
	bank: bank.version,
	title: 'Week 2',
	className: '9B',
	itemIds: bank.items.slice(0, 3).map((i) => i.id),
	mode: 'test',
	timeLimitMin: 20,
	due: null,
	maxAttempts: 2,
	shuffle: true,
	passMark: 70,
	seed: 'seed',
	teacherKey: { kty: 'EC', crv: 'P-256', x: 'x'.repeat(43), y: 'y'.repeat(43) },
	createdAt: 0
};

describe('Download for your LMS', () => {
	it('packs an assignment with the built player, its items and its rules', async () => {
		const lms = new LmsExport();
		let saved: { made: MadePackage; name: string } | null = null;
		const ok = await lms.run(
			() => assignmentPackage(assignment, Date.UTC(2026, 0, 1)),
			(title) => `${title}.zip`,
			(made, name) => (saved = { made, name })
		);
		expect(ok).toBe(true);
		const { made, name } = saved as unknown as { made: MadePackage; name: string };
		expect(name).toBe('Week 2.zip');
		expect(lms.message).toMatch(/^Saved Week 2\.zip \(\d+(\.\d)? KB, 5 files\)/);
		const zip = unzipSync(made.bytes);
		expect(Object.keys(zip).sort()).toEqual([
			'imsmanifest.xml',
			'index.html',
			'player.css',
			'player.js',
			'set.js'
		]);
		expect(strFromU8(zip['imsmanifest.xml']!)).toContain(
			'<adlcp:masteryscore>70</adlcp:masteryscore>'
		);
		const script = strFromU8(zip['set.js']!);
		const read = readContent(
			JSON.parse(script.slice(`globalThis.${CONTENT_GLOBAL} = `.length, -2))
		);
		expect(read.ok && read.content).toMatchObject({
			title: 'Week 2',
			maxAttempts: 2,
			timeLimitMin: 20,
			passMark: 70,
			assignment: { id: 'assign-1' }
		});
		expect(read.ok && read.content.items.map((i) => i.id)).toEqual(assignment.itemIds);
		expect(strFromU8(zip['player.js']!)).not.toMatch(/\beval\(|new Function\(/);
	}, 60_000);

	it('refuses a set larger than a package holds, saving nothing', async () => {
		const lms = new LmsExport();
		const ok = await lms.run(
			() =>
				setPackage(
					{
						id: 'set-big',
						title: 'Big',
						items: () =>
							Promise.resolve(
								Array.from({ length: 201 }, (_, n) => ({ ...bank.items[0]!, id: `q-${n}` }))
							)
					},
					{ passMark: null, maxAttempts: null },
					0,
					() => 0.5
				),
			() => 'x.zip',
			() => {
				throw new Error('nothing should be saved');
			}
		);
		expect(ok).toBe(false);
		expect(lms.error).toContain('this set has 201');
		expect(lms.busy).toBe(false);
	}, 60_000);
});
