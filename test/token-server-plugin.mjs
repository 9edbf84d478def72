// A scriptable token endpoint for the test runner, minting REAL ES256 JWTs with demo/issuer.mjs.
//
// Wiring (web-test-runner.config.mjs):
//   const tokenServer = tokenServerPlugin();
//   export default { plugins: [tokenServer], middleware: [tokenServer.middleware], ... };
//
// Why a middleware and not `app.use()` in serverStart: @web/dev-server-core creates the http
// server with `app.callback()` BEFORE plugins' serverStart runs, and koa-compose copies the
// middleware array at that moment, so `app.use()` inside serverStart is silently ignored. And
// the plugin `serve()` hook always answers 200. The config's `middleware` list runs early
// (before etag/transform/static-file middleware), which is what a fake API needs.
//
// All state is kept per endpoint NAME ([A-Za-z0-9_-]{1,100}); tests isolate themselves by using
// a unique name. Routes:
//   POST|GET /token/:name          the token endpoint (takes the next scripted step, else the default)
//   POST /__token/:name/script     body { steps?: Step[], default?: Step }: append steps / replace default
//   GET  /__token/:name/stats      { requests, maxInFlight, inFlight, log: [{ at, status, method, headers, aborted? }] }
//   POST /__token/:name/reset      clear queue, default and stats
//   GET  /jwks/:name, GET /.well-known/jwks.json   the issuer's JWKS (one issuer per server)
//   GET  /__token/sign-in          an HTML sign-in page, where a step with `redirect` sends the token request
//   GET  /__csp/page.html?endpoint=:name[&bundle=verify][&control]   a page served with a strict
//        Content-Security-Policy that loads the IIFE and holds <session-token endpoint="/token/:name">
//        (with bundle=verify: dist/session-token.verify.js and jwks="/jwks/:name"; with control:
//        an inline script and an inline style too, which the policy must block)
//   GET  /__csp/probe.js           the page's first script: records `securitypolicyviolation` events
//
// Step: { status = 200, delayMs = 0, lifetime = 60, iatOffset = 0, body?, contentType?, retryAfter?,
//         sub = 'user-1', sid = 'session-1', format = 'jwt' | 'token' | 'text', field? (the JSON field), drop? (close the connection),
//         redirect? (302 to an HTML sign-in page) }
import { createIssuer } from '../demo/issuer.mjs';

const NAME = '([A-Za-z0-9_-]{1,100})';
const TOKEN_ROUTE = new RegExp(`^/token/${NAME}$`);
const ADMIN_ROUTE = new RegExp(`^/__token/${NAME}/(script|stats|reset)$`);
const JWKS_ROUTE = new RegExp(`^/(?:jwks/${NAME}|\\.well-known/jwks\\.json)$`);

const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'";

// Loaded before the bundle, so it sees every violation; an inline listener would itself be blocked.
const CSP_PROBE = `window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.cspViolations.push({ directive: event.effectiveDirective, blockedURI: event.blockedURI,
    sourceFile: event.sourceFile, line: event.lineNumber, sample: event.sample });
});
`;

