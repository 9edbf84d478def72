import { expect } from '@open-wc/testing';
import { createVirtualClock } from '../../src/core/clock.js';
import { createEndpoint } from '../helpers/endpoint.js';
import { disposeAll, eventually, startSession, untilEvents, untilRequests } from '../helpers/harness.js';

// Commit the state, then emit: user code runs inside our listeners and calls back in. These are the
// transitions a careful reader found half done in 0.1.0, each observed from outside.
describe('transitions: listeners that call back in', () => {
  afterEach(disposeAll);

  it('a tokenerror listener that calls getToken() adds no request: a 1-retry budget makes 2 requests', async () => {
    const endpoint = createEndpoint();
    await endpoint.setDefault({ status: 500 });
    const h = await startSession([], { backoff: { firstDelayMs: 1_000, factor: 1, maxRetries: 1, jitter: 0, cooldownMs: 60_000 } }, { endpoint });
    h.session.addEventListener('tokenerror', () => void h.session.getToken().catch(() => {}));
    await untilEvents(h, 'tokenerror', 1);
    await h.clock.advance(1_000);
    await untilEvents(h, 'tokenerror', 2);
    await h.clock.advance(3_000);
    expect(await h.requests()).to.equal(2);
  });

  it('refresh() from a tokenerror listener asks the endpoint at once, not after the backoff step', async () => {
    const h = await startSession([{ status: 500 }]);
    let refreshed: Promise<string | null> | undefined;
    h.session.addEventListener('tokenerror', () => void (refreshed ??= h.session.refresh()));
    await untilEvents(h, 'tokenupdate'); // the virtual clock never moves: no backoff step passes
    expect(await h.requests()).to.equal(2);
    expect(await refreshed).to.equal(h.session.token);
  });

  it('status, token and getToken() already tell the new state inside tokenupdate and signedout listeners', async () => {
    const h = await startSession([{}, { status: 401 }]);
    const seen: string[] = [];
    h.session.addEventListener('tokenupdate', (event) => {
      seen.push(`${h.session.status} ${h.session.token === event.detail.token}`);
      void h.session.getToken().then((token) => seen.push(`getToken ${token === event.detail.token}`));
    });
    h.session.addEventListener('signedout', () => seen.push(`${h.session.status} ${h.session.token}`));
    await untilEvents(h, 'tokenupdate');
    expect(await h.session.refresh()).to.equal(null);
    expect(seen).to.deep.equal(['signed-in true', 'getToken true', 'signed-out null']);
    expect(await h.requests()).to.equal(2);
  });

  it('dispose() while a signature check is pending emits nothing, writes no cookie and leaves no timer', async () => {
    /** A session whose signature check waits until the test passes it. */
    const checked = async () => {
      let pass: (() => void) | null = null;
      const h = await startSession([], { verify: () => new Promise<void>((resolve) => (pass = resolve)) });
      await eventually(() => pass !== null, 'the signature check to start');
      return { h, pass: () => pass!() };
    };
    // The control: the same check passing with the session alive is seen by the same settling as below.
    const control = await checked();
    control.pass();
    await control.h.clock.advance(0); // a macrotask: every promise the check settles has run
    expect(control.h.of('tokenupdate')).to.have.length(1);

    const { h, pass } = await checked();
    h.session.dispose();
    pass();
    await h.clock.advance(0);
    expect(h.events).to.deep.equal([]);
    expect(h.cookies.writes).to.deep.equal([]);
    expect(h.clock.pendingTimers).to.equal(0);
  });
});

