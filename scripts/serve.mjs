// Serves the production build in build/ (not .svelte-kit/output) with the SPA fallback page.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { run } from './lib.mjs';

const portArg = process.argv.indexOf('--port');
const port = portArg > -1 ? process.argv[portArg + 1] : (process.env.PORT ?? '4173');

if (!existsSync('build/index.html')) {
	console.error('No production build in build/. Run `npm run build` first (npm start does it).');
	process.exit(1);
}
const bin = join(
	dirname(createRequire(import.meta.url).resolve('sirv-cli/package.json')),
	'bin.js'
);
console.log(`Quire is served at http://localhost:${port}`);
process.exit(
	run(process.execPath, [bin, 'build', '--port', port, '--single', '200.html', '--etag', '--quiet'])
);
