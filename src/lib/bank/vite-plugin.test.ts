import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, type Rolldown } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { questionBank } from './vite-plugin';

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

const ITEMS = `items:
  - id: winter
    type: truefalse
    prompt: The treaty was signed in winter.
    answer: true
    explanation: December is in winter.
    source: signed in December 1987
    paragraph: p1
    topic: alpha
    difficulty: 1
    voice: fact
    level: recall
`;

let root: string;

async function writeBank(dir: string, items: string) {
	await mkdir(path.join(root, dir, 'items'), { recursive: true });
	await writeFile(path.join(root, dir, 'article.yaml'), ARTICLE);
	await writeFile(path.join(root, dir, 'items/alpha.yaml'), items);
}

/** Builds an entry that re-exports the virtual module, returning the bundle's code. */
async function bundle(dir: string): Promise<string> {
	const result = await build({
		root,
		configFile: false,
		logLevel: 'silent',
		plugins: [questionBank({ dir })],
		build: {
			write: false,
			lib: { entry: path.join(root, 'entry.js'), formats: ['es'], fileName: 'entry' }
		}
	});
	const output = (Array.isArray(result) ? result[0] : result) as Rolldown.RolldownOutput;
	const chunk = output.output[0];
	return chunk?.type === 'chunk' ? chunk.code : '';
}

beforeAll(async () => {
	root = await mkdtemp(path.join(tmpdir(), 'quire-plugin-'));
	await writeFile(
		path.join(root, 'entry.js'),
		"import bank from 'virtual:quire-bank';\nexport const version = bank.version;\n"
	);
	await writeBank('good', ITEMS);
	await writeBank('bad', ITEMS.replace('difficulty: 1', 'difficulty: 5'));
});

afterAll(async () => {
	await rm(root, { recursive: true, force: true });
});

describe('questionBank', () => {
	it('bundles the compiled bank as virtual:quire-bank', async () => {
		const code = await bundle('good');
		expect(code).toContain('\\"id\\":\\"winter\\"');
		expect(code).toMatch(/\\"version\\":\\"[0-9a-f]{12}\\"/);
	});

	it('fails the build with every error as file:line: message', async () => {
		await expect(bundle('bad')).rejects.toThrow(
			/question bank has 1 error:\nbad\/items\/alpha\.yaml:10: difficulty: must be 1, 2 or 3/
		);
	});
});
