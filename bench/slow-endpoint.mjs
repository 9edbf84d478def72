// Not in the table: N tabs of the site (test/pages/site.mjs) opened together in Chromium against a token
// endpoint that answers after `delay` ms, and what that costs: token requests (and when each arrived),
// each tab's first token's source, and the BroadcastChannel messages the tabs exchanged (counted by
// wrapping BroadcastChannel before the library loads).
//   node bench/slow-endpoint.mjs [tabs=5] [delay ms=4000]
// A tab waits at most LOCK_PATIENCE_MS (3 s, src/core/lock.ts) for the refresh lock before it takes it:
// with an endpoint slower than that, each waiting tab fetches too.
import { createServer } from 'node:http';
import puppeteer from 'puppeteer-core';
import { createIssuer } from '../demo/issuer.mjs';
import { chromeArgs, provision } from '../scripts/browsers.mjs';
import { siteRoute } from '../test/pages/site.mjs';

const tabs = Number(process.argv[2] ?? 5);
const delay = Number(process.argv[3] ?? 4_000);

/** Runs in each page before its scripts. */
function countMessages() {
  const counts = { sent: {}, received: {} };
  Object.defineProperty(window, '__messages', { value: counts });
  const add = (into, type) => (into[type] = (into[type] ?? 0) + 1);
  const Native = BroadcastChannel;
  window.BroadcastChannel = class extends Native {
    constructor(name) {
      super(name);
      this.addEventListener('message', (event) => add(counts.received, event.data?.type));
    }
    postMessage(data) {
      add(counts.sent, data?.type);
      return super.postMessage(data);
    }
  };
}

const issuer = await createIssuer();
const arrivals = [];
const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  if (url.pathname === '/token/slow') {
    arrivals.push(Date.now());
    await new Promise((resolve) => setTimeout(resolve, delay));
    const jwt = await issuer.sign({ sub: 'bench-user', sid: 'bench-session' }, { lifetime: 60 });
    res.writeHead(200, { 'Content-Type': 'application/json' });
    return res.end(JSON.stringify({ jwt }));
  }
  const page = await siteRoute(url, async () => issuer);
  res.writeHead(page?.status ?? 404, page?.headers ?? {});
  res.end(page?.body ?? '');
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const browser = await puppeteer.launch({ executablePath: provision('chromium', { install: false }), args: chromeArgs, headless: true });
try {
  const context = await browser.createBrowserContext();
  const pages = await Promise.all(Array.from({ length: tabs }, () => context.newPage({ type: 'window' })));
  await Promise.all(pages.map((page) => page.evaluateOnNewDocument(countMessages)));
  const openedAt = Date.now();
  const url = `http://127.0.0.1:${server.address().port}/__mpa/page?endpoint=slow&n=1`;
  await Promise.all(pages.map((page) => page.goto(url)));
  await Promise.all(pages.map((page) => page.waitForFunction(() => window.__page?.updates.length, { timeout: 60_000, polling: 50 })));
  await new Promise((resolve) => setTimeout(resolve, delay + 500)); // requests still in flight arrive, late answers settle
  const seen = await Promise.all(pages.map((page) => page.evaluate(() => ({ source: __page.updates[0].source, messages: __messages }))));
  const total = (kind) => seen.reduce((sum, { messages }) => {
    for (const [type, n] of Object.entries(messages[kind])) sum[type] = (sum[type] ?? 0) + n;
    return sum;
  }, {});
  console.log(`${tabs} tabs opened together, endpoint answering in ${delay} ms: ${arrivals.length} token request(s), arriving ${arrivals.map((at) => at - openedAt).join(', ')} ms after the tabs were sent`);
  console.log(`first tokens: ${seen.map((s) => s.source).join(', ')}`);
  console.log(`BroadcastChannel messages sent ${JSON.stringify(total('sent'))}, received ${JSON.stringify(total('received'))}`);
} finally {
  await browser.close();
  server.close();
}
