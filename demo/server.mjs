// Demo server for <session-token>: static files, a cookie "session", a token endpoint that mints
// real ES256 JWTs, and a few knobs (failures, slowness, dropped connections, short tokens, clock
// skew) shared by all tabs. It keeps a log of what it saw (token requests by tab, sign-ins, knob
// changes) for the page's timeline, and bundles the timeline (lit) with esbuild on request.
// Plain node:http on purpose — no framework, nothing to install beyond the project's own deps.
//
//   npm start              build dist/ and serve on http://localhost:8080/
//   PORT=3000 npm start    another port
import { createServer } from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createIssuer } from './issuer.mjs';

const DEMO_DIR = dirname(fileURLToPath(import.meta.url));
const DIST_DIR = resolve(DEMO_DIR, '..', 'dist');
const TIMELINE_ENTRY = join(DEMO_DIR, 'timeline', 'index.ts');
const SESSION_COOKIE = 'demo_session';

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};
// Only these are served from demo/ itself, so server.mjs and issuer.mjs stay private.
const DEMO_STATIC = new Set(['.html', '.css', '.js', '.svg', '.png', '.ico']);

// The demo page runs under a strict CSP: no inline scripts, styles or handlers.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

// ---------------------------------------------------------------------------------------------
// State (in memory; restarting the server signs everybody out)

const issuer = await createIssuer();

/** cookie value (secret, HttpOnly) -> { sid (public, goes into the JWT), sub } */
const sessions = new Map();

const DEFAULT_SETTINGS = Object.freeze({ lifetime: 60, failNext: 0, delayMs: 0, iatOffset: 0, offline: false, csrf: false });
const settings = { ...DEFAULT_SETTINGS };
/** Token requests in total and per tab (the page puts `?tab=<id>` in its URL; the Referer carries it). */
const stats = { requests: 0, byTab: Object.create(null) };

/** Allowed integer settings: [min, max]. */
const SETTING_LIMITS = {
  lifetime: [1, 24 * 3600],
  failNext: [0, 1000],
  delayMs: [0, 60_000],
  iatOffset: [-24 * 3600, 24 * 3600],
};
/** Allowed boolean settings. */
const SETTING_FLAGS = new Set(['offline', 'csrf']);

// What the server saw, newest last, for the page's timeline. Token requests: { kind: 'token', tab,
// start, end, status } (status 0: the server dropped the connection; 'aborted': the browser did; null:
// still running). Actions: { kind: 'sign-in' | 'sign-out' | 'settings', tab, at, patch? }.
// Times are on the server's clock (ms); the page converts them with the offset it measures.
const LOG_LIMIT = 600;
const LOG_KEEP_MS = 11 * 60_000;
const serverLog = [];
let lastLogId = 0;

function record(entry) {
  const item = { id: ++lastLogId, ...entry };
  serverLog.push(item);
  if (serverLog.length > LOG_LIMIT) serverLog.shift();
  return item;
}

function recentLog() {
  const since = Date.now() - LOG_KEEP_MS;
  return serverLog.filter((item) => (item.end ?? item.start ?? item.at) >= since || item.end === null);
}

function statsBody() {
  return { requests: stats.requests, byTab: stats.byTab, settings, now: Date.now(), log: recentLog() };
}

// ---------------------------------------------------------------------------------------------
// Routes

