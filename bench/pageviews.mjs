// Benchmark 7: page views of a multi-page site (test/pages/site.mjs) in one real tab: a user clicks from
// page to page, and every page runs dist/session-token.js from its script tag. Token requests per page
// view and how soon each page's first getToken() resolves, with a page token (cookie-name, or the token
// the server rendered into the page) beside a plain page that has none; then Back, and whether the engine
// served it from the back/forward cache (with Chromium's reasons when not). In every engine (bench/engines.mjs).
import { fixed } from './table.mjs';

const VIEWS = 20;
/** A quick reader's pace; 20 views stay well inside the 45 s a 60 s token is fresh. */
const CLICK_EVERY_MS = 1_500;
const VARIANTS = [
  { name: 'plain', label: 'plain page', query: {} },
  { name: 'cookie', label: 'cookie-name', query: { cookie: 'st_bench' } },
  { name: 'initial', label: 'initial-token', query: { initial: '0' } },
];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const ms = (values) => `${fixed(median(values), 1)} / ${fixed(Math.max(...values), 1)} ms`;

/** One variant: VIEWS page views, then Back. Each in a window (and, where the engine has them, a browser context) of its own. */
async function browse({ openWindow, server, key }, { name, query }) {
  const { tab, close } = await openWindow();
  try {
    const endpoint = key(`pageviews-${name}`);
    const views = [];
    for (let i = 0; i < VIEWS; i++) {
      const started = performance.now();
      if (i === 0) await tab.goto(`${server.origin}/__mpa/page?${new URLSearchParams({ endpoint, n: '1', ...query })}`);
      else await tab.click('#next');
      views.push(await tab.waitFor('window.__page.first && window.__page'));
      await sleep(CLICK_EVERY_MS - (performance.now() - started));
    }
    const requests = server.stats(endpoint).requests;
    const back = await tab.back();
    const errors = views.flatMap((view) => view.errors).concat(views.filter((view) => !view.first.token).map((view) => view.first.error));
    return { views, requests, back, errors };
  } finally {
    await close();
  }
}

/** @returns {Promise<import('./table.mjs').Row[]>} */
export default async function pageViews(context) {
  const { warn } = context;
  // The three run side by side, a third of a click apart, so the whole takes one variant's time (WebDriver
  // drives one window at a time: one after the other there).
  const results = [];
  if (context.parallel) results.push(...(await Promise.all(VARIANTS.map((variant, i) => sleep((i * CLICK_EVERY_MS) / 3).then(() => browse(context, variant))))));
  else for (const variant of VARIANTS) results.push(await browse(context, variant));
  const [plain, ...withToken] = results.map((result, i) => {
    if (result.errors.length) warn(`page views (${VARIANTS[i].name}): errors ${result.errors.join(', ')}`);
    // Pages 2–20: the first page of a visit has no page token to take yet (cookie-name).
    const later = result.views.slice(1);
    return {
      ...result,
      label: VARIANTS[i].label,
      // Requests made by pages 2–20: all of them, less the first page's own fetch.
      perView: (result.requests - (result.views[0].updates[0]?.source === 'fetch' ? 1 : 0)) / later.length,
      afterLoad: later.map((view) => view.first.at - view.libraryLoadedAt),
      fromStart: later.map((view) => view.first.at),
      libraryRun: later.map((view) => view.libraryLoadedAt - view.libraryFetchedAt),
    };
  });
  const measure = `${VIEWS} page views in one tab, a click every ${CLICK_EVERY_MS / 1000} s, 60 s tokens; pages 2–${VIEWS}`;
  const restored = (r) => (r.back.restored ? 'yes' : `no (${r.back.reasons?.join(', ') || 'the engine does not say why'})`);
  const rows = [];
  for (const r of withToken) {
    rows.push({
      bench: '7 Page views',
      measure: `token requests per page view, ${measure} (${r.label}: ${r.requests} request(s) in all; plain: ${plain.requests})`,
      ours: `${r.label}: ${fixed(r.perView)}`,
      baseline: `plain page: ${fixed(plain.perView)}`,
      ratio: `${fixed(r.perView / plain.perView, 2)}×`,
      goal: '0 while the token is fresh',
      met: r.perView === 0,
    });
  }
  for (const r of withToken) {
    rows.push({
      bench: '7 Page views',
      measure: `ms from the library loaded (its script ran) to the first getToken() resolving, median / worst, ${measure}`,
      ours: `${r.label}: ${ms(r.afterLoad)}`,
      baseline: `plain page (fetches): ${ms(plain.afterLoad)}`,
      ratio: `${fixed(median(r.afterLoad) / median(plain.afterLoad), 3)}×`,
      goal: '≤ 5 ms median, ≤ 40 ms worst',
      met: median(r.afterLoad) <= 5 && Math.max(...r.afterLoad) <= 40,
    });
  }
  for (const r of withToken) {
    rows.push({
      bench: '7 Page views',
      measure: `ms from the navigation start to the first getToken() resolving, median / worst, ${measure} (the library's own parse and run: median ${fixed(median(r.libraryRun), 1)} ms)`,
      ours: `${r.label}: ${ms(r.fromStart)}`,
      baseline: `plain page: ${ms(plain.fromStart)}`,
      ratio: `${fixed(median(r.fromStart) / median(plain.fromStart), 2)}×`,
      goal: '—',
      met: null,
    });
  }
  rows.push({
    bench: '7 Page views',
    measure: `Back after the ${VIEWS}th view served from the back/forward cache (pageshow's persisted; Chromium's reasons when not; initial-token pages are served Cache-Control: private, no-store)`,
    ours: withToken.map((r) => `${r.label}: ${restored(r)}`).join('; '),
    baseline: `plain page: ${restored(plain)}`,
    ratio: '—',
    goal: 'yes (nothing the library holds evicts a page)',
    met: results.every((r) => r.back.restored),
  });
  return rows;
}
