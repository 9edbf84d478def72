// Benchmark 9: N tabs of one endpoint opened in the same instant, as a browser restoring them does: total
// token requests. Real top-level pages sharing one browser context, no page token, no mirrored cookie.
// Each tab first shows a launcher (bench/pages/launch.ts); one is told where to go and tells the others
// over a BroadcastChannel, so all N navigations start together. In every engine (bench/engines.mjs).
import { fixed } from './table.mjs';
import { firstTokens, siteUrl, sleep } from './site-tab.mjs';

const TAB_COUNTS = [1, 5, 20];
/** After the last tab's first token, how long a request still on its way would take to reach the server. */
const SETTLE_MS = 500;
/** Every tab has its first token by then, or the row says it had none. */
const TIMEOUT_MS = 30_000;

/** A tab showing the launcher, ready to be sent. */
async function launcher(windows, server) {
  const tab = await windows.open();
  await tab.goto(`${server.origin}/pages/launch.html`);
  await tab.waitFor(`'bench' in globalThis`);
  return tab;
}

/** @returns {Promise<import('./table.mjs').Row[]>} */
export default async function openedTogether(context) {
  const { server, key, warn } = context;
  const rows = [];
  for (const count of TAB_COUNTS) {
    const windows = await context.openWindows();
    try {
      const tabs = [];
      // Windows are opened before the instant that counts; a few at a time where the engine can.
      for (let i = 0; i < count; i += context.parallel ? 5 : 1) {
        tabs.push(...(await Promise.all(Array.from({ length: Math.min(context.parallel ? 5 : 1, count - i) }, () => launcher(windows, server)))));
      }
      const endpoint = key(`opened-together-${count}`);
      const goAt = await tabs[0].evaluate(`bench.go(${JSON.stringify(siteUrl(server, endpoint))})`);
      const pages = await firstTokens(tabs, TIMEOUT_MS);
      await sleep(SETTLE_MS);
      const requests = server.stats(endpoint).requests;

      const held = pages.filter((page) => page?.token);
      const errors = pages.flatMap((page) => page?.errors ?? []);
      if (errors.length) warn(`opened together (${count}): tokenerror ${errors.join(', ')}`);
      if (held.length < count) warn(`opened together (${count}): ${count - held.length} tab(s) had no token ${TIMEOUT_MS / 1000} s after they were sent`);
      if (requests > 1) {
        const arrivals = server.arrivals(endpoint);
        const fetched = pages.map((page, i) => page?.requests && `tab ${i + 1}: ${page.requests} sent ${fixed(page.openedAt + page.libraryAt + page.requestAt - goAt, 0)} ms after the instant`).filter(Boolean);
        warn(`opened together (${count}): ${requests} requests, arriving ${arrivals.map((at) => `${at - arrivals[0]} ms`).join(', ')} after the first; ${fetched.join('; ')}`);
      }
      const bySource = new Map();
      for (const page of pages) bySource.set(page?.source ?? 'none', (bySource.get(page?.source ?? 'none') ?? 0) + 1);
      const sources = [...bySource].map(([source, n]) => `${n} ${source}`).join(', ');
      const opened = held.map((page) => page.openedAt);
      const spread = Math.max(...opened) - Math.min(...opened);
      const allHeld = Math.max(...held.map((page) => page.tokenAtWall)) - goAt;
      // How much of that the pages took to load and run the library, before it could do anything.
      const allLoaded = Math.max(...held.map((page) => page.openedAt + page.libraryAt)) - goAt;
      rows.push({
        bench: '9 Tabs opened together',
        measure: `token requests in all, ${count === 1 ? '1 tab' : `${count} tabs of one endpoint opened in the same instant`}, no live sibling, no page token, no cookie (first tokens: ${sources})`,
        ours: `${requests} (${count > 1 ? `navigations started within ${fixed(spread, 0)} ms; ` : ''}${held.length === count ? 'all' : `${held.length} of ${count}`} held a token ${fixed(allHeld, 0)} ms after, the last library loaded ${fixed(allLoaded, 0)} ms after)`,
        baseline: '—',
        ratio: '—',
        goal: `1 (a request per tab: ${count})`,
        met: requests === 1 && held.length === count,
      });
    } finally {
      await windows.close();
    }
  }
  return rows;
}
