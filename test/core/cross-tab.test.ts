import { expect } from '@open-wc/testing';
import { createVirtualClock } from '../../src/core/clock.js';
import { createEndpoint } from '../helpers/endpoint.js';
import { createTestCookies, disposeAll, eventually, startSession, untilEvents, type Harness } from '../helpers/harness.js';

// Several sessions of one endpoint in one page behave as tabs: BroadcastChannel delivers to every other
// channel object of the same name, and Web Locks are per origin. They share one virtual clock.
const crossTab = { channel: undefined, locks: undefined } as const;

/**
 * Opens `count` tabs of one endpoint, one after the other, as a user would: the first fetches the token, and
 * the others take it from the cookie it mirrored (the tabs share one cookie jar, as tabs of a site do).
 */
async function openTabs(count: number, options: { locks?: null; visible?: boolean[] } = {}) {
  const endpoint = createEndpoint();
  const clock = createVirtualClock(1_700_000_000_000);
  const cookies = createTestCookies();
  const tabs: Harness[] = [];
  for (let i = 0; i < count; i++) {
    const tab = await startSession([], { ...crossTab, ...(options.locks === null ? { locks: null } : {}) }, { endpoint, clock, cookies });
    tab.signals.setVisible(options.visible?.[i] ?? true);
    tabs.push(tab);
    // Lock grants and broadcasts are real browser tasks: time moves in small steps until the tab holds a token.
    await eventually(async () => {
      await clock.advance(10);
      return tab.of('tokenupdate').length >= 1;
    }, `tab ${i + 1} to hold a token`);
  }
  expect((await endpoint.stats()).requests).to.equal(1);
  expect(tabs.slice(1).map((tab) => tab.of('tokenupdate')[0].detail.source)).to.deep.equal(Array(count - 1).fill('cookie'));
  return { endpoint, clock, tabs };
}

const usable = (tab: Harness) => tab.session.token !== null && tab.session.expiresAt! - tab.clock.now() > 5_000;

describe('cross-tab', () => {
  afterEach(disposeAll);

  // A token lifetime here is what one token serves: 60 s tokens are replaced when they turn stale, 45 s in.
  // In WebKit a tab waiting for the refresh lock is often granted it before the refresher's broadcast reaches
  // it: it sees the newer token the refresher shows (presence.ts) and takes it instead of fetching again.
  it('keeps 5 tabs fresh over 10 token lifetimes with at most one request per lifetime plus one', async () => {
    const { endpoint, clock, tabs } = await openTabs(5);
    // One virtual second at a time, letting real I/O (the fetch, the lock, the broadcast) finish in
    // between, as it would long before the next real second.
    const settled = async () =>
      (await endpoint.stats()).inFlight === 0 &&
      // The refresh lock is free (each tab keeps holding its presence lock, `<name> <iat>`).
      !(await navigator.locks.query()).held!.some((lock) => lock.name === `session-token:${endpoint.url}`) &&
      new Set(tabs.map((tab) => tab.of('tokenupdate').length)).size === 1;
    for (let second = 1; second <= 450; second++) {
      await clock.advance(1_000);
      await eventually(settled, 'the refresh to finish');
      if (second % 5 === 0) {
        await eventually(() => tabs.every(usable), `every tab usable at ${second} s`);
        for (const tab of tabs) expect(await tab.session.getToken()).to.equal(tab.session.token);
      }
    }
    const tokens = new Set(tabs.flatMap((tab) => tab.of('tokenupdate').map((event) => event.detail.token)));
    expect((await endpoint.stats()).requests).to.be.at.most(11);
    for (const tab of tabs) expect(tab.of('tokenupdate')).to.have.length(tokens.size);
    // Whichever tab refreshed, each token was fetched once and reached the others by broadcast.
    const fetched = tabs.flatMap((tab) => tab.of('tokenupdate').filter((event) => event.detail.source === 'fetch'));
    expect(fetched).to.have.length(tokens.size);
  });

  it('lets the visible tab refresh; hidden tabs adopt its token', async () => {
    const { endpoint, clock, tabs } = await openTabs(3, { visible: [false, true, false] });
    for (let i = 0; i < 3; i++) {
      await clock.advance(46_000);
      await eventually(() => tabs.every((tab) => tab.of('tokenupdate').length === i + 2), 'the new token everywhere');
    }
    expect((await endpoint.stats()).requests).to.equal(4);
    for (const tab of [tabs[0], tabs[2]]) {
      expect(tab.of('tokenupdate').slice(1).map((event) => event.detail.source)).to.deep.equal(['broadcast', 'broadcast', 'broadcast']);
    }
  });

  it('signs every tab out when one learns the session is gone', async () => {
    const { endpoint, tabs } = await openTabs(3);
    await endpoint.script([{ status: 401 }]);
    expect(await tabs[1].session.refresh()).to.equal(null);
    await eventually(() => tabs.every((tab) => tab.session.status === 'signed-out'), 'every tab signed out');
    expect(tabs[1].of('signedout')[0].detail.reason).to.equal('unauthorized');
    for (const tab of [tabs[0], tabs[2]]) {
      expect(tab.of('signedout')[0].detail.reason).to.equal('broadcast');
      expect(await tab.session.getToken()).to.equal(null);
    }
  });

  it('ignores malformed messages, older tokens and tokens of another session', async () => {
    const { endpoint, tabs } = await openTabs(1);
    const [tab] = tabs;
    const held = tab.session.token;
    // Older: minted 30 s before the held one (an earlier iat), and living long enough to look fresher here.
    await endpoint.script([{ sid: 'someone-else' }, { iatOffset: -30, lifetime: 600 }, {}]);
    const other = (await (await fetch(endpoint.url, { method: 'POST' })).json()).jwt;
    const older = (await (await fetch(endpoint.url, { method: 'POST' })).json()).jwt;
    const newer = (await (await fetch(endpoint.url, { method: 'POST' })).json()).jwt;
    await tab.clock.advance(1_000); // the newer token is received a second later than the held one
    const channel = new BroadcastChannel(`session-token:${endpoint.url}`);
    for (const message of [
      'garbage', { v: 1 }, { v: 1, type: 'token', endpoint: endpoint.url, jws: 'not.a.jwt', ageMs: 0 },
      { v: 1, type: 'token', endpoint: endpoint.url, jws: other, ageMs: 0 },
      { v: 1, type: 'token', endpoint: endpoint.url, jws: older, ageMs: 0 },
      { v: 1, type: 'signout', endpoint: 'https://elsewhere.test/token' },
    ]) channel.postMessage(message);
    // A well-formed newer token posted last shows the channel works: everything before it was ignored.
    channel.postMessage({ v: 1, type: 'token', endpoint: endpoint.url, jws: newer, ageMs: 0 });
    await untilEvents(tab, 'tokenupdate', 2);
    channel.close();
    expect(tab.of('tokenupdate').map((event) => event.detail.token)).to.deep.equal([held, newer]);
    expect(tab.session.status).to.equal('signed-in');
  });

  it('stays correct without Web Locks: every tab keeps a usable token', async () => {
    const { endpoint, clock, tabs } = await openTabs(3, { locks: null });
    // Virtual time must not outrun the real requests: a refresh still in flight keeps the poller asleep.
    for (let step = 0; step < 120; step++) {
      await clock.advance(1_000);
      await eventually(async () => (await endpoint.stats()).inFlight === 0, 'the refreshes to finish');
      await eventually(() => tabs.every(usable), 'every tab usable');
    }
    expect(tabs.every((tab) => tab.of('tokenerror').length === 0)).to.equal(true);
  });
});
