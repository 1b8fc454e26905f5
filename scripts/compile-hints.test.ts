import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPILE_HINT, compileHints, withCompileHint } from './compile-hints';

type File = { type: 'chunk'; fileName: string } | { type: 'asset'; fileName: string };

describe('compile hints', () => {
	it('open every client script as written, once, and leave the server build and assets alone', () => {
		const dir = mkdtempSync(join(tmpdir(), 'hints-'));
		const files: Record<string, [File, string]> = {
			a: [{ type: 'chunk', fileName: '_app/immutable/chunks/framework.abc.js' }, 'let a=1;'],
			b: [{ type: 'chunk', fileName: '_app/immutable/nodes/3.def.js' }, COMPILE_HINT + 'b();'],
			c: [{ type: 'chunk', fileName: 'entries/pages/_page.svelte.js' }, 'let c=3;'],
			d: [{ type: 'asset', fileName: '_app/immutable/assets/0.css' }, 'a{}']
		};
		for (const [file, text] of Object.values(files)) {
			mkdirSync(dirname(join(dir, file.fileName)), { recursive: true });
			writeFileSync(join(dir, file.fileName), text);
		}
		const hook = compileHints().writeBundle as unknown as (
			this: unknown,
			options: { dir?: string },
			bundle: Record<string, File>
		) => void;
		hook.call({}, { dir }, Object.fromEntries(Object.entries(files).map(([k, [f]]) => [k, f])));
		const read = (k: string) => readFileSync(join(dir, files[k]![0].fileName), 'utf8');
		expect(read('a')).toBe(COMPILE_HINT + 'let a=1;');
		expect(read('b')).toBe(COMPILE_HINT + 'b();');
		expect(read('c')).toBe('let c=3;');
		expect(read('d')).toBe('a{}');
		expect(withCompileHint(withCompileHint('x'))).toBe(COMPILE_HINT + 'x');
	});
});
