import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Only the layering rule, without type information: the full lint runs in `npm run lint`.
const options = {
	ruleFilter: ({ ruleId }: { ruleId: string }) => ruleId === 'no-restricted-imports',
	overrideConfig: { languageOptions: { parserOptions: { projectService: false } } }
};

// The ESLint layering rules must fail on a deliberate violation, not only pass on clean code.
describe('ESLint holds the layering of the rooms', () => {
	it('fails an engine file that imports the db room and Svelte', async () => {
		const eslint = new ESLint({ ...options, ignore: false });
		const [result] = await eslint.lintFiles(['src/lib/engine/__lint_fixtures__/reaches-db.ts']);
		const messages = (result?.messages ?? [])
			.filter((m) => m.ruleId === 'no-restricted-imports')
			.map((m) => m.message);
		expect(messages).toEqual([
			expect.stringContaining('src/lib/engine may only import rooms to its left'),
			expect.stringContaining('src/lib/engine is plain TypeScript')
		]);
	}, 120_000);

	it('passes the engine room itself', async () => {
		const eslint = new ESLint(options);
		const results = await eslint.lintFiles(['src/lib/engine/*.ts']);
		const restricted = results.flatMap((r) =>
			r.messages.filter((m) => m.ruleId === 'no-restricted-imports')
		);
		expect(restricted).toEqual([]);
	}, 120_000);
});
