import { expect } from '@open-wc/testing';
import { createVirtualClock } from '../../src/core/clock.js';
import { createEndpoint } from '../helpers/endpoint.js';
import { disposeAll, eventually, startSession, untilEvents } from '../helpers/harness.js';

// Tokens and sign-outs are ordered by when their request was sent: a sign-out is final until the endpoint
// answers a later request with a token.
const crossTab = { channel: undefined, locks: null } as const;

async function signedOutTab() {
  const endpoint = createEndpoint();
  const h = await startSession([], crossTab, { endpoint, clock: createVirtualClock(1_700_000_000_000) });
  await untilEvents(h, 'tokenupdate');
  // A token another tab asked for before the sign-out: minted now, posted late.
  const early = (await (await fetch(endpoint.url, { method: 'POST' })).json()).jwt as string;
  await h.clock.advance(2_000);
  await endpoint.script([{ status: 401 }]);
  expect(await h.session.refresh()).to.equal(null);
  const channel = new BroadcastChannel(`session-token:${endpoint.url}`);
  const post = (message: object) => channel.postMessage({ v: 1, endpoint: endpoint.url, ...message });
  return { h, endpoint, early, post, close: () => channel.close() };
}

describe('sign-outs and tokens in the order their requests were sent', () => {
  afterEach(disposeAll);

  it('ignores a token another tab asked for before the sign-out, posted after it, and keeps the cookie cleared', async () => {
    const { h, endpoint, early, post, close } = await signedOutTab();
    const writes = h.cookies.writes.length;
    post({ type: 'token', jws: early, ageMs: 2_500 }); // its request was sent 2.5 s ago, before the 401's
    // Positive control: a token asked for after the sign-out (another tab's sign-in) is taken.
    await h.clock.advance(1_000);
    const later = (await (await fetch(endpoint.url, { method: 'POST' })).json()).jwt as string;
    post({ type: 'token', jws: later, ageMs: 0 });
    await untilEvents(h, 'tokenupdate', 2);
    close();
    expect(h.of('tokenupdate').map((event) => event.detail.token)).to.not.include(early);
    expect(h.of('tokenupdate').at(-1)!.detail.token).to.equal(later);
    expect(h.cookies.writes.slice(writes).map((write) => 'value' in write && write.value)).to.not.include(early);
  });

  it('resolves plain getToken() calls null after the sign-out until a later token comes', async () => {
    const { h, early, post, close } = await signedOutTab();
    post({ type: 'token', jws: early, ageMs: 2_500 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    close();
    expect(await h.session.getToken()).to.equal(null);
    expect(h.session.status).to.equal('signed-out');
  });

  it('refresh() after a sign-out asks the endpoint and takes its new token', async () => {
    const { h } = await signedOutTab();
    const token = await h.session.refresh();
    expect(token).to.be.a('string');
    expect(h.session.status).to.equal('signed-in');
  });

  it('ignores a sign-out from a request sent before the token this tab holds was asked for', async () => {
    const endpoint = createEndpoint();
    const h = await startSession([], crossTab, { endpoint, clock: createVirtualClock(1_700_000_000_000) });
    await untilEvents(h, 'tokenupdate');
    await h.clock.advance(3_000);
    const channel = new BroadcastChannel(`session-token:${endpoint.url}`);
    // Another tab's 401 answered a request sent 10 s ago, before this tab's token was asked for (3 s ago).
    channel.postMessage({ v: 1, type: 'signout', endpoint: endpoint.url, ageMs: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(h.of('signedout')).to.have.length(0);
    // Positive control: a sign-out from a request sent after it (1 s ago) ends the session.
    channel.postMessage({ v: 1, type: 'signout', endpoint: endpoint.url, ageMs: 1_000 });
    await untilEvents(h, 'signedout');
    channel.close();
    expect(h.session.status).to.equal('signed-out');
  });

  it('drops the response of a request in flight when another tab learns of the sign-out', async () => {
    const endpoint = createEndpoint();
    const h = await startSession([], crossTab, { endpoint, clock: createVirtualClock(1_700_000_000_000) });
    await untilEvents(h, 'tokenupdate');
    h.gate.hold();
    const pending = h.session.refresh();
    await eventually(async () => (await endpoint.stats()).requests === 2, 'the refresh sent');
    const channel = new BroadcastChannel(`session-token:${endpoint.url}`);
    channel.postMessage({ v: 1, type: 'signout', endpoint: endpoint.url, ageMs: 0 });
    await untilEvents(h, 'signedout');
    channel.close();
    h.gate.release();
    expect(await pending).to.equal(null);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(h.of('tokenupdate')).to.have.length(1);
    expect(h.session.status).to.equal('signed-out');
  });
});
