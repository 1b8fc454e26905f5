// npm run stress: the fast-input stress (e2e/stress.spec.ts) with many seeded tries, then one line
// of counts per scenario, mode and CPU rate. STRESS_TRIES (50), STRESS_RATES ("1,4,10") and
// E2E_PORT pass through; extra arguments go to Playwright (e.g. -g practice).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './lib.mjs';

const report = mkdtempSync(join(tmpdir(), 'quire-stress-'));
const env = {
	...process.env,
	STRESS_TRIES: process.env.STRESS_TRIES ?? '50',
	STRESS_REPORT: report
};
const code = run('node', ['scripts/e2e.mjs', 'e2e/stress.spec.ts', ...process.argv.slice(2)], {
	env
});
const rows = readdirSync(report)
	.map((f) => JSON.parse(readFileSync(join(report, f), 'utf8')))
	.sort(
		(a, b) => `${a.scenario}${a.mode}`.localeCompare(`${b.scenario}${b.mode}`) || a.rate - b.rate
	);
console.log('\nFast-input stress: lost or wrong answers per scenario, mode and CPU slowdown');
for (const r of rows)
	console.log(
		`${r.scenario.padEnd(12)} ${r.mode.padEnd(9)} ${String(r.rate).padStart(2)}× CPU: ` +
			`${r.failed} of ${r.tries} tries lost or wrong`
	);
for (const r of rows)
	for (const p of r.problems) console.log(`  ${r.scenario} ${r.mode} ${r.rate}×: ${p}`);
const total = rows.reduce((n, r) => n + r.tries, 0);
const failed = rows.reduce((n, r) => n + r.failed, 0);
console.log(`Total: ${failed} of ${total} tries lost or wrong.`);
rmSync(report, { recursive: true, force: true });
process.exit(code);
