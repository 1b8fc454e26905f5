/** QR codes as scalable SVG, for links shown on a projector and codes shown to a teacher. */
import { encode, type QrCodeGenerateResult } from 'uqr';
import { PROJECTOR_MAX_VERSION } from './limits.ts';

// The standard's quiet zone: scanners need four light modules around the symbol.
const QUIET = 4;

function pick(text: string): { qr: QrCodeGenerateResult; ecc: 'L' | 'M' } {
	const low = encode(text, { ecc: 'L', border: 0 });
	try {
		// M survives smudges and glare better; take it only when it costs no extra modules.
		const opts = { ecc: 'M', border: 0, minVersion: low.version, maxVersion: low.version } as const;
		return { qr: encode(text, opts), ecc: 'M' };
	} catch {
		return { qr: low, ecc: 'L' };
	}
}

/** The QR version (1..40), size in modules (without quiet zone) and level qrSvg would use. */
export function qrInfo(text: string): { version: number; modules: number; ecc: 'L' | 'M' } {
	const { qr, ecc } = pick(text);
	return { version: qr.version, modules: qr.size, ecc };
}

/** An SVG QR code for text, scaled by its viewBox; throws a RangeError if text can't fit. */
export function qrSvg(text: string): string {
	let qr: QrCodeGenerateResult;
	try {
		qr = pick(text).qr;
	} catch {
		throw new RangeError('Too long for a QR code.');
	}
	const size = qr.size + 2 * QUIET;
	let d = '';
	qr.data.forEach((row, y) => {
		let x = 0;
		while (x < row.length) {
			if (!row[x]) {
				x++;
				continue;
			}
			const start = x;
			while (row[x]) x++;
			// One rectangle per run of dark modules keeps the markup a fraction of per-module paths.
			d += `M${start + QUIET} ${y + QUIET}h${x - start}v1h${start - x}z`;
		}
	});
	return (
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}"` +
		` shape-rendering="crispEdges">` +
		`<rect width="${size}" height="${size}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`
	);
}

/** qrSvg, or null when the text is too long for a QR code. */
export function tryQrSvg(text: string): string | null {
	try {
		return qrSvg(text);
	} catch {
		return null;
	}
}

export { PROJECTOR_MAX_VERSION };

/** A QR code for a projector: the SVG, or null with the version the text would need (null: none). */
export function projectorQr(text: string): { svg: string | null; version: number | null } {
	let version: number;
	try {
		version = qrInfo(text).version;
	} catch {
		return { svg: null, version: null };
	}
	return { svg: version <= PROJECTOR_MAX_VERSION ? qrSvg(text) : null, version };
}
