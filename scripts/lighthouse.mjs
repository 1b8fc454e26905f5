// npm run lighthouse: Lighthouse 12.2.3 (mobile preset) on / of the served production build.
// Not part of npm test: it is fetched on demand with npx and takes a minute.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { ensureChromium, run } from './lib.mjs';

const PORT = '4175';
const chrome = await ensureChromium();
if (chrome === null) process.exit(1);
if (!existsSync('build/index.html') && run('npm', ['run', 'build']) !== 0) process.exit(1);

const server = spawn(process.execPath, ['scripts/serve.mjs', '--port', PORT], {
	stdio: ['ignore', 'pipe', 'inherit']
});
// Measure only a server this script started: a stale one on the port would serve an old build.
const started = await new Promise((resolve) => {
	server.stdout.on('data', (chunk) => String(chunk).includes('served at') && resolve(true));
	server.on('exit', () => resolve(false));
});
if (!started) {
	console.error(`Could not start the server on port ${PORT}; is something else using it?`);
	process.exit(1);
}
mkdirSync('.lighthouse', { recursive: true });
const code = run(
	'npx',
	[
		'-y',
		'lighthouse@12.2.3',
		`http://localhost:${PORT}/`,
		'--only-categories=performance,accessibility,best-practices,seo',
		'--output=json',
		'--output=html',
		'--output-path=.lighthouse/report',
		'--quiet',
		'--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync'
	],
	{ env: { ...process.env, ...(chrome ? { CHROME_PATH: chrome } : {}) } }
);
server.kill();
if (code !== 0) process.exit(code);
const report = JSON.parse(readFileSync('.lighthouse/report.report.json', 'utf8'));
for (const [id, cat] of Object.entries(report.categories))
	console.log(`${id.padEnd(16)} ${cat.score.toFixed(2)}`);
for (const id of [
	'first-contentful-paint',
	'largest-contentful-paint',
	'total-blocking-time',
	'cumulative-layout-shift'
])
	console.log(`${id.padEnd(28)} ${report.audits[id].displayValue}`);
console.log('Full report: .lighthouse/report.report.html');
