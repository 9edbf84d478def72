import { expect } from '@open-wc/testing';
import { disposeAll, startSession, untilEvents, untilRequests } from '../helpers/harness.js';

// What the token request carries (method, CSRF header, extra headers) and where the JWT is read from,
// as the real endpoint saw it.
describe('token request options', () => {
  afterEach(() => {
    disposeAll();
    document.cookie = 'st_csrf=; Path=/; Max-Age=0';
    document.querySelector('meta[name="st-csrf"]')?.remove();
  });

  it('sends GET when method="GET", with Accept: application/json', async () => {
    const h = await startSession([], { method: 'get' });
    await untilEvents(h, 'tokenupdate');
    const [entry] = (await h.endpoint.stats()).log;
    expect(entry.method).to.equal('GET');
    expect(entry.headers.accept).to.equal('application/json');
  });

  it('reads the CSRF cookie afresh for every request, so a rotated token is sent', async () => {
    document.cookie = 'st_csrf=first%20value; Path=/';
    const h = await startSession([], { csrf: { header: 'X-CSRFToken', cookie: 'st_csrf' } });
    await untilEvents(h, 'tokenupdate');
    document.cookie = 'st_csrf=second; Path=/';
    await h.session.refresh();
    const log = (await h.endpoint.stats()).log;
    expect(log.map((entry) => entry.headers['x-csrftoken'])).to.deep.equal(['first value', 'second']);
  });

  it('reads the CSRF token from a meta tag', async () => {
    const meta = Object.assign(document.createElement('meta'), { name: 'st-csrf', content: 'from-meta' });
    document.head.append(meta);
    const h = await startSession([], { csrf: { header: 'X-CSRF-Token', meta: 'st-csrf' } });
    await untilEvents(h, 'tokenupdate');
    meta.content = 'rotated';
    await h.session.refresh();
    const log = (await h.endpoint.stats()).log;
    expect(log.map((entry) => entry.headers['x-csrf-token'])).to.deep.equal(['from-meta', 'rotated']);
  });

  it('merges the headers option, calling a function for every request', async () => {
    let calls = 0;
    const h = await startSession([], { headers: () => ({ 'X-Request-Number': String(++calls) }) });
    await untilEvents(h, 'tokenupdate');
    await h.session.refresh();
    const log = (await h.endpoint.stats()).log;
    expect(log.map((entry) => entry.headers['x-request-number'])).to.deep.equal(['1', '2']);
  });

  it('finds the JWT in token, access_token or tokenized, or in token-field', async () => {
    for (const field of ['token', 'access_token', 'tokenized']) {
      const h = await startSession([{ field }]);
      await untilEvents(h, 'tokenupdate');
    }
    const custom = await startSession([{ field: 'session_jwt' }, { field: 'session_jwt' }]);
    await untilEvents(custom, 'tokenerror');
    expect(custom.of('tokenerror')[0].detail.error.message).to.contain('token-field');
    const named = await startSession([{ field: 'session_jwt' }], { tokenField: 'session_jwt' });
    await untilEvents(named, 'tokenupdate');
    await untilRequests(named, 1);
  });

  it('reports a headers function that throws as invalid-config: no request, no retry', async () => {
    const h = await startSession([], { headers: () => { throw new Error('no tenant selected'); } });
    await untilEvents(h, 'tokenerror');
    const [{ detail }] = h.of('tokenerror');
    expect([detail.error.code, detail.willRetry]).to.deep.equal(['invalid-config', false]);
    expect((detail.error.cause as Error).message).to.equal('no tenant selected');
    await h.clock.advance(60_000);
    expect(await h.requests()).to.equal(0);
    h.session.dispose();
    expect(h.clock.pendingTimers, 'no request timeout left behind').to.equal(0);
  });

  it('reads a csrf-meta name that is no valid CSS selector', async () => {
    const meta = Object.assign(document.createElement('meta'), { name: 'st-csrf', content: 'quoted' });
    document.head.append(meta);
    meta.name = 'st"csrf';
    const h = await startSession([], { csrf: { header: 'X-CSRF-Token', meta: 'st"csrf' } });
    await untilEvents(h, 'tokenupdate');
    expect((await h.endpoint.stats()).log[0].headers['x-csrf-token']).to.equal('quoted');
    meta.remove();
  });
});
