// A small multi-page site: every page runs dist/session-token.js from a script tag for one endpoint, as a
// server-rendered site would, and records what its user would observe (window.__page). Framework-free:
// the test runner serves it from a koa middleware (test/pages/tabs-plugin.mjs), the benchmarks from
// node:http (bench/server.mjs).
//
//   GET /__mpa/page?endpoint=<name>&n=<page number>[&cookie=<cookie name>][&initial=<server clock skew, s>][&lifetime=<s>]
//   GET /__mpa/session-token   dist/session-token.js as built, cacheable, as a CDN serves it
//   GET /__mpa/slow            answers after 3 s: a request of the page's own that is still in flight
//
// `endpoint` names the token endpoint /token/<name>. `busy` makes the page start a request of its own
// (/__mpa/slow) once it holds its first token. `cookie` sets data-cookie-name. `initial` renders a
// token minted for this response into data-initial-token (iat and exp shifted by the skew, as a server
// whose clock is off would mint it; `lifetime` its exp − iat), and the page is then served
// `Cache-Control: private, no-store` like any per-user page; other pages `no-cache`. Pages declare an
// inline icon: a no-store page that fetched any no-store response (even /favicon.ico) never enters the
// back/forward cache.
//
// Extensionless on purpose: wtr's cache middleware rewrites Cache-Control on every path with a file
// extension, and a page's caching is what decides whether it may enter the back/forward cache. The
// library has its own route because wtr serves /dist/*.js transformed (unminified, with an inline source
// map: 120 KB instead of 27 KB), which would make every page's library load slower than a user's.
import { readFile } from 'node:fs/promises';

const LIBRARY = new URL('../../dist/session-token.js', import.meta.url);

const NAME = /^[\w-]{1,100}$/;

// Runs before the library, so it sees every event, including a page token adopted at once.
const PROBE = `window.__page = { log: [], updates: [], errors: [], restores: [] };
addEventListener('pageshow', (e) => __page.log.push('pageshow:' + e.persisted));
addEventListener('pagehide', (e) => __page.log.push('pagehide:' + e.persisted));
document.addEventListener('tokenupdate', (e) => __page.updates.push({ source: e.detail.source, token: e.detail.token, expiresAt: e.detail.expiresAt, at: Date.now(), t: performance.now() }));
document.addEventListener('tokenerror', (e) => __page.errors.push(e.detail.error.code));`;

// Runs right after the library, as the page's own code would: the first getToken(), timed from the
// navigation start (performance.now()) and from the moment the library had loaded (its script had run;
// libraryFetchedAt: its file had arrived); and a getToken() each time the page comes back from the
// back/forward cache.
const APP = `__page.libraryLoadedAt = performance.now();
{
  const library = performance.getEntriesByName(new URL('/__mpa/session-token', location.href).href)[0];
  __page.libraryFetchedAt = library ? library.responseEnd : null;
}
SessionToken.getToken().then((token) => { __page.first = { token, at: performance.now() }; }, (error) => { __page.first = { error: error.code, at: performance.now() }; });
addEventListener('pageshow', (e) => {
  if (!e.persisted) return;
  const shownAt = Date.now();
  SessionToken.getToken().then((token) => __page.restores.push({ token, shownAt, at: Date.now() }), (error) => __page.restores.push({ error: error.code, shownAt, at: Date.now() }));
});`;

// The page's own request, in flight while the user leaves (once the library holds its token).
const BUSY = `
SessionToken.getToken().then(() => { __page.busy = true; fetch('/__mpa/slow').catch(() => {}); });`;

/** The same page with the next number: the site's one link. */
function nextPage(url, n) {
  const next = new URLSearchParams(url.searchParams);
  next.set('n', String(n + 1));
  return `${url.pathname}?${next}`;
}

/**
 * Answers /__mpa/page and /__mpa/session-token, or null for any other path.
 * @param {URL} url
 * @param {() => Promise<{ sign(claims: { sub: string, sid: string }, options?: { lifetime?: number, iatOffset?: number }): Promise<string> }>} getIssuer
 * @returns {Promise<{ status: number, headers: Record<string, string>, body: string } | null>}
 */
export async function siteRoute(url, getIssuer) {
  if (url.pathname === '/__mpa/session-token') {
    const headers = { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=3600' };
    return { status: 200, headers, body: await readFile(LIBRARY, 'utf8') };
  }
  if (url.pathname === '/__mpa/slow') {
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    return { status: 200, headers: { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' }, body: 'slow' };
  }
  if (url.pathname !== '/__mpa/page') return null;
  const q = url.searchParams;
  const endpoint = q.get('endpoint') ?? '';
  const cookie = q.get('cookie');
  const n = Number(q.get('n') ?? 1);
  if (!NAME.test(endpoint) || (cookie !== null && !NAME.test(cookie)) || !Number.isInteger(n)) {
    return { status: 400, headers: { 'Content-Type': 'text/plain' }, body: 'expected endpoint=<name>&n=<integer>[&cookie=<name>]' };
  }
  let attributes = `data-endpoint="/token/${endpoint}"${cookie ? ` data-cookie-name="${cookie}"` : ''}`;
  let cacheControl = 'no-cache';
  if (q.has('initial')) {
    // The same subject and session as the token server's tokens, so either may replace the other.
    const claims = { sub: 'user-1', sid: 'session-1' };
    const jws = await (await getIssuer()).sign(claims, { lifetime: Number(q.get('lifetime') ?? 60), iatOffset: Number(q.get('initial')) || 0 });
    attributes += ` data-initial-token="${jws}"`;
    cacheControl = 'private, no-store';
  }
  const body = `<!doctype html>
<html><head><meta charset="utf-8"><title>page ${n}</title><link rel="icon" href="data:,">
<script>${PROBE}</script>
<script src="/__mpa/session-token" ${attributes}></script>
<script>${APP}${q.has('busy') ? BUSY : ''}</script>
</head><body>
<p>Page ${n}</p>
<a id="next" href="${nextPage(url, n).replace(/&/g, '&amp;')}">next page</a>
</body></html>
`;
  return { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': cacheControl }, body };
}
