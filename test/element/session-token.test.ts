import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import type { SessionTokenElement } from '../../src/element/session-token.js';
import { createEndpoint, type Endpoint } from '../helpers/endpoint.js';
import { createApi } from '../helpers/api.js';
import { eventually } from '../helpers/harness.js';
import { firstEvent } from '../helpers/events.js';

async function connected(endpoint: Endpoint, attributes = ''): Promise<SessionTokenElement> {
  const wrapper = await fixture<HTMLDivElement>(`<div><session-token endpoint="${endpoint.url}" ${attributes}>
      <span slot="signed-in">Welcome back</span><span slot="signed-out">Please sign in</span><span>always</span>
    </session-token></div>`);
  return wrapper.querySelector('session-token')!;
}

/** Which light-DOM children are rendered (assigned to a slot that exists). */
const shown = (el: SessionTokenElement) =>
  [...el.children].filter((child) => (child as HTMLElement).assignedSlot).map((child) => child.textContent);

describe('<session-token>', () => {
  it('reflects attributes to properties and back', async () => {
    const el = await fixture<SessionTokenElement>(html`<session-token refresh-threshold="20" cookie-name="sess"></session-token>`);
    expect(el.refreshThreshold).to.equal(20);
    expect(el.cookieName).to.equal('sess');
    el.refreshThreshold = 30;
    await el.updateComplete;
    expect(el.getAttribute('refresh-threshold')).to.equal('30');
  });

  it('fetches a token, reflects status="signed-in" and exposes token, claims and expiresAt', async () => {
    const endpoint = createEndpoint();
    const el = await connected(endpoint);
    const { detail } = await firstEvent(el, 'tokenupdate');
    await el.updateComplete;
    expect(el.getAttribute('status')).to.equal('signed-in');
    expect(el.status).to.equal('signed-in');
    expect(el.token).to.equal(detail.token);
    expect(el.claims?.sub).to.equal('user-1');
    expect(el.expiresAt).to.be.closeTo(Date.now() + 60_000, 2_000);
    expect(detail.source).to.equal('fetch');
    expect(await el.getToken()).to.equal(detail.token);
  });

  it('shares one session, one request, between elements with the same endpoint', async () => {
    const endpoint = createEndpoint();
    await endpoint.setDefault({ delayMs: 100 });
    const wrapper = await fixture<HTMLDivElement>(`<div>
      <session-token endpoint="${endpoint.url}"></session-token>
      <session-token endpoint="${new URL(endpoint.url).pathname}"></session-token></div>`);
    const [a, b] = wrapper.querySelectorAll('session-token');
    const [ta, tb] = await Promise.all([a.getToken(), b.getToken()]);
    expect(ta).to.equal(tb);
    expect((await endpoint.stats()).requests).to.equal(1);
  });

  it('shows the signed-in slot only while signed in, and the signed-out slot only when signed out', async () => {
    const endpoint = createEndpoint();
    await endpoint.script([{ delayMs: 200 }]);
    const el = await connected(endpoint);
    expect(el.status).to.equal('loading');
    expect(el.getAttribute('status'), 'the attribute, for session-token[status="loading"]').to.equal('loading');
    expect(shown(el)).to.deep.equal(['always']);
    await firstEvent(el, 'tokenupdate');
    await el.updateComplete;
    expect(shown(el)).to.deep.equal(['Welcome back', 'always']);
    await endpoint.script([{ status: 401 }]);
    await el.refresh();
    expect(el.getAttribute('status')).to.equal('signed-out'); // already, for code right after refresh()
    await el.updateComplete;
    expect(shown(el)).to.deep.equal(['Please sign in', 'always']);
  });

  it('renders nothing visible without slotted content', async () => {
    // The element is display: contents (its own box is always 0 high): what it renders takes room in its parent.
    const wrapper = await fixture<HTMLDivElement>(`<div><session-token endpoint="${createEndpoint().url}"></session-token></div>`);
    const el = wrapper.querySelector('session-token')!;
    await eventually(() => el.status === 'signed-in', 'signed in');
    await el.updateComplete;
    // Defined and rendered (an undefined element is 0 high too): its slots exist.
    expect(el.shadowRoot?.querySelectorAll('slot').length).to.be.above(0);
    expect(wrapper.getBoundingClientRect().height).to.equal(0);
    // The control: the same element with slotted content takes room.
    el.append(Object.assign(document.createElement('span'), { slot: 'signed-in', textContent: 'Welcome back' }));
    await el.updateComplete;
    expect(wrapper.getBoundingClientRect().height, 'with slotted content').to.be.above(0);
  });

  it('dispatches its events bubbling and composed, so document listeners see them', async () => {
    const endpoint = createEndpoint();
    await endpoint.script([{}, { status: 500 }, { status: 401 }]);
    const seen: string[] = [];
    const listen = (event: Event) => seen.push(`${event.type}:${event.bubbles}:${event.composed}`);
    const types = ['tokenupdate', 'tokenerror', 'signedout'] as const;
    types.forEach((type) => document.addEventListener(type, listen));
    try {
      const el = await connected(endpoint);
      await firstEvent(el, 'tokenupdate');
      // refresh() waits through the 500's quick retry; a second refresh() ends that wait at once, and the retry learns of the sign-out.
      const refreshed = el.refresh();
      await firstEvent(el, 'tokenerror');
      void el.refresh();
      expect(await refreshed).to.equal(null);
      expect(seen).to.deep.equal(['tokenupdate:true:true', 'tokenerror:true:true', 'signedout:true:true']);
    } finally {
      types.forEach((type) => document.removeEventListener(type, listen));
    }
  });

  it('reports an endpoint that is not an http(s) URL as status="error" and tokenerror invalid-config, without throwing', async () => {
    const el = document.createElement('session-token');
    el.setAttribute('endpoint', 'javascript:alert(1)');
    const error = oneEvent(el, 'tokenerror');
    document.body.append(el);
    const { detail } = await error;
    await el.updateComplete;
    expect(detail.error.code).to.equal('invalid-config');
    expect(detail.willRetry).to.equal(false);
    expect(el.getAttribute('status')).to.equal('error');
    const rejected = await el.getToken().catch((e) => e);
    expect(rejected).to.equal(detail.error);
    el.remove();
  });

  it('aborts its request when the last element is removed, and starts afresh when connected again', async () => {
    const endpoint = createEndpoint();
    await endpoint.script([{ delayMs: 1_000 }]);
    const el = await connected(endpoint);
    await eventually(async () => (await endpoint.stats()).requests === 1, 'the request');
    el.remove();
    await eventually(async () => (await endpoint.stats()).log[0]?.aborted === true, 'the abort to reach the server');
    // The session was released and disposed: connected again, the element gets a new one.
    document.body.append(el);
    expect(el.status).to.equal('loading');
    await firstEvent(el, 'tokenupdate');
    expect((await endpoint.stats()).requests).to.equal(2);
    el.remove();
  });

  it('emits nothing once removed, while another element goes on with the same session', async () => {
    const endpoint = createEndpoint();
    const wrapper = await fixture<HTMLDivElement>(`<div><session-token endpoint="${endpoint.url}"></session-token>
      <session-token endpoint="${endpoint.url}"></session-token></div>`);
    const [kept, removed] = wrapper.querySelectorAll('session-token');
    await eventually(() => removed.token !== null, 'a token');
    let heard = 0;
    removed.addEventListener('tokenupdate', () => heard++);
    removed.remove();
    await kept.refresh();
    expect(heard).to.equal(0);
    expect(removed.token).to.equal(null);
    wrapper.remove();
  });

  it('keeps its session and token when moved in the DOM: no new request', async () => {
    const endpoint = createEndpoint();
    const el = await connected(endpoint);
    const { detail } = await firstEvent(el, 'tokenupdate');
    const elsewhere = await fixture<HTMLDivElement>('<div></div>');
    elsewhere.append(el);
    expect(await el.getToken()).to.equal(detail.token);
    expect((await endpoint.stats()).requests).to.equal(1);
  });

  it('mirrors the token into the cookie named by cookie-name', async () => {
    const endpoint = createEndpoint();
    const el = await connected(endpoint, 'cookie-name="st_test"');
    const { detail } = await firstEvent(el, 'tokenupdate');
    expect(document.cookie).to.contain(`st_test=${detail.token}`);
    el.remove();
    document.cookie = 'st_test=; Path=/; Max-Age=0';
  });

  it('fetch() calls an API with its bearer token', async () => {
    const el = await connected(createEndpoint());
    const { detail } = await firstEvent(el, 'tokenupdate');
    const api = createApi();
    expect((await el.fetch(api.url())).status).to.equal(200);
    expect((await api.log())[0].authorization).to.equal(`Bearer ${detail.token}`);
  });
});
