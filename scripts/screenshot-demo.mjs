// Screenshot test of the demo: starts demo/server.mjs on a free port, opens the page in headless
// Chromium (puppeteer-core, the system browser; nothing is downloaded), signs in with 20 s tokens,
// waits for one background refresh and saves demo/screenshots/demo.png (full page, 1280 wide).
// Fails (exit 1) on page errors, CSP violations, or a timeline without zones or server requests.
// With --tour it goes on (about 30 s more): two failing requests and their retries, saved as
// demo/screenshots/demo-tour.png, then a second tab that shares the token, saved as demo-tabs.png.
//
//   node esbuild.mjs && node scripts/screenshot-demo.mjs [--tour]
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { chromeArgs, findChrome } from './find-chrome.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'demo', 'screenshots', 'demo.png');
const TOUR_OUT = join(ROOT, 'demo', 'screenshots', 'demo-tour.png');
const TABS_OUT = join(ROOT, 'demo', 'screenshots', 'demo-tabs.png');
const STEP_TIMEOUT_MS = 20_000;

let server;
let browser;
const problems = [];

async function main() {
  server = spawn(process.execPath, [join(ROOT, 'demo', 'server.mjs')], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0' }, // the OS picks a free port; the server prints it
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await serverUrl(server);
  console.log(`demo server: ${url}`);

  browser = await puppeteer.launch({ executablePath: findChrome(), args: chromeArgs, headless: true });
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  watchForProblems(page);
  await page.evaluateOnNewDocument(pageHelpers);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => customElements.get('session-timeline') && document.querySelector('#session')?.getAttribute('status') === 'signed-out', {
    timeout: STEP_TIMEOUT_MS,
  });
  // The 1-minute window, so a 20 s token is wide enough to read.
  await page.evaluate(() => document.querySelector('session-timeline').shadowRoot.querySelector('button').click());

  await clickAndWait(page, '#short', () => document.querySelector('#short').getAttribute('aria-pressed') === 'true');
  await clickAndWait(page, '#sign-in', () => fetchedTokens() >= 1);
  console.log('signed in; waiting for the background refresh (a 20 s token turns stale after 10 s)');
  await page.waitForFunction(() => fetchedTokens() >= 2, { timeout: STEP_TIMEOUT_MS });
  // The server lane updates from GET /api/demo/stats once a second.
  await page.waitForFunction(() => timelineCount('.req.ok') >= 2, { timeout: STEP_TIMEOUT_MS });
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 1200)));

  const drawn = await page.evaluate(() => ({
    zones: timelineCount('.zone.fresh') + timelineCount('.zone.stale'),
    requests: timelineCount('.req.ok'),
    refreshes: timelineCount('.mark.fetch'),
  }));
  console.log(`timeline: ${drawn.zones} zone rects, ${drawn.requests} server requests, ${drawn.refreshes} fetched tokens`);
  if (drawn.zones < 2 || drawn.requests < 2 || drawn.refreshes < 2) problems.push(`timeline incomplete: ${JSON.stringify(drawn)}`);

  await mkdir(dirname(OUT), { recursive: true });
  await page.screenshot({ path: OUT, fullPage: true });
  console.log(`saved ${OUT}`);
  if (process.argv.includes('--tour')) await tour(page, url);
  if (problems.length) throw new Error(`the demo page reported problems:\n  ${problems.join('\n  ')}`);
}

/** Failures and retries in this tab, then a second tab that shares the token. */
async function tour(page, url) {
  const stats = async () => (await fetch(new URL('/api/demo/stats', url))).json();
  const tokenRequests = async () => (await stats()).log.filter((entry) => entry.kind === 'token');
  const until = async (what, predicate, timeoutMs = 45_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await predicate())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };

  await page.$eval('#fail-count', (input) => (input.value = '2'));
  await page.click('#fail-next');
  console.log('tour: the next 2 token requests fail; waiting for the retries');
  await until('two 500s and a retry that works', async () => {
    const statuses = (await tokenRequests()).map((entry) => entry.status);
    const firstFailure = statuses.indexOf(500);
    return firstFailure >= 0 && statuses.slice(firstFailure).filter((status) => status === 500).length >= 2 && statuses.slice(firstFailure).includes(200);
  });

  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 1200))); // the next stats poll
  await page.screenshot({ path: TOUR_OUT, fullPage: true });
  console.log(`saved ${TOUR_OUT}`);

  // The second tab asks the first for its token instead of fetching one, then receives each refresh
  // as a broadcast; its request lanes show the first tab's requests, failures included.
  console.log('tour: opening a second tab; waiting for the next refresh');
  const before = (await tokenRequests()).filter((entry) => entry.status === 200).length;
  const second = await page.browser().newPage();
  watchForProblems(second);
  await second.setViewport({ width: 1280, height: 900 });
  await second.goto(url, { waitUntil: 'load' });
  await second.evaluate(() => document.querySelector('session-timeline').shadowRoot.querySelector('button').click());
  await until('the next refresh in either tab', async () => (await tokenRequests()).filter((entry) => entry.status === 200).length > before);
  await second.evaluate(() => new Promise((resolve) => setTimeout(resolve, 2500)));
  await second.screenshot({ path: TABS_OUT, fullPage: true });
  console.log(`saved ${TABS_OUT}`);
}

function watchForProblems(page) {
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // Chromium logs every failed token request: a 401 is how a signed-out session looks, the 500s are
    // the demo's own faults. The element reports them as events; they are no page errors.
    const expected = message.location()?.url?.endsWith('/api/token') && message.text().startsWith('Failed to load resource');
    if (message.type() === 'error' && !expected) problems.push(`console error: ${message.text()}`);
  });
  page.on('requestfailed', (request) => {
    // Chromium reports a fetch answered 204 as ERR_ABORTED after its response arrived; that is no failure.
    if (!request.response()) problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`);
  });
}

/** Helpers evaluated in the page; installed before any page script runs. */
function pageHelpers() {
  window.fetchedTokens = () =>
    [...document.querySelectorAll('#log li.tokenupdate .detail')].filter((item) => item.textContent.startsWith('source=fetch')).length;
  // Only the chart, not the legend's samples.
  window.timelineCount = (selector) =>
    document.querySelector('session-timeline')?.shadowRoot?.querySelectorAll(`svg.chart ${selector}`).length ?? 0;
}

async function clickAndWait(page, selector, condition) {
  await page.click(selector);
  await page.waitForFunction(condition, { timeout: STEP_TIMEOUT_MS });
}

function serverUrl(child) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the demo server did not print its URL within 10 s')), 10_000);
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /http:\/\/localhost:(\d+)\//.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the demo server exited with ${code} before it was ready:\n${out}`));
    });
  });
}

async function cleanUp() {
  await browser?.close().catch(() => {});
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((resolve) => {
      const timer = setTimeout(() => {
        server.kill('SIGKILL');
        resolve();
      }, 3000);
      server.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    await cleanUp();
    process.exit(130);
  });
}

try {
  await main();
} catch (error) {
  console.error(`screenshot-demo: ${error.message}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
