import { beforeAll, describe, expect, it } from 'vitest';
import { deflateRaw, toBase64Url, utf8 } from './codec';
import { generateTeacherKeys } from './crypto';
import {
	assignmentUrl,
	decodeAssignment,
	encodeAssignment,
	MAX_ITEMS,
	type AssignmentInput
} from './link';

// Real ids from the shipped bank, so compression sees the prefixes it will see in use.
const BANK_IDS = [
	'consequences-far-reaching',
	'consequences-imbalance-cloze',
	'consequences-russia-response',
	'consequences-bilateral-match',
	'consequences-europe-cause',
	'consequences-shackles-cloze',
	'consequences-regions-tf',
	'consequences-big-powers',
	'consequences-demonstration-tf',
	'consequences-demonstration-effects',
	'consequences-scale-order',
	'erosion-years-wavered',
	'erosion-restricts-sea-air-tf',
	'erosion-not-restricted',
	'erosion-views-diverged',
	'erosion-cold-war-period',
	'erosion-us-area-tf',
	'erosion-russia-decline-cloze',
	'erosion-hegemony-cloze',
	'erosion-deployment-application',
	'erosion-narrative-order',
	'reasons-order',
	'reasons-evidence-match',
	'reasons-missiles-wanted',
	'reasons-utilitarianism-term',
	'reasons-reasonable-tf',
	'reasons-precedent-treaty',
	'reasons-abm-signing-year',
	'reasons-abm-expansion',
	'reasons-after-abm',
	'reasons-second-cloze',
	'reasons-nuclear-free-world-cloze',
	'reasons-npr-year',
	'reasons-npr-publisher',
	'reasons-npr-threshold-tf',
	'reasons-third-demonstrates',
	'reasons-cold-war-progress-cloze',
	'reasons-superior-tf',
	'reasons-fear-tf',
	'source-author-name',
	'source-editor-name',
	'source-outlet-tf',
	'source-position',
	'source-cfau-expansion',
	'source-affiliation-cloze',
	'source-acronym-match',
	'source-bilateral-difference',
	'source-stance',
	'treaty-signing-year',
	'treaty-signing-month'
];
const KNOWN = new Set(BANK_IDS);
const BANK = '3f9a0c1d2e4b';
const ORIGIN = 'https://quire.example.org';

let publicJwk: JsonWebKey;
let privateJwk: JsonWebKey;

beforeAll(async () => {
	({ publicJwk, privateJwk } = await generateTeacherKeys());
});

function assignment(itemIds: string[], extra: Partial<AssignmentInput> = {}): AssignmentInput {
	return {
		v: 1,
		id: 'k3Jx9QpZ',
		bank: BANK,
		title: 'The ABM Treaty and its end',
		className: 'Year 11 History B',
		itemIds,
		mode: 'test',
		timeLimitMin: 25,
		due: Date.UTC(2025, 2, 14, 16, 0),
		maxAttempts: 2,
		shuffle: true,
		passMark: 60,
		seed: 'Vb7mQ2xR',
		teacherKey: publicJwk,
		createdAt: Date.UTC(2025, 2, 7, 9, 30),
		...extra
	};
}

// Spread across the bank's topics, as a teacher's pick would be.
const twenty = BANK_IDS.filter((_, i) => i % 5 < 2);

/** Packs any JSON the way encodeAssignment does, to forge links it would refuse to make. */
async function pack(json: unknown, version = '1'): Promise<string> {
	return version + toBase64Url(await deflateRaw(utf8(JSON.stringify(json))));
}

/** A valid wire array for the given assignment, to be damaged one field at a time. */
function wire(a: AssignmentInput): unknown[] {
	return [
		1,
		a.id,
		a.bank,
		a.title,
		a.className,
		a.itemIds,
		a.mode === 'test' ? 1 : 0,
		a.timeLimitMin,
		a.due,
		a.maxAttempts,
		a.shuffle ? 1 : 0,
		a.passMark,
		a.seed,
		a.teacherKey.x,
		a.teacherKey.y,
		a.createdAt
	];
}

async function error(fragment: string, bank = BANK, known: ReadonlySet<string> = KNOWN) {
	const out = await decodeAssignment(fragment, bank, known);
	if (out.ok) throw new Error('expected the link to be refused');
	expect(out.error).toMatch(/^[A-Z].*\.$/s);
	return out.error;
}

