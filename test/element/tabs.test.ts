import { expect, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import { createEndpoint, type Endpoint } from '../helpers/endpoint.js';
import { eventually } from '../helpers/harness.js';

// Real tabs: same-origin iframes, each its own page running dist/session-token.js from a script tag.
function openTab(endpoint: Endpoint, { withoutWebLocks = false } = {}): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  const removeLocks = withoutWebLocks ? `<script>Object.defineProperty(navigator, 'locks', { value: undefined })</script>` : '';
  frame.srcdoc = `${removeLocks}<script src="/dist/session-token.js" data-endpoint="${endpoint.url}"></script>`;
  document.body.append(frame);
  return frame;
}

const tokenUpdates = (frame: HTMLIFrameElement) =>
  new Promise<CustomEvent>((resolve) => {
    frame.addEventListener('load', () => frame.contentDocument!.addEventListener('tokenupdate', (e) => resolve(e as CustomEvent), { once: true }), { once: true });
  });

describe('tabs (iframes)', () => {
  it('a new tab takes the token of an open tab, with no request to the endpoint', async () => {
    const endpoint = createEndpoint();
    const el = document.createElement('session-token');
    el.setAttribute('endpoint', endpoint.url);
    const first = oneEvent(el, 'tokenupdate');
    document.body.append(el);
    const held = (await first).detail.token;

    const frame = openTab(endpoint);
    const { detail } = await tokenUpdates(frame);
    expect(detail.token).to.equal(held);
    expect(detail.source).to.equal('broadcast');
    expect((await endpoint.stats()).requests).to.equal(1);
    frame.remove();
    el.remove();
  });

  it('works without Web Locks: tabs share tokens and sign out together', async () => {
    const endpoint = createEndpoint();
    const first = openTab(endpoint, { withoutWebLocks: true });
    const firstUpdate = await tokenUpdates(first);
    expect(first.contentWindow!.navigator.locks).to.equal(undefined);
    const second = openTab(endpoint, { withoutWebLocks: true });
    const secondUpdate = await tokenUpdates(second);
    expect(secondUpdate.detail.token).to.equal(firstUpdate.detail.token);
    expect((await endpoint.stats()).requests).to.equal(1);

    await endpoint.script([{ status: 401 }]);
    const signedOut = new Promise((resolve) => second.contentDocument!.addEventListener('signedout', resolve, { once: true }));
    expect(await (first.contentWindow as Window).SessionToken.getToken({ skipCache: true })).to.equal(null);
    await signedOut;
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
    await new Promise((resolve) => setTimeout(resolve, 200)); // this tab asks, then waits for the lock
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
