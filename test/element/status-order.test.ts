import { expect, fixture } from '@open-wc/testing';
import '../../src/define.js';
import type { SessionTokenElement } from '../../src/element/session-token.js';
import { createEndpoint } from '../helpers/endpoint.js';
import { eventually } from '../helpers/harness.js';

// The element brings its `status` attribute up to date BEFORE it re-dispatches a session event: a listener
// (or CSS keyed on session-token[status=…], or a CMS template reading the attribute) sees the new status.
type Seen = { type: string; attribute: string | null; property: string; announced?: string };

describe('<session-token> status inside its own events', () => {
  it('reads the new status, as attribute and property, in statuschange, tokenupdate and signedout listeners', async () => {
    const endpoint = createEndpoint();
    await endpoint.script([{ delayMs: 100 }]);
    const seen: Seen[] = [];
    const types = ['statuschange', 'tokenupdate', 'signedout'] as const;
    const listen = (event: Event) => {
      const el = event.target as SessionTokenElement;
      const announced = event.type === 'statuschange' ? (event as CustomEvent<{ status: string }>).detail.status : undefined;
      seen.push({ type: event.type, attribute: el.getAttribute('status'), property: el.status, ...(announced ? { announced } : {}) });
    };
    // On the element's parent, so every event from the moment it is connected is seen.
    const wrapper = await fixture<HTMLDivElement>('<div></div>');
    types.forEach((type) => wrapper.addEventListener(type, listen));
    const el = Object.assign(document.createElement('session-token'), { endpoint: endpoint.url });
    wrapper.append(el);
    await eventually(() => seen.some((event) => event.type === 'tokenupdate'), 'a token');
    await endpoint.script([{ status: 401 }]);
    expect(await el.refresh()).to.equal(null);
    await eventually(() => seen.some((event) => event.type === 'signedout'), 'the sign-out');

    const signedIn = { attribute: 'signed-in', property: 'signed-in' };
    const signedOut = { attribute: 'signed-out', property: 'signed-out' };
    expect(seen.filter((event) => event.type === 'tokenupdate')).to.deep.equal([{ type: 'tokenupdate', ...signedIn }]);
    expect(seen.filter((event) => event.type === 'signedout')).to.deep.equal([{ type: 'signedout', ...signedOut }]);
    const changes = seen.filter((event) => event.type === 'statuschange');
    expect(changes.map((event) => event.announced)).to.include.members(['signed-in', 'signed-out']);
    for (const change of changes) expect(change, 'a statuschange listener').to.include({ attribute: change.announced, property: change.announced });
  });
});
