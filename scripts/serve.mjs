// Serves the production build in build/ (not .svelte-kit/output) with the SPA fallback page.
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import sirv from 'sirv';

const portArg = process.argv.indexOf('--port');
const port = Number(portArg > -1 ? process.argv[portArg + 1] : (process.env.PORT ?? 4173));

if (!existsSync('build/index.html')) {
	console.error('No production build in build/. Run `npm run build` first (npm start does it).');
	process.exit(1);
}

const assets = sirv('build', {
	single: '200.html',
	etag: true,
	// The build writes .br and .gz beside each file (adapter-static's precompress); serve brotli
	// to browsers that take it, as a static host does, and gzip to the rest.
	brotli: true,
	gzip: true,
	setHeaders(res, pathname) {
		if (pathname.startsWith('/_app/immutable/'))
			res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
		else res.setHeader('Cache-Control', 'no-cache');
	}
});

const server = createServer(assets);
server.on('error', (error) => {
	console.error(
		error.code === 'EADDRINUSE'
			? `Port ${port} is already in use: stop what runs there, or set PORT=<another port>.`
			: `Could not start the server: ${error.message}`
	);
	process.exit(1);
});
// Port 0 picks a free port; the line below names the one in use (tests read it).
server.listen(port, 'localhost', () => {
	const { port: bound } = /** @type {import('node:net').AddressInfo} */ (server.address());
	console.log(`Quire is served at http://localhost:${bound}  (Ctrl+C to stop)`);
});
for (const signal of ['SIGINT', 'SIGTERM'])
	process.on(signal, () => server.close(() => process.exit(0)));
