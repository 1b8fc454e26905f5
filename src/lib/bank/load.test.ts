import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatErrors, loadBank } from './load';
import { bankStats, choiceStats, GOALS } from './stats';
import { DEFAULT_GOALS, setFigures } from './lint/index';
import { namedParagraphs, readerNumbers } from './lint/paragraph-numbers';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

describe('the real bank in questions/', () => {
	// The app is built from these files: a checkout without them must fail here, not skip.
	it('is there: questions/items holds YAML files', () => {
		const items = path.join(ROOT, 'questions/items');
		expect(existsSync(items), `${items} is missing`).toBe(true);
		expect(readdirSync(items).filter((f) => /\.ya?ml$/.test(f))).not.toEqual([]);
	});

	// Read once: parsing every file takes a while on a busy machine.
	let real: Awaited<ReturnType<typeof loadBank>>;
	beforeAll(async () => {
		real = await loadBank('questions', ROOT);
	}, 60_000);

	it('loads without errors', () => {
		expect(formatErrors(real.errors)).toBe('');
		expect(real.bank).not.toBeNull();
		expect(real.bank!.items.length).toBeGreaterThan(0);
		// As a reader counts: the body paragraphs from 1 in order; header, caption and note are 0.
		expect(real.bank!.paragraphs.map((p) => [p.kind, p.n])).toEqual([
			['header', 0],
			['body', 1],
			['caption', 0],
			...[2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => ['body', n]),
			['note', 0]
		]);
		expect(real.bank!.paragraphs[0]!.kind).toBe('header');
		expect(real.files).toContain(path.join(ROOT, 'questions/article.yaml'));
	});

	it('meets the editorial goals: weight follows the text, recall a minority', () => {
		const stats = bankStats(real.bank!);
		expect(stats.overweight.map((p) => `${p.id} ${p.ratio.toFixed(2)}x`)).toEqual([]);
		expect(stats.recallShare).toBeLessThanOrEqual(GOALS.maxRecall);
		// Every entry says what it tests, and the critical-reading topic has its quiz.
		const critical = real.bank!.items.filter((i) => i.topic === 'critical');
		expect(critical.length).toBeGreaterThanOrEqual(10);
		expect(real.bank!.topics.map((t) => t.id)).toContain('critical');
	});

	it('gives a test-wise student no cue: keys spread, not the longest, true/false balanced', () => {
		const choices = choiceStats(real.bank!.items);
		expect(choices.keyPositions).toSatisfy((p: Record<number, number>) =>
			Object.values(p).every((n) => n <= GOALS.maxKeyPosition * choices.keys)
		);
		expect(choices.longestKey).toBeLessThanOrEqual(GOALS.maxLongestKey * choices.singles);
		// Nor "pick the shortest": the cure for long keys must not overshoot (third review).
		const figures = setFigures(real.bank!.items);
		expect(figures.shortestKey).toBeLessThanOrEqual(DEFAULT_GOALS.maxShortestKey * figures.single);
		expect(choices.trueFalseOk).toBe(true);
		expect(Object.keys(choices.options).map(Number)).toSatisfy((ns: number[]) =>
			ns.every((n) => n >= GOALS.minOptions && n <= GOALS.maxOptions)
		);
	});

	it('names paragraphs as a reader counts them, and only paragraphs it cites', () => {
		// A reader numbers the body paragraphs from 1; the header, the photo caption and the
		// closing note are named, not numbered (questions/README.md, "Paragraph numbers").
		const numbers = readerNumbers(real.bank!.paragraphs);
		expect([...numbers.values()]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		const stray: string[] = [];
		for (const e of [...real.bank!.items, ...real.bank!.flashcards]) {
			const cited = new Set(
				[e.paragraph, ...(e.sources ?? []).map((s) => s.paragraph)].map((p) => numbers.get(p))
			);
			const text = JSON.stringify({ ...e, source: '', sources: [] });
			for (const n of namedParagraphs(text))
				if (!cited.has(n)) stray.push(`${e.id}: paragraph ${n}`);
		}
		expect(stray).toEqual([]);
	});
});

const ARTICLE = `meta:
  title: T
  outlet: O
  editor: E
  author: A
  affiliation: F
topics:
  - id: alpha
    title: Alpha
paragraphs:
  - id: p1
    kind: body
    text: The treaty was signed in December 1987.
`;

// Each id gets its own statement, so the entries differ in everything but the id.
const STATEMENTS: Record<string, string> = {
	first: 'The treaty was signed in winter.',
	dup: 'The signing took place before 1990.'
};
const item = (id: string) => `  - id: ${id}
    type: truefalse
    prompt: ${STATEMENTS[id]}
    answer: true
    explanation: December is in winter.
    source: signed in December 1987
    paragraph: p1
    topic: alpha
    difficulty: 1
    voice: fact
    level: recall
`;

describe('loadBank', () => {
	let root: string;

	beforeAll(async () => {
		root = await mkdtemp(path.join(tmpdir(), 'quire-bank-'));
		await mkdir(path.join(root, 'bank/items'), { recursive: true });
		await writeFile(path.join(root, 'bank/article.yaml'), ARTICLE);
		await writeFile(path.join(root, 'bank/items/b.yaml'), `items:\n${item('dup')}`);
		await writeFile(
			path.join(root, 'bank/items/a.yaml'),
			`items:\n${item('first')}\n${item('dup')}`
		);
		await writeFile(path.join(root, 'bank/items/notes.txt'), 'not yaml');
	});

	afterAll(async () => {
		await rm(root, { recursive: true, force: true });
	});

	it('reads files in name order, names them from the root, and tolerates a missing folder', async () => {
		const result = await loadBank('bank', root);
		expect(result.bank).toBeNull();
		expect(result.errors).toEqual([
			{
				file: 'bank/items/b.yaml',
				line: 2,
				message: 'duplicate id "dup" (first at bank/items/a.yaml:14)'
			}
		]);
		expect(result.files.map((f) => path.relative(root, f))).toEqual([
			'bank/article.yaml',
			'bank/items/a.yaml',
			'bank/items/b.yaml'
		]);
	});

	it('reports a missing article as an error', async () => {
		const result = await loadBank('nowhere', root);
		expect(result.bank).toBeNull();
		expect(result.errors).toEqual([
			{
				file: 'nowhere/article.yaml',
				line: 1,
				message: expect.stringContaining('cannot read') as unknown
			}
		]);
	});
});

describe('formatErrors', () => {
	it('prints one file:line: message per error', () => {
		expect(
			formatErrors([
				{ file: 'questions/items/treaty.yaml', line: 42, message: 'duplicate id "x"' },
				{ file: 'questions/article.yaml', line: 3, message: 'meta.title: is required' }
			])
		).toBe(
			'questions/items/treaty.yaml:42: duplicate id "x"\nquestions/article.yaml:3: meta.title: is required'
		);
	});
});
