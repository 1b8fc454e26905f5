// npm run e2e:engines: the student and teacher journey, and an assignment run as a SCORM package in
// the e2e/lms harness, in Firefox and in WebKit (Chromium runs the
// full Playwright suite in npm run e2e). Runs against the production build in build/.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ensureEngines, run } from './lib.mjs';

if (!existsSync('build/index.html')) {
	console.error('No production build in build/. Run `npm run build` first.');
	process.exit(1);
}

const { ready, skipped } = ensureEngines();
for (const s of skipped) {
	const bar = '!'.repeat(78);
	console.log(
		`\n${bar}\nSKIPPED: ${s.name}: the cross-engine journey did NOT run in ${s.name}.\n` +
			`  Missing: ${s.missing.join(', ')}\n  Install: ${s.install}   (npm test does it when run as root)\n${bar}\n`
	);
}
if (!ready.length) process.exit(0);

/** The first line a command prints, or '' when it cannot run. */
function firstLine(cmd, args) {
	const out = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60_000 });
	return (out.stdout || out.stderr || '').split('\n')[0].trim();
}
for (const e of ready) {
	if (e.name === 'Firefox') {
		const path = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].find(
			(p) => p && existsSync(p)
		);
		console.log(`› Firefox: ${firstLine(path, ['--version']) || 'version unknown'} (${path})`);
	} else {
		const pkg = firstLine('dpkg-query', ['-W', '-f', '${Version}', 'libwebkit2gtk-4.1-0']);
		console.log(`› WebKit: WebKitGTK ${pkg || '(version from the browser below)'}`);
	}
}

process.exit(
	run('node', [
		'--import',
		'tsx',
		'--test',
		'--test-reporter=spec',
		// One engine at a time: two browsers at once on a loaded 2-core machine only slows both.
		'--test-concurrency=1',
		...ready.map((e) => e.spec)
	])
);
