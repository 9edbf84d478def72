// A real better-auth server (email + password, jwt() plugin, in-memory database) for the interop tests,
// mounted as a koa middleware in the test runner's `middleware` list:
//   /api/auth/*                     better-auth itself (GET /api/auth/token, GET /api/auth/jwks, sign-up, sign-out)
//   GET /__better-auth/token-log    [{ method, status }] of every /api/auth/token request so far, oldest first
import { randomBytes } from 'node:crypto';
import { betterAuth } from 'better-auth';
import { memoryAdapter } from 'better-auth/adapters/memory';
import { toNodeHandler } from 'better-auth/node';
import { jwt } from 'better-auth/plugins';

const BASE_PATH = '/api/auth';

export function betterAuthMiddleware() {
  const auth = betterAuth({
    // A fresh secret per run: it encrypts the JWKS private key and signs the session cookie.
    secret: randomBytes(32).toString('base64url'),
    // The runner's port changes from run to run: better-auth takes the origin from each request's Host
    // header, for these hosts only, and trusts that origin for the page's POSTs (its CSRF check).
    baseURL: { allowedHosts: ['localhost:*', '127.0.0.1:*', '[::1]:*'], protocol: 'http' },
    basePath: BASE_PATH,
    // The memory adapter needs every table up front ("Model user not found" otherwise).
    database: memoryAdapter({ user: [], session: [], account: [], verification: [], jwks: [] }),
    emailAndPassword: { enabled: true },
    // Each test signs up a user of its own; a rate limit would turn the fourth into a 429.
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    // A string: a number would be an absolute `exp` (seconds since the epoch), not a lifetime.
    plugins: [jwt({ jwt: { expirationTime: '2m' } })],
  });
  const handle = toNodeHandler(auth);
  const tokenLog = [];

  /** @type {import('koa').Middleware} */
  return async function betterAuthServer(ctx, next) {
    if (ctx.path === '/__better-auth/token-log') {
      ctx.set('Cache-Control', 'no-store');
      ctx.body = await Promise.all(tokenLog);
      return;
    }
    if (!ctx.path.startsWith(`${BASE_PATH}/`)) return next();
    if (ctx.path === `${BASE_PATH}/token`) {
      const { method } = ctx;
      // A promise: 'close' can come after the page has read the answer and asked for the log.
      tokenLog.push(new Promise((resolve) => ctx.res.once('close', () => resolve({ method, status: ctx.res.statusCode }))));
    }
    ctx.respond = false; // better-auth writes the response itself
    try {
      await handle(ctx.req, ctx.res);
    } catch (error) {
      // better-auth throws instead of answering, e.g. for a Host outside allowedHosts.
      console.error('[better-auth]', error);
      if (ctx.res.headersSent) ctx.res.destroy();
      else ctx.res.writeHead(500).end();
    }
  };
}
