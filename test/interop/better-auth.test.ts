import { expect, fixture } from '@open-wc/testing';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import '../../src/define.js';
import '../../src/enable-jwks.js';
import type { SessionTokenError } from '../../src/core/errors.js';
import type { SessionTokenElement } from '../../src/element/session-token.js';
import { firstEvent } from '../helpers/events.js';

// <session-token> against a real better-auth server (test/interop/better-auth.mjs): its jwt() plugin serves
// GET /api/auth/token → { token } (EdDSA) and GET /api/auth/jwks. The session cookie belongs to the whole
// test page, so every test signs up a user of its own and signs out after.

const email = () => `${crypto.randomUUID()}@example.test`;

/** Signs a new user up (better-auth signs them in too) and returns their id. */
async function signUp(): Promise<string> {
  const response = await fetch('/api/auth/sign-up/email', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: email(), password: 'correct horse battery staple', name: 'Interop' }),
  });
  if (!response.ok) throw new Error(`sign-up: ${response.status} ${await response.text()}`);
  return (await response.json()).user.id;
}

const signOut = () => fetch('/api/auth/sign-out', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });

/** From now on: the /api/auth/token requests better-auth answered, as [{ method, status }]. */
async function tokenRequests(): Promise<() => Promise<Array<{ method: string; status: number }>>> {
  const all = async () => (await fetch('/__better-auth/token-log', { cache: 'no-store' })).json();
  const before = (await all()).length;
  return async () => (await all()).slice(before);
}

/** Every `type` event that reaches `document` from now until the test ends. */
function recordOnDocument(type: 'signedout'): Event[] {
  const seen: Event[] = [];
  const record = (event: Event) => seen.push(event);
  document.addEventListener(type, record);
  stopRecording.push(() => document.removeEventListener(type, record));
  return seen;
}
const stopRecording: Array<() => void> = [];

describe('better-auth (jwt plugin)', () => {
  afterEach(async () => {
    stopRecording.splice(0).forEach((stop) => stop());
    await signOut();
  });

  it('signs in with method="GET" and adopts better-auth\'s EdDSA JWT once it verifies against /api/auth/jwks', async () => {
    const userId = await signUp();
    const requests = await tokenRequests();
    const el = await fixture<SessionTokenElement>('<session-token endpoint="/api/auth/token" method="GET" jwks="/api/auth/jwks"></session-token>');
    const { detail } = await firstEvent(el, 'tokenupdate');
    expect(el.getAttribute('status')).to.equal('signed-in');
    expect(detail.claims.sub).to.equal(userId);
    expect(detail.claims.exp - detail.claims.iat).to.equal(120);
    expect(decodeProtectedHeader(detail.token).alg).to.equal('EdDSA');
    expect(await el.getToken()).to.equal(detail.token);
    expect(performance.getEntriesByType('resource').some((entry) => entry.name.endsWith('/api/auth/jwks'))).to.equal(true);
    expect(await requests()).to.deep.equal([{ method: 'GET', status: 200 }]);
  });

  it('after better-auth\'s sign-out, refresh() resolves null, status is signed-out and signedout fires once', async () => {
    await signUp();
    const requests = await tokenRequests();
    const el = await fixture<SessionTokenElement>('<session-token endpoint="/api/auth/token" method="GET" jwks="/api/auth/jwks"></session-token>');
    await firstEvent(el, 'tokenupdate');
    const signedOut = recordOnDocument('signedout');
    await signOut();
    expect(await el.refresh()).to.equal(null);
    expect(el.getAttribute('status')).to.equal('signed-out');
    expect(signedOut.map((event) => (event as HTMLElementEventMap['signedout']).detail.reason)).to.deep.equal(['unauthorized']);
    expect(await el.getToken()).to.equal(null);
    expect(await requests()).to.deep.equal([{ method: 'GET', status: 200 }, { method: 'GET', status: 401 }]);
  });

  it('reports the default POST, which better-auth answers 404, as refused: no sign-out, no retry', async () => {
    await signUp();
    const requests = await tokenRequests();
    const signedOut = recordOnDocument('signedout');
    const el = await fixture<SessionTokenElement>('<session-token endpoint="/api/auth/token"></session-token>');
    const { detail } = await firstEvent(el, 'tokenerror');
    expect([detail.error.code, detail.error.status, detail.willRetry]).to.deep.equal(['refused', 404, false]);
    expect(detail.error.message).to.contain('method="GET"');
    expect(el.getAttribute('status')).to.equal('error');
    const error = (await el.getToken().catch((e: SessionTokenError) => e)) as SessionTokenError;
    expect(error.code).to.equal('refused');
    expect(signedOut).to.have.length(0);
    expect(await requests()).to.deep.equal([{ method: 'POST', status: 404 }]);
  });

  it('signs in from a script tag alone: data-endpoint, data-method="GET", data-jwks', async () => {
    const userId = await signUp();
    const frame = document.createElement('iframe');
    // A srcdoc page's location is about:srcdoc: the endpoint and the JWKS are both resolved against its
    // base URL (its parent's).
    frame.srcdoc = `<script src="/dist/session-token.verify.js" data-endpoint="/api/auth/token" data-method="GET"
      data-jwks="/api/auth/jwks"></script>`;
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    document.body.append(frame);
    try {
      await loaded;
      const token = await frame.contentWindow!.SessionToken.getToken();
      expect(decodeJwt(token!).sub).to.equal(userId);
    } finally {
      frame.remove();
    }
  });
});
