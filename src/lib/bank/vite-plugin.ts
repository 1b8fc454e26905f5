import path from 'node:path';
import type { Plugin } from 'vite';
import { formatErrors, loadBank, type LoadResult } from './load.ts';

const ID = 'virtual:quire-bank';
// The \0 prefix tells other plugins (and Vite's file handling) the module is not on disk.
const RESOLVED = '\0' + ID;

/** Options for {@link questionBank}. */
export interface QuestionBankOptions {
	/** The bank folder, relative to the Vite root; defaults to `questions`. */
	dir?: string;
}

/** Serves the validated bank as `virtual:quire-bank`; any bank error fails `vite build`. */
export function questionBank(options: QuestionBankOptions = {}): Plugin {
	const dir = options.dir ?? 'questions';
	let root = process.cwd();
	let serving = false;
	// Shared by buildStart and load so a build reads and validates the files once.
	let pending: Promise<LoadResult> | null = null;
	const current = () => (pending ??= loadBank(dir, root));

	const describe = (result: LoadResult) => {
		const n = result.errors.length;
		return `question bank has ${n} error${n === 1 ? '' : 's'}:\n${formatErrors(result.errors)}`;
	};
	const isBankFile = (file: string) => {
		const rel = path.relative(path.resolve(root, dir), file);
		return !rel.startsWith('..') && !path.isAbsolute(rel) && /\.ya?ml$/.test(rel);
	};

	return {
		name: 'quire-question-bank',

		configResolved(config) {
			root = config.root;
			serving = config.command === 'serve';
		},

		async buildStart() {
			pending = null;
			const result = await current();
			for (const file of result.files) this.addWatchFile(file);
			if (result.errors.length === 0) return;
			// A dev server (or vitest) should still start; importing the module shows the errors.
			if (serving) this.warn(describe(result));
			else this.error(describe(result));
		},

		resolveId(id) {
			return id === ID ? RESOLVED : null;
		},

		async load(id) {
			if (id !== RESOLVED) return null;
			const result = await current();
			for (const file of result.files) this.addWatchFile(file);
			if (!result.bank) return this.error(describe(result));
			// JSON.parse of a string literal parses faster than the same data as an object literal.
			return `export default JSON.parse(${JSON.stringify(JSON.stringify(result.bank))});`;
		},

		hotUpdate({ file }) {
			if (!isBankFile(file)) return;
			pending = null;
			const graph = this.environment.moduleGraph;
			const mod = graph.getModuleById(RESOLVED);
			if (mod) {
				graph.invalidateModule(mod);
				return [mod];
			}
			// Not loaded yet (or its first load failed): a reload is the only safe refresh.
			if (this.environment.name === 'client') this.environment.hot.send({ type: 'full-reload' });
			return [];
		}
	};
}
