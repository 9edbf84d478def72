import { expect } from '@open-wc/testing';
import { defaultBackoff } from '../../src/core/backoff.js';
import { SessionTokenError } from '../../src/core/errors.js';
import { disposeAll, startSession, untilEvents, untilRequests, eventually, type Harness } from '../helpers/harness.js';

/** Starts a session and waits for its first token. */
async function signedIn(...args: Parameters<typeof startSession>): Promise<Harness> {
  const h = await startSession(...args);
  await untilEvents(h, 'tokenupdate');
  return h;
}

const noEmptyTokens = (h: Harness) => h.of('tokenupdate').every((event) => typeof event.detail.token === 'string' && event.detail.token.length > 0);

describe('session: cache zones', () => {
  afterEach(disposeAll);

  it('serves a fresh token from cache with no request', async () => {
    const h = await signedIn();
    const first = await h.session.getToken();
    await h.clock.advance(44_000);
    expect(await h.session.getToken()).to.equal(first);
    expect(await h.requests()).to.equal(1);
  });

  it('returns the stale token at once and refreshes in the background with exactly one request', async () => {
    const h = await signedIn([], { refreshThreshold: 15 });
    const stale = h.session.token;
    h.gate.hold();
    // Past the poller's wake-up too, so both the poller and callers ask for the refresh: still one request.
    await h.clock.advance(46_000);
    const served = await Promise.all([h.session.getToken(), h.session.getToken(), h.session.getToken()]);
    expect(served).to.deep.equal([stale, stale, stale]);
    h.gate.release();
    await untilEvents(h, 'tokenupdate', 2);
    expect(await h.requests()).to.equal(2);
    expect(await h.session.getToken()).to.not.equal(stale);
  });

  it('makes a caller wait for the new token when 5 s or less are left', async () => {
    // With the smallest threshold there is no stale zone: at 55 s the token goes straight to expired.
    const h = await signedIn([], { refreshThreshold: 5 });
    const old = h.session.token;
    h.gate.hold();
    await h.clock.advance(55_000);
    expect(h.session.token).to.equal(null);
    const waiting = h.session.getToken();
    await untilRequests(h, 2);
    h.gate.release();
    const waited = await waiting;
    expect(waited).to.be.a('string').and.not.equal(old);
    expect(waited).to.equal(h.of('tokenupdate')[1].detail.token);
    expect(await h.requests()).to.equal(2);
  });

  it('answers 20 concurrent callers on an empty cache with one request and one token', async () => {
    const h = await startSession();
    h.gate.hold();
    const waiting = Promise.all(Array.from({ length: 20 }, () => h.session.getToken()));
    await untilRequests(h, 1);
    h.gate.release();
    const tokens = await waiting;
    expect(new Set(tokens).size).to.equal(1);
    expect(tokens[0]).to.be.a('string');
    expect(await h.requests()).to.equal(1);
  });

  it('keeps serving the stale token, not the pending one, while a background refresh runs', async () => {
    const h = await signedIn();
    const stale = h.session.token;
    h.gate.hold();
    await h.clock.advance(45_000);
    await untilRequests(h, 2);
    for (let i = 0; i < 5; i++) expect(await h.session.getToken()).to.equal(stale);
    expect(h.of('tokenupdate')).to.have.length(1);
    h.gate.release();
    await untilEvents(h, 'tokenupdate', 2);
    expect(await h.session.getToken()).to.not.equal(stale);
  });

  it('keeps the stale token and reports tokenerror when a background refresh fails', async () => {
    const h = await signedIn([{}, { status: 503 }]);
    const stale = h.session.token;
    await h.clock.advance(45_000);
    await untilEvents(h, 'tokenerror');
    const [{ detail }] = h.of('tokenerror');
    expect(detail.error.code).to.equal('server');
    expect(detail.error.status).to.equal(503);
    expect(detail.willRetry).to.equal(true);
    expect(await h.session.getToken()).to.equal(stale);
    expect(h.session.status).to.equal('signed-in');
    expect(h.of('tokenupdate')).to.have.length(1);
    expect(noEmptyTokens(h)).to.equal(true);
    expect(h.cookies.writes.some((write) => 'removed' in write)).to.equal(false);
  });
});

