import { expect } from '@open-wc/testing';
import type { BackoffSchedule } from '../../src/core/backoff.js';
import { createVirtualClock, type VirtualClock } from '../../src/core/clock.js';
import { parseToken } from '../../src/core/token.js';
import { createEndpoint } from '../helpers/endpoint.js';
import { createTestSignals, disposeAll, eventually, startSession, untilEvents, untilRequests, type Harness, type TestSignals } from '../helpers/harness.js';

// Promises the README makes that a plausible one-line bug would break with every other test still green.

/** A schedule of whole seconds, so that each retry lands on a tick: 1 s, 2 s, 4 s, then a cool-down. */
const schedule: BackoffSchedule = { firstDelayMs: 1_000, factor: 2, maxRetries: 3, jitter: 0, cooldownMs: 60_000 };

/**
 * The network as the page sees it: each request is logged at its virtual time; while the browser is offline it
 * fails as fetch() fails, and the first `drops` requests made online lose the connection again (the browser
 * goes offline while they are under way). Otherwise the real endpoint answers.
 */
function flakyNetwork(clock: VirtualClock, signals: TestSignals, drops: number) {
  const sent: Array<{ at: number; online: boolean }> = [];
  const fetchOver: typeof fetch = async (input, init) => {
    const online = signals.isOnline() && drops-- <= 0;
    sent.push({ at: clock.now(), online });
    if (!online) {
      signals.setOnline(false);
      throw new TypeError('Failed to fetch');
    }
    return fetch(input, init);
  };
  return { fetch: fetchOver, sent };
}

/**
 * Moves virtual time on a quarter second at a time; before each tick, every request sent so far has been
 * answered and its answer told (one tokenerror or tokenupdate each), so no real delay shifts a retry.
 */
async function run(h: Harness, ms: number, sent: unknown[]) {
  const told = () => h.of('tokenerror').length + h.of('tokenupdate').length >= sent.length;
  for (let elapsed = 0; elapsed < ms; elapsed += 250) {
    await eventually(told, 'the answer to the request under way');
    await h.clock.advance(250);
  }
}

describe('promises: offline spells spend no retry budget', () => {
  afterEach(disposeAll);

  it('after three offline failures, 500s still get the whole quick-retry schedule: at 0, +1 s, +2 s, +4 s', async () => {
    const clock = createVirtualClock(0);
    const signals = createTestSignals();
    signals.setOnline(false);
    const network = flakyNetwork(clock, signals, 2);
    const h = await startSession([{ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 }], { backoff: schedule, fetch: network.fetch }, { clock, signals });
    for (let failure = 1; failure <= 3; failure++) {
      await untilEvents(h, 'tokenerror', failure);
      expect(h.of('tokenerror')[failure - 1].detail.error.code).to.equal('offline');
      await clock.advance(1_000);
      signals.setOnline(true); // back online: the run tries again at once (the first two times the connection drops again)
    }
    await untilRequests(h, 1); // the first request that reached the endpoint
    await run(h, 12_000, network.sent);
    expect(network.sent.filter((request) => !request.online).map((request) => request.at)).to.deep.equal([0, 1_000, 2_000]);
    expect(network.sent.filter((request) => request.online).map((request) => request.at)).to.deep.equal([3_000, 4_000, 6_000, 10_000]);
    expect(h.of('tokenerror').map((event) => event.detail.willRetry)).to.deep.equal([true, true, true, true, true, true, true]);
  });
});

describe('promises: initial-token', () => {
  afterEach(disposeAll);

  it('counts a server-rendered token\'s life from the navigation start: 50 s ago with 60 s gives 10 s left, and a refresh at once', async () => {
    const mint = createEndpoint();
    const initialToken = ((await (await fetch(mint.url, { method: 'POST' })).json()) as { jwt: string }).jwt;
    const clock = createVirtualClock(1_700_000_000_000);
    const h = await startSession([], { initialToken, pageStart: clock.now() - 50_000 }, { clock });
    const first = await h.session.getToken();
    expect(first).to.equal(initialToken);
    expect(h.session.expiresAt).to.equal(clock.now() + 10_000);
    expect(h.of('tokenupdate')[0].detail).to.include({ source: 'initial', expiresAt: clock.now() + 10_000 });
    // Stale already (10 s ≤ the 15 s threshold): served, and refreshed with no time passing.
    await untilRequests(h, 1);
    await untilEvents(h, 'tokenupdate', 2);
    expect(h.of('tokenupdate')[1].detail.source).to.equal('fetch');
    expect(h.of('tokenupdate')[1].at).to.equal(1_700_000_000_000);
  });
});

describe('promises: monotonic tokens', () => {
  afterEach(disposeAll);

  it('ignores an older token of the same session (an earlier iat) that another tab offers, every time', async () => {
    const h = await startSession([], { channel: undefined, locks: undefined });
    await untilEvents(h, 'tokenupdate');
    const held = h.session.token!;
    // Minted 30 s before the held one, living long enough to look fresher on this clock: only its iat says it is older.
    await h.endpoint.script([{ iatOffset: -30, lifetime: 600 }, {}]);
    const mint = async () => ((await (await fetch(h.endpoint.url, { method: 'POST' })).json()) as { jwt: string }).jwt;
    const older = await mint();
    const newer = await mint();
    expect(parseToken(older, 0).claims.iat).to.be.below(parseToken(held, 0).claims.iat);
    expect(parseToken(older, 0).claims).to.include({ sid: parseToken(held, 0).claims.sid, sub: parseToken(held, 0).claims.sub });
    await h.clock.advance(1_000);
    const channel = new BroadcastChannel(`session-token:${h.endpoint.url}`);
    channel.postMessage({ v: 1, type: 'token', endpoint: h.endpoint.url, jws: older, ageMs: 0 });
    // Posted after the older one, so it arrives after it: once it is adopted the older one was seen and refused.
    channel.postMessage({ v: 1, type: 'token', endpoint: h.endpoint.url, jws: newer, ageMs: 0 });
    await untilEvents(h, 'tokenupdate', 2);
    channel.close();
    expect(h.of('tokenupdate').map((event) => event.detail.token)).to.deep.equal([held, newer]);
  });
});
