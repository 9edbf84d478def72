import { expect } from '@open-wc/testing';
import { createVirtualClock } from '../../src/core/clock.js';
import { createEndpoint } from '../helpers/endpoint.js';
import { disposeAll, eventually, startSession, untilEvents, untilRequests } from '../helpers/harness.js';

// Sessions of one endpoint in one page are tabs: BroadcastChannel reaches every other channel object of
// the name, Web Locks are per origin. No page token (no cookie shared): a new tab has only its siblings.
const crossTab = { channel: undefined, locks: undefined, cookieName: null } as const;

/** BroadcastChannel whose messages arrive 30 ms late, as between tabs in different processes under load. */
const slowChannel = (name: string) => {
  const channel = new BroadcastChannel(name);
  return {
    postMessage: (data: unknown) => channel.postMessage(data),
    close: () => channel.close(),
    addEventListener: (type: string, listener: (event: MessageEvent) => void) =>
      channel.addEventListener(type as 'message', (event) => void setTimeout(() => listener(event), 30)),
  } as unknown as BroadcastChannel;
};

describe('new tabs: the load on the endpoint', () => {
  afterEach(disposeAll);

  it('a second tab takes the live tab\'s token with no request and no wait', async () => {
    const endpoint = createEndpoint();
    const clock = createVirtualClock(1_700_000_000_000);
    const first = await startSession([], crossTab, { endpoint, clock });
    await untilEvents(first, 'tokenupdate');
    const second = await startSession([], crossTab, { endpoint, clock });
    // No virtual time passes: the answer is not a timeout's.
    await untilEvents(second, 'tokenupdate');
    expect(second.of('tokenupdate')[0].detail).to.include({ token: first.session.token, source: 'broadcast' });
    expect(await endpoint.stats()).to.include({ requests: 1 });
  });

  it('a lone tab sends its first request at once, waiting for no answer', async () => {
    const endpoint = createEndpoint();
    const lone = await startSession([], crossTab, { endpoint });
    await untilRequests(lone, 1); // the virtual clock never moves: any wait would hold the request back
    await untilEvents(lone, 'tokenupdate');
    expect(lone.of('tokenupdate')[0].detail.source).to.equal('fetch');
  });

  it('twenty tabs opened in the same instant make one request and hold one token', async () => {
    const endpoint = createEndpoint();
    const clock = createVirtualClock(1_700_000_000_000);
    // Each tab learns of the first tab's token late: the lock passes on before the broadcast arrives.
    const tabs = await Promise.all(Array.from({ length: 20 }, () => startSession([], { ...crossTab, channel: slowChannel }, { endpoint, clock })));
    await eventually(() => tabs.every((tab) => tab.of('tokenupdate').length === 1), 'every tab signed in', 6_000);
    expect(new Set(tabs.map((tab) => tab.session.token)).size).to.equal(1);
    expect(await endpoint.stats()).to.include({ requests: 1 });
  });

  it('a tab whose sibling holds the refresh lock and hangs gets its token within a few seconds', async () => {
    const endpoint = createEndpoint();
    const clock = createVirtualClock(1_700_000_000_000);
    // A frozen tab: it took the refresh lock and never lets go; its request for a token had gone out.
    const late = (await (await fetch(endpoint.url, { method: 'POST' })).json()).jwt as string;
    let thaw!: () => void;
    const frozen = new Promise<void>((resolve) => (thaw = resolve));
    await new Promise<void>((held) => void navigator.locks.request(`session-token:${endpoint.url}`, () => (held(), frozen)).catch(() => {}));
    await clock.advance(2_000);
    const tab = await startSession([], crossTab, { endpoint, clock });
    const token = tab.session.getToken();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await endpoint.stats()).to.include({ requests: 1 }); // only the frozen tab's
    await clock.advance(3_000); // patience, then the lock is taken from the frozen tab
    expect(await token).to.be.a('string');
    // The frozen tab thaws and posts its token, older than the one now held: nothing changes.
    thaw();
    const channel = new BroadcastChannel(`session-token:${endpoint.url}`);
    channel.postMessage({ v: 1, type: 'token', endpoint: endpoint.url, jws: late, ageMs: 5_000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    channel.close();
    expect(tab.of('tokenupdate').map((event) => event.detail.token)).to.deep.equal([await token]);
    expect(await endpoint.stats()).to.include({ requests: 2 });
  });

  it('lets go of its presence as the page starts to leave (Firefox keeps a page that holds a lock out of the back/forward cache), and shows it again if it stayed', async () => {
    const endpoint = createEndpoint();
    const tab = await startSession([], crossTab, { endpoint });
    await untilEvents(tab, 'tokenupdate');
    const shown = async () => (await navigator.locks.query()).held!.some((lock) => lock.name!.startsWith(`session-token:${endpoint.url} `));
    await eventually(shown, 'the presence shown');
    tab.signals.emit('leave');
    await eventually(async () => !(await shown()), 'the presence released');
    await tab.clock.advance(1_000); // still here: the navigation did not happen
    await eventually(shown, 'the presence shown again');
  });
});