describe('session: failures and retries', () => {
  afterEach(disposeAll);

  it('delivers the token after 500 ×3 then 200, retrying 3 s, 4.65 s and 7.2 s apart', async () => {
    // The schedule's own figures: the default draws each delay from the top quarter of these.
    const h = await startSession([{ status: 500 }, { status: 500 }, { status: 500 }], { backoff: { ...defaultBackoff, jitter: 0 } });
    await untilEvents(h, 'tokenerror', 1);
    for (const [delay, requestsAfter] of [[3_000, 2], [4_650, 3], [7_208, 4]] as const) {
      await h.clock.advance(delay - 1);
      expect(await h.requests(), `before the ${delay} ms step`).to.equal(requestsAfter - 1);
      await h.clock.advance(1);
      await untilRequests(h, requestsAfter);
    }
    await untilEvents(h, 'tokenupdate');
    expect(h.of('tokenerror').map((event) => event.detail.willRetry)).to.deep.equal([true, true, true]);
    expect(await h.session.getToken()).to.equal(h.of('tokenupdate')[0].detail.token);
    expect(await h.requests()).to.equal(4);
  });

  it('signs out on 401 without retrying, and getToken() resolves null', async () => {
    const h = await startSession([{ status: 401 }]);
    await untilEvents(h, 'signedout');
    expect(h.of('signedout')[0].detail.reason).to.equal('unauthorized');
    expect(h.session.status).to.equal('signed-out');
    expect(await h.session.getToken()).to.equal(null);
    await h.clock.advance(10 * 60_000);
    expect(await h.requests()).to.equal(1);
    expect(h.of('tokenerror')).to.have.length(0);
  });

  it('rejects a body that is not a JWT with invalid-token, caching nothing', async () => {
    const h = await startSession([{ body: '{"jwt":"garbage"}' }]);
    const pending = h.session.getToken({ timeout: 1_000 }).catch((e: SessionTokenError) => e);
    await untilEvents(h, 'tokenerror');
    await h.clock.advance(1_000);
    const error = await pending;
    expect(error).to.be.instanceOf(SessionTokenError);
    expect((error as SessionTokenError).code).to.equal('invalid-token');
    expect(h.session.token).to.equal(null);
    expect(h.of('tokenupdate')).to.have.length(0);
  });
});

describe('session: poller', () => {
  afterEach(disposeAll);

  it('refreshes a stale token with no callers, waking when it turns stale', async () => {
    const h = await signedIn();
    await h.clock.advance(44_999);
    expect(await h.requests()).to.equal(1);
    await h.clock.advance(1);
    await untilEvents(h, 'tokenupdate', 2);
    expect(await h.requests()).to.equal(2);
  });

  it('sleeps between refreshes: one timer wake-up per token lifetime', async () => {
    const h = await signedIn();
    const before = h.clock.firedTimers;
    for (let lifetime = 0; lifetime < 10; lifetime++) {
      await h.clock.advance(45_000);
      await untilEvents(h, 'tokenupdate', lifetime + 2);
    }
    expect(h.clock.firedTimers - before).to.equal(10);
    expect(await h.requests()).to.equal(11);
  });

  it('never overlaps itself while a refresh is retrying', async () => {
    const h = await signedIn([{}, { status: 500 }, { status: 500 }, { status: 500 }]);
    await h.clock.advance(45_000);
    await untilEvents(h, 'tokenerror', 1);
    h.gate.hold();
    // Nobody waits: each retry comes a refresh interval (45 s here) after the failure.
    await h.clock.advance(45_000);
    await untilRequests(h, 3);
    // While that retry is held in flight, a long stretch of time (short of the 30 s request timeout)
    // starts nothing new: not the poller, not the status timer.
    await h.clock.advance(25_000);
    expect(await h.requests()).to.equal(3);
    h.gate.release();
    await untilEvents(h, 'tokenerror', 2);
    await h.clock.advance(45_000);
    await untilEvents(h, 'tokenerror', 3);
    await h.clock.advance(45_000);
    await untilEvents(h, 'tokenupdate', 2);
    expect(await h.requests()).to.equal(5);
  });
});

describe('session: client clock skew', () => {
  afterEach(disposeAll);

  for (const [label, iatOffset] of [['ahead of', -3600], ['behind', 3600]] as const) {
    it(`works with a client clock 1 hour ${label} the server: no refresh loop, no early expiry`, async () => {
      const h = await signedIn([], {});
      await h.endpoint.setDefault({ iatOffset });
      await h.session.refresh();
      const skewed = h.session.token;
      await h.clock.advance(44_000);
      expect(await h.session.getToken()).to.equal(skewed);
      expect(h.session.status).to.equal('signed-in');
      expect(await h.requests()).to.equal(2);
      await h.clock.advance(1_000);
      await untilEvents(h, 'tokenupdate', 3);
      await h.clock.advance(30_000);
      expect(await h.requests()).to.equal(3);
    });
  }
});

describe('session: dispose', () => {
  afterEach(disposeAll);

  it('aborts an in-flight request and emits nothing afterwards', async () => {
    const h = await startSession([{ delayMs: 1_000 }]);
    await untilRequests(h, 1);
    const pending = h.session.getToken().catch((e: SessionTokenError) => e);
    h.session.dispose();
    expect(((await pending) as SessionTokenError).code).to.equal('aborted');
    await eventually(async () => (await h.endpoint.stats()).log[0]?.aborted === true, 'the server to see the abort');
    expect(h.events.filter((event) => event.type !== 'statuschange')).to.have.length(0);
    expect(h.clock.pendingTimers).to.equal(0);
  });
});
