/**
 * The harness LMS's web server: the harness page and its scripts (scorm-again and fflate from
 * node_modules), and the uploaded package's files, kept in memory and served with their types as
 * an LMS hosts a package. One per test file, on a free port.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const here = (file: string) => new URL(file, import.meta.url);
const modules = (file: string) => new URL(`../../node_modules/${file}`, import.meta.url);

const STATIC: Record<string, { file: URL; type: string }> = {
	'/': { file: here('./harness.html'), type: 'text/html; charset=utf-8' },
	'/harness.js': { file: here('./harness.js'), type: 'text/javascript; charset=utf-8' },
	'/vendor/fflate.js': { file: modules('fflate/esm/browser.js'), type: 'text/javascript' },
	'/vendor/scorm12.js': {
		file: modules('scorm-again/dist/esm/scorm12.min.js'),
		type: 'text/javascript'
	}
};

const TYPES: Record<string, string> = {
	html: 'text/html; charset=utf-8',
	js: 'text/javascript; charset=utf-8',
	css: 'text/css; charset=utf-8',
	xml: 'application/xml',
	json: 'application/json'
};

/** A running harness server. */
export interface Harness {
	url: string;
	/** Paths requested under /sco/, in order: what the SCO loaded. */
	requests: string[];
	/**
	 * Offers a package at /package.zip, for drivers that cannot choose a file: the harness page
	 * opened with ?package=/package.zip uploads it as if chosen.
	 */
	offer(zip: Uint8Array): void;
	stop(): Promise<void>;
}

/** Starts the harness server on a free port. */
export async function startHarness(): Promise<Harness> {
	const files = new Map<string, Buffer>();
	const requests: string[] = [];
	let offered: Uint8Array | null = null;
	const server: Server = createServer((req, res) => {
		const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
		if (path.startsWith('/sco/')) {
			const name = path.slice('/sco/'.length);
			if (req.method === 'PUT') {
				const chunks: Buffer[] = [];
				req.on('data', (c: Buffer) => chunks.push(c));
				req.on('end', () => {
					files.set(name, Buffer.concat(chunks));
					res.writeHead(204).end();
				});
				return;
			}
			requests.push(name);
			const body = files.get(name);
			if (!body) return void res.writeHead(404).end();
			const ext = name.split('.').pop() ?? '';
			res.writeHead(200, {
				'Content-Type': TYPES[ext] ?? 'application/octet-stream',
				'Cache-Control': 'no-store'
			});
			return void res.end(body);
		}
		if (path === '/package.zip') {
			if (!offered) return void res.writeHead(404).end();
			res.writeHead(200, { 'Content-Type': 'application/zip', 'Cache-Control': 'no-store' });
			return void res.end(offered);
		}
		// No icon: an empty answer, not a 404 in the console the test reads.
		if (path === '/favicon.ico') return void res.writeHead(204).end();
		const entry = STATIC[path];
		if (!entry) return void res.writeHead(404).end();
		res.writeHead(200, { 'Content-Type': entry.type, 'Cache-Control': 'no-store' });
		res.end(readFileSync(entry.file));
	});
	await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://localhost:${port}`,
		requests,
		offer: (zip) => {
			offered = zip;
		},
		stop: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
