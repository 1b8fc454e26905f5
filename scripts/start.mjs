// npm start: install what is missing, build, serve the production build.
import { ensureDependencies, run } from './lib.mjs';

if (ensureDependencies() !== 0) process.exit(1);
console.log('› Building…');
if (run('npm', ['run', 'build', '--silent']) !== 0) process.exit(1);
process.exit(run(process.execPath, ['scripts/serve.mjs']));
