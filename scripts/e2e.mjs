// npm run e2e: find or install Chromium, name it, then run Playwright against the production build.
import { chromiumVersion, ensureChromium, run } from './lib.mjs';

const chrome = await ensureChromium();
if (chrome === null) process.exit(1);
const env = { ...process.env };
if (chrome) env.CHROME_PATH = chrome;
console.log(`› End-to-end tests in ${await chromiumVersion(chrome)}`);
process.exit(run('npx', ['playwright', 'test', ...process.argv.slice(2)], { env }));
