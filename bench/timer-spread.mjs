// How late the library's own timers fire, per engine, with and without a same-origin iframe that runs the
// library too (Firefox bunches the timers of both documents: 8–10 s timers fire up to ~0.9 s late).
// Wraps the page's setTimeout before dist/session-token.js loads and records, for every timer the library
// sets, the delay asked for and how late it fired; 20 s tokens, so the poller wakes several times a minute.
//
//   node esbuild.mjs && node bench/timer-spread.mjs [chromium|firefox] [seconds per variant, default 60]
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import puppeteer from 'puppeteer-core';
import { createIssuer } from '../demo/issuer.mjs';
import { chromeArgs, provision } from '../scripts/browsers.mjs';

const engine = process.argv[2] ?? 'firefox';
const seconds = Number(process.argv[3] ?? 60);
const LIBRARY = readFileSync(new URL('../dist/session-token.js', import.meta.url), 'utf8');
const issuer = await createIssuer();

// Runs first: every setTimeout of ≥ 500 ms (the library's poller and waits; not lit's or the page's 0 ms ones).
const PROBE = `window.__timers = [];
const set = window.setTimeout.bind(window);
window.setTimeout = (fn, ms, ...args) => {
  if (!(ms >= 500)) return set(fn, ms, ...args);
  const entry = { ms, at: performance.now() };
  return set(() => { entry.late = performance.now() - entry.at - ms; __timers.push(entry); fn(...args); }, ms);
};
window.__updates = [];
document.addEventListener('tokenupdate', (e) => __updates.push({ at: Date.now(), expiresAt: e.detail.expiresAt }));`;
const page = (frame) => `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
<script>${PROBE}</script><script src="/lib.js" data-endpoint="/token"></script>
${frame ? '<iframe src="/frame"></iframe>' : ''}`;

const server = createServer(async (req, res) => {
  const { pathname } = new URL(req.url, 'http://localhost');
  if (pathname === '/token') {
    const token = await issuer.sign({ sub: 'timer-user', sid: 'timer-session' }, { lifetime: 20 });
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    return res.end(JSON.stringify({ token }));
  }
  if (pathname === '/lib.js') {
    res.writeHead(200, { 'Content-Type': 'text/javascript' });
    return res.end(LIBRARY);
  }
  res.writeHead(200, { 'Content-Type': 'text/html' });
  res.end(pathname === '/frame' ? page(false) : page(pathname === '/with-iframe'));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://localhost:${server.address().port}`;

const browser = await puppeteer.launch(
  engine === 'firefox'
    ? { browser: 'firefox', executablePath: provision('firefox', { install: false }), headless: true }
    : { executablePath: provision('chromium', { install: false }), args: chromeArgs, headless: true },
);
const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))];
try {
  for (const variant of ['alone', 'with-iframe']) {
    const tab = await browser.newPage();
    await tab.goto(`${origin}/${variant}`);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1_000));
    // Both documents' timers; and how much life each replaced token had left when its successor arrived.
    const { timers, updates } = await tab.evaluate(`(() => {
      const docs = [window, ...Array.from(frames)];
      return { timers: docs.flatMap((w) => w.__timers), updates: docs.map((w) => w.__updates) };
    })()`);
    const late = timers.map((timer) => timer.late);
    const long = timers.filter((timer) => timer.ms >= 8_000).map((timer) => timer.late);
    const left = updates.flatMap((list) => list.slice(1).map((update, i) => list[i].expiresAt - update.at));
    const line = (values) => (values.length ? `n=${values.length} median ${percentile(values, 0.5).toFixed(0)} ms, p90 ${percentile(values, 0.9).toFixed(0)} ms, max ${Math.max(...values).toFixed(0)} ms` : 'none');
    console.log(`${engine} ${variant}: timers ≥ 0.5 s late by: ${line(late)}; of them ≥ 8 s: ${line(long)}; delays asked ${Math.min(...timers.map((t) => t.ms)).toFixed(0)}–${Math.max(...timers.map((t) => t.ms)).toFixed(0)} ms`);
    console.log(`${engine} ${variant}: tokens replaced ${left.length}, life left when replaced: min ${(Math.min(...left) / 1000).toFixed(1)} s, median ${(percentile(left, 0.5) / 1000).toFixed(1)} s (expired below 5 s)`);
    await tab.close();
  }
} finally {
  await browser.close();
  server.close();
}
