// npm test: every check, in order, stopping at the first failure.
import { ensureDependencies, run } from './lib.mjs';

if (ensureDependencies() !== 0) process.exit(1);

const steps = [
	['lint', ['run', 'lint']],
	['type check', ['run', 'check']],
	['question bank', ['run', 'bank:check']],
	['unit tests', ['run', 'unit']],
	['build', ['run', 'build']],
	['size budget', ['run', 'budget']],
	['end-to-end tests', ['run', 'e2e']],
	['end-to-end journey in Firefox and WebKit', ['run', 'e2e:engines']]
];

const timings = [];
for (const [name, args] of steps) {
	console.log(`\n━━ ${name} ━━`);
	const started = Date.now();
	const code = run('npm', args);
	timings.push(`${name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
	if (code !== 0) {
		console.error(`\n✗ npm test stopped: ${name} failed (exit ${code}).`);
		process.exit(code);
	}
}
console.log(`\n✓ all checks passed (${timings.join(', ')})`);