function cspPage(url) {
  const name = url.searchParams.get('endpoint') ?? '';
  if (!new RegExp(`^${NAME}$`).test(name)) return null;
  const verify = url.searchParams.get('bundle') === 'verify';
  const jwks = verify ? ` jwks="/jwks/${name}"` : '';
  const control = url.searchParams.has('control')
    ? '<script>window.inlineScriptRan = true;</script><p style="color: red">inline style</p>'
    : '';
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>strict CSP</title>
<script src="/__csp/probe.js"></script>
<script src="/dist/session-token${verify ? '.verify' : ''}.js"></script>
</head><body>
<session-token endpoint="/token/${name}"${jwks}><span slot="signed-in">signed in</span></session-token>
${control}
</body></html>
`;
}

/** The request headers a test may look at: the ones a token request adds (x-*, authorization, accept). */
function headersOf(ctx) {
  return Object.fromEntries(Object.entries(ctx.headers).filter(([name]) => name.startsWith('x-') || name === 'authorization' || name === 'accept'));
}

function freshState() {
  return { queue: [], defaultStep: {}, requests: 0, inFlight: 0, maxInFlight: 0, log: [] };
}

async function readJson(req) {
  let text = '';
  req.setEncoding('utf8');
  for await (const chunk of req) text += chunk;
  return text.trim() ? JSON.parse(text) : {};
}

function send(ctx, status, body, contentType = 'application/json') {
  ctx.status = status;
  ctx.set('Cache-Control', 'no-store');
  if (body !== undefined) {
    ctx.type = contentType;
    ctx.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
}

/** Resolves after `ms`, or earlier when the client goes away; resolves to true if it went away. */
function delay(ms, res) {
  if (res.destroyed) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onClose = () => {
      clearTimeout(timer);
      resolve(!res.writableFinished);
    };
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(false);
    }, ms);
    res.once('close', onClose);
  });
}

export function tokenServerPlugin() {
  /** @type {Promise<Awaited<ReturnType<typeof createIssuer>>> | undefined} */
  let issuerPromise;
  const getIssuer = () => (issuerPromise ??= createIssuer());
  /** @type {Map<string, ReturnType<typeof freshState>>} */
  const endpoints = new Map();
  const stateOf = (name) => {
    let state = endpoints.get(name);
    if (!state) endpoints.set(name, (state = freshState()));
    return state;
  };

  async function handleToken(ctx, name) {
    const state = stateOf(name);
    const step = state.queue.length ? state.queue.shift() : state.defaultStep;
    const status = step.status ?? 200;
    const entry = { at: Date.now(), status, method: ctx.method, headers: headersOf(ctx) };
    state.requests += 1;
    state.log.push(entry);
    state.inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    try {
      if (step.delayMs > 0 && (await delay(step.delayMs, ctx.res))) {
        entry.aborted = true;
        // The socket is gone: write nothing, and keep koa's default 404 out of the test
        // runner's "404 network requests" warnings (499 = client closed request).
        ctx.status = 499;
        ctx.respond = false;
        return;
      }
      if (step.drop) {
        // A network failure as the browser sees it. Closing the socket before any byte would not do:
        // Chrome silently retries a request whose reused keep-alive connection closes early. So the
        // response starts, then the connection dies mid-body and reading the body fails.
        ctx.status = 200; // what the browser was told before the connection died
        ctx.respond = false;
        ctx.req.socket.end('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"jwt":"');
        return;
      }
      if (step.redirect) {
        // What @login_required or a sign-in proxy does: the browser follows it to an HTML page.
        ctx.redirect('/__token/sign-in');
        return;
      }
      if (step.retryAfter !== undefined) ctx.set('Retry-After', String(step.retryAfter));
      if (step.body !== undefined) {
        send(ctx, status, String(step.body), step.contentType ?? 'application/json');
      } else if (status === 200) {
        const jws = await (await getIssuer()).sign(
          { sub: step.sub ?? 'user-1', sid: step.sid ?? 'session-1' },
          { lifetime: step.lifetime ?? 60, iatOffset: step.iatOffset ?? 0 },
        );
        const format = step.format ?? 'jwt';
        if (format === 'text') send(ctx, status, jws, step.contentType ?? 'text/plain');
        else send(ctx, status, { [step.field ?? (format === 'token' ? 'token' : 'jwt')]: jws }, step.contentType);
      } else {
        send(ctx, status, { error: 'scripted_error', status }, step.contentType);
      }
    } finally {
      // Decremented before koa writes the response, so a client can never start its next
      // request while this one still counts as in flight.
      state.inFlight -= 1;
    }
  }

  async function handleAdmin(ctx, name, action) {
    const expected = action === 'stats' ? 'GET' : 'POST';
    if (ctx.method !== expected) return send(ctx, 405, { error: `use ${expected}` });
    if (action === 'stats') {
      const { requests, maxInFlight, inFlight, log } = stateOf(name);
      return send(ctx, 200, { requests, maxInFlight, inFlight, log });
    }
    if (action === 'reset') {
      endpoints.set(name, freshState());
      return send(ctx, 200, { ok: true });
    }
    let body;
    try {
      body = await readJson(ctx.req);
    } catch (error) {
      return send(ctx, 400, { error: `invalid JSON: ${error.message}` });
    }
    const isStep = (s) => s !== null && typeof s === 'object' && !Array.isArray(s);
    if ((body.steps !== undefined && !(Array.isArray(body.steps) && body.steps.every(isStep))) ||
        (body.default !== undefined && !isStep(body.default))) {
      return send(ctx, 400, { error: 'expected { steps?: Step[], default?: Step }' });
    }
    const state = stateOf(name);
    if (body.steps) state.queue.push(...body.steps);
    if (body.default) state.defaultStep = body.default;
    return send(ctx, 200, { queued: state.queue.length });
  }

  /** @type {import('koa').Middleware} */
  async function middleware(ctx, next) {
    const path = ctx.path;
    let match;
    if ((match = TOKEN_ROUTE.exec(path))) {
      if (ctx.method !== 'POST' && ctx.method !== 'GET') return send(ctx, 405, { error: 'use POST' });
      return handleToken(ctx, match[1]);
    }
    if ((match = ADMIN_ROUTE.exec(path))) return handleAdmin(ctx, match[1], match[2]);
    if (JWKS_ROUTE.test(path) && ctx.method === 'GET') return send(ctx, 200, (await getIssuer()).jwks);
    if (path === '/__token/sign-in') return send(ctx, 200, '<!doctype html><title>Sign in</title><form>…</form>', 'text/html');
    if (path === '/__csp/probe.js' && ctx.method === 'GET') return send(ctx, 200, CSP_PROBE, 'text/javascript');
    if (path === '/__csp/page.html' && ctx.method === 'GET') {
      const page = cspPage(ctx.URL);
      if (!page) return send(ctx, 400, { error: 'expected ?endpoint=<name>' });
      ctx.set('Content-Security-Policy', STRICT_CSP);
      return send(ctx, 200, page, 'text/html');
    }
    return next();
  }

  return {
    name: 'token-server',
    /** The koa middleware that serves the routes; put it in the config's `middleware` list. */
    middleware,
    async serverStart() {
      await getIssuer(); // create the signing key before the first test runs
    },
  };
}
