import { describe, expect, it } from 'vitest';
import { convertTex, withMath } from './tex';

describe('TeX conversion', () => {
	it('converts TeX to sanitised MathML', async () => {
		const r = await convertTex('x^2+1', false);
		expect(r).toEqual({
			ok: true,
			mathml: '<math><mrow><msup><mi>x</mi><mn>2</mn></msup><mo>+</mo><mn>1</mn></mrow></math>'
		});
		const d = await convertTex('\\frac{a}{b}', true);
		expect(d.ok ? d.mathml : '').toMatch(/^<math display="block">.*<mfrac>/);
	});

	it('names a TeX error and keeps nothing for it', async () => {
		const r = await convertTex('\\frac{a', false);
		expect(r.ok).toBe(false);
		expect(r.ok ? '' : r.message).toMatch(/end of input/i);
	});

	it('never keeps a link or a style the TeX asks for', async () => {
		const link = await convertTex('\\href{javascript:alert(1)}{x}', false);
		expect(link).toEqual({ ok: false, message: 'Unsupported function name: \\href at position 1' });
		const r = await convertTex('\\boxed{y}\\color{red}{z}', false);
		expect(r.ok).toBe(true);
		expect(r.ok ? r.mathml : '').not.toMatch(/ style=/);
		expect(r.ok ? r.mathml : '').toContain('<mi mathcolor="#ff0000">z</mi>');
	});

	it('sets an entry’s map from its text and replaces a map it came with', async () => {
		const { entry, errors } = await withMath({
			id: 'own-a',
			prompt: 'What is \\(x^2\\)?',
			choices: ['\\(2x\\)', '\\(\\bad{\\)'],
			math: { '\\(x^2\\)': '<math><mi>hostile</mi></math>' }
		});
		expect(Object.keys(entry.math ?? {})).toEqual(['\\(x^2\\)', '\\(2x\\)']);
		expect(entry.math?.['\\(x^2\\)']).toContain('<msup>');
		expect(errors).toEqual([
			{ source: '\\(\\bad{\\)', message: expect.stringMatching(/bad/) as unknown }
		]);
		const plain = await withMath({ id: 'own-b', prompt: 'No maths', math: { x: 'y' } });
		expect('math' in plain.entry).toBe(false);
	});
});
