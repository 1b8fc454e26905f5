// The production build served for a bench: `scripts/serve.mjs` on `port`, resolved once it says
// "served at" (rejected if it exits first). One place for every bench script that drives a browser.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';

export function serveBuild(port: number): Promise<ChildProcessByStdio<null, Readable, null>> {
	const server = spawn(process.execPath, ['scripts/serve.mjs', '--port', String(port)], {
		stdio: ['ignore', 'pipe', 'inherit']
	});
	return new Promise((resolve, reject) => {
		let out = '';
		server.stdout.on('data', (chunk: Buffer) => {
			out += String(chunk);
			if (/served at/.test(out)) resolve(server);
		});
		server.on('exit', (code) => reject(new Error(`scripts/serve.mjs exited (${code})`)));
	});
}
