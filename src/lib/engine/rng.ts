/** A seeded source of floats in [0, 1), like Math.random but reproducible. */
export type Rng = () => number;

// cyrb128 spreads a string over four 32-bit words, so similar seeds ('a', 'b') diverge at once.
function hashSeed(text: string): [number, number, number, number] {
	let h1 = 1779033703;
	let h2 = 3144134277;
	let h3 = 1013904242;
	let h4 = 2773480762;
	for (let i = 0; i < text.length; i++) {
		const k = text.charCodeAt(i);
		h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
		h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
		h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
		h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
	}
	h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
	h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
	h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
	h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
	h1 ^= h2 ^ h3 ^ h4;
	h2 ^= h1;
	h3 ^= h1;
	h4 ^= h1;
	return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** A seeded PRNG (sfc32); the same seed gives the same sequence on every device. */
export function createRng(seed: string | number): Rng {
	let [a, b, c, d] = hashSeed(String(seed));
	const next = (): number => {
		a |= 0;
		b |= 0;
		c |= 0;
		d |= 0;
		const t = (((a + b) | 0) + d) | 0;
		d = (d + 1) | 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) | 0;
		c = (c << 21) | (c >>> 11);
		c = (c + t) | 0;
		return (t >>> 0) / 4294967296;
	};
	// sfc32's first outputs still echo the seed words; discarding a few mixes them in.
	for (let i = 0; i < 12; i++) next();
	return next;
}

/** A whole number in [0, max), drawn from rng. */
export function randomInt(rng: Rng, max: number): number {
	return Math.floor(rng() * max);
}

/** A shuffled copy of items (Fisher–Yates); the input is left untouched. */
export function shuffle<T>(items: readonly T[], rng: Rng): T[] {
	const out = items.slice();
	for (let i = out.length - 1; i > 0; i--) {
		const j = randomInt(rng, i + 1);
		const tmp = out[i] as T;
		out[i] = out[j] as T;
		out[j] = tmp;
	}
	return out;
}

// No 0/o or 1/l, so a seed read aloud or copied by hand survives.
const SEED_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** A fresh seed string (10 chars, 50 bits) from an injected source such as Math.random. */
export function randomSeed(rand: () => number, length = 10): string {
	let seed = '';
	for (let i = 0; i < length; i++) {
		seed += SEED_ALPHABET[Math.floor(rand() * SEED_ALPHABET.length) % SEED_ALPHABET.length];
	}
	return seed;
}
