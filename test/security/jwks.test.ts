import { expect } from '@open-wc/testing';
import { generateKeyPair, SignJWT } from 'jose';
import '../../src/enable-jwks.js';
import { createEndpoint } from '../helpers/endpoint.js';
import { disposeAll, eventually, startSession, untilEvents } from '../helpers/harness.js';

const realToken = async (url: string) => (await (await fetch(url, { method: 'POST' })).json()).jwt as string;

async function forged(alg: 'ES256' | 'HS256') {
  const now = Math.floor(Date.now() / 1000);
  const key = alg === 'ES256' ? (await generateKeyPair('ES256')).privateKey : new TextEncoder().encode('a shared secret of 32 bytes!!!!!');
  return new SignJWT({ sid: 'session-1' }).setProtectedHeader({ alg }).setSubject('user-1').setIssuedAt(now).setExpirationTime(now + 60).sign(key);
}

function tamper(jws: string) {
  const [header, payload, signature] = jws.split('.');
  const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
  claims.sub = 'admin';
  const forgedPayload = btoa(JSON.stringify(claims)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${header}.${forgedPayload}.${signature}`;
}

describe('jwks: signature checks', () => {
  afterEach(disposeAll);

  it('adopts a token whose signature verifies against the JWKS', async () => {
    const endpoint = createEndpoint();
    const h = await startSession([], { jwks: endpoint.jwksUrl }, { endpoint });
    await untilEvents(h, 'tokenupdate');
    expect(h.session.status).to.equal('signed-in');
  });

  for (const [label, body] of [
    ['signed by another key', () => forged('ES256')],
    ['signed with a shared secret (HS256)', () => forged('HS256')],
    ['tampered after signing', async () => tamper(await realToken(createEndpoint().url))],
  ] as const) {
    it(`refuses a token ${label}: tokenerror invalid-token, nothing adopted`, async () => {
      const endpoint = createEndpoint();
      const h = await startSession([{ body: JSON.stringify({ jwt: await body() }) }], { jwks: endpoint.jwksUrl }, { endpoint });
      await untilEvents(h, 'tokenerror');
      expect(h.of('tokenerror')[0].detail.error.code).to.equal('invalid-token');
      expect(h.session.token).to.equal(null);
      expect(h.of('tokenupdate')).to.have.length(0);
      // The control: the retry gets a genuine token from the same endpoint, and that one is adopted.
      await eventually(async () => (await h.clock.advance(500), h.of('tokenupdate').length === 1), 'the retry\'s token');
      expect(h.session.status).to.equal('signed-in');
      expect(h.of('tokenerror')).to.have.length(1);
    });
  }

  it('refuses a forged token posted by another tab', async () => {
    const endpoint = createEndpoint();
    const h = await startSession([], { jwks: endpoint.jwksUrl, channel: undefined, locks: undefined }, { endpoint });
    await eventually(async () => (await h.clock.advance(10), h.of('tokenupdate').length === 1), 'the first token');
    const channel = new BroadcastChannel(`session-token:${endpoint.url}`);
    await h.clock.advance(2_000);
    channel.postMessage({ v: 1, type: 'token', endpoint: endpoint.url, jws: tamper(await realToken(endpoint.url)), ageMs: 0 });
    channel.postMessage({ v: 1, type: 'token', endpoint: endpoint.url, jws: await forged('ES256'), ageMs: 0 });
    // The control, posted last: a real newer token is adopted once verified, so the two before it were looked at and refused.
    const genuine = await realToken(endpoint.url);
    channel.postMessage({ v: 1, type: 'token', endpoint: endpoint.url, jws: genuine, ageMs: 0 });
    await untilEvents(h, 'tokenupdate', 2);
    channel.close();
    expect(h.of('tokenupdate').map((event) => event.detail.token).slice(1)).to.deep.equal([genuine]);
  });

  it('reports a jwks option without the verify module loaded as invalid-config', async () => {
    const { createSession } = await import('../../src/core/session.js');
    const holder = globalThis as Record<symbol, unknown>;
    const key = Symbol.for('session-token.verifier');
    const provided = holder[key];
    delete holder[key];
    try {
      expect(() => createSession({ endpoint: '/token/x', jwks: '/jwks/x' })).to.throw().with.property('code', 'invalid-config');
    } finally {
      holder[key] = provided;
    }
  });

  it('reports a jwks that is not a URL as invalid-config', async () => {
    const { createSession } = await import('../../src/core/session.js');
    expect(() => createSession({ endpoint: '/token/x', jwks: 'http://[' })).to.throw().with.property('code', 'invalid-config');
  });
});