describe('transitions: what 0.1.0 got wrong unseen', () => {
  afterEach(disposeAll);

  it('a sign-out learnt from another tab removes this tab\'s mirrored cookie too', async () => {
    const endpoint = createEndpoint();
    const clock = createVirtualClock(1_700_000_000_000);
    const crossTab = { channel: undefined, locks: undefined };
    const [a, b] = [await startSession([], crossTab, { endpoint, clock }), await startSession([], crossTab, { endpoint, clock })];
    await eventually(() => a.of('tokenupdate').length > 0 && b.of('tokenupdate').length > 0, 'both tabs signed in');
    await endpoint.script([{ status: 401 }]);
    expect(await a.session.refresh()).to.equal(null);
    await untilEvents(b, 'signedout');
    expect(b.of('signedout')[0].detail.reason).to.equal('broadcast');
    expect(b.cookies.values.has('session')).to.equal(false);
    expect(b.cookies.values.has('session-at')).to.equal(false);
  });

  it('dispose() stops the status timer: no statuschange afterwards', async () => {
    const h = await startSession();
    await untilEvents(h, 'tokenupdate');
    h.session.dispose();
    expect(h.clock.pendingTimers, 'timers left at dispose()').to.equal(0);
    const before = h.events.length;
    await h.clock.advance(120_000);
    expect(h.events.length).to.equal(before);
  });

  it('counts a token\'s life from when its request was sent: after a 20 s response it stops 35 s after arriving', async () => {
    const h = await startSession();
    h.gate.hold();
    await untilRequests(h, 1);
    await h.clock.advance(20_000);
    h.gate.release();
    await untilEvents(h, 'tokenupdate');
    h.gate.hold(); // the poller's refresh at 45 s stays in flight: only the first token's life is measured
    await h.clock.advance(34_999);
    expect(h.session.token).to.be.a('string');
    await h.clock.advance(1);
    expect(h.session.token).to.equal(null);
  });

  it('a Retry-After wait is not cut short by focus, online or refresh()', async () => {
    const h = await startSession([{ status: 429, retryAfter: '7' }]);
    await untilEvents(h, 'tokenerror');
    h.signals.emit('focus');
    h.signals.emit('online');
    const refreshed = h.session.refresh();
    await h.clock.advance(6_999);
    expect(await h.requests()).to.equal(1);
    await h.clock.advance(1);
    expect(await refreshed).to.be.a('string');
    expect(await h.requests()).to.equal(2);
  });

  it('a Retry-After on the failure that spends the quick retries is a wait nothing cuts short', async () => {
    const h = await startSession([{ status: 500 }, { status: 503, retryAfter: '300' }], { backoff: { firstDelayMs: 1_000, factor: 1, maxRetries: 1, jitter: 0, cooldownMs: 60_000 } });
    await untilEvents(h, 'tokenerror');
    await h.clock.advance(1_000);
    await untilEvents(h, 'tokenerror', 2);
    h.signals.emit('focus');
    void h.session.refresh().catch(() => {});
    await h.clock.advance(299_000);
    expect(await h.requests()).to.equal(2);
    await h.clock.advance(1_000);
    await untilEvents(h, 'tokenupdate');
    expect(await h.requests()).to.equal(3);
  });

  it('does not adopt a token another tab broadcasts for another user or session', async () => {
    const h = await startSession([], { channel: undefined, locks: undefined });
    await untilEvents(h, 'tokenupdate');
    await h.endpoint.script([{ sub: 'user-2' }, { sid: 'session-2' }, {}]);
    const mint = async () => ((await (await fetch(h.endpoint.url, { method: 'POST' })).json()) as { jwt: string }).jwt;
    const [otherUser, otherSession, same] = [await mint(), await mint(), await mint()];
    await h.clock.advance(1_000);
    const channel = new BroadcastChannel(`session-token:${h.endpoint.url}`);
    for (const jws of [otherUser, otherSession, same]) channel.postMessage({ v: 1, type: 'token', endpoint: h.endpoint.url, jws, ageMs: 0 });
    await untilEvents(h, 'tokenupdate', 2);
    channel.close();
    expect(h.of('tokenupdate').map((event) => event.detail.token).slice(1)).to.deep.equal([same]);
  });
});
