import { expect } from '@open-wc/testing';
import { createVirtualClock } from '../../src/core/clock.js';
import { createEndpoint } from '../helpers/endpoint.js';
import { disposeAll, startSession, untilEvents } from '../helpers/harness.js';

/**
 * Web Locks as a race can leave them: a grant already queued when the run gave up waiting, so the
 * callback still runs after the abort. `grant()` lets the test choose the moment.
 */
function racyLocks() {
  const queued: Array<() => void> = [];
  const locks = {
    request: (_name: string, _options: object, callback: (lock: object) => Promise<unknown>) =>
      new Promise((resolve, reject) => queued.push(() => void Promise.resolve({}).then(callback).then(resolve, reject))),
    query: async () => ({ held: [], pending: [] }),
  };
  return { locks: locks as unknown as LockManager, grant: () => queued.splice(0).forEach((go) => go()) };
}

describe('a cancelled run sends nothing', () => {
  afterEach(disposeAll);

  it('drops its request when another tab\'s token arrived while it waited for the lock', async () => {
    const endpoint = createEndpoint();
    const { locks, grant } = racyLocks();
    const h = await startSession([], { channel: undefined, locks }, { endpoint, clock: createVirtualClock(1_700_000_000_000) });
    h.session.getToken().catch(() => {}); // the run starts, and waits for the lock
    await new Promise((resolve) => setTimeout(resolve, 20));
    const jws = (await (await fetch(endpoint.url, { method: 'POST' })).json()).jwt;
    const channel = new BroadcastChannel(`session-token:${endpoint.url}`);
    channel.postMessage({ v: 1, type: 'token', endpoint: endpoint.url, jws, ageMs: 0 });
    await untilEvents(h, 'tokenupdate');
    channel.close();
    grant(); // the grant that was already on its way
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await endpoint.stats()).to.include({ requests: 1 }); // the test's own
  });
});
