import { beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../engine/score';
import { fromBase64Url, toBase64Url } from './codec';
import {
	decryptResult,
	encryptResult,
	generateTeacherKeys,
	RESULT_PREFIX,
	type StudentResult
} from './crypto';

let teacher: { publicJwk: JsonWebKey; privateJwk: JsonWebKey };
let other: { publicJwk: JsonWebKey; privateJwk: JsonWebKey };

beforeAll(async () => {
	[teacher, other] = await Promise.all([generateTeacherKeys(), generateTeacherKeys()]);
});

const ANSWERS: Answer[] = [
	{ type: 'single', choice: 'In 1972, in Moscow' },
	{ type: 'multi', choices: ['Sea-based', 'Air-based'] },
	{ type: 'truefalse', value: false },
	{ type: 'cloze', blanks: ['unilateralist', 'Bush'] },
	{ type: 'short', text: 'Nuclear Posture Review' },
	{ type: 'numeric', value: '2001' },
	{ type: 'order', order: ['Signing', 'Review', 'Withdrawal'] },
	{ type: 'match', pairs: { Russia: 'decline', 'United States': 'hegemony' } }
];

const IDS = [
	'consequences-far-reaching',
	'consequences-russia-response',
	'consequences-europe-cause',
	'consequences-regions-tf',
	'erosion-years-wavered',
	'erosion-restricts-sea-air-tf',
	'erosion-cold-war-period',
	'erosion-us-area-tf',
	'reasons-order',
	'reasons-evidence-match',
	'reasons-reasonable-tf',
	'reasons-precedent-treaty',
	'reasons-second-cloze',
	'reasons-nuclear-free-world-cloze',
	'reasons-superior-tf',
	'reasons-fear-tf',
	'source-outlet-tf',
	'source-position',
	'source-bilateral-difference',
	'treaty-signing-year'
];

function result(extra: Partial<StudentResult> = {}): StudentResult {
	return {
		v: 1,
		assignmentId: 'k3Jx9QpZ',
		student: 'Ana López',
		answers: IDS.map((itemId, i) => ({
			itemId,
			answer: i === 7 ? null : (ANSWERS[i % ANSWERS.length] as Answer),
			score: i % 3 === 0 ? 0 : i % 3 === 1 ? 1 : 0.5,
			timeMs: 4000 + i * 1733
		})),
		startedAt: 1_741_339_800_000,
		submittedAt: 1_741_340_900_000,
		late: false,
		attempt: 1,
		...extra
	};
}

async function refused(code: string, key = teacher.privateJwk): Promise<string> {
	const out = await decryptResult(code, key);
	if (out.ok) throw new Error('expected the code to be refused');
	expect(out.error).toMatch(/^[A-Z].*\.$/s);
	return out.error;
}

describe('generateTeacherKeys', () => {
	it('makes a P-256 pair whose public half carries only kty, crv, x and y', () => {
		expect(Object.keys(teacher.publicJwk).sort()).toEqual(['crv', 'kty', 'x', 'y']);
		expect(teacher.publicJwk).toMatchObject({ kty: 'EC', crv: 'P-256' });
		expect(teacher.privateJwk.d).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(teacher.privateJwk.x).toBe(teacher.publicJwk.x);
	});
});

describe('encryptResult / decryptResult', () => {
	it('round-trips a result', async () => {
		const r = result();
		const code = await encryptResult(r, teacher.publicJwk);
		expect(code.startsWith(RESULT_PREFIX)).toBe(true);
		expect(code.slice(RESULT_PREFIX.length)).toMatch(/^[A-Za-z0-9_-]+$/);
		expect(await decryptResult(code, teacher.privateJwk)).toEqual({ ok: true, result: r });
		console.log(`result code: 20 answers ${code.length} chars`);
	});

	it('seals the same result differently each time', async () => {
		const r = result();
		const [a, b] = await Promise.all([
			encryptResult(r, teacher.publicJwk),
			encryptResult(r, teacher.publicJwk)
		]);
		expect(a).not.toBe(b);
	});

	it('tolerates whitespace, line breaks and invisible characters in a pasted code', async () => {
		const code = await encryptResult(result(), teacher.publicJwk);
		const pasted = `\n  ${code.slice(0, 50)}\r\n${code.slice(50, 120)} \u200b${code.slice(120)}\t\n`;
		expect((await decryptResult(pasted, teacher.privateJwk)).ok).toBe(true);
	});

	it('accepts a private key carrying key_ops and ext from an export', async () => {
		const code = await encryptResult(result(), teacher.publicJwk);
		const key = { ...teacher.privateJwk, key_ops: ['deriveKey'], ext: true };
		expect((await decryptResult(code, key)).ok).toBe(true);
	});

	it('rounds timer noise and keeps non-finite numbers as text', async () => {
		const r = result();
		r.answers[0] = {
			itemId: 'a-b',
			answer: { type: 'numeric', value: NaN },
			score: 0,
			timeMs: 12.7
		};
		const out = await decryptResult(await encryptResult(r, teacher.publicJwk), teacher.privateJwk);
		expect(out.ok && out.result.answers[0]).toEqual({
			itemId: 'a-b',
			answer: { type: 'numeric', value: 'NaN' },
			score: 0,
			timeMs: 13
		});
	});

	it('refuses to seal an invalid result', async () => {
		await expect(encryptResult(result({ student: '  ' }), teacher.publicJwk)).rejects.toThrow(
			/name is empty/
		);
		await expect(encryptResult(result(), { kty: 'EC' })).rejects.toThrow(/teacher's key/);
	});

	it('lets an exception that is not about the code propagate, so a bug cannot pass as damage', async () => {
		const code = await encryptResult(result(), teacher.publicJwk);
		const key = { ...teacher.privateJwk };
		Object.defineProperty(key, 'd', {
			get() {
				throw new TypeError('a bug');
			}
		});
		await expect(decryptResult(code, key)).rejects.toThrow('a bug');
	});

	it('rejects a code made for another teacher', async () => {
		const code = await encryptResult(result(), other.publicJwk);
		expect(await refused(code)).toMatch(
			/^This code was made for another teacher's assignment or has been changed\./
		);
	});

	it('rejects a change to any byte', { timeout: 60_000 }, async () => {
		const code = await encryptResult(result(), teacher.publicJwk);
		const bytes = fromBase64Url(code.slice(RESULT_PREFIX.length)) as Uint8Array;
		const checks: Promise<string>[] = [];
		for (let i = 0; i < bytes.length; i++) {
			const changed = bytes.slice();
			changed[i] = (changed[i] as number) ^ (1 << (i % 8));
			checks.push(refused(RESULT_PREFIX + toBase64Url(changed)));
		}
		for (const message of await Promise.all(checks)) {
			expect(message).toMatch(/another teacher's assignment or has been changed/);
		}
	});

	it('rejects a change to any character', { timeout: 60_000 }, async () => {
		const code = await encryptResult(result(), teacher.publicJwk);
		const checks: Promise<string>[] = [];
		for (let i = RESULT_PREFIX.length; i < code.length; i++) {
			const c = code[i] === 'A' ? 'B' : 'A';
			checks.push(refused(code.slice(0, i) + c + code.slice(i + 1)));
		}
		expect((await Promise.all(checks)).length).toBe(code.length - RESULT_PREFIX.length);
	});

	it('rejects truncated codes', { timeout: 60_000 }, async () => {
		const code = await encryptResult(result(), teacher.publicJwk);
		for (const keep of [3, 10, 100, 124, code.length >> 1, code.length - 2, code.length - 1]) {
			expect(await refused(code.slice(0, keep))).toMatch(/incomplete|changed/);
		}
	});

	it('rejects bad base64, a missing prefix, an unknown version and empty input', async () => {
		const code = await encryptResult(result(), teacher.publicJwk);
		expect(await refused(code.slice(0, 40) + '+' + code.slice(41))).toMatch(/characters/);
		expect(await refused(code.slice(RESULT_PREFIX.length))).toMatch(/start with “Q1:”/);
		expect(await refused('Q2:' + code.slice(RESULT_PREFIX.length))).toMatch(/different version/);
		expect(await refused(' \n ')).toMatch(/no result code/);
		expect(await refused('Q1:' + 'A'.repeat(300_000))).toMatch(/too long/);
	});

	it('reports a private key it cannot use', async () => {
		const code = await encryptResult(result(), teacher.publicJwk);
		expect(await refused(code, { kty: 'EC', crv: 'P-256' })).toMatch(/teacher key can't be used/);
	});

	it('rejects a genuine seal whose contents are not a valid result', async () => {
		// Anyone holding the public key can seal, so the decrypted JSON is validated too.
		const { deflateRaw, utf8 } = await import('./codec');
		const seal = async (json: string): Promise<string> => {
			// The construction encryptResult documents, around chosen plaintext.
			const ephemeral = await crypto.subtle.generateKey(
				{ name: 'ECDH', namedCurve: 'P-256' },
				true,
				['deriveBits']
			);
			const raw = new Uint8Array(await crypto.subtle.exportKey('raw', ephemeral.publicKey));
			const pub = await crypto.subtle.importKey(
				'jwk',
				teacher.publicJwk,
				{ name: 'ECDH', namedCurve: 'P-256' },
				false,
				[]
			);
			const shared = await crypto.subtle.deriveBits(
				{ name: 'ECDH', public: pub },
				ephemeral.privateKey,
				256
			);
			const ikm = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
			const teacherRaw = new Uint8Array([
				4,
				...(fromBase64Url(teacher.publicJwk.x as string) as Uint8Array),
				...(fromBase64Url(teacher.publicJwk.y as string) as Uint8Array)
			]);
			const key = await crypto.subtle.deriveKey(
				{
					name: 'HKDF',
					hash: 'SHA-256',
					salt: new Uint8Array(0),
					info: new Uint8Array([...utf8('quire result code v1'), ...raw, ...teacherRaw])
				},
				ikm,
				{ name: 'AES-GCM', length: 256 },
				false,
				['encrypt']
			);
			const iv = new Uint8Array(12);
			const sealed = await crypto.subtle.encrypt(
				{ name: 'AES-GCM', iv, additionalData: utf8(RESULT_PREFIX) as Uint8Array<ArrayBuffer> },
				key,
				(await deflateRaw(utf8(json))) as Uint8Array<ArrayBuffer>
			);
			return (
				RESULT_PREFIX + toBase64Url(new Uint8Array([...raw, ...iv, ...new Uint8Array(sealed)]))
			);
		};
		const good = JSON.stringify([1, 'k3Jx9QpZ', 'Ana', [], 1, 2, 0, 1]);
		expect(await decryptResult(await seal(good), teacher.privateJwk)).toMatchObject({ ok: true });
		expect(await refused(await seal('{"not":"a result"}'))).toMatch(/cannot read/);
		const badScore = JSON.stringify([1, 'k3Jx9QpZ', 'Ana', [['a-b', null, 7, 0]], 1, 2, 0, 1]);
		expect(await refused(await seal(badScore))).toMatch(/list of answers/);
		const badAnswer = JSON.stringify([
			1,
			'k3Jx9QpZ',
			'Ana',
			[['a-b', ['essay', 'hi'], 0, 0]],
			1,
			2,
			0,
			1
		]);
		expect(await refused(await seal(badAnswer))).toMatch(/list of answers/);
		const longName = JSON.stringify([1, 'k3Jx9QpZ', 'A'.repeat(201), [], 1, 2, 0, 1]);
		expect(await refused(await seal(longName))).toMatch(/name is longer than 200/);
	});
});