const routes = {
  'POST /api/sign-in': async (req, res) => {
    const cookieValue = randomBytes(24).toString('base64url');
    sessions.set(cookieValue, { sid: randomUUID(), sub: 'demo-user' });
    record({ kind: 'sign-in', tab: tabOf(req), at: Date.now() });
    send(res, 204, null, {
      'Set-Cookie': `${SESSION_COOKIE}=${cookieValue}; Path=/; HttpOnly; SameSite=Lax`,
    });
  },

  'POST /api/sign-out': async (req, res) => {
    const id = readCookie(req, SESSION_COOKIE);
    if (id) sessions.delete(id);
    record({ kind: 'sign-out', tab: tabOf(req), at: Date.now() });
    send(res, 204, null, {
      'Set-Cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`,
    });
  },

  'POST /api/token': async (req, res) => {
    const tab = tabOf(req);
    stats.requests += 1;
    stats.byTab[tab] = (stats.byTab[tab] ?? 0) + 1;
    const entry = record({ kind: 'token', tab, start: Date.now(), end: null, status: null });
    const finish = (status) => {
      if (entry.end === null) Object.assign(entry, { end: Date.now(), status });
    };
    res.on('close', () => finish('aborted')); // the browser gave up first (e.g. the page was closed)

    if (settings.delayMs > 0) await sleep(settings.delayMs);
    if (settings.offline) {
      finish(0);
      return dropMidResponse(res);
    }
    if (settings.csrf) {
      // What a CSRF middleware answers a token request that lacks its header: a 4xx that is no sign-out.
      finish(403);
      return sendJson(res, 403, { error: 'csrf', message: 'CSRF verification failed (demo setting csrf)' });
    }
    if (settings.failNext > 0) {
      settings.failNext -= 1;
      finish(500);
      return sendJson(res, 500, { error: 'server', message: 'Simulated failure (demo setting failNext)' });
    }
    const session = sessions.get(readCookie(req, SESSION_COOKIE));
    if (!session) {
      finish(401);
      return sendJson(res, 401, { error: 'unauthorized', message: 'No demo session. POST /api/sign-in first.' });
    }
    const jwt = await issuer.sign(session, { lifetime: settings.lifetime, iatOffset: settings.iatOffset });
    finish(200);
    sendJson(res, 200, { jwt });
  },

  'GET /.well-known/jwks.json': async (req, res) => sendJson(res, 200, issuer.jwks),

  'GET /api/demo/stats': async (req, res) => sendJson(res, 200, statsBody()),

  // The timeline (a lit element in TypeScript), bundled on request so edits show on reload.
  'GET /timeline.js': async (req, res) => serveTimeline(res),

  'POST /api/demo/settings': async (req, res) => {
    let patch;
    try {
      patch = JSON.parse((await readBody(req)) || '{}');
    } catch {
      return sendJson(res, 400, { error: 'bad-request', message: 'Body must be a small JSON object.' });
    }
    const problem = validateSettings(patch);
    if (problem) return sendJson(res, 400, { error: 'bad-request', message: problem });
    Object.assign(settings, patch);
    record({ kind: 'settings', tab: tabOf(req), at: Date.now(), patch });
    sendJson(res, 200, statsBody());
  },
};

function validateSettings(patch) {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch)) return 'Body must be a JSON object.';
  for (const [key, value] of Object.entries(patch)) {
    if (SETTING_FLAGS.has(key)) {
      if (typeof value !== 'boolean') return `"${key}" must be true or false.`;
      continue;
    }
    const limits = SETTING_LIMITS[key];
    if (!limits) return `Unknown setting "${key}". Known: ${[...Object.keys(SETTING_LIMITS), ...SETTING_FLAGS].join(', ')}.`;
    if (!Number.isInteger(value) || value < limits[0] || value > limits[1]) {
      return `"${key}" must be an integer from ${limits[0]} to ${limits[1]}.`;
    }
  }
  return null;
}

/**
 * "Network failure": the status line and half a body go out, then the connection is destroyed, so the
 * browser's fetch fails with a network error (TypeError), as on a dropped connection. Some bytes go out
 * first because a browser may silently resend a request whose reused keep-alive connection closes before
 * any response byte (it takes that for a stale connection), and the server would count attempts twice.
 */
function dropMidResponse(res) {
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': 4096, 'Cache-Control': 'no-store' });
  res.write('{"jwt":"');
  setTimeout(() => res.destroy(), 20);
}

/** The `?tab=` id of the page that made the request, from its Referer; '?' when there is none. */
function tabOf(req) {
  try {
    const tab = new URL(req.headers.referer ?? '').searchParams.get('tab');
    return tab && /^[a-z0-9]{1,12}$/.test(tab) ? tab : '?';
  } catch {
    return '?';
  }
}

// ---------------------------------------------------------------------------------------------
// The timeline bundle: esbuild (a dev dependency, as is `npm start`) in incremental mode.

let timelineBuild = null;

async function serveTimeline(res) {
  try {
    timelineBuild ??= import('esbuild').then(({ context }) =>
      context({
        entryPoints: [TIMELINE_ENTRY],
        bundle: true,
        format: 'esm',
        target: 'es2022',
        write: false,
        outfile: 'timeline.js',
        sourcemap: 'inline',
        legalComments: 'none',
        logLevel: 'silent',
      }),
    );
    const result = await (await timelineBuild).rebuild();
    const body = Buffer.from(result.outputFiles[0].contents);
    send(res, 200, body, { 'Content-Type': CONTENT_TYPES['.js'], 'Content-Length': body.length, 'X-Content-Type-Options': 'nosniff' });
  } catch (error) {
    if (!error?.errors) timelineBuild = null; // esbuild itself failed to start: try again next time
    const message = error?.errors?.length ? error.errors.map((e) => `${e.location?.file}:${e.location?.line}: ${e.text}`).join('\n') : String(error?.message ?? error);
    console.error(`session-token demo: could not bundle ${TIMELINE_ENTRY}:\n${message}`);
    send(res, 500, `// could not bundle the timeline:\n// ${message.replaceAll('\n', '\n// ')}\n`, { 'Content-Type': CONTENT_TYPES['.js'] });
  }
}

