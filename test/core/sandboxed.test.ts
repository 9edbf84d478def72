import { expect } from '@open-wc/testing';
import { documentCookieJar } from '../../src/core/cookie.js';
import { engine } from '../helpers/engine.js';
import { createEndpoint } from '../helpers/endpoint.js';
import { disposeAll, startSession, untilEvents } from '../helpers/harness.js';

const refused = () => {
  throw new DOMException('The operation is insecure.', 'SecurityError');
};

describe('a page that may not use cookies, Web Locks or BroadcastChannel', () => {
  afterEach(disposeAll);

  it('gets its token all the same, and says once per missing part what it goes on without', async () => {
    const endpoint = createEndpoint();
    const locks = { request: () => Promise.reject(new DOMException('denied', 'SecurityError')), query: () => Promise.reject(new DOMException('denied', 'SecurityError')) };
    const cookies = { write: refused, remove: refused, read: refused };
    const h = await startSession([], { locks: locks as unknown as LockManager, channel: refused, cookies, cookieName: 'session' }, { endpoint });
    expect(await h.session.getToken()).to.be.a('string');
    expect(await h.session.refresh()).to.be.a('string');
    await untilEvents(h, 'tokenerror', 3);
    const said = h.of('tokenerror').map(({ detail }) => [detail.error.code, detail.error.message.split(' ')[0], detail.willRetry]);
    expect(said).to.have.deep.members([
      ['invalid-config', 'cookie-name', false],
      ['invalid-config', 'Web', false],
      ['invalid-config', 'BroadcastChannel', false],
    ]);
    expect(h.session.status).to.equal('signed-in');
    expect(await endpoint.stats()).to.include({ requests: 2 });
  });

  it('in a real opaque-origin frame: a token, no cookie, no lock, and a tokenerror naming what is missing', async () => {
    const endpoint = createEndpoint();
    const jws = (await (await fetch(endpoint.url, { method: 'POST' })).json()).jwt;
    const frame = document.createElement('iframe');
    frame.sandbox.add('allow-scripts'); // no allow-same-origin: an opaque origin, where cookies and Web Locks throw
    const bundle = new URL('/dist/session-token.js', location.href).href;
    frame.srcdoc = `<script src="${bundle}"></script><script>
      const said = [];
      const session = SessionToken.createSession({ endpoint: ${JSON.stringify(endpoint.url)}, allowCrossOrigin: true, cookieName: 'session',
        fetch: async () => new Response(JSON.stringify({ jwt: ${JSON.stringify(jws)} })) });
      session.addEventListener('tokenerror', (event) => said.push(event.detail.error.code + ' ' + event.detail.error.message));
      session.getToken().then(async (token) => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        parent.postMessage({ token, said, origin: self.origin }, '*');
      }, (error) => parent.postMessage({ failed: String(error) }, '*'));
    </script>`;
    const reply = new Promise<MessageEvent>((resolve) => window.addEventListener('message', resolve, { once: true }));
    document.body.append(frame);
    const { data } = await reply;
    frame.remove();
    expect(data.failed).to.equal(undefined);
    expect(data.origin).to.equal('null');
    expect(data.token).to.equal(jws);
    expect(data.said.some((line: string) => line.startsWith('invalid-config cookie-name'))).to.equal(true, JSON.stringify(data.said));
  });
});

describe('a cookie the browser refuses', () => {
  it('is read back and reported as invalid-config naming cookie-name, with the https hint for __Host- names', () => {
    // A page whose cookie writes go nowhere, as WebKit's with a Secure cookie on http://localhost.
    const page = Object.defineProperty({ location: { protocol: 'http:' } }, 'cookie', { get: () => '', set() {} }) as unknown as Document;
    const jar = documentCookieJar(page);
    expect(() => jar.write('__Host-session', 'a.b.c', 60)).to.throw('needs https').with.property('code', 'invalid-config');
    expect(() => jar.write('session', 'a.b.c', 60)).to.throw('cookie-name');
  });

  it('in this engine: a cookie it refuses (over 4 KB; in WebKit, Secure on http) is said so', () => {
    const jar = documentCookieJar(document);
    const [name, value] = engine === 'webkit' ? ['__Host-st-refused', 'x'] : ['st-too-large', 'x'.repeat(5_000)];
    expect(() => jar.write(name, value, 60)).to.throw().with.property('code', 'invalid-config');
    // Positive control: one the engine takes is written and read back without a word.
    expect(() => jar.write('st-small', 'x', 60)).to.not.throw();
    jar.remove('st-small');
  });
});
