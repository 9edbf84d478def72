// React 19 renders <session-token> with `endpoint` as a property and `ontokenupdate` as a real
// `tokenupdate` listener. Served as one esbuild bundle (test/bundle-plugin.mjs): react is CommonJS.
import { expect } from '@open-wc/testing';
import { useState } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { TokenUpdateEvent } from '../../src/core/events.js';
import '../../src/define.js';
import type { SessionTokenElement } from '../../src/element/session-token.js';
import type {} from '../../src/react.js';
import { createEndpoint } from '../helpers/endpoint.js';
import { eventually } from '../helpers/harness.js';

let calls = 0;

function Session({ endpoint, listen = true }: { endpoint: string; listen?: boolean }) {
  const [sub, setSub] = useState<string | null>(null);
  const onUpdate = (e: TokenUpdateEvent) => {
    calls += 1;
    setSub(e.detail.claims.sub ?? null);
  };
  return (
    <session-token endpoint={endpoint} ontokenupdate={listen ? onUpdate : undefined} onsignedout={() => setSub(null)}>
      {sub && <span>Hello {sub}</span>}
    </session-token>
  );
}

const fakeUpdate = () =>
  new TokenUpdateEvent({ token: 'x', claims: { sub: 'fake', exp: 0, iat: 0 }, expiresAt: 0, source: 'fetch' });

describe('React 19', () => {
  let container: HTMLDivElement;
  let root: Root;
  beforeEach(() => {
    calls = 0;
    container = document.body.appendChild(document.createElement('div'));
    root = createRoot(container);
  });
  afterEach(() => {
    flushSync(() => root.unmount());
    container.remove();
  });

  it('sets endpoint as a property and shows the sub claim after tokenupdate', async () => {
    const endpoint = createEndpoint();
    await endpoint.setDefault({ sub: 'react-user' });
    flushSync(() => root.render(<Session endpoint={endpoint.url} />));
    const el = container.querySelector('session-token')!;
    expect(el.endpoint).to.equal(endpoint.url);
    await eventually(() => container.textContent === 'Hello react-user', 'Hello react-user');
    expect(calls).to.equal(1);
    expect(el.token).to.be.a('string');
  });

  it('removes the listener when the prop goes, and the element on unmount', async () => {
    const endpoint = createEndpoint();
    flushSync(() => root.render(<Session endpoint={endpoint.url} />));
    const el = container.querySelector('session-token') as SessionTokenElement;
    await eventually(() => calls === 1, 'first tokenupdate');

    flushSync(() => root.render(<Session endpoint={endpoint.url} listen={false} />));
    el.dispatchEvent(fakeUpdate());
    expect(calls, 'removeEventListener on prop removal').to.equal(1);

    flushSync(() => root.render(<Session endpoint={endpoint.url} />));
    flushSync(() => root.unmount());
    expect(el.isConnected).to.equal(false);
    expect(container.childElementCount).to.equal(0);
    // The detached element left the shared session: a new token for the endpoint reaches no handler.
    const other = document.createElement('session-token');
    other.endpoint = endpoint.url;
    document.body.append(other);
    await other.refresh();
    other.remove();
    expect(calls).to.equal(1);
    // React 19 does NOT removeEventListener on unmount: the listener stays on the detached node.
    el.dispatchEvent(fakeUpdate());
    expect(calls).to.equal(2);
    root = createRoot(container); // afterEach unmounts again
  });
});