describe('encodeAssignment / decodeAssignment', () => {
	it('round-trips every field', async () => {
		const a = assignment(twenty);
		const encoded = await encodeAssignment(a);
		expect(encoded).toMatch(/^1[A-Za-z0-9_-]+$/);
		const out = await decodeAssignment(encoded, BANK, KNOWN);
		expect(out).toEqual({
			ok: true,
			assignment: {
				...a,
				teacherKey: { kty: 'EC', crv: 'P-256', x: a.teacherKey.x, y: a.teacherKey.y }
			}
		});
	});

	it('round-trips nulls, practice mode and no shuffle', async () => {
		const a = assignment(['treaty-signing-year'], {
			mode: 'practice',
			timeLimitMin: null,
			due: null,
			maxAttempts: null,
			shuffle: false,
			passMark: 0,
			className: '',
			title: 'Ünïcode — “quotes”, <b>tags</b> & 😀'
		});
		const out = await decodeAssignment(await encodeAssignment(a), BANK, KNOWN);
		expect(out.ok && out.assignment).toMatchObject({
			...a,
			teacherKey: expect.any(Object) as unknown
		});
	});

	it('keeps only the public coordinates of the teacher key', async () => {
		const encoded = await encodeAssignment(assignment(twenty, { teacherKey: privateJwk }));
		const out = await decodeAssignment(encoded, BANK, KNOWN);
		expect(out.ok && out.assignment.teacherKey).toEqual({
			kty: 'EC',
			crv: 'P-256',
			x: privateJwk.x,
			y: privateJwk.y
		});
		expect(JSON.stringify(out)).not.toContain(privateJwk.d);
	});

	it('refuses to encode an invalid assignment', async () => {
		await expect(encodeAssignment(assignment([]))).rejects.toThrow(/no questions/);
		await expect(encodeAssignment(assignment(twenty, { passMark: 101 }))).rejects.toThrow(
			/pass mark/
		);
	});

	it('keeps 20- and 50-item links short enough for a QR code', async () => {
		const url20 = assignmentUrl(ORIGIN, await encodeAssignment(assignment(twenty)));
		const url50 = assignmentUrl(ORIGIN, await encodeAssignment(assignment(BANK_IDS)));
		const raw20 = JSON.stringify(assignment(twenty)).length;
		console.log(
			`assignment link: 20 items ${url20.length} chars (JSON object ${raw20}), 50 items ${url50.length} chars`
		);
		expect(url20.length).toBeLessThanOrEqual(1000);
		expect(url50.length).toBeLessThan(2000);
	});

	it('accepts a leading #, a whole link and line breaks from mail apps', async () => {
		const encoded = await encodeAssignment(assignment(twenty));
		const url = assignmentUrl(ORIGIN, encoded);
		const wrapped =
			encoded.slice(0, 40) + '\n  ' + encoded.slice(40, 90) + '\u200b' + encoded.slice(90);
		for (const form of ['#' + encoded, url, ` ${wrapped}\n`]) {
			expect((await decodeAssignment(form, BANK, KNOWN)).ok).toBe(true);
		}
	});
});

