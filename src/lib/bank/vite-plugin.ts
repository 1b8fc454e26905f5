import path from 'node:path';
import type { Plugin } from 'vite';
import { formatErrors, loadBank, type LoadResult } from './load.ts';
import { bankArticle, bankFlashcards, bankIndex, bankSummary } from './parts.ts';
import type { Bank } from './schema.ts';

const ID = 'virtual:quire-bank';
/** The whole bank, and the parts a page can load alone (parts.ts). */
const MODULES: Record<string, (bank: Bank) => unknown> = {
	[ID]: (bank) => bank,
	[`${ID}/summary`]: bankSummary,
	[`${ID}/flashcards`]: bankFlashcards,
	[`${ID}/index`]: bankIndex,
	[`${ID}/article`]: bankArticle
};
// The \0 prefix tells other plugins (and Vite's file handling) the module is not on disk.
const resolved = (id: string) => '\0' + id;
const BY_RESOLVED = new Map(Object.entries(MODULES).map(([id, part]) => [resolved(id), part]));

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
			return id in MODULES ? resolved(id) : null;
		},

		async load(id) {
			const part = BY_RESOLVED.get(id);
			if (!part) return null;
			const result = await current();
			for (const file of result.files) this.addWatchFile(file);
			if (!result.bank) return this.error(describe(result));
			// JSON.parse of a string literal parses faster than the same data as an object literal.
			return `export default JSON.parse(${JSON.stringify(JSON.stringify(part(result.bank)))});`;
		},

		hotUpdate({ file }) {
			if (!isBankFile(file)) return;
			pending = null;
			const graph = this.environment.moduleGraph;
			const mods = [...BY_RESOLVED.keys()].flatMap((id) => graph.getModuleById(id) ?? []);
			if (mods.length > 0) {
				for (const mod of mods) graph.invalidateModule(mod);
				return mods;
			}
			// Not loaded yet (or its first load failed): a reload is the only safe refresh.
			if (this.environment.name === 'client') this.environment.hot.send({ type: 'full-reload' });
			return [];
		}
	};
}
