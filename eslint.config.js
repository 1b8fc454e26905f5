import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/**
 * The rooms of the README, each importing only rooms to its left:
 * questions/ → bank → engine → srs → teach → db → state → routes and components.
 * `to` lists what a room may NOT import (as `$lib/x` or as a relative path).
 */
const room = (name) => [`$lib/${name}`, `$lib/${name}/*`, `**/lib/${name}`, `**/lib/${name}/*`];
const relative = (name) => [`../${name}`, `../${name}/*`, `../../${name}`, `../../${name}/*`];
const LATER = {
	bank: ['engine', 'srs', 'teach', 'db', 'state', 'components', 'draft'],
	engine: ['srs', 'teach', 'db', 'state', 'components'],
	draft: ['srs', 'teach', 'db', 'state', 'components'],
	srs: ['teach', 'db', 'state', 'components', 'draft'],
	teach: ['db', 'state', 'components', 'draft'],
	db: ['state', 'components'],
	state: ['components']
};
const FRAMEWORK = ['svelte', 'svelte/*', 'dexie', '$app/*', '*.svelte'];
const layering = Object.entries(LATER).map(([name, later]) => ({
	files: [`src/lib/${name}/**/*.ts`, `src/lib/${name}/**/*.svelte.ts`],
	rules: {
		'no-restricted-imports': [
			'error',
			{
				patterns: [
					{
						group: later.flatMap((r) => [...room(r), ...relative(r)]),
						message: `src/lib/${name} may only import rooms to its left (see README, Layout).`
					},
					...(['db', 'state'].includes(name)
						? []
						: [
								{
									group: FRAMEWORK,
									message: `src/lib/${name} is plain TypeScript: no Svelte, Dexie or SvelteKit.`
								}
							])
				]
			}
		]
	}
}));

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'test-results/',
			'playwright-report/',
			'.lighthouse/',
			'dev-dist/',
			// Deliberate violations, linted by scripts/layering.test.ts.
			'**/__lint_fixtures__/'
		]
	},
	js.configs.recommended,
	// Type-aware rules: they read .svelte-kit/tsconfig.json, which `npm run lint` syncs first.
	...ts.configs.recommendedTypeChecked,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: globals.browser }
	},
	{
		// Node runs these, and only these may use its globals: the scripts, the test runners, the
		// build's config and plugins, and the prerender hook.
		files: [
			'scripts/**',
			'e2e/**',
			'e2e-engines/**',
			'*.config.{js,ts}',
			'src/lib/bank/vite-plugin.ts',
			'src/lib/bank/load.ts',
			'src/hooks.server.ts',
			'src/lib/server/**',
			'src/**/*.test.ts'
		],
		languageOptions: { globals: globals.node }
	},
	{
		files: ['**/*.ts', '**/*.svelte', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		},
		rules: {
			// The app is always served from the site root, so plain hrefs are correct.
			'svelte/no-navigation-without-resolve': 'off',
			// State classes replace whole Maps held in $state.raw instead of mutating them.
			'svelte/prefer-svelte-reactivity': 'off'
		}
	},
	{
		// Plain JavaScript configs and scripts, and .mts files, are outside the TypeScript project.
		files: ['**/*.mjs', '**/*.js', '**/*.mts'],
		...ts.configs.disableTypeChecked
	},
	...layering,
	{
		// Pages and components render state: they reach storage only through src/lib/state.
		files: ['src/routes/**/*', 'src/lib/components/**/*'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: [...room('db'), ...relative('db')],
							message: 'Routes and components reach storage through src/lib/state, not src/lib/db.'
						}
					]
				}
			]
		}
	}
);
