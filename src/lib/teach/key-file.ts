/** The teacher's exported key pair: the file's shape, reading it back and writing it. */
import * as v from 'valibot';
import { Time } from '../engine/bounds';
import { PrivateJwkSchema, PublicJwkSchema, type PrivateJwk, type PublicJwk } from './crypto';

const NOT_A_KEY = 'This file is not a Quire teacher key. Choose the .json file you exported.';
const HALVES = 'This teacher key file is damaged: its two halves do not match.';

/** The file an exported teacher key is saved in; its two halves must be one key. */
export const KeyFileSchema = v.pipe(
	v.object({
		format: v.literal('quire-teacher-key'),
		v: v.literal(1),
		createdAt: v.optional(Time),
		publicJwk: PublicJwkSchema,
		privateJwk: PrivateJwkSchema
	}),
	v.check((k) => k.privateJwk.x === k.publicJwk.x && k.privateJwk.y === k.publicJwk.y, HALVES)
);

/** An exported teacher key, as read back: dated, and only the coordinates of each half. */
export interface KeyFile {
	format: 'quire-teacher-key';
	v: 1;
	createdAt: number;
	publicJwk: PublicJwk;
	privateJwk: PrivateJwk;
}

/** The key pair as the text of its file, for the download. */
export function keyFileText(keys: {
	createdAt: number;
	publicJwk: PublicJwk;
	privateJwk: PrivateJwk;
}): string {
	const file: KeyFile = {
		format: 'quire-teacher-key',
		v: 1,
		createdAt: keys.createdAt,
		publicJwk: keys.publicJwk,
		privateJwk: keys.privateJwk
	};
	return JSON.stringify(file, null, '\t');
}

/** Reads an exported key file; a sentence when it is not one. `now` dates a file that has no date. */
export async function parseKeyFile(text: string, now: number): Promise<KeyFile | string> {
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		return NOT_A_KEY;
	}
	const parsed = v.safeParse(KeyFileSchema, data);
	if (!parsed.success) {
		// The halves check runs only on a file of the right shape, so its message is the one to say.
		return parsed.issues.some((i) => i.message === HALVES) ? HALVES : NOT_A_KEY;
	}
	const k = parsed.output;
	const { kty, crv, x, y, d } = k.privateJwk;
	try {
		const curve = { name: 'ECDH', namedCurve: 'P-256' };
		await crypto.subtle.importKey('jwk', { kty, crv, x, y, d }, curve, false, ['deriveBits']);
	} catch {
		return 'This teacher key file is damaged and cannot be used.';
	}
	return {
		format: 'quire-teacher-key',
		v: 1,
		createdAt: k.createdAt ?? now,
		publicJwk: { kty, crv, x, y },
		privateJwk: { kty, crv, x, y, d }
	};
}

/** Whether two public keys are the same key. */
export function sameKey(a: PublicJwk | undefined, b: PublicJwk | undefined): boolean {
	return !!a && !!b && a.x === b.x && a.y === b.y;
}
