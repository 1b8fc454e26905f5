import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright';
const PORT = 4332;
const server = spawn(process.execPath, ['scripts/serve.mjs', '--port', String(PORT)], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((r) => server.stdout.on('data', (c) => /served at/.test(String(c)) && r(0)));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const context = await browser.newContext({ baseURL: `http://localhost:${PORT}` });
const page = await context.newPage();
await page.goto('/');
await page.locator('label.theme select:enabled').waitFor();
await page.evaluate(async () => { await navigator.serviceWorker.ready; if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true })); });
await page.goto('/study');
await page.getByRole('button', { name: 'Quick quiz (10)' }).and(page.locator(':enabled')).click();
await page.waitForURL(/\/study\/session\?id=/);
const url = page.url();
await page.close();
server.kill();
for (let i = 0; i < 3; i++) {
  const p = await context.newPage();
  const cdp = await context.newCDPSession(p);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await p.goto(url);
  const t = await (await p.waitForFunction(() => document.querySelector('section[aria-label^="Question "] input, section[aria-label^="Question "] button') && !document.querySelector<HTMLSelectElement>('label.theme select')!.disabled ? performance.now() : 0, null, { polling: 'raf' })).jsonValue();
  const marks = await p.evaluate(() => performance.getEntriesByType('resource').map((e) => `${Math.round(e.startTime)}-${Math.round(e.responseEnd)} ${e.name.split('/').pop()}`));
  const nav = await p.evaluate(() => JSON.stringify(performance.getEntriesByType('navigation')[0]));
  const { profile } = await cdp.send('Profiler.stop');
  writeFileSync(`/tmp/cold-${i}.cpuprofile`, JSON.stringify(profile));
  console.log('ready at', t); if (i === 2) { console.log(marks.join('\n')); const n = JSON.parse(nav); console.log('resp', n.responseEnd, 'dcl', n.domContentLoadedEventEnd, 'load', n.loadEventEnd); }
  await p.close();
}
await browser.close();
