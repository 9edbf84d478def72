import { expect } from '@open-wc/testing';
import { SessionTokenError } from '../../src/core/errors.js';
import { disposeAll, eventually, startSession, untilEvents, untilRequests, type Harness } from '../helpers/harness.js';

async function signedIn(...args: Parameters<typeof startSession>): Promise<Harness> {
  const h = await startSession(...args);
  await untilEvents(h, 'tokenupdate');
  return h;
}

const removals = (h: Harness) => h.cookies.writes.filter((write) => 'removed' in write).length;
/** Writes of the mirrored cookie itself (each comes with one of its receipt cookie, session-at). */
const tokenWrites = (h: Harness) => h.cookies.writes.filter((write) => write.name === 'session');

/** Advances virtual time in steps, letting each real request finish before time moves on. */
async function run(h: Harness, ms: number, step = 1_000) {
  for (let t = 0; t < ms; t += step) {
    await h.clock.advance(step);
    await eventually(async () => (await h.endpoint.stats()).inFlight === 0, 'requests to finish');
  }
}

describe('offline', () => {
  afterEach(disposeAll);

  it('keeps serving the stale token while offline, then refreshes once back online', async () => {
    const h = await signedIn([{}, { drop: true }]);
    const stale = h.session.token;
    h.signals.setOnline(false);
    await h.clock.advance(45_000);
    await untilEvents(h, 'tokenerror');
    const [{ detail }] = h.of('tokenerror');
    expect(detail.error.code).to.equal('offline');
    expect(detail.willRetry).to.equal(true);
    expect(await h.session.getToken()).to.equal(stale);
    await run(h, 5_000);
    expect(await h.requests()).to.equal(2); // waiting for the network spends no retries
    expect(h.of('tokenupdate')).to.have.length(1);
    expect(tokenWrites(h)).to.have.length(1);

    h.signals.setOnline(true);
    await untilEvents(h, 'tokenupdate', 2);
    expect(await h.requests()).to.equal(3);
    expect(h.cookies.values.get('session')).to.equal(h.of('tokenupdate')[1].detail.token);
    expect(removals(h)).to.equal(0);
  });

  it('rejects with code offline past expiry (never null), shows status offline, keeps the cookie', async () => {
    const h = await signedIn([{}, { drop: true }]);
    h.signals.setOnline(false);
    await run(h, 56_000);
    expect(h.session.status).to.equal('offline');
    const error = await h.session.getToken().catch((e: SessionTokenError) => e);
    expect((error as SessionTokenError).code).to.equal('offline');
    expect(h.cookies.values.get('session')).to.equal(h.of('tokenupdate')[0].detail.token);
    expect(removals(h)).to.equal(0);
  });

  it('never writes back a mirrored cookie the server cleared (its sign-out) on focus, visibility or online', async () => {
    const h = await signedIn();
    h.cookies.values.clear(); // the server's sign-out response cleared it
    for (const trigger of ['focus', 'visible', 'online'] as const) h.signals.emit(trigger);
    expect(h.cookies.values.has('session')).to.equal(false);
    expect(tokenWrites(h)).to.have.length(1);
  });

  it('resumes a run that waited for the network once back online, even with a fresh token held', async () => {
    const h = await signedIn([{}, { drop: true }]);
    h.gate.hold();
    const refreshed = h.session.refresh().catch((error: SessionTokenError) => error);
    await untilRequests(h, 2);
    h.signals.setOnline(false); // the request fails while the browser is offline: the run waits for the network
    h.gate.release();
    expect(((await refreshed) as SessionTokenError).code).to.equal('offline');
    h.signals.setOnline(true);
    await untilEvents(h, 'tokenupdate', 2);
    expect(await h.requests()).to.equal(3);
  });
});

describe('back/forward cache triggers', () => {
  afterEach(disposeAll);

  it('asks the endpoint on restore when the mirrored cookie was cleared meanwhile, and signs out on its 401', async () => {
    const h = await signedIn([{}, { status: 401 }]);
    h.signals.emit('hide');
    h.cookies.values.clear(); // a sign-out in another page, while this one sat in the cache
    h.signals.emit('visible'); // Chromium fires this before pageshow on a restore
    h.signals.emit('restore');
    await untilEvents(h, 'signedout');
    expect(await h.requests()).to.equal(2);
    expect(h.session.token).to.equal(null);
  });

  it('serves its fresh token on restore with no request when the cookie still holds it', async () => {
    const h = await signedIn();
    h.signals.emit('hide');
    h.signals.emit('restore');
    await h.clock.advance(1_000);
    expect(await h.requests()).to.equal(1);
    expect(await h.session.getToken()).to.equal(h.of('tokenupdate')[0].detail.token);
  });
});

