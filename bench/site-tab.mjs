// What benchmarks 8 and 9 read from a tab of the multi-page site (test/pages/site.mjs): each page runs
// dist/session-token.js from a script tag for one endpoint, with no page token and no mirrored cookie.

/** A page of the site for the endpoint /token/<endpoint>. */
export const siteUrl = (server, endpoint, n = 1) => `${server.origin}/__mpa/page?${new URLSearchParams({ endpoint, n: String(n) })}`;

/**
 * The page's first token, once it has one (or a tokenerror), times in ms from the library loaded (its
 * script ran, `libraryAt` ms after the navigation start): `tokenAt` its first tokenupdate, `requestAt` the start of its first token request
 * (resource timing; null: it sent none), `requests` how many it sent. `openedAt`: its navigation start on
 * the wall clock (performance.timeOrigin), `tokenAtWall` its first token's.
 */
export const FIRST_TOKEN = `(() => {
  const page = window.__page;
  if (!page || page.libraryLoadedAt === undefined || !(page.updates.length || page.errors.length)) return null;
  const update = page.updates[0];
  const requests = performance.getEntriesByType('resource').filter((entry) => new URL(entry.name).pathname.startsWith('/token/'));
  const request = requests[0];
  return {
    source: update ? update.source : null,
    token: update ? update.token : null,
    libraryAt: page.libraryLoadedAt,
    tokenAt: update ? update.t - page.libraryLoadedAt : null,
    requestAt: request ? request.startTime - page.libraryLoadedAt : null,
    requests: requests.length,
    errors: page.errors,
    openedAt: performance.timeOrigin,
    tokenAtWall: update ? performance.timeOrigin + update.t : null,
  };
})()`;

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

/** Waits for each tab's first token, all within `timeoutMs`; a tab that had none by then gives null. */
export async function firstTokens(tabs, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  const pages = [];
  for (const tab of tabs) pages.push(await tab.waitFor(FIRST_TOKEN, Math.max(1, deadline - Date.now())).catch(() => null));
  return pages;
}

/** Makes a tab answer FLOOR's BroadcastChannel pings: the live sibling, standing in for the library's answer. */
export const ECHO = `(() => {
  window.__echo = new BroadcastChannel('bench-echo');
  __echo.onmessage = (event) => __echo.postMessage(event.data);
  return true;
})()`;

/**
 * The browser's own part of a new tab's first token beside a live sibling, with no library: the round
 * trips the library makes in turn (an uncontended Web Lock granted, locks.query(), a BroadcastChannel
 * message to the sibling and its answer), in ms. Measured in the new tab once it holds its token.
 */
export const FLOOR = `(async () => {
  const t0 = performance.now();
  await navigator.locks.request('bench-floor-' + Math.random(), () => {});
  const t1 = performance.now();
  await navigator.locks.query();
  const t2 = performance.now();
  const channel = new BroadcastChannel('bench-echo');
  const id = Math.random();
  await new Promise((resolve) => {
    channel.onmessage = (event) => event.data === id && resolve();
    channel.postMessage(id);
  });
  channel.close();
  const t3 = performance.now();
  return { lock: t1 - t0, query: t2 - t1, echo: t3 - t2, total: t3 - t0 };
})()`;
