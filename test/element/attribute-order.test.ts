import { expect, fixture } from '@open-wc/testing';
import '../../src/define.js';
import type { SessionTokenElement } from '../../src/element/session-token.js';
import { createApi } from '../helpers/api.js';
import { createEndpoint, type Endpoint } from '../helpers/endpoint.js';
import { eventually } from '../helpers/harness.js';

// Issue 18 point 3: no caller is dropped by an attribute change, in whatever order a framework sets
// attributes. A getToken() (or fetch()) waiting on a session that an attribute change replaces is
// answered by the new session, never rejected with "the session was disposed"; an element with no
// endpoint yet is `loading`, reports nothing, and lets its callers wait for one.

const subOf = (jws: string | null) => JSON.parse(atob(jws!.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).sub;
const settled = <T>(promise: Promise<T>) => promise.then((value) => ({ value }), (error) => ({ error }));
/** What `promise` resolved; a rejection fails the test with its message ("the session was disposed"). */
async function answered<T>(promise: Promise<{ value: T } | { error: unknown }>): Promise<T> {
  const outcome = await promise;
  if ('error' in outcome) expect.fail(`rejected: ${outcome.error}`);
  return (outcome as { value: T }).value;
}

/** What `el` reports: tokenerror codes and the statuses it announces. */
function reports(el: HTMLElement) {
  const seen = { errors: [] as string[], statuses: [] as string[] };
  el.addEventListener('tokenerror', (event) => seen.errors.push(event.detail.error.code));
  el.addEventListener('statuschange', (event) => seen.statuses.push(event.detail.status));
  return seen;
}

/** An endpoint whose tokens say `sub`, so a test can tell which session answered. */
async function endpointFor(sub: string, firstDelayMs = 0): Promise<Endpoint> {
  const endpoint = createEndpoint();
  await endpoint.setDefault({ sub });
  if (firstDelayMs) await endpoint.script([{ sub, delayMs: firstDelayMs }]);
  return endpoint;
}

describe('<session-token> attribute order', () => {
  it('is loading with no endpoint, reports no error, and answers a getToken() made before the endpoint is set (Angular, Vue)', async () => {
    const endpoint = await endpointFor('user-late');
    const el = document.createElement('session-token');
    const seen = reports(el);
    document.body.append(el);
    const pending = el.getToken();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect([el.status, el.getAttribute('status')]).to.deep.equal(['loading', 'loading']);
    el.endpoint = endpoint.url;
    expect(subOf(await pending)).to.equal('user-late');
    expect(seen.errors).to.deep.equal([]);
    expect(seen.statuses).to.deep.equal(['signed-in']);
    el.remove();
  });

  it('rejects a getToken() with invalid-config naming the endpoint when none comes within its timeout, still reporting no error', async () => {
    const el = document.createElement('session-token');
    const seen = reports(el);
    document.body.append(el);
    const started = performance.now();
    const { error } = (await settled(el.getToken({ timeout: 300 }))) as { error: { code: string; message: string } };
    expect(performance.now() - started).to.be.at.least(250);
    expect(error.code).to.equal('invalid-config');
    expect(error.message).to.contain('endpoint');
    expect(seen.errors).to.deep.equal([]);
    el.remove();
  });

  it('still reports an endpoint that is set but not usable: tokenerror invalid-config, status error, and a waiting caller is told', async () => {
    const el = document.createElement('session-token');
    const seen = reports(el);
    document.body.append(el);
    const pending = settled(el.getToken());
    el.endpoint = 'ftp://example.com/token';
    const { error } = (await pending) as { error: { code: string } };
    expect(error.code).to.equal('invalid-config');
    expect(seen.errors).to.deep.equal(['invalid-config']);
    expect(el.getAttribute('status')).to.equal('error');
    el.remove();
  });

  it('answers a getToken() made in the same task as an endpoint change from the new session', async () => {
    const [first, second] = [await endpointFor('user-first', 1_000), await endpointFor('user-second')];
    const el = await fixture<SessionTokenElement>(`<session-token endpoint="${first.url}"></session-token>`);
    await eventually(async () => (await first.stats()).requests === 1, 'the first request');
    const pending = settled(el.getToken());
    el.endpoint = second.url;
    expect(subOf(await answered(pending))).to.equal('user-second');
    el.remove();
  });

  it('answers a getToken() made in the same task as an endpoint and a cookie-name change', async () => {
    const [first, second] = [await endpointFor('user-first', 1_000), await endpointFor('user-second')];
    const el = await fixture<SessionTokenElement>(`<session-token endpoint="${first.url}"></session-token>`);
    const pending = settled(el.getToken());
    el.endpoint = second.url;
    el.cookieName = 'st_order';
    expect(subOf(await answered(pending))).to.equal('user-second');
    el.remove();
    document.cookie = 'st_order=; Path=/; Max-Age=0';
    document.cookie = 'st_order-at=; Path=/; Max-Age=0';
  });

  it('answers a getToken() made a task before a cookie-name change from the session that replaced the old one', async () => {
    const endpoint = await endpointFor('user-1', 500);
    const el = await fixture<SessionTokenElement>(`<session-token endpoint="${endpoint.url}"></session-token>`);
    const pending = settled(el.getToken());
    await new Promise((resolve) => setTimeout(resolve, 50));
    el.setAttribute('cookie-name', 'st_order2');
    expect(await answered(pending)).to.be.a('string');
    el.remove();
    document.cookie = 'st_order2=; Path=/; Max-Age=0';
    document.cookie = 'st_order2-at=; Path=/; Max-Age=0';
  });

  it('sends a fetch() made in the same task as an endpoint change with the new session\'s token', async () => {
    const [first, second] = [await endpointFor('user-first', 1_000), await endpointFor('user-second')];
    const el = await fixture<SessionTokenElement>(`<session-token endpoint="${first.url}"></session-token>`);
    const api = createApi();
    const pending = settled(el.fetch(api.url()));
    el.endpoint = second.url;
    expect((await answered(pending)).status).to.equal(200);
    const [call] = await api.log();
    expect(subOf(call.authorization.slice('Bearer '.length))).to.equal('user-second');
    el.remove();
  });
});