describe('server faults', () => {
  afterEach(disposeAll);

  it('stays within its request budget while the endpoint answers 500 for an hour, then recovers on focus', async function () {
    this.timeout(60_000); // 720 steps of virtual time, each waiting for the real endpoint: slow on a busy machine
    // Every random draw at the bottom of its range: the shortest waits the schedule allows, so the most requests.
    const h = await signedIn([], { random: () => 0 });
    await h.endpoint.setDefault({ status: 500 });
    await run(h, 60 * 60_000, 5_000);
    // The README's promise for a tab left alone with an endpoint that fails for ever: at most 124 requests an
    // hour. A figure, not the schedule's arithmetic, so a shorter cool-down fails here. (Change both together.)
    const readmeMaxPerHour = 124;
    expect(await h.requests() - 1).to.be.at.most(readmeMaxPerHour).and.at.least(64);
    expect(h.of('signedout')).to.have.length(0);
    expect(removals(h)).to.equal(0);
    expect(h.session.status).to.equal('error');
    expect(h.of('tokenerror').every((event) => event.detail.willRetry)).to.equal(true);

    await h.endpoint.setDefault({});
    const before = await h.requests();
    h.signals.emit('focus');
    await untilEvents(h, 'tokenupdate', 2);
    expect(await h.requests()).to.equal(before + 1);
    expect(h.session.status).to.equal('signed-in');
  });

  it('after a spent budget, rejects callers at once with the last error instead of hammering', async () => {
    const h = await startSession([{ status: 502 }, { status: 502 }], { backoff: { firstDelayMs: 1_000, factor: 1, maxRetries: 1, jitter: 0, cooldownMs: 60_000 } });
    await untilEvents(h, 'tokenerror', 1);
    await run(h, 2_000);
    expect(h.of('tokenerror').map((event) => event.detail.willRetry)).to.deep.equal([true, true]);
    const before = await h.requests();
    const error = await h.session.getToken().catch((e: SessionTokenError) => e);
    expect((error as SessionTokenError).status).to.equal(502);
    expect(await h.requests()).to.equal(before);
  });

  it('waits as long as Retry-After asks on 429, also with a caller waiting', async () => {
    const h = await signedIn([{}, { status: 429, retryAfter: '7' }]);
    await h.clock.advance(44_000);
    const waiting = h.session.refresh(); // a caller, before the poller: the quick retry would come after 2.25 s
    await untilEvents(h, 'tokenerror');
    await h.clock.advance(6_999);
    expect(await h.requests()).to.equal(2);
    await h.clock.advance(1);
    await untilRequests(h, 3);
    await untilEvents(h, 'tokenupdate', 2);
    expect(await waiting).to.equal(h.session.token);
  });

  it('gives up on a request that hangs for 30 s, and retries', async () => {
    const h = await signedIn();
    h.gate.hold();
    await h.clock.advance(45_000);
    await untilRequests(h, 2);
    await h.clock.advance(29_999);
    expect(h.of('tokenerror')).to.have.length(0);
    await h.clock.advance(1); // the response is still held: 30 s without an answer
    await untilEvents(h, 'tokenerror');
    expect(h.of('tokenerror')[0].detail.error.code).to.equal('network');
    expect(h.of('tokenerror')[0].detail.willRetry).to.equal(true);
    h.gate.release();
    // Nobody waits: the next try keeps the session's refresh rhythm (45 s here), not a quick retry.
    await h.clock.advance(44_999);
    expect(await h.requests()).to.equal(2);
    await h.clock.advance(1);
    await untilEvents(h, 'tokenupdate', 2);
    expect(await h.requests()).to.equal(3);
  });

  it('never touches the cookie on 5xx, network errors, aborts or bad bodies', async () => {
    const h = await signedIn([{}, { status: 503 }, { drop: true }, { body: 'oops' }]);
    await run(h, 45_000 * 4 + 5_000); // each retry a refresh interval (45 s) after the failure: nobody waits
    expect(h.of('tokenerror').map((event) => event.detail.error.code)).to.deep.equal(['server', 'network', 'invalid-token']);
    await untilEvents(h, 'tokenupdate', 2);
    h.session.dispose();
    expect(removals(h)).to.equal(0);
    expect(tokenWrites(h)).to.have.length(2);
  });
});

describe('explicit refresh()', () => {
  afterEach(disposeAll);

  it('ends a backoff wait and asks the endpoint at once, e.g. to learn of a sign-out', async () => {
    const h = await signedIn([{}, { status: 500 }, { status: 401 }]);
    await h.clock.advance(45_000);
    await untilEvents(h, 'tokenerror');
    expect(await h.session.getToken()).to.be.a('string'); // the stale token, at once
    expect(await h.session.refresh()).to.equal(null);
    expect(await h.requests()).to.equal(3);
    expect(h.session.status).to.equal('signed-out');
  });
});
