// Token endpoints behind the CSRF checks sites really use, built with the express middleware that
// implements them, mounted as a koa middleware in the test runner's `middleware` list.
//
// Double submit, as Django does it (csrf-csrf): a cookie the page can read, sent back in a header.
//   GET  /csrf-cookie/ensure        sets the readable `csrftoken` cookie, as a Django view with @ensure_csrf_cookie
//   POST /csrf-cookie/token?run=…   { jwt } when X-CSRFToken matches the cookie, else 403
//   POST /csrf-cookie/rotate        a new `csrftoken` cookie, as Django's rotate_token() at sign-in
// Synchronizer token in a meta tag, as Rails and Laravel do it (csrf-sync): a per-session token.
//   GET  /csrf-meta/page?run=…      a page with <meta name="csrf-token">, the one-file script and a <session-token>
//   POST /csrf-meta/token?run=…     { jwt } when X-CSRF-Token is the session's token, else 403
//   POST /csrf-meta/rotate          a new token for the session; only pages rendered after it carry it
// GET /csrf-cookie/log?run=…        [{ csrf, status }]: the CSRF header and the answer of each token request of that run
import { randomBytes } from 'node:crypto';
import cookieParser from 'cookie-parser';
import { doubleCsrf } from 'csrf-csrf';
import { csrfSync } from 'csrf-sync';
import express from 'express';
import session from 'express-session';
import { createIssuer } from '../../demo/issuer.mjs';

const RUN = /^[\w-]{1,100}$/;

export function csrfMiddleware() {
  const issuer = createIssuer();
  const secret = randomBytes(32).toString('hex');
  const { generateCsrfToken, doubleCsrfProtection } = doubleCsrf({
    getSecret: () => secret,
    // Binds the token to the session cookie, so a token from another session does not pass.
    getSessionIdentifier: (req) => req.session.id,
    cookieName: 'csrftoken',
    // Not httpOnly: the page's script must read it (Django: CSRF_COOKIE_HTTPONLY = False, its default).
    // Not secure: the tests run on plain http://localhost.
    cookieOptions: { httpOnly: false, secure: false, sameSite: 'strict', path: '/' },
    getCsrfTokenFromRequest: (req) => req.get('x-csrftoken'),
  });
  const { generateToken, csrfSynchronisedProtection } = csrfSync({ getTokenFromRequest: (req) => req.get('x-csrf-token') });

  const logs = new Map();
  const logOf = (run) => logs.get(run) ?? logs.set(run, []).get(run);
  /** Logs what a token request carried and, once answered (a 403 too), the status it got. */
  const logged = (req, res, next) => {
    const csrf = req.get('x-csrftoken') ?? req.get('x-csrf-token') ?? null;
    // A promise: 'close' can come after the page has read the answer and asked for the log.
    logOf(String(req.query.run)).push(new Promise((resolve) => res.once('close', () => resolve({ csrf, status: res.statusCode }))));
    next();
  };
  const sendJwt = async (req, res) => res.set('Cache-Control', 'no-store').json({ jwt: await (await issuer).sign({ sub: 'user-1', sid: 'session-1' }) });

  const app = express();
  app.use(cookieParser()); // csrf-csrf reads its cookie from req.cookies
  // csrf-sync keeps its token in the session; csrf-csrf binds its token to the session's id.
  app.use(session({ name: 'sid', secret, resave: false, saveUninitialized: true, cookie: { httpOnly: true, sameSite: 'strict', secure: false } }));

  app.get('/csrf-cookie/ensure', (req, res) => {
    generateCsrfToken(req, res); // keeps a still-valid cookie, like Django
    res.status(204).end();
  });
  app.post('/csrf-cookie/token', logged, doubleCsrfProtection, sendJwt);
  app.post('/csrf-cookie/rotate', doubleCsrfProtection, (req, res) => {
    generateCsrfToken(req, res, { overwrite: true });
    res.status(204).end();
  });

  app.get('/csrf-meta/page', (req, res) => {
    const run = String(req.query.run);
    if (!RUN.test(run)) return res.status(400).end();
    res.set('Cache-Control', 'no-store').type('html').send(`<!doctype html>
<html><head><meta charset="utf-8"><meta name="csrf-token" content="${generateToken(req)}">
<script src="/dist/session-token.js"></script></head>
<body><session-token endpoint="/csrf-meta/token?run=${run}" csrf-header="X-CSRF-Token" csrf-meta="csrf-token"></session-token></body></html>`);
  });
  app.post('/csrf-meta/token', logged, csrfSynchronisedProtection, sendJwt);
  app.post('/csrf-meta/rotate', csrfSynchronisedProtection, (req, res) => {
    generateToken(req, true);
    res.status(204).end();
  });

  app.get('/csrf-cookie/log', async (req, res) => res.set('Cache-Control', 'no-store').json(await Promise.all(logOf(String(req.query.run)))));

  // Both libraries reject with an http-errors 403 (code EBADCSRFTOKEN), as Django and Rails answer 403.
  app.use((err, req, res, next) => {
    if (err.code !== 'EBADCSRFTOKEN') return next(err);
    res.status(403).json({ error: 'invalid csrf token' });
  });

  /** @type {import('koa').Middleware} */
  return async function csrfServer(ctx, next) {
    if (!/^\/csrf-(cookie|meta)\//.test(ctx.path)) return next();
    ctx.respond = false; // express writes the response itself
    ctx.res.statusCode = 200; // koa presets 404, and express sets a status only when told to
    await new Promise((resolve) => {
      ctx.res.once('close', resolve);
      // express's final handler: an unknown path or an unexpected error, which koa can no longer answer.
      app(ctx.req, ctx.res, (err) => {
        if (err) console.error('[csrf]', err);
        if (!ctx.res.headersSent) ctx.res.statusCode = err ? 500 : 404;
        ctx.res.end();
      });
    });
  };
}
