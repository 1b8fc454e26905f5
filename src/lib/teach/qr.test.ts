import { encode } from 'uqr';
import { describe, expect, it } from 'vitest';
import { PROJECTOR_MAX_VERSION, projectorQr, qrInfo, qrSvg, tryQrSvg } from './qr';

describe('qrSvg', () => {
	it('draws a scalable SVG with a white quiet zone', () => {
		const svg = qrSvg('https://quire.example.org/a#1abc');
		const { modules } = qrInfo('https://quire.example.org/a#1abc');
		const size = modules + 8;
		expect(svg).toMatch(
			new RegExp(`^<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}"`)
		);
		expect(svg).not.toMatch(/\swidth="\d+"[^>]*>(?=<rect)/);
		expect(svg).toContain(`<rect width="${size}" height="${size}" fill="#fff"/>`);
		expect(svg).not.toContain('role=');
		// Nothing is drawn inside the four-module quiet zone.
		const starts = [...svg.matchAll(/M(\d+) (\d+)h(\d+)/g)].map((m) => m.slice(1).map(Number));
		for (const [x, y, w] of starts) {
			expect(x).toBeGreaterThanOrEqual(4);
			expect(y).toBeGreaterThanOrEqual(4);
			expect((x as number) + (w as number)).toBeLessThanOrEqual(size - 4);
			expect(y).toBeLessThan(size - 4);
		}
	});

	it('prefers level M when it costs no extra modules, else L', () => {
		expect(qrInfo('hi').ecc).toBe('M');
		const seen = new Set<string>();
		for (let n = 10; n <= 1000; n += 61) {
			const text = 'https://quire.example.org/a#1' + 'x'.repeat(n);
			const low = encode(text, { ecc: 'L' }).version;
			const medium = encode(text, { ecc: 'M' }).version;
			const info = qrInfo(text);
			expect(info.ecc).toBe(medium === low ? 'M' : 'L');
			expect(info.version).toBe(low);
			seen.add(info.ecc);
		}
		expect([...seen].sort()).toEqual(['L', 'M']);
	});

	it('fits a 1,000-character link', () => {
		const link = 'https://quire.example.org/a#1' + 'AbCd-_9z'.repeat(125).slice(0, 1000 - 29);
		expect(link).toHaveLength(1000);
		const svg = qrSvg(link);
		const info = qrInfo(link);
		console.log(
			`QR for a 1,000-char link: version ${info.version}, ${info.modules}×${info.modules} modules, level ${info.ecc}, ${svg.length} bytes of SVG`
		);
		expect(info.version).toBeLessThanOrEqual(25);
		expect(svg.length).toBeGreaterThan(1000);
	});

	it('refuses text no QR code can hold', () => {
		expect(() => qrSvg('x'.repeat(5000))).toThrow(RangeError);
		expect(tryQrSvg('x'.repeat(5000))).toBeNull();
		expect(tryQrSvg('hi')).toMatch(/^<svg/);
	});
});

describe('projectorQr', () => {
	it('draws links up to version 25 and says what a longer one would need', () => {
		const short = projectorQr(`https://quire.example/a#${'x'.repeat(400)}`);
		expect(short.svg).toMatch(/^<svg/);
		expect(short.version).toBeLessThanOrEqual(PROJECTOR_MAX_VERSION);
		const long = projectorQr(`https://quire.example/a#${'x'.repeat(2000)}`);
		expect(long.svg).toBeNull();
		expect(long.version).toBeGreaterThan(PROJECTOR_MAX_VERSION);
		expect(projectorQr('x'.repeat(5000))).toEqual({ svg: null, version: null });
	});
});
