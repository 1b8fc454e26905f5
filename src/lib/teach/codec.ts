/** Byte helpers shared by assignment links and result codes: base64url and raw deflate. */

/** Why received bytes could not be decoded: an expected failure, told apart from a bug. */
export type DecodeReason = 'damaged' | 'too-large';

/**
 * An expected failure to decode received data (a damaged or oversized link or code). Decoders
 * turn it into a message; any other exception is a bug and propagates.
 */
export class DecodeError extends Error {
	constructor(
		readonly reason: DecodeReason,
		message: string,
		options?: { cause?: unknown }
	) {
		super(message, options);
		this.name = 'DecodeError';
	}
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

/** URL-safe base64 without padding (RFC 4648 §5). */
export function toBase64Url(bytes: Uint8Array): string {
	const at = (n: number) => ALPHABET.charAt(n & 63);
	let out = '';
	for (let i = 0; i < bytes.length; i += 3) {
		const rest = bytes.length - i;
		const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
		out += at(n >> 18) + at(n >> 12);
		if (rest > 1) out += at(n >> 6);
		if (rest > 2) out += at(n);
	}
	return out;
}

/**
 * Decodes URL-safe base64 without padding; null for any other character, an impossible length or
 * non-zero spare bits. Strict so that every changed character changes the bytes or is refused.
 */
export function fromBase64Url(text: string): Uint8Array | null {
	if (text.length % 4 === 1) return null;
	const out = new Uint8Array(Math.floor((text.length * 3) / 4));
	let acc = 0;
	let bits = 0;
	let o = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		const v = c < 128 ? (LOOKUP[c] as number) : -1;
		if (v < 0) return null;
		acc = ((acc << 6) | v) & 0xffffff;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (acc >> bits) & 0xff;
		}
	}
	if (bits > 0 && (acc & ((1 << bits) - 1)) !== 0) return null;
	return out;
}

async function readAll(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
	const reader = stream.getReader();
	const chunks: Uint8Array[] = [];
	let total = 0;
	for (;;) {
		let chunk: ReadableStreamReadResult<Uint8Array>;
		try {
			chunk = await reader.read();
		} catch (error) {
			// The only way a (de)compression stream fails is on bytes it cannot decode.
			throw new DecodeError('damaged', 'the compressed data is damaged', { cause: error });
		}
		const { done, value } = chunk;
		if (done) break;
		total += value.length;
		if (total > maxBytes) {
			// A tiny input can inflate enormously; stop before it costs memory.
			await reader.cancel();
			throw new DecodeError('too-large', 'the inflated data is too large');
		}
		chunks.push(value);
	}
	const out = new Uint8Array(total);
	let at = 0;
	for (const chunk of chunks) {
		out.set(chunk, at);
		at += chunk.length;
	}
	return out;
}

function transform(bytes: Uint8Array, stream: CompressionStream | DecompressionStream) {
	// A Blob feeds the stream without a writer whose promises could reject unobserved.
	return new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream);
}

/** Raw deflate (no zlib header: two bytes shorter). */
export function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
	return readAll(transform(bytes, new CompressionStream('deflate-raw')), Number.MAX_SAFE_INTEGER);
}

/** Inflates raw deflate; rejects with a DecodeError on damaged or truncated data or output beyond maxBytes. */
export function inflateRaw(bytes: Uint8Array, maxBytes: number): Promise<Uint8Array> {
	return readAll(transform(bytes, new DecompressionStream('deflate-raw')), maxBytes);
}

/** UTF-8 text to bytes. */
export function utf8(text: string): Uint8Array {
	return new TextEncoder().encode(text);
}

/** Bytes to text; null when the bytes are not valid UTF-8. */
export function fromUtf8(bytes: Uint8Array): string | null {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch (error) {
		// A fatal decoder throws TypeError on invalid UTF-8, and only then.
		if (error instanceof TypeError) return null;
		throw error;
	}
}

/** JSON.parse that returns undefined for text that is not JSON. */
export function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch (error) {
		if (error instanceof SyntaxError) return undefined;
		throw error;
	}
}

/** True for the DOMExceptions WebCrypto raises on keys or data it refuses (not on a bug). */
export function isCryptoRefusal(error: unknown): boolean {
	return (
		error instanceof DOMException &&
		[
			'DataError',
			'OperationError',
			'InvalidAccessError',
			'NotSupportedError',
			'SyntaxError'
		].includes(error.name)
	);
}
