import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import {
	entryTexts,
	hasTex,
	MathMap,
	sanitiseMathml,
	serialiseMath,
	splitMath,
	texSegments
} from './math';
import { SetItem } from './set';

describe('splitMath', () => {
	it('splits inline, display and $$ segments from plain text', () => {
		expect(splitMath('Solve \\(x^2+1=0\\) then $$y$$ and \\[\\frac{a}{b}\\].')).toEqual([
			{ kind: 'text', text: 'Solve ' },
			{ kind: 'math', source: '\\(x^2+1=0\\)', tex: 'x^2+1=0', display: false },
			{ kind: 'text', text: ' then ' },
			{ kind: 'math', source: '$$y$$', tex: 'y', display: true },
			{ kind: 'text', text: ' and ' },
			{ kind: 'math', source: '\\[\\frac{a}{b}\\]', tex: '\\frac{a}{b}', display: true },
			{ kind: 'text', text: '.' }
		]);
	});

	it('leaves unclosed or empty delimiters and single dollars as text', () => {
		expect(splitMath('costs $5 or $6, \\(x and')).toEqual([
			{ kind: 'text', text: 'costs $5 or $6, \\(x and' }
		]);
		expect(splitMath('an empty \\( \\) one')).toEqual([
			{ kind: 'text', text: 'an empty \\( \\) one' }
		]);
		expect(hasTex('no maths here $5')).toBe(false);
		expect(hasTex('a \\(b\\)')).toBe(true);
		expect(hasTex('a \\(b\\)')).toBe(true);
	});

	it('lists every segment of an entry once, choices, pairs and form rows included', () => {
		const texts = entryTexts({
			prompt: 'Which is \\(x^2\\)?',
			choices: [{ text: '\\(x^2\\)', right: true }, '\\(2x\\)'],
			pairs: [{ left: '$$a$$', right: 'b' }],
			explanation: 'Because \\(x\\cdot x\\).',
			topic: '\\(not scanned\\)'
		});
		expect(texSegments(texts).map((s) => s.source)).toEqual([
			'\\(x^2\\)',
			'\\(2x\\)',
			'$$a$$',
			'\\(x\\cdot x\\)'
		]);
	});
});

describe('sanitiseMathml', () => {
	const ok = '<math><mrow><msup><mi>x</mi><mn>2</mn></msup><mo>+</mo><mn>1</mn></mrow></math>';

	it('keeps MathML Core and adds the TeX as alttext', () => {
		const tree = sanitiseMathml(ok, 'x^2+1');
		expect(tree?.attrs.alttext).toBe('x^2+1');
		expect(tree && serialiseMath(tree)).toBe(ok);
	});

	it('drops links, event handlers, styles and foreign elements', () => {
		const hostile =
			'<math onload="alert(1)" href="javascript:alert(1)" style="x:y" display="block">' +
			'<mi onclick="alert(2)" xlink:href="javascript:alert(3)" mathvariant="bold">x</mi>' +
			'<mtext><img src="x" onerror="alert(4)"/>t</mtext>' +
			'<annotation-xml encoding="text/html"><script>alert(5)</script></annotation-xml>' +
			'<maction actiontype="statusline"><mi>y</mi></maction>' +
			'<mo lspace="javascript:alert(6)">+</mo></math>';
		const tree = sanitiseMathml(hostile);
		expect(tree).not.toBeNull();
		const out = serialiseMath(tree!);
		expect(out).toBe(
			'<math display="block"><mi mathvariant="bold">x</mi><mtext>t</mtext><mo>+</mo></math>'
		);
		expect(out).not.toMatch(/script|alert|href|on[a-z]+=|style|img|maction/);
	});

	it('escapes text it writes back', () => {
		const tree = sanitiseMathml('<math><mtext>&lt;script&gt; &amp; &#x3C;b&#62;</mtext></math>');
		expect(tree?.children).toEqual([{ name: 'mtext', attrs: {}, children: ['<script> & <b>'] }]);
		expect(serialiseMath(tree!)).toBe('<math><mtext>&lt;script&gt; &amp; &lt;b&gt;</mtext></math>');
	});

	it.each([
		['not MathML', '<div>x</div>'],
		['HTML around', '<p><math><mi>x</mi></math></p>'],
		['two roots', '<math></math><math></math>'],
		['text outside', 'x<math></math>'],
		['a comment', '<math><!-- x --><mi>x</mi></math>'],
		['CDATA', '<math><mtext><![CDATA[<script>]]></mtext></math>'],
		['a DOCTYPE', '<!DOCTYPE math><math></math>'],
		['a tag left open', '<math><mi>x</math>'],
		['unknown entity', '<math><mi>&nbsp;</mi></math>'],
		['bare ampersand', '<math><mi>a & b</mi></math>'],
		['unquoted attribute', '<math><mi mathvariant=bold>x</mi></math>'],
		['nested math', '<math><math></math></math>'],
		['too deep', '<math>' + '<mrow>'.repeat(80) + '</mrow>'.repeat(80) + '</math>']
	])('refuses %s', (_name, input) => {
		const tree = sanitiseMathml(input);
		if (_name === 'nested math') expect(tree && serialiseMath(tree)).toBe('<math></math>');
		else expect(tree).toBeNull();
	});
});

describe('the math map', () => {
	const item = {
		id: 'own-a',
		type: 'single',
		prompt: 'What is \\(x^2\\)?',
		choices: ['a', 'b'],
		answer: 'a',
		topic: 'general',
		difficulty: 2,
		voice: 'fact'
	};
	it('is optional on an own entry and checked when present', () => {
		expect(v.safeParse(SetItem, item).success).toBe(true);
		const math = { '\\(x^2\\)': '<math><msup><mi>x</mi><mn>2</mn></msup></math>' };
		expect(v.safeParse(SetItem, { ...item, math }).success).toBe(true);
		expect(v.safeParse(SetItem, { ...item, math: { '\\(x^2\\)': '<script>' } }).success).toBe(
			false
		);
		expect(v.safeParse(MathMap, { '\\(x\\)': 3 }).success).toBe(false);
	});
});
