import { spawn, type ChildProcess } from 'node:child_process';

/** A server of the production build that one test owns: stopping it takes the site offline. */
export interface OwnServer {
	url: string;
	stop(): Promise<void>;
}

/** Starts `scripts/serve.mjs` on a free port (a fresh origin, so a fresh service worker). */
export async function startOwnServer(): Promise<OwnServer> {
	const child: ChildProcess = spawn(process.execPath, ['scripts/serve.mjs', '--port', '0'], {
		stdio: ['ignore', 'pipe', 'inherit']
	});
	const url = await new Promise<string>((resolve, reject) => {
		let out = '';
		child.stdout?.on('data', (chunk: Buffer) => {
			out += String(chunk);
			const m = /served at (http:\/\/localhost:\d+)/.exec(out);
			if (m?.[1]) resolve(m[1]);
		});
		child.on('exit', (code) => reject(new Error(`serve.mjs exited (${code}) before serving`)));
	});
	return {
		url,
		stop: () =>
			new Promise<void>((resolve) => {
				if (child.exitCode !== null) return resolve();
				child.once('exit', () => resolve());
				child.kill('SIGKILL');
			})
	};
}
