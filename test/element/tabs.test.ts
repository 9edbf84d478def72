import { expect, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import { createEndpoint, type Endpoint } from '../helpers/endpoint.js';
import { eventually } from '../helpers/harness.js';

// Real tabs: same-origin iframes, each its own page running dist/session-token.js from a script tag.
// Each records its session events from before the bundle runs (its first token may come at once).
function openTab(endpoint: Endpoint, { withoutWebLocks = false, cookieName = '' } = {}): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  const removeLocks = withoutWebLocks ? `<script>Object.defineProperty(navigator, 'locks', { value: undefined })</script>` : '';
  const record = `<script>window.seen = []; for (const type of ['tokenupdate', 'signedout']) document.addEventListener(type, (e) => seen.push({ type, ...e.detail }));</script>`;
  const cookie = cookieName ? ` data-cookie-name="${cookieName}"` : '';
  frame.srcdoc = `${removeLocks}${record}<script src="/dist/session-token.js" data-endpoint="${endpoint.url}"${cookie}></script>`;
  document.body.append(frame);
  return frame;
}

type Seen = { type: string; token?: string; source?: string; reason?: string };
const seenIn = (frame: HTMLIFrameElement): Seen[] => (frame.contentWindow as Window & { seen?: Seen[] })?.seen ?? [];
const updatesIn = (frame: HTMLIFrameElement) => seenIn(frame).filter((event) => event.type === 'tokenupdate');

describe('tabs (iframes)', () => {
  it('a new page with cookie-name takes the token another page mirrored, with no request', async () => {
    const endpoint = createEndpoint();
    const cookieName = `st_tabs_${endpoint.name.slice(3, 11)}`;
    const first = openTab(endpoint, { cookieName });
    await eventually(() => updatesIn(first).length === 1, 'the first page to fetch its token');
    const second = openTab(endpoint, { cookieName });
    await eventually(() => updatesIn(second).length === 1, 'the second page to adopt the mirrored token');
    expect(updatesIn(second)[0]).to.include({ token: updatesIn(first)[0].token, source: 'cookie' });
    expect((await endpoint.stats()).requests).to.equal(1);
    first.remove();
    second.remove();
    document.cookie = `${cookieName}=; Path=/; Max-Age=0`;
    document.cookie = `${cookieName}-at=; Path=/; Max-Age=0`;
  });

  it('works without Web Locks: tabs share a refreshed token and sign out together', async () => {
    const endpoint = createEndpoint();
    const first = openTab(endpoint, { withoutWebLocks: true });
    const second = openTab(endpoint, { withoutWebLocks: true });
    // Opened together with no lock, both may fetch, and either may then take the other's newer token:
    // wait until they agree and nothing is in flight (else a late first token could answer the refresh below).
    const latest = (frame: HTMLIFrameElement) => updatesIn(frame).at(-1)?.token;
    await eventually(async () => latest(first) !== undefined && latest(first) === latest(second) && (await endpoint.stats()).inFlight === 0, 'both tabs to hold the same token');
    expect(first.contentWindow!.navigator.locks).to.equal(undefined);

    const refreshed = await (first.contentWindow as Window).SessionToken.getToken({ skipCache: true });
    await eventually(() => updatesIn(second).some((update) => update.token === refreshed), 'the second tab to adopt the refreshed token');
    expect(updatesIn(second).find((update) => update.token === refreshed)).to.include({ source: 'broadcast' });
    expect((await endpoint.stats()).requests).to.be.at.most(3);

    await endpoint.script([{ status: 401 }]);
    expect(await (first.contentWindow as Window).SessionToken.getToken({ skipCache: true })).to.equal(null);
    await eventually(() => seenIn(second).some((event) => event.type === 'signedout'), 'the second tab to sign out');
    expect(await (second.contentWindow as Window).SessionToken.getToken()).to.equal(null);
    first.remove();
    second.remove();
  });

  it('another tab takes over when the tab holding the refresh lock closes mid-request', async () => {
    const endpoint = createEndpoint();
    await endpoint.script([{ delayMs: 5_000 }]);
    const frame = openTab(endpoint);
    await eventually(async () => (await endpoint.stats()).requests === 1, 'the first tab to start its request');

    const el = document.createElement('session-token');
    el.setAttribute('endpoint', endpoint.url);
    const update = oneEvent(el, 'tokenupdate');
    document.body.append(el);
    // This tab waits for the lock the first tab holds (whatever the lock is named, it names the endpoint).
    await eventually(async () => ((await navigator.locks.query()).pending ?? []).some((lock) => lock.name?.includes(endpoint.url)), 'this tab to wait for the lock');
    expect((await endpoint.stats()).requests).to.equal(1);

    const closedAt = performance.now();
    frame.remove();
    const { detail } = await update;
    expect(performance.now() - closedAt).to.be.below(2_000);
    expect(detail.source).to.equal('fetch');
    const stats = await endpoint.stats();
    expect(stats.requests).to.equal(2);
    expect(stats.log[0].aborted).to.equal(true);
    el.remove();
  });
});
