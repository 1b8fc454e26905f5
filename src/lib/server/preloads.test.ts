import { describe, expect, it } from 'vitest';
import { completePreloads, lowPriorityPreloads, staticClosure, type Manifest } from './preloads';

// A page node imports a shared chunk and the state; the state loads the database with import().
// The database imports the shared chunk too, and kit, meeting it there first, left it out.
const manifest: Manifest = {
	'nodes/5.js': { file: '_app/immutable/nodes/5.A.js', imports: ['_state.js', '_shared.js'] },
	'_state.js': { file: '_app/immutable/chunks/state.B.js', imports: ['_score.js'] },
	'_score.js': { file: '_app/immutable/chunks/score.C.js', imports: ['_shared.js'] },
	'_shared.js': { file: '_app/immutable/chunks/shared.D.js' },
	'src/lib/db/index.ts': { file: '_app/immutable/chunks/db.E.js', imports: ['_shared.js'] }
};

// Kit's client imports the error page's node (nodes/1) as soon as it starts.
const withErrorNode: Manifest = {
	...manifest,
	'.svelte-kit/generated/client-optimized/nodes/1.js': {
		file: '_app/immutable/nodes/1.F.js',
		imports: ['_shared.js', '_error.js']
	},
	'_error.js': { file: '_app/immutable/chunks/error.G.js' }
};

const page = (links: string[]) =>
	`<head>\n${links.map((f) => `\t\t<link href="../${f}" rel="modulepreload">`).join('\n')}\n\t\t<link href="../_app/immutable/assets/0.css" rel="stylesheet">\n</head><body></body>`;

describe('completePreloads', () => {
	it('adds every chunk the preloaded ones import statically, with the same relative prefix', () => {
		const html = page(['_app/immutable/nodes/5.A.js', '_app/immutable/chunks/state.B.js']);
		const out = completePreloads(html, manifest);
		const listed = [...out.matchAll(/href="([^"]+)" rel="modulepreload"/g)].map((m) => m[1]);
		expect(listed).toEqual([
			'../_app/immutable/nodes/5.A.js',
			'../_app/immutable/chunks/state.B.js',
			'../_app/immutable/chunks/score.C.js',
			'../_app/immutable/chunks/shared.D.js'
		]);
		// The lazy database chunk is not preloaded, and the stylesheet stays where it was.
		expect(out).not.toContain('db.E.js');
		expect(out).toContain('0.css" rel="stylesheet">\n</head>');
	});

	it('preloads the error page node, and what it imports, that kit loads when it starts', () => {
		const html = page([
			'_app/immutable/nodes/5.A.js',
			'_app/immutable/chunks/state.B.js',
			'_app/immutable/chunks/score.C.js',
			'_app/immutable/chunks/shared.D.js'
		]);
		const listed = [
			...completePreloads(html, withErrorNode).matchAll(/href="([^"]+)" rel="modulepreload"/g)
		].map((m) => m[1]);
		expect(listed.slice(4)).toEqual([
			'../_app/immutable/nodes/1.F.js',
			'../_app/immutable/chunks/error.G.js'
		]);
	});

	it('leaves a complete page, and a page with no preloads, unchanged', () => {
		const complete = page([
			'_app/immutable/nodes/5.A.js',
			'_app/immutable/chunks/state.B.js',
			'_app/immutable/chunks/score.C.js',
			'_app/immutable/chunks/shared.D.js'
		]);
		expect(completePreloads(complete, manifest)).toBe(complete);
		expect(completePreloads('<p>no scripts</p>', manifest)).toBe('<p>no scripts</p>');
	});
});

describe('lowPriorityPreloads', () => {
	it('asks for every script preload at low priority and leaves stylesheets and text alone', () => {
		const html =
			page(['_app/immutable/nodes/5.A.js', '_app/immutable/chunks/state.B.js']) +
			'<p>rel="modulepreload"></p>';
		const out = lowPriorityPreloads(html);
		const links = [...out.matchAll(/<link [^>]*>/g)].map((m) => m[0]);
		expect(links).toEqual([
			'<link href="../_app/immutable/nodes/5.A.js" rel="modulepreload" fetchpriority="low">',
			'<link href="../_app/immutable/chunks/state.B.js" rel="modulepreload" fetchpriority="low">',
			'<link href="../_app/immutable/assets/0.css" rel="stylesheet">'
		]);
		expect(out).toContain('<p>rel="modulepreload"></p>');
		// Applied twice it adds nothing more, and the list is completed in either order.
		expect(lowPriorityPreloads(out)).toBe(out);
		expect(completePreloads(out, manifest)).toBe(
			lowPriorityPreloads(completePreloads(html, manifest))
		);
	});
});

describe('staticClosure', () => {
	it('follows static imports through chunks not in the manifest list and stops at cycles', () => {
		const cyclic: Manifest = {
			a: { file: 'a.js', imports: ['b'] },
			b: { file: 'b.js', imports: ['a', 'missing'] }
		};
		expect(staticClosure(cyclic, ['a.js'])).toEqual(['a.js', 'b.js']);
		expect(staticClosure(manifest, ['_app/immutable/chunks/state.B.js'])).toEqual([
			'_app/immutable/chunks/state.B.js',
			'_app/immutable/chunks/score.C.js',
			'_app/immutable/chunks/shared.D.js'
		]);
	});
});