describe('decodeAssignment refuses damaged links', () => {
	it('empty', async () => {
		for (const f of ['', '#', '   ', `${ORIGIN}/a#`]) {
			expect(await error(f)).toMatch(/no assignment/);
		}
	});

	it('characters outside base64url', async () => {
		const encoded = await encodeAssignment(assignment(twenty));
		expect(await error(encoded.slice(0, 30) + '$' + encoded.slice(31))).toMatch(/characters/);
		expect(await error(encoded.slice(0, 30) + '=')).toMatch(/characters/);
	});

	it('impossible base64 length or spare bits', async () => {
		const encoded = await encodeAssignment(assignment(twenty));
		const body = encoded.slice(1);
		const cut = body.length % 4 === 1 ? body : body.slice(0, body.length - ((body.length - 1) % 4));
		expect(await error('1' + cut)).toMatch(/damaged or incomplete/);
		expect(await error('1AB')).toMatch(/damaged or incomplete/);
	});

	it('unknown version prefix', async () => {
		const encoded = await encodeAssignment(assignment(twenty));
		expect(await error('3' + encoded.slice(1))).toMatch(/newer version of Quire/);
		for (const prefix of ['0', 'a', '-', 'Q']) {
			expect(await error(prefix + encoded.slice(1))).toMatch(/damaged/);
		}
	});

	it('not deflate data', async () => {
		expect(await error('1' + toBase64Url(new Uint8Array([255, 255, 255, 1, 2, 3])))).toMatch(
			/damaged or incomplete/
		);
	});

	it('truncated anywhere', async () => {
		const encoded = await encodeAssignment(assignment(twenty));
		for (const keep of [1, 2, 10, encoded.length >> 1, encoded.length - 4, encoded.length - 1]) {
			expect(await error(encoded.slice(0, keep))).toMatch(/damaged|incomplete/);
		}
	});

	it('not JSON, or JSON of the wrong shape', async () => {
		const notJson = '1' + toBase64Url(await deflateRaw(utf8('hello, world')));
		expect(await error(notJson)).toMatch(/damaged or incomplete/);
		expect(await error(await pack({ v: 1 }))).toMatch(/damaged or incomplete/);
		expect(await error(await pack([1, 'short']))).toMatch(/damaged or incomplete/);
		const notUtf8 = '1' + toBase64Url(await deflateRaw(new Uint8Array([0x5b, 0xff, 0x5d])));
		expect(await error(notUtf8)).toMatch(/damaged or incomplete/);
	});

	it('a newer format inside', async () => {
		const w = wire(assignment(twenty));
		w[0] = 3;
		expect(await error(await pack(w))).toMatch(/newer version of Quire/);
	});

	it('schema mismatches, each named', async () => {
		const a = assignment(twenty);
		const cases: [number, unknown, RegExp][] = [
			[1, 'bad id!', /assignment id/],
			[2, 'XYZ', /question bank version/],
			[5, 'treaty-signing-year', /question list/],
			[6, 7, /mode/],
			[7, 0, /time limit/],
			[8, -1, /due date/],
			[9, 1.5, /attempt limit/],
			[10, 'yes', /shuffle/],
			[11, 150, /pass mark/],
			[12, '', /seed/],
			[13, 'short', /teacher's key/],
			[15, 'yesterday', /creation date/]
		];
		for (const [index, value, message] of cases) {
			const w = wire(a);
			w[index] = value;
			expect(await error(await pack(w)), `field ${index}`).toMatch(message);
		}
	});

	it('item ids not in the bank', async () => {
		const link = await encodeAssignment(assignment(['treaty-signing-year', 'no-such-item']));
		expect(await error(link)).toMatch(
			/a question that this question bank doesn't have \(no-such-item\)/
		);
		const many = await encodeAssignment(assignment(['a-1', 'a-2', 'a-3', 'a-4']));
		expect(await error(many)).toMatch(/4 questions .* \(a-1, a-2, a-3, …\)/);
	});

	it('a different bank version', async () => {
		const link = await encodeAssignment(assignment(twenty));
		expect(await error(link, '000000000000')).toBe(
			`This assignment was made with a different version of the question bank (${BANK}; this copy of Quire has 000000000000). Ask your teacher for a new link, or update Quire.`
		);
	});

	it('too many items, or one twice', async () => {
		const ids = Array.from({ length: MAX_ITEMS + 1 }, (_, i) => `item-${i}`);
		const w = wire(assignment(ids));
		expect(await error(await pack(w), BANK, new Set(ids))).toBe(
			`This link has more than ${MAX_ITEMS} questions, more than an assignment may hold. Ask your teacher for a new link.`
		);
		const twice = wire(assignment(['treaty-signing-year', 'treaty-signing-year']));
		expect(await error(await pack(twice))).toMatch(/lists a question twice/);
		expect(await error(await pack(wire(assignment([]))))).toMatch(/no questions/);
	});

	it('absurdly long or empty text', async () => {
		const title = wire(assignment(twenty, { title: 'x'.repeat(201) }));
		expect(await error(await pack(title))).toMatch(/^The title in this link is longer than 200/);
		const blank = wire(assignment(twenty, { title: '  ' }));
		expect(await error(await pack(blank))).toMatch(/^The title in this link is empty/);
		const className = wire(assignment(twenty, { className: 'y'.repeat(500) }));
		expect(await error(await pack(className))).toMatch(/class name .* longer/);
	});

	it('a teacher key that is not a point on the curve', async () => {
		const w = wire(assignment(twenty));
		w[13] = 'A'.repeat(43);
		w[14] = 'A'.repeat(43);
		expect(await error(await pack(w))).toMatch(/teacher's key in this link is damaged/);
	});

	it('a link too long to inspect', async () => {
		expect(await error('1' + 'A'.repeat(40_000))).toMatch(/too long/);
	});

	it('a link that inflates beyond any real assignment', async () => {
		const bomb = '1' + toBase64Url(await deflateRaw(new Uint8Array(1 << 20).fill(32)));
		expect(bomb.length).toBeLessThan(32_000);
		expect(await error(bomb)).toMatch(/damaged or incomplete/);
	});
});

describe('decodeAssignment and bugs', () => {
	it('lets an exception that is not about the link propagate, so a bug cannot pass as damage', async () => {
		const encoded = await encodeAssignment(assignment(twenty));
		const broken = {
			has(): boolean {
				throw new TypeError('a bug');
			}
		} as unknown as ReadonlySet<string>;
		await expect(decodeAssignment(encoded, BANK, broken)).rejects.toThrow('a bug');
	});
});

describe('assignmentUrl', () => {
	it('puts the payload in the fragment of /a', () => {
		expect(assignmentUrl('https://q.example', '1abc')).toBe('https://q.example/a#1abc');
		expect(assignmentUrl('https://q.example/', '1abc')).toBe('https://q.example/a#1abc');
	});
});
