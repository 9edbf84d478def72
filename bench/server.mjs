// The benchmarks' web server, on 127.0.0.1 and a free port:
//   GET  /pages/<name>.html      a blank page running /pages/<name>.js
//   GET  /pages/<name>.js        bench/pages/<name>.ts, bundled by esbuild (it imports src/ directly)
//   GET  /dist/<file>            the built files, as a user's page loads them
//   POST /token[/<name>]         a real ES256 JWT from demo/issuer.mjs as {"jwt": "..."};
//                                `?lifetime=<s>` overrides the default lifetime (60 s)
//   GET  /__stats/<name>         {"requests", "inFlight"} of that endpoint name
//   GET  /__mpa/page?…, /__mpa/session-token   the multi-page site of test/pages/site.mjs (benchmark 7), as the tests see it
// Bench pages are cross-origin isolated (COOP + COEP), so performance.now() ticks in 5 µs rather than 100 µs
// (all but /pages/launch.html, which leads to the site's pages).
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { dirname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createIssuer } from '../demo/issuer.mjs';
import { siteRoute } from '../test/pages/site.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pagesDir = join(root, 'bench', 'pages');
const distDir = join(root, 'dist');

/** Bundles every bench/pages/*.ts into memory: name → script text. */
async function bundlePages() {
  const entries = readdirSync(pagesDir).filter((file) => file.endsWith('.ts'));
  const result = await build({
    entryPoints: entries.map((file) => join(pagesDir, file)),
    outdir: join(root, 'bench', '.out'),
    bundle: true,
    format: 'iife',
    target: 'es2022',
    write: false,
    logLevel: 'warning',
  });
  return new Map(result.outputFiles.map((file) => [file.path.split(sep).pop().replace(/\.js$/, ''), file.text]));
}

/**
 * @param {{ lifetime?: number }} [options] default token lifetime in seconds
 * @returns {Promise<{ origin: string, stats(name: string): { requests: number, inFlight: number }, arrivals(name: string): number[], close(): Promise<void> }>}
 */
export async function startServer({ lifetime = 60 } = {}) {
  const [issuer, pages] = await Promise.all([createIssuer(), bundlePages()]);
  /** @type {Map<string, { requests: number, inFlight: number }>} */
  const counters = new Map();
  const counter = (name) => {
    let entry = counters.get(name);
    if (!entry) counters.set(name, (entry = { requests: 0, inFlight: 0 }));
    return entry;
  };
  /** @type {Map<string, number[]>} when each token request arrived (Date.now()), per endpoint name */
  const arrivals = new Map();

  const send = (res, status, body, type, isolated = true) => {
    res.writeHead(status, {
      'Content-Type': type,
      'Cache-Control': 'no-store',
      ...(isolated && {
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
        'Cross-Origin-Resource-Policy': 'same-origin',
      }),
    });
    res.end(body);
  };

  async function token(req, res, name, url) {
    const entry = counter(name);
    entry.requests++;
    arrivals.set(name, [...(arrivals.get(name) ?? []), Date.now()]);
    entry.inFlight++;
    try {
      for await (const chunk of req) void chunk; // an empty body, by the protocol
      const seconds = Number(url.searchParams.get('lifetime') ?? lifetime);
      const jwt = await issuer.sign({ sub: 'bench-user', sid: 'bench-session' }, { lifetime: seconds });
      send(res, 200, JSON.stringify({ jwt }), 'application/json');
    } finally {
      entry.inFlight--;
    }
  }

  async function handle(req, res) {
    const url = new URL(req.url, 'http://127.0.0.1');
    const path = url.pathname;
    // The site's pages set their own caching (it decides whether Back is served from the bfcache), and
    // carry no COOP/COEP: they stand for an ordinary site.
    const page = await siteRoute(url, async () => issuer);
    if (page) {
      res.writeHead(page.status, page.headers);
      return res.end(page.body);
    }
    let match;
    if ((match = /^\/token(?:\/([\w-]{1,100}))?$/.exec(path))) {
      if (req.method !== 'POST') return send(res, 405, 'use POST', 'text/plain');
      return token(req, res, match[1] ?? 'default', url);
    }
    if ((match = /^\/__stats\/([\w-]{1,100})$/.exec(path))) {
      return send(res, 200, JSON.stringify(counters.get(match[1]) ?? { requests: 0, inFlight: 0 }), 'application/json');
    }
    if ((match = /^\/pages\/([\w-]+)\.(html|js)$/.exec(path)) && pages.has(match[1])) {
      if (match[2] === 'js') return send(res, 200, pages.get(match[1]), 'text/javascript');
      const html = `<!doctype html><meta charset="utf-8"><title>bench: ${match[1]}</title><body><script src="/pages/${match[1]}.js"></script>`;
      // The launcher (benchmark 9) leads to the site's pages, which are not isolated: the same browsing
      // context group, so no engine has to start a new process for each tab at the instant that counts.
      return send(res, 200, html, 'text/html', match[1] !== 'launch');
    }
    if (path.startsWith('/dist/')) {
      const file = normalize(join(distDir, decodeURIComponent(path.slice('/dist/'.length))));
      if (!file.startsWith(distDir + sep)) return send(res, 403, 'forbidden', 'text/plain');
      try {
        return send(res, 200, await readFile(file), 'text/javascript');
      } catch {
        return send(res, 404, 'not found', 'text/plain');
      }
    }
    if (path === '/favicon.ico') return send(res, 204, '', 'image/x-icon');
    return send(res, 404, 'not found', 'text/plain');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      console.error('[bench server]', error);
      if (!res.headersSent) send(res, 500, String(error), 'text/plain');
      else res.destroy();
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    origin: `http://127.0.0.1:${port}`,
    stats: (name) => ({ ...(counters.get(name) ?? { requests: 0, inFlight: 0 }) }),
    arrivals: (name) => [...(arrivals.get(name) ?? [])],
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
