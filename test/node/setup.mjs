// Mocha root hooks for the core tests in Node (npm run mutate): the same token server and API the test
// runner serves, on a loopback port, and the few page globals the tests and the core read. In the browser
// (npm test) none of this exists: the page is the real thing.
import { createServer } from 'node:http';
import Koa from 'koa';
import { apiServerMiddleware } from '../api-server.mjs';
import { tokenServerPlugin } from '../token-server-plugin.mjs';

/** `document` as far as the core and its tests use it: cookies, and `<meta>` tags for CSRF tokens. */
function fakeDocument(base) {
  const cookies = new Map();
  const metas = new Set();
  return {
    baseURI: base,
    get cookie() {
      return [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    },
    set cookie(text) {
      const [pair, ...attributes] = text.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const gone = attributes.some((attribute) => /^\s*max-age=(0|-)/i.test(attribute));
      if (gone) cookies.delete(name);
      else cookies.set(name, pair.slice(at + 1).trim());
    },
    createElement: () => ({ name: '', content: '', remove() { metas.delete(this); } }),
    head: { append: (...elements) => elements.forEach((element) => metas.add(element)) },
    querySelector: (selector) => [...metas].find((meta) => selector === `meta[name="${meta.name}"]`) ?? null,
    getElementsByName: (name) => [...metas].filter((meta) => meta.name === name),
  };
}

// At load, before the test files: they read `location` as they are imported.
const tokenServer = tokenServerPlugin();
await tokenServer.serverStart();
const app = new Koa();
app.use(tokenServer.middleware);
app.use(apiServerMiddleware());
const server = createServer(app.callback());
// Both loopback names reach it (`::` takes IPv4 too): `localhost` is the page's origin, `127.0.0.1` another.
await new Promise((resolve) => server.listen(0, '::', resolve));
server.unref(); // it lives as long as the test process (Stryker reuses one process for many runs)
const origin = `http://localhost:${server.address().port}`;
globalThis.location = new URL(`${origin}/`);
globalThis.origin = origin;
globalThis.document = fakeDocument(`${origin}/`);
// Relative URLs in fetch() and new Request() resolve against the page, as in a browser (undici's hook for it).
globalThis[Symbol.for('undici.globalOrigin.1')] = new URL(origin);
