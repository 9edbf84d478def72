import { expect } from '@open-wc/testing';
import type { SessionTokenError } from '../../src/core/errors.js';
import { createApi, otherOrigin } from '../helpers/api.js';
import { disposeAll, eventually, startSession, untilEvents, untilRequests } from '../helpers/harness.js';

// Contract §7: session.fetch() adds the bearer token for the page's origin and api-origins only; on a
// 401 from the API, one refresh shared by every caller that saw it, and one resend when the body can go twice.
async function signedIn(options = {}) {
  const h = await startSession([], options);
  await untilEvents(h, 'tokenupdate');
  return h;
}
const bearer = (token: string | null) => `Bearer ${token}`;

describe('authorized fetch', () => {
  afterEach(disposeAll);

  it('adds the bearer token for the page\'s own origin, relative URLs included', async () => {
    const h = await signedIn();
    const api = createApi();
    const response = await h.session.fetch(new URL(api.url()).pathname, { method: 'POST', body: 'hello' });
    expect(response.status).to.equal(200);
    expect(await api.log()).to.deep.equal([{ method: 'POST', authorization: bearer(h.session.token), body: 'hello' }]);
  });

  it('sends the token to an origin listed in api-origins, and to no other: invalid-config naming api-origins, nothing sent', async () => {
    const h = await signedIn({ apiOrigins: [otherOrigin()] });
    const api = createApi();
    await h.session.fetch(api.url(otherOrigin()));
    expect((await api.log()).map((call) => call.authorization)).to.deep.equal([bearer(h.session.token)]);
    const refused = (await h.session.fetch('https://elsewhere.example/api').catch((error: SessionTokenError) => error)) as SessionTokenError;
    expect(refused.code).to.equal('invalid-config');
    expect(refused.message).to.contain('api-origins');
    const unlisted = await signedIn();
    const refusedToo = (await unlisted.session.fetch(api.url(otherOrigin())).catch((error: SessionTokenError) => error)) as SessionTokenError;
    expect(refusedToo.code).to.equal('invalid-config');
    expect(await api.log()).to.have.length(1);
  });

  it('after a 401, refreshes once and sends again with the new token', async () => {
    const h = await signedIn();
    const revoked = h.session.token;
    const api = createApi();
    await api.answer(401);
    const response = await h.session.fetch(api.url(), { method: 'PUT', body: 'again' });
    expect(response.status).to.equal(200);
    const calls = await api.log();
    expect(calls.map((call) => call.authorization)).to.deep.equal([bearer(revoked), bearer(h.session.token)]);
    expect(h.session.token).to.not.equal(revoked);
    expect(calls[1].body).to.equal('again');
    expect(await h.requests()).to.equal(2);
  });

  it('five concurrent 401s share one refresh', async () => {
    const h = await signedIn();
    const api = createApi();
    await api.answer(401, 401, 401, 401, 401);
    // Every first send reaches the API before any answer comes back, so no resend can take one of the 401s.
    h.gate.hold();
    const sent = Promise.all(Array.from({ length: 5 }, () => h.session.fetch(api.url())));
    await eventually(async () => (await api.log()).length === 5, 'the five first sends');
    h.gate.release();
    const responses = await sent;
    expect(responses.map((response) => response.status)).to.deep.equal([200, 200, 200, 200, 200]);
    expect(await h.requests()).to.equal(2);
    expect((await api.log()).slice(5).every((call) => call.authorization === bearer(h.session.token))).to.equal(true);
  });

  it('tries a refresh again on the next 401 when the shared one failed', async () => {
    const h = await signedIn();
    const api = createApi();
    await api.answer(401, 401);
    await h.endpoint.script([{ status: 403 }]); // the first refresh is refused
    const failed = (await h.session.fetch(api.url()).catch((error: SessionTokenError) => error)) as SessionTokenError;
    expect(failed.code).to.equal('refused');
    expect((await h.session.fetch(api.url())).status).to.equal(200);
    expect(await h.requests()).to.equal(3);
  });

  it('sends strings, URLSearchParams, FormData, Blobs and ArrayBuffers again after a 401', async () => {
    const h = await signedIn();
    const form = new FormData();
    form.set('field', 'value');
    for (const body of ['text', new URLSearchParams({ a: '1' }), form, new Blob(['blob']), new TextEncoder().encode('bytes').buffer]) {
      const api = createApi();
      await api.answer(401);
      expect((await h.session.fetch(api.url(), { method: 'POST', body })).status).to.equal(200);
      // A multipart body is sent with a new boundary each time, named as the engine likes: left out.
      const [first, second] = (await api.log()).map((call) => {
        const boundary = /^--(\S+)\r\n/.exec(call.body)?.[1];
        return boundary ? call.body.split(boundary).join('') : call.body;
      });
      expect(second).to.equal(first);
      expect(second).to.not.equal('');
    }
  });

  it('returns the 401 as it is when the body cannot be sent twice (a Request\'s own), and never loops', async () => {
    const h = await signedIn();
    const api = createApi();
    await api.answer(401, 401, 401);
    const request = new Request(api.url(), { method: 'POST', body: 'once' });
    expect((await h.session.fetch(request)).status).to.equal(401);
    expect(await api.log()).to.have.length(1);
    expect(await h.requests()).to.equal(1);
    // A replayable body: one refresh, one resend, and the second 401 is returned as it is.
    expect((await h.session.fetch(api.url(), { method: 'POST', body: 'twice' })).status).to.equal(401);
    expect(await api.log()).to.have.length(3);
    expect(await h.requests()).to.equal(2);
  });

  it('signed out: rejects with unauthorized and sends nothing', async () => {
    const h = await startSession([{ status: 401 }]);
    await untilEvents(h, 'signedout');
    const api = createApi();
    const error = (await h.session.fetch(api.url()).catch((e: SessionTokenError) => e)) as SessionTokenError;
    expect(error.code).to.equal('unauthorized');
    expect(await api.log()).to.deep.equal([]);
  });

  it('honours an AbortSignal while it waits for the refresh', async () => {
    const h = await signedIn();
    const api = createApi();
    await api.answer(401);
    await h.endpoint.script([{ delayMs: 60_000 }]); // the refresh after the 401 stays in flight until the test ends
    const controller = new AbortController();
    const pending = h.session.fetch(api.url(), { signal: controller.signal }).catch((error: Error) => error);
    await untilRequests(h, 2);
    controller.abort();
    expect(((await pending) as Error).name).to.equal('AbortError');
    expect(await api.log()).to.have.length(1);
  });
});
