import * as v from 'valibot';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from './codec';
import {
	decryptResult,
	encryptResult,
	generateTeacherKeys,
	RESULT_PREFIX,
	StudentResultSchema,
	type StudentResult
} from './crypto';
import { AssignmentSchema, decodeAssignment, encodeAssignment, type AssignmentInput } from './link';

const RUNS = 10_000;
const BATCH = 200;
const BANK = 'a1b2c3d4e5f6';
const IDS = Array.from({ length: 60 }, (_, i) => `topic-${i % 5}-question-${i}`);
const KNOWN = new Set(IDS);
const B64 = Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');
// Characters a damaged paste plausibly contains, valid or not.
const NOISE = [...B64, ...Array.from('+/=#:Q1 \n\t.%&?é😀\u200b\u0000')];

/** A tiny seeded PRNG (mulberry32), so every failure can be replayed. */
function mulberry32(seed: number): () => number {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

type Rand = () => number;
const int = (rand: Rand, n: number) => Math.floor(rand() * n);

function randomString(rand: Rand, pool: readonly string[], max: number): string {
	let s = '';
	for (let n = int(rand, max); n > 0; n--) s += pool[int(rand, pool.length)] ?? '';
	return s;
}

/** One random damage to `text`, whose first `keep` characters are its format prefix. */
function mutate(rand: Rand, text: string, keep: number): string {
	const at = int(rand, text.length + 1);
	switch (int(rand, 7)) {
		case 0: {
			// Flip bits in the decoded bytes, so the damage survives base64 and reaches deflate or AES.
			const bytes = fromBase64Url(text.slice(keep));
			if (!bytes || bytes.length === 0) return text.slice(0, at);
			for (let k = 1 + int(rand, 3); k > 0; k--) {
				const i = int(rand, bytes.length);
				bytes[i] = (bytes[i] as number) ^ (1 << int(rand, 8));
			}
			return text.slice(0, keep) + toBase64Url(bytes);
		}
		case 1:
			return text.slice(0, at);
		case 2:
			return text.slice(0, at) + randomString(rand, NOISE, 4) + text.slice(at);
		case 3: {
			const i = int(rand, Math.max(1, text.length - 1));
			return text.slice(0, i) + text.charAt(i + 1) + text.charAt(i) + text.slice(i + 2);
		}
		case 4:
			return text.slice(0, at) + text.slice(at + 1 + int(rand, 8));
		case 5:
			return text.slice(0, keep) + randomString(rand, B64, 1200);
		default:
			return randomString(rand, NOISE, 60);
	}
}

function damage(rand: Rand, text: string, keep: number): string {
	let out = text;
	for (let k = 1 + int(rand, 2); k > 0; k--) out = mutate(rand, out, keep);
	return out;
}

async function inBatches<T>(inputs: readonly T[], run: (input: T) => Promise<void>) {
	for (let i = 0; i < inputs.length; i += BATCH) {
		await Promise.all(inputs.slice(i, i + BATCH).map(run));
	}
}

let keys: { publicJwk: JsonWebKey; privateJwk: JsonWebKey };
let links: string[];
let codes: string[];

beforeAll(async () => {
	keys = await generateTeacherKeys();
	const assignment = (n: number, extra: Partial<AssignmentInput> = {}): AssignmentInput => ({
		v: 1,
		id: `fuzz-${n}`,
		bank: BANK,
		title: `Fuzz set ${n}`,
		className: '9C',
		itemIds: IDS.slice(0, n),
		mode: n % 2 ? 'test' : 'practice',
		timeLimitMin: n % 3 ? 20 : null,
		due: n % 2 ? 1_750_000_000_000 : null,
		maxAttempts: 3,
		shuffle: true,
		passMark: 50,
		seed: `seed${n}`,
		teacherKey: keys.publicJwk,
		createdAt: 1_749_000_000_000,
		...extra
	});
	links = await Promise.all([1, 5, 20, 60].map((n) => encodeAssignment(assignment(n))));
	const result = (n: number): StudentResult => ({
		v: 1,
		assignmentId: `fuzz-${n}`,
		student: `Student ${n}`,
		answers: IDS.slice(0, n).map((itemId, i) => ({
			itemId,
			answer:
				i % 4 === 0
					? { type: 'single', choice: `Choice ${i}` }
					: i % 4 === 1
						? { type: 'multi', choices: ['a', 'b'] }
						: i % 4 === 2
							? { type: 'match', pairs: { x: 'y' } }
							: null,
			score: (i % 3) / 2,
			timeMs: 1000 + i
		})),
		startedAt: 1_749_000_000_000,
		submittedAt: 1_749_000_600_000,
		late: n % 2 === 0,
		attempt: 1
	});
	codes = await Promise.all([1, 5, 20].map((n) => encryptResult(result(n), keys.publicJwk)));
});

describe('fuzz: damaged input never throws', () => {
	it(`decodeAssignment on ${RUNS} damaged links`, { timeout: 60_000 }, async () => {
		const rand = mulberry32(0x5eed1);
		const inputs = Array.from({ length: RUNS }, (_, i) =>
			damage(rand, links[i % links.length] as string, 1)
		);
		const started = performance.now();
		let ok = 0;
		let thrown = 0;
		const bad: string[] = [];
		const errors = new Map<string, number>();
		await inBatches(inputs, async (input) => {
			try {
				const out = await decodeAssignment(input, BANK, KNOWN);
				if (out.ok) {
					ok++;
					const valid =
						v.is(AssignmentSchema, out.assignment) &&
						out.assignment.bank === BANK &&
						out.assignment.itemIds.every((id) => KNOWN.has(id));
					if (!valid) bad.push(input);
				} else if (typeof out.error !== 'string' || out.error.trim() === '') bad.push(input);
				else errors.set(out.error, (errors.get(out.error) ?? 0) + 1);
			} catch {
				thrown++;
			}
		});
		console.log(
			`fuzz links: ${RUNS} in ${Math.round(performance.now() - started)} ms, ${ok} still valid, ${errors.size} distinct errors`
		);
		expect(thrown).toBe(0);
		expect(bad).toEqual([]);
		// Some damage must get past base64 and deflate, or the deeper checks went untested.
		const deep = [...errors.keys()].filter((e) => /question bank|teacher's key/.test(e));
		expect(deep.length).toBeGreaterThan(10);
	});

	it(`decryptResult on ${RUNS} damaged result codes`, { timeout: 60_000 }, async () => {
		const rand = mulberry32(0xc0de2);
		const inputs = Array.from({ length: RUNS }, (_, i) =>
			damage(rand, codes[i % codes.length] as string, RESULT_PREFIX.length)
		);
		const started = performance.now();
		let ok = 0;
		let thrown = 0;
		const bad: string[] = [];
		const errors = new Map<string, number>();
		await inBatches(inputs, async (input) => {
			try {
				const out = await decryptResult(input, keys.privateJwk);
				if (out.ok) {
					ok++;
					if (!v.is(StudentResultSchema, out.result)) bad.push(input);
				} else if (typeof out.error !== 'string' || out.error.trim() === '') bad.push(input);
				else errors.set(out.error, (errors.get(out.error) ?? 0) + 1);
			} catch {
				thrown++;
			}
		});
		console.log(
			`fuzz codes: ${RUNS} in ${Math.round(performance.now() - started)} ms, ${ok} still valid, ${errors.size} distinct errors`
		);
		expect(thrown).toBe(0);
		expect(bad).toEqual([]);
		// Most damage must reach AES-GCM, or the authentication check went untested.
		expect([...errors].find(([e]) => /has been changed/.test(e))?.[1]).toBeGreaterThan(2000);
	});
});
