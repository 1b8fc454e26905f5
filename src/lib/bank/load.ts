import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { validateBank, type BankError, type BankFile, type BankResult } from './validate.ts';

/** A validation result plus the absolute paths of every file read, for watchers. */
export interface LoadResult extends BankResult {
	files: string[];
}

/** Reads article.yaml, items/*.yaml and flashcards/*.yaml under dir and validates them. */
export async function loadBank(dir = 'questions', root = process.cwd()): Promise<LoadResult> {
	const base = path.resolve(root, dir);
	// Errors name files relative to the project root, with forward slashes on every platform.
	const name = (abs: string) => path.relative(root, abs).split(path.sep).join('/');
	const articlePath = path.join(base, 'article.yaml');
	const files: string[] = [articlePath];
	const sources: BankFile[] = [];

	for (const kind of ['items', 'flashcards'] as const) {
		for (const entry of await listYaml(path.join(base, kind))) {
			const abs = path.join(base, kind, entry);
			files.push(abs);
			sources.push({ file: name(abs), kind, text: await readFile(abs, 'utf8') });
		}
	}

	let articleText: string;
	try {
		articleText = await readFile(articlePath, 'utf8');
	} catch (e) {
		const message = `cannot read the article: ${(e as Error).message}`;
		return { bank: null, errors: [{ file: name(articlePath), line: 1, message }], files };
	}
	return { ...validateBank({ file: name(articlePath), text: articleText }, sources), files };
}

async function listYaml(dir: string): Promise<string[]> {
	try {
		const entries = await readdir(dir, { withFileTypes: true });
		return entries
			.filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
			.map((e) => e.name)
			.sort();
	} catch (e) {
		// A bank may not have flashcards (or items) yet; any other failure is real.
		if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
		throw e;
	}
}

/** One `file:line: message` line per error. */
export function formatErrors(errors: readonly BankError[]): string {
	return errors.map((e) => `${e.file}:${e.line}: ${e.message}`).join('\n');
}