// ---------------------------------------------------------------------------------------------
// Static files

async function serveStatic(req, res, pathname) {
  let root = DEMO_DIR;
  let rel = pathname === '/' ? '/index.html' : pathname;
  if (rel.startsWith('/dist/')) {
    root = DIST_DIR;
    rel = rel.slice('/dist'.length);
  } else if (!DEMO_STATIC.has(extname(rel))) {
    return notFound(res);
  }

  let decoded;
  try {
    decoded = decodeURIComponent(rel);
  } catch {
    return sendJson(res, 400, { error: 'bad-request', message: 'Malformed URL.' });
  }
  if (decoded.includes('\0')) return notFound(res);
  const file = resolve(root, '.' + decoded);
  if (!file.startsWith(root + sep)) return notFound(res); // path traversal

  let body;
  try {
    if (!(await stat(file)).isFile()) return notFound(res);
    body = await readFile(file);
  } catch {
    if (root === DIST_DIR) {
      return send(res, 404, 'Not found in dist/. Run `npm run build` (or `npm start`) first.\n', {
        'Content-Type': 'text/plain; charset=utf-8',
      });
    }
    return notFound(res);
  }

  const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
  const headers = { 'Content-Type': type, 'Content-Length': body.length, 'X-Content-Type-Options': 'nosniff' };
  if (type.startsWith('text/html')) headers['Content-Security-Policy'] = CSP;
  send(res, 200, req.method === 'HEAD' ? null : body, headers);
}

// ---------------------------------------------------------------------------------------------
// Helpers

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'Cache-Control': 'no-store', ...headers });
  res.end(body ?? undefined);
}

function sendJson(res, status, value) {
  send(res, status, JSON.stringify(value), { 'Content-Type': 'application/json; charset=utf-8' });
}

function notFound(res) {
  sendJson(res, 404, { error: 'not-found' });
}

function readCookie(req, name) {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

async function readBody(req, limit = 16 * 1024) {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > limit) throw new Error('Body too large');
  }
  return body;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Server

const server = createServer(async (req, res) => {
  const { pathname } = new URL(req.url, 'http://localhost');
  const route = routes[`${req.method} ${pathname}`];
  try {
    if (route) return await route(req, res);
    const allowed = Object.keys(routes).filter((key) => key.endsWith(` ${pathname}`)).map((key) => key.split(' ')[0]);
    if (allowed.length) return send(res, 405, null, { Allow: allowed.join(', ') });
    if (req.method === 'GET' || req.method === 'HEAD') return await serveStatic(req, res, pathname);
    send(res, 405, null, { Allow: 'GET, HEAD' });
  } catch (error) {
    console.error(`${req.method} ${req.url}:`, error);
    if (!res.headersSent) sendJson(res, 500, { error: 'internal', message: String(error?.message ?? error) });
    else res.destroy();
  }
});

const rawPort = process.env.PORT ?? '8080';
const port = Number(rawPort);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`session-token demo: PORT must be a number from 0 to 65535, got "${rawPort}".`);
  process.exit(1);
}

server.on('error', (error) => {
  if (error.code === 'EADDRINUSE') {
    console.error(`session-token demo: port ${port} is already in use. Try another one, e.g. PORT=${port + 1} npm start`);
  } else if (error.code === 'EACCES') {
    console.error(`session-token demo: no permission to listen on port ${port}. Try PORT=8080 or higher.`);
  } else {
    console.error('session-token demo:', error);
  }
  process.exit(1);
});

server.listen(port, () => {
  console.log(`session-token demo: http://localhost:${server.address().port}/`);
  if (!existsSync(join(DIST_DIR, 'session-token.js'))) {
    console.warn('  warning: dist/session-token.js is missing. Run `npm run build` (npm start does it for you).');
  }
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    server.close();
    server.closeAllConnections();
    // Stop esbuild's service before exiting; killed mid-request, it prints a Go stack trace.
    await Promise.race([timelineBuild?.then((ctx) => ctx.dispose()).catch(() => {}), sleep(1000)]);
    process.exit(0);
  });
}
